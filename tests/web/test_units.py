"""The web UI's pure helpers: formatting, plurals, URL state, highlights, histogram."""

from __future__ import annotations

import pytest
from pydantic import ValidationError
from starlette.datastructures import QueryParams

from web.formatting import date_range_label, format_date, format_event, web_url
from web.highlighting import marked, paragraphs
from web.histogram import bucket_bounds, build_histogram
from web.i18n import STRINGS, Translator
from web.state import SearchState, canonical

AR, EN = Translator("ar"), Translator("en")


@pytest.mark.parametrize(
    ("value", "precision", "arabic", "english"),
    [
        ("2015-07-21", "day", "21 يوليو 2015", "21 July 2015"),
        ("2015-07-01", "month", "يوليو 2015", "July 2015"),
        ("2015-01-01", "year", "2015", "2015"),
        ("2015-07", "month", "يوليو 2015", "July 2015"),
        (None, "day", "تاريخ غير معروف", "Date unknown"),
        ("2015-07-21", "unknown", "تاريخ غير معروف", "Date unknown"),
    ],
)
def test_dates_follow_their_precision(
    value: str | None, precision: str, arabic: str, english: str
) -> None:
    assert format_date(value, precision, AR) == arabic
    assert format_date(value, precision, EN) == english


def test_event_dates() -> None:
    assert format_event({"date": "2015-08-18", "end": "2015-08-19", "precision": "day"}, AR) == (
        "18 أغسطس 2015 – 19 أغسطس 2015"
    )
    no_year = {"date": None, "precision": "day_no_year", "day": 12, "month": 11,
               "end_day": 13, "end_month": 11}  # fmt: skip
    assert format_event(no_year, AR) == "12–13 نوفمبر (دون سنة)"
    assert date_range_label("2015", "2017-03", AR) == "2015 – مارس 2017"
    assert date_range_label("2015", None, EN) == "Since 2015"


@pytest.mark.parametrize(
    ("n", "arabic", "english"),
    [
        (0, "لا مقالات", "0 articles"),
        (1, "مقال واحد", "1 article"),
        (2, "مقالان", "2 articles"),
        (7, "7 مقالات", "7 articles"),
        (11, "11 مقالًا", "11 articles"),
        (100, "100 مقال", "100 articles"),
        (1203, "1,203 مقالات", "1,203 articles"),
    ],
)
def test_plurals(n: int, arabic: str, english: str) -> None:
    assert AR.count("article", n) == arabic
    assert EN.count("article", n) == english


def test_every_string_has_both_languages() -> None:
    assert all(ar and en for ar, en in STRINGS.values())


def test_state_round_trip_and_changes() -> None:
    query = QueryParams("q=داعش&country=sy&country=MA&page=3&collapse=none&lang=en")
    state = SearchState.from_query(query)
    assert state.selected("country") == ("MA", "SY")
    assert state.href() == (
        "/?q=%D8%AF%D8%A7%D8%B9%D8%B4&country=MA&country=SY&collapse=none&page=3&lang=en"
    )
    assert state.removing("country", "SY").href() == (
        "/?q=%D8%AF%D8%A7%D8%B9%D8%B4&country=MA&collapse=none&lang=en"
    )  # any change but paging goes back to page 1
    assert state.toggling("org", "isis").selected("org") == ("isis",)
    assert state.without_filters().href() == "/?q=%D8%AF%D8%A7%D8%B9%D8%B4&collapse=none&lang=en"
    assert state.collapsing(True).with_dates("2015", "2015").href() == (
        "/?q=%D8%AF%D8%A7%D8%B9%D8%B4&country=MA&country=SY&date_from=2015&date_to=2015&lang=en"
    )
    params = state.to_params()
    assert params.collapse is None and params.page == 3 and params.country == ["MA", "SY"]
    assert SearchState().to_params().collapse == "story"


def test_state_rejects_what_the_api_rejects() -> None:
    for query in ("date_from=2015-13", "page=0", "size=1000", "country=Morocco"):
        with pytest.raises(ValidationError):
            SearchState.from_query(QueryParams(query))


def test_canonical_drops_empty_fields() -> None:
    assert canonical(QueryParams("q=&country=MA&date_from=")) == "/?country=MA"
    assert canonical(QueryParams("q=&date_from=")) == "/"
    assert canonical(QueryParams("country=MA")) is None


def test_only_mark_tags_pass_as_markup() -> None:
    assert marked("a <mark>b</mark> &lt;i&gt;") == "a <mark>b</mark> &lt;i&gt;"
    assert marked("<mark>b</mark><img src=x>") == "b&lt;img src=x&gt;"
    assert paragraphs("<b>one</b>\n\n two ") == ["&lt;b&gt;one&lt;/b&gt;", "two"]


def test_web_url_only_for_http() -> None:
    assert web_url("https://example.ma/a.html") == "https://example.ma/a.html"
    assert web_url("javascript:alert(1)") is None
    assert web_url(None) is None


def test_histogram_runs_in_reading_direction() -> None:
    facet = {
        "interval": "year",
        "buckets": [
            {"from": "2014-01-01", "to": "2014-12-31", "count": 2},
            {"from": "2015-01-01", "to": "2015-12-31", "count": 0},
            {"from": "2016-01-01", "to": "2016-12-31", "count": 4},
        ],
    }
    arabic = build_histogram(facet, SearchState(), AR)
    english = build_histogram(facet, SearchState(lang="en"), EN)
    assert arabic.bars[0].x > arabic.bars[2].x  # the oldest year on the right
    assert english.bars[0].x < english.bars[2].x
    assert arabic.bars[1].href is None  # nothing to narrow to
    assert arabic.bars[2].href == "/?date_from=2016&date_to=2016"
    assert arabic.bars[2].height == arabic.plot_height
    assert arabic.bars[0].label == "2014: مقالان"
    assert bucket_bounds({"from": "2015-07-01", "to": "2015-07-31"}, "month") == (
        "2015-07",
        "2015-07",
    )
    assert build_histogram({"interval": "year", "buckets": []}, SearchState(), AR) is None

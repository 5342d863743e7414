"""Dates: publication metadata, datelines, event dates in Arabic news text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from indexer.extract.dates import (
    DateMention,
    PartialDate,
    find_dates,
    parse_publication_date,
    publication_date_from_text,
)

PUB = PartialDate(2015, 7, 21)  # a Tuesday


def only(text: str, published: PartialDate | None = None) -> DateMention:
    mentions = find_dates(text, published=published)
    assert len(mentions) == 1, mentions
    return mentions[0]


def isos(text: str, published: PartialDate | None = PUB) -> list[tuple[str | None, str | None]]:
    return [
        (m.start.iso, None if m.end is None else m.end.iso)
        for m in find_dates(text, published=published)
    ]


# --- PartialDate -------------------------------------------------------------


@pytest.mark.parametrize(
    ("date", "precision", "iso"),
    [
        (PartialDate(2015, 7, 21), "day", "2015-07-21"),
        (PartialDate(2015, 7), "month", "2015-07"),
        (PartialDate(2015), "year", "2015"),
        (PartialDate(None, 7, 8), "day_no_year", None),
        (PartialDate(None, 7), "month_no_year", None),
    ],
)
def test_partial_date_precision_and_iso(date: PartialDate, precision: str, iso: str | None):
    assert date.precision == precision
    assert date.iso == iso


@pytest.mark.parametrize(
    ("year", "month", "day"),
    [
        (None, None, None),
        (2015, None, 3),
        (None, None, 3),
        (2015, 13, 1),
        (2015, 2, 29),
        (2015, 4, 31),
    ],
)
def test_partial_date_rejects_impossible_shapes(year, month, day):
    with pytest.raises(ValueError):
        PartialDate(year, month, day)


def test_february_29_is_possible_when_the_year_is_unknown():
    assert PartialDate(None, 2, 29).precision == "day_no_year"


# --- parse_publication_date --------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2015-07-21", PartialDate(2015, 7, 21)),
        ("2015-07-21 10:35:00", PartialDate(2015, 7, 21)),  # SaudiNewsNet date_extracted
        ("2015-07-21T10:35:00Z", PartialDate(2015, 7, 21)),
        ("2015-07-21T23:30:00-05:00", PartialDate(2015, 7, 21)),  # the publisher's own day
        ("2015-07-21T10:35:00.123+03:00", PartialDate(2015, 7, 21)),
        ("2015/07/21", PartialDate(2015, 7, 21)),
        ("2015-07", PartialDate(2015, 7)),
        ("2015", PartialDate(2015)),
        ("21/07/2015", PartialDate(2015, 7, 21)),
        ("05/07/2015", PartialDate(2015, 7, 5)),  # day first
        ("07/21/2015", PartialDate(2015, 7, 21)),  # 21 cannot be a month
        ("21-07-2015 10:35", PartialDate(2015, 7, 21)),
        ("Tue, 21 Jul 2015 10:35:00 +0300", PartialDate(2015, 7, 21)),
        ("Tue, 21 Jul 2015 10:35:00 GMT", PartialDate(2015, 7, 21)),
        ("July 21, 2015", PartialDate(2015, 7, 21)),
        ("21 juillet 2015", PartialDate(2015, 7, 21)),
        ("1437474900", PartialDate(2015, 7, 21)),  # epoch seconds
        ("الثلاثاء 21 يوليو 2015", PartialDate(2015, 7, 21)),
        ("21 تموز/يوليو 2015", PartialDate(2015, 7, 21)),
        ("٢١ يوليو ٢٠١٥", PartialDate(2015, 7, 21)),
        ("نشر في ٢٠١٥/٠٧/٢١", PartialDate(2015, 7, 21)),
        ("5 شوال 1436 هـ", PartialDate(2015, 7, 21)),
        ("5 شوال 1436هـ الموافق 21 يوليو 2015م", PartialDate(2015, 7, 21)),
        ("يوليو 2015", PartialDate(2015, 7)),
        ("20150721", PartialDate(2015, 7, 21)),  # ISO 8601 basic
        ("20150721T103500Z", PartialDate(2015, 7, 21)),
        ("21-Jul-2015", PartialDate(2015, 7, 21)),
    ],
)
def test_parse_publication_date(raw: str, expected: PartialDate):
    assert parse_publication_date(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        None,
        "",
        "   ",
        "garbage",
        "2015-02-30",
        "2015-13-01",
        "0000-00-00",
        "N/A",
        "أمس",
        "1/2/3",
        "20151321",
        "12345678",
        "منذ 3 ساعات",
    ],
)
def test_parse_publication_date_garbage_is_none(raw: str | None):
    assert parse_publication_date(raw) is None


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("0123456789/-:.T Z+٠١٢٣هـمشوال يوليو,"), max_size=40))
def test_parse_publication_date_never_raises(raw: str):
    result = parse_publication_date(raw)
    assert result is None or isinstance(result, PartialDate)


# --- find_dates: the seed sentence and relative years -------------------------


def test_seed_sentence_without_publication_date_keeps_day_and_month_only():
    mention = only("شارك وفد يومي 8 و9 يوليوز الجاري بمدينة ليون")
    assert mention.start == PartialDate(None, 7, 8)
    assert mention.end == PartialDate(None, 7, 9)
    assert mention.start.precision == "day_no_year"
    assert mention.text == "8 و9 يوليوز الجاري"
    assert mention.kind == "gregorian"
    assert not mention.year_from_context


def test_seed_sentence_with_publication_date_takes_its_year():
    mention = only("شارك وفد يومي 8 و9 يوليوز الجاري بمدينة ليون", PUB)
    assert (mention.start, mention.end) == (PartialDate(2015, 7, 8), PartialDate(2015, 7, 9))
    assert mention.year_from_context


def test_seed_page(seed_text: str):
    mentions = find_dates(seed_text)
    assert [(m.start, m.end, m.text) for m in mentions] == [
        (PartialDate(None, 7, 8), PartialDate(None, 7, 9), "8 و9 يوليوز الجاري")
    ]
    assert seed_text[slice(*mentions[0].span)] == mentions[0].text


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("في 19 نوفمبر الماضي", PUB, "2014-11-19"),  # November is after July: last year
        ("في 29 مايو الماضي", PUB, "2015-05-29"),
        ("في 21 يوليو الماضي", PartialDate(2015, 7, 22), "2015-07-21"),
        ("في 25 يوليو الماضي", PartialDate(2015, 7, 22), "2014-07-25"),
        ("في ديسمبر الماضي", PartialDate(2016, 1, 10), "2015-12"),
        ("في يوليو الماضي", PUB, "2014-07"),  # the current month is not "the past July"
        ("في يناير المقبل", PartialDate(2015, 12, 5), "2016-01"),
        ("في 30 يوليو المقبل", PUB, "2015-07-30"),
        ("في أغسطس القادم", PUB, "2015-08"),
        ("في 14 فبراير (شباط) من العام الماضي", PUB, "2014-02-14"),
        ("نهاية شهر حزيران (يونيو) من العام الجاري", PUB, "2015-06"),
        ("الشهر الماضي", PUB, "2015-06"),
        ("الشهر الماضي", PartialDate(2015, 1, 3), "2014-12"),
        ("الشهر المقبل", PartialDate(2015, 12), "2016-01"),
        ("العام الماضي", PUB, "2014"),
        ("والعام المقبل", PUB, "2016"),
        ("السنة الماضيه", PUB, "2014"),  # ة written ه
        ("العام الحالي", PartialDate(2015), "2015"),
        ("أمس", PUB, "2015-07-20"),
        ("البارحة", PUB, "2015-07-20"),
        ("أول أمس", PUB, "2015-07-19"),
        ("أول من أمس", PUB, "2015-07-19"),
        ("أمس الأول", PUB, "2015-07-19"),
        ("غداً", PUB, "2015-07-22"),
        ("يوم غد", PUB, "2015-07-22"),
        ("بعد غد", PUB, "2015-07-23"),
        ("مساء اليوم", PUB, "2015-07-21"),
        ("اليوم أعلنت الوزارة", PUB, "2015-07-21"),
        ("يوم الثلاثاء الماضي", PUB, "2015-07-14"),  # strictly before a Tuesday
        ("الجمعة الماضية", PUB, "2015-07-17"),
        ("الخميس المقبل", PUB, "2015-07-23"),
        ("الثلاثاء القادم", PUB, "2015-07-28"),
    ],
)
def test_relative_expressions_resolve_against_publication(
    text: str, published: PartialDate, expected: str
):
    assert only(text, published).start.iso == expected


@pytest.mark.parametrize(
    ("text", "expected", "written"),
    [
        ("قتل قبل يومين في هجوم", "2015-07-19", "قبل يومين"),
        ("وقع الحادث قبل ثلاثة أيام", "2015-07-18", "قبل ثلاثة أيام"),
        ("وقبل ٣ أيام", "2015-07-18", "قبل ٣ أيام"),
        ("منذ 15 يوما", "2015-07-06", "منذ 15 يوما"),
        ("قبل نحو أسبوع وصل", "2015-07-14", "قبل نحو أسبوع"),
        ("قبل أسبوعين.", "2015-07-07", "قبل أسبوعين"),
        ("قبل شهرين", "2015-05", "قبل شهرين"),
        ("قبل عشرة أشهر", "2014-09", "قبل عشرة أشهر"),
        ("معتقل منذ عامين", "2013", "منذ عامين"),
        ("قبل 20 عاماً", "1995", "قبل 20 عاما"),
        ("منذ ثماني سنوات", "2007", "منذ ثماني سنوات"),
        ("قبل سنة", "2014", "قبل سنة"),
    ],
)
def test_a_span_back_from_publication(text: str, expected: str, written: str):
    mention = only(text, PUB)
    assert (mention.start.iso, mention.text, mention.kind) == (expected, written, "relative")
    assert find_dates(text) == []  # no publication date: nothing to count back from


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("قبل يومين من الانتخابات", []),  # counts from the elections
        ("قبل عام على الحادث", []),
        ("قبل يوم الجمعة", []),
        ("قبل يوم القيامة", []),
        ("منذ سنوات", []),
        ("قبل أيام", []),
        ("قبل أن يصل", []),
        ("قبل عام 2011", ["2011"]),  # the year, not one year back
    ],
)
def test_spans_that_count_from_something_else(text: str, found: list[str]):
    assert [m.start.iso for m in find_dates(text, published=PUB)] == found


def test_weeks_are_seven_day_ranges():
    past = only("الأسبوع الماضي", PUB)
    assert (past.start, past.end) == (PartialDate(2015, 7, 14), PartialDate(2015, 7, 20))
    coming = only("الاسبوع المقبل", PUB)
    assert (coming.start, coming.end) == (PartialDate(2015, 7, 22), PartialDate(2015, 7, 28))
    assert find_dates("الأسبوع الجاري", published=PUB) == []


def test_weekday_attached_to_today_widens_the_span():
    mention = only("وقال اليوم الثلاثاء إن", PUB)
    assert (mention.text, mention.start.iso, mention.kind) == (
        "اليوم الثلاثاء",
        "2015-07-21",
        "relative",
    )
    assert only("أعلنت أمس (الاثنين)", PUB).text == "أمس (الاثنين)"


@pytest.mark.parametrize(
    "text",
    ["أمس", "اليوم الثلاثاء", "الأسبوع الماضي", "الشهر الماضي", "يوم الخميس المقبل", "غدا"],
)
def test_relative_expressions_need_a_publication_date(text: str):
    assert find_dates(text) == []


def test_relative_month_without_publication_keeps_the_month():
    mention = only("في 19 نوفمبر الماضي")
    assert mention.start == PartialDate(None, 11, 19)


def test_year_is_never_invented_without_publication():
    for text in ["في 26 أيار/مايو", "8 يوليوز الجاري", "شهر يونيو", "في 14 آذار الماضي"]:
        assert all(m.start.year is None for m in find_dates(text)), text


def test_bare_day_month_takes_the_nearest_year():
    assert only("في 26 مايو", PUB).start.iso == "2015-05-26"
    assert only("في 26 سبتمبر", PartialDate(2015, 1, 5)).start.iso == "2014-09-26"
    assert only("في 3 يناير", PartialDate(2015, 12, 20)).start.iso == "2016-01-03"
    assert only("في 26 مايو", PUB).year_from_context


@pytest.mark.parametrize(
    "text",
    [
        "عين اليوم – الرياض",
        "في اليوم الذي تخلى فيه",
        "احتفلت المملكة باليوم الوطني",
        "اليوم الوطني للمملكة",
        "حتى اليوم لم يصدر",
        "مجلة «اليوم» السعودية",
        "الحملة تحت شعار التعليم الغد",
        "بغداد",
        "تناول الغداء",
        "وهو من أشهر اللاعبين",
        "الخامس من الفريق",
    ],
)
def test_words_that_look_relative_but_are_not_dates(text: str):
    assert find_dates(text, published=PUB) == []


# --- find_dates: month-name families, variants, combined forms -----------------


@pytest.mark.parametrize(
    ("text", "month"),
    [
        # Maghrebi
        ("3 يناير 2015", 1), ("3 فبراير 2015", 2), ("3 مارس 2015", 3), ("3 أبريل 2015", 4),
        ("3 ماي 2015", 5), ("3 يونيو 2015", 6), ("3 يوليوز 2015", 7), ("3 غشت 2015", 8),
        ("3 شتنبر 2015", 9), ("3 أكتوبر 2015", 10), ("3 نونبر 2015", 11), ("3 دجنبر 2015", 12),
        # Egyptian / Gulf
        ("3 مايو 2015", 5), ("3 يوليو 2015", 7), ("3 أغسطس 2015", 8), ("3 اغسطس 2015", 8),
        ("3 سبتمبر 2015", 9), ("3 نوفمبر 2015", 11), ("3 ديسمبر 2015", 12), ("3 إبريل 2015", 4),
        ("3 يونيه 2015", 6),
        # Levantine / Iraqi
        ("3 كانون الثاني 2015", 1), ("3 شباط 2015", 2), ("3 آذار 2015", 3), ("3 نيسان 2015", 4),
        ("3 أيار 2015", 5), ("3 حزيران 2015", 6), ("3 تموز 2015", 7), ("3 آب 2015", 8),
        ("3 أيلول 2015", 9), ("3 تشرين الأول 2015", 10), ("3 تشرين الثاني 2015", 11),
        ("3 كانون الأول 2015", 12), ("3 كانون الاول 2015", 12), ("3 مايس 2015", 5),
        # Algerian / Tunisian
        ("3 جانفي 2015", 1), ("3 فيفري 2015", 2), ("3 أفريل 2015", 4), ("3 جوان 2015", 6),
        ("3 جويلية 2015", 7), ("3 أوت 2015", 8),
    ],
)  # fmt: skip
def test_every_month_name_family(text: str, month: int):
    assert only(text).start == PartialDate(2015, month, 3)


@pytest.mark.parametrize(
    ("text", "expected_text"),
    [
        ("في 21 تموز (يوليو) 2015 أعلن", "21 تموز (يوليو) 2015"),
        ("في 21 يوليو/تموز 2015 أعلن", "21 يوليو/تموز 2015"),
        ("في 21 أيار/ مايو 2015 أعلن", "21 أيار/ مايو 2015"),
        ("في 21 أيلول - سبتمبر 2015 أعلن", "21 أيلول - سبتمبر 2015"),
        ("في 21 يونيو حزيران 2015 أعلن", "21 يونيو حزيران 2015"),
        ("في 21 نوفمبر تشرين الثاني 2015 أعلن", "21 نوفمبر تشرين الثاني 2015"),
    ],
)
def test_combined_month_names(text: str, expected_text: str):
    mention = only(text)
    assert mention.text == expected_text
    assert mention.start.iso[:4] == "2015" and mention.start.day == 21


def test_month_year_and_combined_month_year():
    assert isos("منذ مارس 2011 وحتى حزيران (يونيو) 2015 ويونيو حزيران 2014") == [
        ("2011-03", None),
        ("2015-06", None),
        ("2014-06", None),
    ]
    mention = only("بنهاية شهر حزيران (يونيو) 2015")
    assert mention.text == "شهر حزيران (يونيو) 2015"


def test_day_with_article_and_min():
    assert only("في الـ22 من شهر ديسمبر 2015").start == PartialDate(2015, 12, 22)
    assert only("في 14 فبراير (شباط) من العام 2011").start == PartialDate(2011, 2, 14)


def test_spans_point_into_the_original_text_with_indic_digits_and_diacritics():
    text = "قالَ المتحدثُ إنّ الاجتماعَ عُقد في ٢١ يوليو ٢٠١٥ بالرياض"
    mention = only(text)
    assert mention.text == "٢١ يوليو ٢٠١٥"
    assert text[mention.span[0] : mention.span[1]] == mention.text
    assert mention.start == PartialDate(2015, 7, 21)


# --- find_dates: years ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("منذ عام 2011", [("2011", None)]),
        ("خلال سنة 1998", [("1998", None)]),
        ("في العام 2013م", [("2013", None)]),
        ("للعام 2015", [("2015", None)]),
        ("وحتى 2015م", [("2015", None)]),
        ("بين عامي 2014 و2015", [("2014", "2015")]),
        ("من عام 2010 إلى عام 2014", [("2010", "2014")]),
        ("قتل 2000 شخص", []),
        ("وفق المادة 2015 من القانون", []),
        ("ضمن رؤية 2030", []),
        ("حوالي 1500 متر", []),
        ("عام 1800", []),  # outside 1900–2100 and the convertible Hijri years
        ("رمضان 2015", []),  # a Hijri month cannot take a Gregorian year
    ],
)
def test_years_need_a_cue_or_a_mark(text: str, expected: list[tuple[str, str | None]]):
    assert isos(text, None) == expected


def test_hijri_year_is_a_range_of_gregorian_days():
    mention = only("لهذا العام 1436هـ")
    assert (mention.start, mention.end) == (PartialDate(2014, 10, 25), PartialDate(2015, 10, 13))
    assert mention.kind == "hijri"
    assert mention.text == "العام 1436هـ"


# --- find_dates: numeric -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected", "kind"),
    [
        ("بتاريخ 21/7/2015", "2015-07-21", "numeric"),
        ("بتاريخ 2015-07-21", "2015-07-21", "numeric"),
        ("بتاريخ 21-07-2015", "2015-07-21", "numeric"),
        ("بتاريخ 21.07.2015", "2015-07-21", "numeric"),
        ("بتاريخ 5/6/2015", "2015-06-05", "numeric"),  # day first
        ("بتاريخ 7/21/2015", "2015-07-21", "numeric"),  # 21 cannot be a month
        ("بتاريخ 25 / 7 / 2015 م", "2015-07-25", "numeric"),
        ("بتاريخ 1436/10/05هـ", "2015-07-21", "hijri"),
        ("بتاريخ 19 / 7 / 1436هـ", "2015-05-08", "hijri"),
        ("الموافق 2/9/1436", "2015-06-19", "hijri"),
    ],
)
def test_numeric_dates(text: str, expected: str, kind: str):
    mention = only(text)
    assert (mention.start.iso, mention.kind) == (expected, kind)


@pytest.mark.parametrize(
    "text", ["القرار رقم 12/5/2015", "بنسبة 3.5 في المائة", "النتيجة 3-1", "في 21/7", "32/13/2015"]
)
def test_not_numeric_dates(text: str):
    assert find_dates(text) == []


# --- find_dates: Hijri ---------------------------------------------------------------


def test_hijri_day_converts_and_gregorian_equivalent_is_also_found():
    mentions = find_dates("12 رمضان 1436هـ الموافق 29 يونيو 2015م")
    assert [(m.kind, m.start.iso) for m in mentions] == [
        ("hijri", "2015-06-29"),
        ("gregorian", "2015-06-29"),
    ]


def test_hijri_month_is_a_range():
    mention = only("خلال شهر شوال 1436")
    assert (mention.start.iso, mention.end.iso) == ("2015-07-17", "2015-08-15")


def test_hijri_without_year_needs_a_day_precise_publication():
    assert find_dates("خلال شهر رمضان المبارك") == []
    assert find_dates("يوم 25 شوال الجاري", published=PartialDate(2015, 7)) == []
    assert only("يوم 25 شوال الجاري", PUB).start.iso == "2015-08-10"
    ramadan = only("خلال شهر رمضان المبارك", PUB)
    assert (ramadan.start.iso, ramadan.end.iso) == ("2015-06-18", "2015-07-16")
    assert only("في رمضان الماضي", PartialDate(2015, 9, 1)).start.iso == "2015-06-18"


def test_hijri_month_names_with_and_without_space():
    assert only("5 ذو القعدة 1436هـ").start.iso == only("5 ذوالقعدة 1436هـ").start.iso


# --- find_dates: ordinal day words ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("في الخامس من يوليو الجاري", "2015-07-05"),
        ("في الأول من أكتوبر 2015", "2015-10-01"),
        ("يوم الاول من مايو الماضي", "2015-05-01"),
        ("في السابع عشر من آب 2014", "2014-08-17"),
        ("في الحادي عشر من يوليو", "2015-07-11"),
        ("العشرين من يونيو الماضي", "2015-06-20"),
        ("والخامس والعشرين من يناير 2011", "2011-01-25"),
        ("الحادي والثلاثين من ديسمبر 2014", "2014-12-31"),
        ("في الحادي والعشرين من شهر رمضان الماضي", "2015-07-08"),
    ],
)
def test_ordinal_day_words(text: str, expected: str):
    assert isos(text) == [(expected, None)]


def test_an_ordinal_day_without_a_year_keeps_day_and_month():
    mention = only("في الثامن من يوليوز الجاري")
    assert (mention.start.month, mention.start.day, mention.start.year) == (7, 8, None)


@pytest.mark.parametrize(
    "text",
    [
        "الأول من نوعه",
        "للمرة الأولى من يوليو",
        "الثاني من الشهر",
        "الحادي من يوليو",  # "الحادي" only in 11, 21 and 31
        "الحادي والثلاثين من فبراير 2015",
        "هجمات الحادي عشر من سبتمبر",
    ],
)
def test_ordinal_words_that_are_no_dates(text: str):
    assert find_dates(text, published=PUB) == []


# --- find_dates: ranges and names ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("من 8 إلى 10 يوليو 2015", ("2015-07-08", "2015-07-10")),
        ("من 8 الى 10 يوليو 2015", ("2015-07-08", "2015-07-10")),
        ("بين 3 و5 مايو 2015", ("2015-05-03", "2015-05-05")),
        ("أيام 8 و9 و10 يوليو 2015", ("2015-07-08", "2015-07-10")),
        ("خلال الفترة من 19 - 21 شوال 1436هـ", ("2015-08-04", "2015-08-06")),
        ("من 30 يونيو إلى 2 يوليو 2015", ("2015-06-30", "2015-07-02")),
        ("من 28 ديسمبر إلى 3 يناير 2016", ("2015-12-28", "2016-01-03")),
        ("بين 21/7/2015 و23/7/2015", ("2015-07-21", "2015-07-23")),
    ],
)
def test_ranges(text: str, expected: tuple[str, str]):
    assert isos(text, None) == [expected]


def test_two_dates_joined_without_an_opener_stay_two():
    assert isos("في 5 يوليو 2015 و7 أغسطس 2015", None) == [
        ("2015-07-05", None),
        ("2015-08-07", None),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "ثورة 25 يناير",
        "قوى 14 آذار",
        "وقوى 8 آذار",
        "هجمات 11 سبتمبر",
        "شارع 26 يوليو",
        "ملعب 22 مايو",
    ],
)
def test_dates_that_name_something_are_skipped(text: str):
    assert find_dates(text, published=PUB) == []


def test_a_named_date_with_its_year_is_a_date():
    assert only("ثورة 25 يناير 2011").start == PartialDate(2011, 1, 25)


def test_to_dict_has_the_event_dates_shape():
    mention = only("من 8 إلى 10 يوليو 2015")
    assert mention.to_dict() == {
        "date": "2015-07-08",
        "end": "2015-07-10",
        "precision": "day",
        "text": "8 إلى 10 يوليو 2015",
        "kind": "gregorian",
        "span": [3, 22],
    }


# --- publication_date_from_text -------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        "الرباط - 21 يوليو 2015: قال وزير الداخلية إن …\nنص المقال",
        "الرباط – واس – 21/07/2015\nنص المقال",
        "نشر في: 2015/07/21\nنص المقال",
        "الثلاثاء 21 يوليو 2015\nنص المقال",
        "نص المقال الأول\nنص المقال الثاني\n\nنشر في 21/07/2015 - 10:35",
        "نص المقال\nالرياض 21/07/2015",
    ],
)
def test_datelines(body: str):
    assert publication_date_from_text(None, body) == PartialDate(2015, 7, 21)


def test_dateline_after_repeated_title_lines():
    title = "وفد أمني يشارك في الملتقى"
    body = f"{title}\n{title}\nأخبارنا المغربية\nالرباط - 21 يوليو 2015 - شارك وفد"
    assert publication_date_from_text(title, body) == PartialDate(2015, 7, 21)


@pytest.mark.parametrize(
    "body",
    [
        "قال الوزير إن 21 يوليو 2015 سيكون موعدا للاجتماع",
        "نص\nوكان الاجتماع قد عقد في 21 يوليو 2015 بحضور عدد كبير من المسؤولين والخبراء\nنص",
        "الرباط - يومي 8 و9 يوليوز الجاري\nنص",  # no year: not a publication date
        "أمس\nنص",
    ],
)
def test_dates_that_are_not_datelines(body: str):
    assert publication_date_from_text(None, body) is None


@pytest.mark.parametrize(
    ("body", "written"),
    [
        ("وقضت مفرزة للجيش مساء أمس الأحد 12 جانفي 2014 على إرهابيين", PartialDate(2014, 1, 13)),
        ("أعلنت الوزارة اليوم الاثنين (13 يناير 2014) أن", PartialDate(2014, 1, 13)),
        ("وكانت الشرطة قد أوقفته البارحة، يوم السبت 11 يناير 2014", None),  # a comma between
        ("أمس الاثنين 12 جانفي 2014", None),  # 12 January 2014 was a Sunday
        ("وقال إن الاجتماع عقد يوم الأحد 12 جانفي 2014", None),  # no today or yesterday
    ],
)
def test_today_or_yesterday_with_the_dates_own_weekday(body: str, written: PartialDate | None):
    assert publication_date_from_text(None, f"نص أول\n{body} نص") == written


def test_seed_page_has_no_dateline(seed_text: str):
    title = seed_text.split("\n", 1)[0]
    assert publication_date_from_text(title, seed_text) is None


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["21", "8", "2015", "1436", "هـ", "م", "يوليو", "تموز", "(", ")", "/", "-", "و",
             "من", "إلى", "عام", "شهر", "رمضان", "الماضي", "الجاري", "أمس", "اليوم", "غدا",
             "الثلاثاء", "ثورة", "،", "ذو القعدة", "٢١", "x"]
        ),
        max_size=12,
    ).map(" ".join)
)  # fmt: skip
def test_find_dates_never_raises_and_spans_are_exact(text: str):
    for published in (None, PUB):
        for mention in find_dates(text, published=published):
            assert text[mention.span[0] : mention.span[1]] == mention.text
            first, last = mention.start.to_date(), mention.end and mention.end.to_date()
            assert first is None or last is None or first <= last

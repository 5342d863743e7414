"""The HTML pages over the demo index, in-process: statuses, headers, language and
direction, escaping, and the error pages (engine down included)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

from rasd.settings import Settings
from web.app import create_site
from web.templating import CONTENT_SECURITY_POLICY

pytestmark = pytest.mark.engine

XSS_URL_END = "/tech/2024/09/03/municipal-sites-defacement.html"
SCRIPT_TEXT = "<script>alert(1)</script>"
IMG_TEXT = "<img src=x onerror=alert(1)>"


class Tags(HTMLParser):
    """Every start tag of a page with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(html: str) -> Tags:
    tags = Tags()
    tags.feed(html)
    return tags


def assert_safe_markup(html: str) -> None:
    """What the CSP forbids is not in the page: no inline script, style or handler,
    and no element that only the article text could have brought in."""
    for tag, attrs in parse(html).tags:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        assert "style" not in attrs, (tag, attrs)
        assert tag != "style"
        if tag == "script":
            assert attrs.get("src") == "/static/rasd.js", attrs
        assert tag != "img", attrs


def get_page(client: TestClient, path: str, **params: object) -> str:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert_safe_markup(response.text)
    return response.text


@pytest.fixture(scope="module")
def xss_id(demo_client: TestClient) -> str:
    hits = demo_client.get("/api/search", params={"q": "تشويه مواقع بلديات"}).json()["hits"]
    return next(h["id"] for h in hits if h["url"].endswith(XSS_URL_END))


@pytest.fixture(scope="module")
def any_id(demo_client: TestClient) -> str:
    hits = demo_client.get("/api/search", params={"q": "الانتربول"}).json()["hits"]
    return next(h["id"] for h in hits if h["url"])


def total(html: str) -> int:
    match = re.search(r'class="results-total">(?:[^<]*?)(\d[\d,]*)', html)
    if match is None:  # "نتيجة واحدة", "نتيجتان", "لا نتائج": no digits
        words = re.search(r'class="results-total">([^<]*)<', html)
        return {"نتيجة واحدة": 1, "نتيجتان": 2, "لا نتائج": 0}[words.group(1).strip()]
    return int(match.group(1).replace(",", ""))


# -- every page ---------------------------------------------------------------------------


def test_pages_are_arabic_rtl_with_csp(demo_client: TestClient, any_id: str) -> None:
    for path in ("/", f"/articles/{any_id}", "/organizations", "/countries"):
        html = get_page(demo_client, path)
        assert '<html lang="ar" dir="rtl">' in html
        assert 'class="skip-link" href="#main"' in html


def test_english_interface(demo_client: TestClient, any_id: str) -> None:
    for path in ("/", f"/articles/{any_id}", "/organizations", "/countries"):
        html = get_page(demo_client, path, lang="en")
        assert '<html lang="en" dir="ltr">' in html
        assert "Search the news" in html
    # The Arabic text of an article keeps its own language and direction.
    assert 'lang="ar" dir="rtl"' in get_page(demo_client, f"/articles/{any_id}", lang="en")


def test_language_switch_keeps_the_state(demo_client: TestClient) -> None:
    html = get_page(demo_client, "/", q="داعش", country="SY", sort="newest")
    switch = re.search(r'class="lang-switch" href="([^"]+)"', html).group(1)
    assert switch == "/?q=%D8%AF%D8%A7%D8%B9%D8%B4&amp;country=SY&amp;sort=newest&amp;lang=en"
    english = get_page(demo_client, "/", q="داعش", country="SY", sort="newest", lang="en")
    # Every link of the English page but the switch back stays in English.
    links = [a for tag, a in parse(english).tags if tag == "a" and a.get("class") != "lang-switch"]
    internal = [a["href"] for a in links if a["href"].startswith(("/?", "/articles"))]
    assert internal and all("lang=en" in href for href in internal)


def test_api_errors_stay_json(demo_client: TestClient) -> None:
    response = demo_client.get("/api/search", params={"size": 0})
    assert response.status_code == 422
    assert response.json()["error"] == "invalid_request"
    assert demo_client.get("/api/nothing-here").json()["error"] == "not_found"


def test_static_files_are_served(demo_client: TestClient) -> None:
    for name in ("rasd.css", "rasd.js", "favicon.svg"):
        assert demo_client.get(f"/static/{name}").status_code == 200


# -- search page --------------------------------------------------------------------------


def test_landing_page_shows_latest_articles_and_stats(demo_client: TestClient) -> None:
    html = get_page(demo_client, "/")
    assert "أحدث المقالات" in html
    assert 'class="stats-grid"' in html
    assert html.count('class="hit"') == 10
    assert 'class="histogram-chart"' in html


def test_query_highlights_and_facets(demo_client: TestClient) -> None:
    html = get_page(demo_client, "/", q="داعش")
    assert "<mark>داعش</mark>" in html
    assert total(html) > 0
    for param in ("country", "org", "source", "topic"):
        assert f'name="{param}"' in html
    assert 'name="date_from"' in html and 'name="date_to"' in html
    # Organizations are grouped by type.
    assert "جماعات مسلحة" in html


def test_facet_filter_narrows_and_shows_a_removable_chip(demo_client: TestClient) -> None:
    everything = total(get_page(demo_client, "/", collapse="none"))
    html = get_page(demo_client, "/", country="MA", collapse="none")
    assert 0 < total(html) < everything
    assert re.search(r'<input type="checkbox" id="[^"]+" name="country" value="MA"', html)
    assert 'value="MA"\n                 form="search-form" data-autosubmit checked' in html
    chip = re.search(r'class="chip chip-active" href="([^"]+)"', html).group(1)
    assert chip == "/?collapse=none"


def test_source_filter_accepts_site_names(demo_client: TestClient) -> None:
    html = get_page(demo_client, "/", source="أفق عربي")
    assert total(html) > 0


def test_histogram_bars_link_to_their_period(demo_client: TestClient) -> None:
    html = get_page(demo_client, "/")
    assert re.search(r'<a href="/\?date_from=(\d{4})&amp;date_to=\1"', html)
    narrowed = get_page(demo_client, "/", date_from="2017", date_to="2017", collapse="none")
    assert 0 < total(narrowed) < total(get_page(demo_client, "/", collapse="none"))
    assert "2017" in re.search(r'class="chip chip-active"[^>]*>(.*?)</a>', narrowed, re.S).group(1)


def test_pagination_and_sort(demo_client: TestClient) -> None:
    first = get_page(demo_client, "/")
    assert '<a class="page-step" href="/?page=2" rel="next">' in first
    second = get_page(demo_client, "/", page=2)
    assert 'aria-current="page" aria-label="الصفحة 2"' in second
    oldest = get_page(demo_client, "/", sort="oldest")
    assert 'href="/?sort=oldest" aria-current="true"' in oldest


def test_near_duplicates_collapse_under_their_story(demo_client: TestClient) -> None:
    collapsed = get_page(demo_client, "/", q="الانتربول النخيل")
    assert "نسخة أخرى" in collapsed
    every = get_page(demo_client, "/", q="الانتربول النخيل", collapse="none")
    assert "نسخة أخرى" not in every
    assert total(every) >= total(collapsed)


def test_no_result_page_suggests_removing_filters(demo_client: TestClient) -> None:
    html = get_page(demo_client, "/", q="الإرهاب", country="IS")
    assert "لا نتائج" in html
    assert 'href="/?q=%D8%A7%D9%84%D8%A5%D8%B1%D9%87%D8%A7%D8%A8"' in html  # without the filter


def test_empty_form_fields_redirect_to_a_clean_url(demo_client: TestClient) -> None:
    response = demo_client.get(
        "/", params={"q": "", "country": "MA", "date_from": ""}, follow_redirects=False
    )
    assert response.status_code == 303
    assert response.headers["location"] == "/?country=MA"


def test_invalid_parameters_give_a_422_page(demo_client: TestClient) -> None:
    for params in (
        {"date_from": "banana"},
        {"page": "0"},
        {"date_from": "2020", "date_to": "2019"},
    ):
        response = demo_client.get("/", params=params)
        assert response.status_code == 422
        assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
        assert "طلب غير صالح" in response.text


# -- escaping -----------------------------------------------------------------------------


def test_xss_article_is_text_in_results(demo_client: TestClient) -> None:
    html = get_page(demo_client, "/", q="تشويه مواقع بلديات")
    assert SCRIPT_TEXT not in html
    assert "&lt;script&gt;alert(1)&lt;" in html
    assert SCRIPT_TEXT in "".join(parse(html).text)


def test_xss_article_is_text_on_its_page(demo_client: TestClient, xss_id: str) -> None:
    for params in ({}, {"q": "الشيفرة"}, {"lang": "en"}):
        html = get_page(demo_client, f"/articles/{xss_id}", **params)
        assert SCRIPT_TEXT not in html and IMG_TEXT not in html
        text = "".join(parse(html).text)
        assert SCRIPT_TEXT in text and IMG_TEXT in text
    assert "<mark>الشيفرة</mark>" in get_page(demo_client, f"/articles/{xss_id}", q="الشيفرة")


def test_query_text_is_escaped_everywhere_it_is_shown(demo_client: TestClient) -> None:
    for params in ({"q": SCRIPT_TEXT}, {"q": SCRIPT_TEXT, "country": "MA"}, {"person": IMG_TEXT}):
        html = get_page(demo_client, "/", **params)
        assert SCRIPT_TEXT not in html and IMG_TEXT not in html


def test_links_never_leave_the_site(demo_client: TestClient) -> None:
    response = demo_client.get("http://testserver//evil.example/x", params={"q": "a"})
    assert response.status_code == 404
    assert 'href="/evil.example/x?q=a&amp;lang=en"' in response.text  # the language switch
    assert 'href="//' not in response.text


# -- article and browse pages -------------------------------------------------------------


def test_article_page(demo_client: TestClient, any_id: str) -> None:
    html = get_page(demo_client, f"/articles/{any_id}", q="الانتربول")
    assert 'rel="noopener noreferrer nofollow"' in html
    assert "<mark>" in html
    assert 'href="/?org=interpol"' in html
    assert "العودة إلى النتائج" in html
    assert "مقالات مشابهة" in html


def test_article_shows_its_other_versions_and_duplicates(demo_client: TestClient) -> None:
    hits = demo_client.get("/api/search", params={"q": "كسلا الاتجار بالبشر"}).json()["hits"]
    duplicated = next(h for h in hits if h["url"].endswith("/print/2022/07/30/44871.html"))
    assert "نسخ مطابقة" in get_page(demo_client, f"/articles/{duplicated['id']}")
    hits = demo_client.get("/api/search", params={"q": "عملية النخيل"}).json()["hits"]
    html = get_page(demo_client, f"/articles/{hits[0]['id']}")
    assert "نسخ أخرى من الخبر نفسه" in html


def test_unknown_article_is_a_404_page(demo_client: TestClient) -> None:
    for path in ("/articles/doesnotexist", "/articles/bad%24id", "/no-such-page"):
        response = demo_client.get(path)
        assert response.status_code == 404
        assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
        assert "الصفحة غير موجودة" in response.text


def test_organizations_page(demo_client: TestClient) -> None:
    html = get_page(demo_client, "/organizations")
    assert "هيئات دولية" in html and "جماعات مسلحة" in html
    assert 'href="/?org=interpol"' in html
    prefixed = get_page(demo_client, "/organizations", prefix="الانتر")
    assert 'href="/?org=interpol"' in prefixed and 'href="/?org=isis"' not in prefixed
    typed = get_page(demo_client, "/organizations", type="armed_group")
    assert 'href="/?org=isis"' in typed and 'href="/?org=interpol"' not in typed


def test_countries_page(demo_client: TestClient) -> None:
    html = get_page(demo_client, "/countries")
    assert 'href="/?country=MA"' in html and "Morocco" in html
    assert 'href="/?country=MA"' not in get_page(demo_client, "/countries", prefix="فرن")


# -- engine down --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def dead_client() -> TestClient:
    with TestClient(create_site(Settings(engine_url="http://127.0.0.1:9"))) as client:
        yield client


@pytest.mark.parametrize("path", ["/", "/?q=داعش", "/articles/abc", "/organizations"])
def test_engine_down_page(dead_client: TestClient, path: str) -> None:
    response = dead_client.get(path)
    assert response.status_code == 503
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert "محرك البحث غير متاح حاليا" in response.text
    assert "Traceback" not in response.text and "127.0.0.1:9" not in response.text


def test_engine_down_in_english_and_api(dead_client: TestClient) -> None:
    assert "The search engine is unavailable" in dead_client.get("/?lang=en").text
    response = dead_client.get("/api/search")
    assert response.status_code == 503
    assert response.json()["error"] == "engine_unavailable"

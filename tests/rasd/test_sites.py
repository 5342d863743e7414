"""rasd.sites: known sites by id, printed name and URL."""

from __future__ import annotations

import json

import pytest

from rasd.sites import SITES_PATH, Site, SiteRegistry, load_sites

SAUDINEWSNET_IDS = [
    "aawsat",
    "aleqtisadiya",
    "aljazirah",
    "almadina",
    "alriyadh",
    "alwatan",
    "alweeam",
    "alyaum",
    "arreyadi",
    "arriyadiyah",
    "okaz",
    "sabq",
    "was",
    "3alyoum",
]


@pytest.mark.parametrize("site_id", SAUDINEWSNET_IDS)
def test_every_saudinewsnet_source_is_a_saudi_site_with_an_arabic_name(site_id: str) -> None:
    site = load_sites().get(site_id)
    assert site is not None
    assert site.country == "SA"
    assert any("\u0621" <= ch <= "\u064a" for ch in site.name_ar)


def test_the_seed_site() -> None:
    site = load_sites().by_name("أخبارنا المغربية")
    assert site is not None
    assert (site.id, site.country, site.domains) == ("akhbarona", "MA", ("akhbarona.com",))


def test_names_match_across_spelling_variants() -> None:
    # Hamza-less alef and ha for taa marbuta, as pages sometimes print them.
    site = load_sites().by_name("اخبارنا المغربيه")
    assert site is not None and site.id == "akhbarona"
    assert load_sites().by_name("Hespress").id == "hespress"


@pytest.mark.parametrize(
    ("url", "site_id"),
    [
        ("https://www.hespress.com/politique/123.html", "hespress"),
        ("http://m.akhbarona.com/national/1", "akhbarona"),
        ("https://www.bbc.com/arabic/articles/c4n", "bbc-arabic"),
        ("https://www.spa.gov.sa/1372093", "was"),
        ("https://arabic.rt.com/middle_east/1", "rt-arabic"),
    ],
)
def test_sites_by_url(url: str, site_id: str) -> None:
    assert load_sites().by_url(url).id == site_id


def test_unknown_urls_and_look_alike_hosts_are_not_matched() -> None:
    assert load_sites().by_url("https://www.bbc.com/news/world") is None
    assert load_sites().by_url("https://nothespress.com/x") is None
    assert load_sites().by_url("not a url") is None


def test_resolve_prefers_the_named_source_then_the_url() -> None:
    sites = load_sites()
    assert sites.resolve("okaz", "https://www.hespress.com/x").id == "okaz"
    assert sites.resolve("مدونة مجهولة", "https://www.hespress.com/x").id == "hespress"
    assert sites.resolve(None, None) is None


def test_the_data_file_has_unique_ids_and_names() -> None:
    data = json.loads(SITES_PATH.read_text(encoding="utf-8"))
    ids = [entry["id"] for entry in data["sites"]]
    assert len(ids) == len(set(ids)) == len(load_sites())
    assert len(ids) >= len(SAUDINEWSNET_IDS) + 12


def test_a_name_claimed_by_two_sites_is_a_data_error() -> None:
    one = Site("one", "الجزيرة", "One", "QA", ("one.example",), ())
    two = Site("two", "صحيفة", "Two", "SA", ("two.example",), ("الجزيره",))
    with pytest.raises(ValueError, match="names both one and two"):
        SiteRegistry([one, two])


def test_resolve_accepts_a_domain_as_the_source() -> None:
    assert load_sites().resolve("www.hespress.com").id == "hespress"
    assert load_sites().resolve("https://www.okaz.com.sa").id == "okaz"

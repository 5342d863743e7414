"""indexer.extract.entities: countries, organizations, persons and places of an article.

Rule tests run on the small fixture gazetteer (tests/fixtures/gazetteer), so they do
not move when the real data grows; the seed page and a few known pitfalls run on the
bundled gazetteers."""

from __future__ import annotations

import json
import os
import time
import zipfile
from pathlib import Path

import pytest

from indexer.extract.entities import Entities, EntityExtractor, extract_entities
from rasd.arabic import clean_text, normalize
from rasd.gazetteer import load_gazetteer

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "gazetteer"


@pytest.fixture(scope="module")
def extractor() -> EntityExtractor:
    return EntityExtractor(load_gazetteer(FIXTURE))


def ents(extractor: EntityExtractor, body: str, title: str = "", **kw: str) -> Entities:
    return extractor.extract(title, body, **kw)


# --- the seed page (bundled gazetteers) ------------------------------------------------


def test_seed_page(seed_text: str) -> None:
    title, _, body = clean_text(seed_text).partition("\n")
    result = extract_entities(title, body, source_country="MA")
    assert {"MA", "FR", "ES"} <= set(result.countries)
    assert result.countries[:2] == ("MA", "FR")
    assert {"interpol", "ma-dgsn", "fr-interior"} <= set(result.organizations)
    assert "بوشعيب ارميل" in result.persons
    assert "fr-lyon" in result.places
    # Without the source country the Moroccan delegation still makes MA the main one.
    assert "ma-dgsn" in extract_entities(title, body).organizations


def test_real_gazetteer_pitfalls() -> None:
    assert extract_entities("", "وصلت الطائرة إلى عمان مساء أمس").countries == ()
    assert extract_entities("", "زار سلطنة عمان").countries == ("OM",)
    assert "JO" in extract_entities("", "وصل إلى عمان قادما من الأردن").countries
    assert "ML" not in extract_entities("", "تقديم الدعم المالي والمالية العامة").countries
    assert "IR" not in extract_entities("", "قال الرئيس باراك أوباما").countries


# --- countries -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "word",
    [
        "المغرب",
        "والمغرب",
        "فالمغرب",
        "بالمغرب",
        "كالمغرب",
        "للمغرب",
        "وبالمغرب",
        "وللمغرب",
        "المملكة المغربية",
        "بالمملكة المغربية",
    ],
)
def test_country_names_with_proclitics(extractor: EntityExtractor, word: str) -> None:
    assert ents(extractor, f"عقد اجتماع {word} يوم الاثنين").countries == ("MA",)


@pytest.mark.parametrize(
    "word",
    [
        "مغربي",
        "مغربية",
        "مغربيون",
        "مغربيين",
        "مغربيات",
        "مغربيان",
        "مغربيتان",
        "المغربي",
        "المغربية",
        "المغربيون",
        "المغربيتين",
        "والمغربية",
        "للمغربيات",
        "وبالمغربي",
        "لمغربيين",
        "مغاربة",
        "المغاربة",
        "للمغاربة",
        "وبالمغاربة",
    ],
)
def test_demonyms_in_every_inflection(extractor: EntityExtractor, word: str) -> None:
    assert ents(extractor, f"تحدث عن {word} أمس").countries == ("MA",)


@pytest.mark.parametrize(("capital", "code"), [("طهران", "IR"), ("واشنطن", "US"), ("الرباط", "MA")])
def test_capitals_name_their_government(
    extractor: EntityExtractor, capital: str, code: str
) -> None:
    assert ents(extractor, f"ردت {capital} على الاتهامات").countries == (code,)


def test_regions_are_not_countries(extractor: EntityExtractor) -> None:
    result = ents(extractor, "اجتماع دول الخليج ودول المغرب العربي في أوروبا والشرق الأوسط")
    assert result.countries == ()
    # The Maghreb takes "المغرب", so Morocco is named only where it is named.
    assert ents(extractor, "دول المغرب العربي والمغرب").counts["country", "MA"] == 1


def test_longest_name_wins(extractor: EntityExtractor) -> None:
    assert ents(extractor, "حكومة جنوب السودان").countries == ("SS",)
    assert ents(extractor, "الجنوب سوداني").countries == ("SS",)


def test_orgs_and_places_imply_their_country(extractor: EntityExtractor) -> None:
    assert ents(extractor, "بيان DGSN").countries == ("MA",)
    assert ents(extractor, "وصل إلى باريس").places == ("fr-paris",)
    assert ents(extractor, "وصل إلى باريس").countries == ("FR",)


def test_salience_orders_countries(extractor: EntityExtractor) -> None:
    body = "التقى وفد فرنسي بنظيره الإسباني ثم زار فرنسا وباريس"
    assert ents(extractor, body).countries == ("FR", "ES")
    # A title mention weighs more than two body mentions.
    assert ents(extractor, body, title="إسبانيا").countries == ("ES", "FR")
    # Ties go to the first mentioned.
    assert ents(extractor, "إيران ثم مصر ثم الأردن وإيران ثم الأردن").countries[:2] == ("IR", "JO")


def test_source_country_is_not_a_mention(extractor: EntityExtractor) -> None:
    assert ents(extractor, "اجتماع في فرنسا", source_country="MA").countries == ("FR",)


# --- ambiguity and junk ----------------------------------------------------------------


def test_oman_or_amman(extractor: EntityExtractor) -> None:
    assert ents(extractor, "وصل الوزير إلى عمان").countries == ()
    jordan = ents(extractor, "وصل الوزير إلى عمان في زيارة للأردن")
    assert jordan.countries == ("JO",) and jordan.places == ("jo-amman",)
    oman = ents(extractor, "وصل الوزير إلى عمان والتقى المسؤولين العمانيين")
    assert oman.countries == ("OM",) and oman.places == ()
    assert ents(extractor, "زيارة إلى سلطنة عمان").countries == ("OM",)
    # Both candidates named elsewhere: the bare alias stays undecided.
    both = ents(extractor, "وصل إلى عمان قادما من الأردن وسلطنة عمان")
    assert both.counts["country", "OM"] == 1 and both.counts["country", "JO"] == 1


def test_places_of_several_countries(extractor: EntityExtractor) -> None:
    assert ents(extractor, "اشتباكات في مدينة طرابلس").places == ()
    assert ents(extractor, "اشتباكات في مدينة طرابلس الليبية").places == ("ly-tripoli",)
    assert ents(extractor, "اشتباكات في طرابلس شمال لبنان").places == ("lb-tripoli",)


def test_ambiguous_place_needs_its_country(extractor: EntityExtractor) -> None:
    assert ents(extractor, "التقى ليون بالوزير").places == ()
    assert ents(extractor, "انعقد في ليون بفرنسا").places == ("fr-lyon",)
    assert ents(extractor, "انعقد بمدينة ليون").places == ("fr-lyon",)


def test_common_words_do_not_fire(extractor: EntityExtractor) -> None:
    assert ents(extractor, "نشرت الصحيفة الخبر في السعودية").places == ()
    assert ents(extractor, "وصل إلى مدينة الخبر").places == ("sa-khobar",)
    assert ents(extractor, "الدعم المالي للمؤسسات المالية").countries == ()
    assert ents(extractor, "وقعت الحرب في جمهورية مالي").countries == ("ML",)
    assert ents(extractor, "فتح تحقيق في الحادث").organizations == ()
    assert ents(extractor, "أعلنت حركة فتح").organizations == ("fatah",)
    assert ents(extractor, "بلغت الخسائر بليون دولار").places == ()
    assert ents(extractor, "بعد صلاة المغرب").countries == ()
    assert ents(extractor, "un accord").organizations == ()


# --- organizations ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "أعلنت وزارة الداخلية الفرنسية",
        "قال وزير الداخلية الفرنسي",
        "أعلنت وزارة الداخلية في فرنسا",
        "أعلنت وزيرة الداخلية الفرنسية",
        "بيان لوزارة الداخلية الفرنسية",
    ],
)
def test_org_pattern_with_a_country(extractor: EntityExtractor, text: str) -> None:
    result = ents(extractor, text)
    assert result.organizations == ("fr-interior",)
    assert result.countries == ("FR",)


def test_org_pattern_without_an_entry(extractor: EntityExtractor) -> None:
    assert ents(extractor, "وزير الخارجية الإسباني").organizations == ("es-foreign",)


def test_bare_head_needs_an_uncontested_country(extractor: EntityExtractor) -> None:
    text = "أعلنت وزارة الداخلية القبض على مطلوبين"
    assert ents(extractor, text).organizations == ()
    assert ents(extractor, text, source_country="SA").organizations == ("sa-interior",)
    assert ents(extractor, text + " في الرياض", source_country="SA").organizations == (
        "sa-interior",
    )
    # The story is about France: the Saudi publisher does not make it Saudi.
    france = text + " في فرنسا وباريس"
    assert ents(extractor, france, source_country="SA").organizations == ("fr-interior",)
    assert ents(extractor, france).organizations == ("fr-interior",)
    # Two countries compete and neither is the publisher's: no guess.
    both = text + " في فرنسا وإسبانيا"
    assert ents(extractor, both, source_country="SA").organizations == ()
    assert ents(extractor, both + " والسعودية", source_country="SA").organizations == ()


def test_contextual_alias_by_source_country(extractor: EntityExtractor) -> None:
    text = "أعلنت المديرية العامة للأمن الوطني توقيف شبكة"
    assert ents(extractor, text, source_country="MA").organizations == ("ma-dgsn",)
    assert ents(extractor, text, source_country="DZ").organizations == ("dz-dgsn",)


def test_contextual_alias_by_most_mentioned_country(extractor: EntityExtractor) -> None:
    text = "أعلنت المديرية العامة للأمن الوطني توقيف جزائريين في الجزائر"
    assert ents(extractor, text).organizations == ("dz-dgsn",)
    # A source country without such a body gives way to the article's country.
    assert ents(extractor, text, source_country="SA").organizations == ("dz-dgsn",)


def test_source_country_comes_before_the_most_mentioned(extractor: EntityExtractor) -> None:
    text = "أعلنت المديرية العامة للأمن الوطني توقيف جزائريين في الجزائر"
    assert ents(extractor, text, source_country="MA").organizations == ("ma-dgsn",)


def test_contextual_alias_by_adjacent_country(extractor: EntityExtractor) -> None:
    text = "أعلن المدير العام للأمن الوطني الجزائري"
    assert ents(extractor, text, source_country="MA").organizations == ("dz-dgsn",)
    assert ents(extractor, "الأمن الوطني في المغرب", source_country="DZ").organizations == (
        "ma-dgsn",
    )


def test_unresolved_contextual_alias_is_dropped(extractor: EntityExtractor) -> None:
    text = "أعلنت المديرية العامة للأمن الوطني توقيف شبكة"
    assert ents(extractor, text).organizations == ()
    assert ents(extractor, text, source_country="FR").organizations == ()
    assert ents(extractor, text + " في فرنسا", source_country="FR").organizations == ()
    # An adjacent country without such a body decides too: no guess.
    assert ents(extractor, "الأمن الوطني الفرنسي", source_country="MA").organizations == ()


def test_aliases_in_three_languages(extractor: EntityExtractor) -> None:
    text = "الإنتربول Interpol ICPO وبالإنتربول والمنظمة الدولية للشرطة الجنائية"
    result = ents(extractor, text)
    assert result.organizations == ("interpol",)
    assert result.counts["organization", "interpol"] == 5


# --- persons ---------------------------------------------------------------------------


def test_gazetteer_person(extractor: EntityExtractor) -> None:
    result = ents(extractor, "وقال برنار كازنوف إن")
    assert result.persons == ("برنار كازنوف",)
    assert result.countries == ()  # people travel: a person does not imply a country


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("قال الرئيس الأمريكي باراك أوباما إن", "باراك أوباما"),
        ("استقبل ولي العهد الأمير محمد بن نايف الوفد", "محمد بن نايف"),
        ("صرح اللواء ركن منصور عبدالله التركي", "منصور عبدالله التركي"),
        ("أكد وزير الخارجية عادل الجبير أن", "عادل الجبير"),
        ("الأمين العام للأمم المتحدة بان كي مون", "بان كي مون"),
        ("وقال الشيخ عبد الله بن زايد", "عبد الله بن زايد"),
        ("وفد يتقدمه خالد العمري المدير العام للجمارك", "خالد العمري"),
        ("وصل عبد الرحيم الفاسي السفير المغربي", "عبد الرحيم الفاسي"),
        ("الوزير عادل الجبير سعيد بنتائج الزيارة", "عادل الجبير"),  # the surname ends it
        ("استقبل الرئيس باراك أوباما وزوجته", "باراك أوباما"),
    ],
)
def test_persons_by_title(extractor: EntityExtractor, text: str, name: str) -> None:
    assert ents(extractor, text).persons == (name,)


def test_person_keeps_the_articles_spelling(extractor: EntityExtractor) -> None:
    # Hamza, alef maqsura and taa marbuta come back as written.
    assert ents(extractor, "قال الرئيس أحمد مصطفى إن").persons == ("أحمد مصطفى",)
    assert ents(extractor, "", title="الوزير أسامة عيسى يزور").persons == ("أسامة عيسى",)


@pytest.mark.parametrize(
    "text",
    [
        "قال الرئيس في كلمته أمام البرلمان",
        "استقبل الملك سلمان حفظه الله",  # one name part only
        "هبطت الطائرة في مطار الملك فهد الدولي",  # an institution, not a person
        "وصل وفد جامعة الملك عبدالعزيز",
        "النائب الثاني لرئيس مجلس الوزراء",
        "أعلن مصدر مسؤول المدير العام للجوازات",  # no given name before the title
        "شارك ممثلو الشركات المدير العام للجمارك",
        "شارك وفد يترأسه المدير العام للأمن",  # a verb is not a name
        "قال الرئيس 2015 عام الحزم",
        "الرئيس الأمريكي في فرنسا",
        "حضر الأمير والوزير والسفير",
        "صرح الرئيس بأن الحكومة",
        "قال الوزير إن المملكة",
        "قال الرئيس بمناسبة عيد الفطر",
    ],
)
def test_no_junk_persons(extractor: EntityExtractor, text: str) -> None:
    assert ents(extractor, text).persons == ()


def test_a_name_between_two_titles_is_one_mention(extractor: EntityExtractor) -> None:
    result = ents(extractor, "استقبل ولي العهد الأمير خالد العمري الوفد")
    assert result.counts["person", "خالد العمري"] == 1
    result = ents(extractor, "قال الوزير عادل الجبير وزير الخارجية إن")
    assert result.counts["person", "عادل الجبير"] == 1


def test_person_counts_and_order(extractor: EntityExtractor) -> None:
    text = "قال الرئيس باراك أوباما ثم قال برنار كازنوف ثم أكد الرئيس باراك أوباما"
    result = ents(extractor, text)
    assert result.persons == ("باراك أوباما", "برنار كازنوف")
    assert result.counts["person", "باراك أوباما"] == 2


# --- API details ---------------------------------------------------------------------


def test_title_and_body_do_not_join(extractor: EntityExtractor) -> None:
    # "جنوب" ends the title and "السودان" opens the body: no South Sudan.
    assert ents(extractor, "السودان اليوم", title="اشتباكات في الجنوب").countries == ("SD",)


def test_normalized_input_gives_the_same_result(extractor: EntityExtractor) -> None:
    title, body = "وزير الداخلية الفرنسي", "قال الرئيس أحمد مصطفى إن فرنسا وعمان والأردن"
    normalized = (normalize(title), normalize(body))
    assert extractor.extract(title, body, normalized=normalized) == extractor.extract(title, body)


def test_empty_article(extractor: EntityExtractor) -> None:
    assert ents(extractor, "") == Entities()
    assert ents(extractor, "", title="فرنسا").countries == ("FR",)


# --- speed -----------------------------------------------------------------------------


def _shared_dir() -> Path:
    """As in ``tests/conftest.py``: ``RASD_SHARED_DIR``, else ``../shared`` beside the
    project, else the workplace's ``/work/shared``."""
    if "RASD_SHARED_DIR" in os.environ:
        return Path(os.environ["RASD_SHARED_DIR"])
    beside = Path(__file__).resolve().parents[3].parent / "shared"
    return beside if beside.exists() else Path("/work/shared")


SAUDINEWSNET = _shared_dir() / "data" / "saudinewsnet"


@pytest.mark.slow
def test_speed_on_saudinewsnet() -> None:
    """Prints µs per article on SaudiNewsNet with text normalized beforehand, as the
    indexer does; fails only far above budget (a shared machine is noisy)."""
    files = sorted(SAUDINEWSNET.glob("*.zip"))
    if not files:
        pytest.skip("SaudiNewsNet not found")
    articles = []
    for path in files[:4]:
        with zipfile.ZipFile(path) as archive:
            for member in archive.namelist():
                for item in json.loads(archive.read(member)):
                    title, body = clean_text(item["title"] or ""), clean_text(item["content"] or "")
                    articles.append((title, body, (normalize(title), normalize(body))))
    extractor = EntityExtractor(load_gazetteer())
    best = float("inf")
    for _ in range(3):
        start = time.process_time()
        for title, body, normalized in articles:
            extractor.extract(title, body, source_country="SA", normalized=normalized)
        best = min(best, time.process_time() - start)
    per_article = best / len(articles) * 1e6
    print(f"\nentities: {per_article:.1f} µs/article over {len(articles)} articles")
    assert per_article < 500

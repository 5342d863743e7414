"""rasd.gazetteer: the real files validate; broken files fail naming file and entry."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from rasd.arabic import normalize
from rasd.gazetteer import (
    ISO_COUNTRY_CODES,
    Gazetteer,
    GazetteerError,
    demonym_forms,
    load_gazetteer,
)

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "gazetteer"


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer(FIXTURE)


def mutated(tmp_path: Path, name: str, change: Callable[[Any], None]) -> Path:
    """A copy of the fixture directory with ``name`` changed in place by ``change``."""
    directory = tmp_path / "gazetteers"
    shutil.copytree(FIXTURE, directory)
    path = directory / name
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return directory


def entry(data: dict[str, Any], key: str, ident: str) -> dict[str, Any]:
    field = "code" if key == "countries" else "suffix" if key == "patterns" else "id"
    return next(e for e in data[key] if e.get(field) == ident)


# --- the real data ------------------------------------------------------------------


def test_the_bundled_gazetteers_validate() -> None:
    real = load_gazetteer()
    assert len(real.countries) >= 193
    assert {"MA", "FR", "ES", "PS"} <= set(real.countries)
    assert {"interpol", "ma-dgsn", "fr-interior", "isis"} <= set(real.organizations)
    assert real.place("fr-lyon") is not None
    assert real.contextual and real.patterns and real.persons


def test_loading_is_cached() -> None:
    assert load_gazetteer() is load_gazetteer()
    assert load_gazetteer(FIXTURE) is load_gazetteer(str(FIXTURE))


def test_iso_list_has_every_assigned_code_and_kosovo() -> None:
    assert len(ISO_COUNTRY_CODES) == 250
    assert {"MA", "PS", "SS", "TW", "XK"} <= ISO_COUNTRY_CODES
    assert "UK" not in ISO_COUNTRY_CODES


# --- lookups and aliases -----------------------------------------------------------


def test_lookups_by_id(gaz: Gazetteer) -> None:
    assert gaz.country("MA").name_en == "Morocco"
    assert gaz.organization("interpol").type == "international_body"
    assert gaz.place("fr-lyon").country == "FR"
    assert gaz.person("bouchaib-rmail").name_ar == "بوشعيب ارميل"
    assert gaz.region("gulf").countries == ("OM", "SA")
    assert gaz.country("XX") is None and gaz.organization("nope") is None
    assert gaz.label("country", "FR") == "فرنسا"
    assert gaz.label("country", "FR", "en") == "France"
    assert gaz.label("place", "zz-nowhere") == "zz-nowhere"


def test_pattern_ids_without_an_entry_get_a_label(gaz: Gazetteer) -> None:
    org = gaz.organization("es-interior")
    assert org is not None and org.country == "ES" and org.type == "ministry"
    assert org.name_ar == "وزارة الداخلية (إسبانيا)"
    # An explicit entry wins; unknown suffixes and countries give nothing.
    assert gaz.organization("fr-interior").name_ar == "وزارة الداخلية الفرنسية"
    assert gaz.organization("es-navy") is None
    assert gaz.organization("zz-interior") is None


def test_aliases_for_synonym_expansion(gaz: Gazetteer) -> None:
    assert {"داعش", "تنظيم الدولة"} <= set(gaz.aliases("organization", "isis"))
    interpol = gaz.aliases("organization", "interpol")
    assert interpol[0] == "المنظمة الدولية للشرطة الجنائية"
    assert "الإنتربول" in interpol
    # Countries: names only, one per normalized form, no demonyms or capitals.
    assert gaz.aliases("country", "ES") == ["إسبانيا", "Spain"]
    assert gaz.aliases("person", "nobody") == []


def test_find_gazetteer_aliases_in_a_query(gaz: Gazetteer) -> None:
    query = normalize("عمليات داعش ضد الانتربول في المغرب")
    found = {(r.kind, r.id) for m in gaz.find(query) for r in m.refs}
    assert found == {("organization", "isis"), ("organization", "interpol"), ("country", "MA")}
    mention = gaz.find(normalize("المنظمة الدولية للشرطة الجنائية"))[0]
    assert [r.id for r in mention.refs] == ["interpol"]
    # Ambiguous aliases come back with every candidate, flagged.
    (amman,) = gaz.find("عمان")
    assert {(r.kind, r.id) for r in amman.refs} == {
        ("country", "OM"),
        ("country", "JO"),
        ("place", "jo-amman"),
    }
    assert all(r.ambiguous for r in amman.refs)
    # Contextual aliases need an article: not offered for a query.
    assert gaz.find(normalize("المديرية العامة للأمن الوطني")) == []


def test_demonym_inflections() -> None:
    forms = set(demonym_forms("مغربي"))
    expected = ["مغربي", "مغربيه", "مغربيون", "مغربيين", "مغربيات", "مغربيان"]
    expected += ["مغربيتان", "مغربيتين"]
    assert forms == set(expected) | {f"ال{f}" for f in expected}
    assert "الجنوب افريقيه" in demonym_forms("جنوب افريقي")


def test_generated_forms_yield_to_spelled_out_aliases(tmp_path: Path) -> None:
    # The dual "الأوروبيتين" is generated for Europe's demonym; a country spelling it
    # out wins without a conflict.
    def add(data: Any) -> None:
        entry(data, "countries", "ES")["names_ar"].append("الأوروبيتين")

    gaz = load_gazetteer(mutated(tmp_path, "countries.json", add))
    (m,) = gaz.find("الاوروبيتين")
    assert [(r.kind, r.id) for r in m.refs] == [("country", "ES")]


def test_short_aliases_never_match_alone(gaz: Gazetteer) -> None:
    assert gaz.find("un") == []  # the acronym UN: also French "un"
    assert [r.id for m in gaz.find(normalize("الأمم المتحدة")) for r in m.refs] == ["un"]


def test_exclusions_shadow_aliases(gaz: Gazetteer) -> None:
    assert gaz.find(normalize("بعد صلاة المغرب")) == []
    assert gaz.find(normalize("اللغة الفرنسية")) == []


def test_strict_names_come_flagged_with_their_cues(gaz: Gazetteer) -> None:
    (m,) = gaz.find(normalize("نشر الخبر"))
    assert [(r.id, r.ambiguous, r.strict) for r in m.refs] == [("sa-khobar", True, True)]
    assert {"مدينه", "محافظه", "العاصمه"} == gaz.context_cues("sa-khobar")
    assert gaz.context_cues("nowhere") == frozenset()


def test_a_place_named_like_its_country_is_read_as_the_country(gaz: Gazetteer) -> None:
    (m,) = gaz.find(normalize("الجزائر"))
    refs = {(r.kind, r.id, r.ambiguous, r.strict) for r in m.refs}
    assert refs == {("country", "DZ", False, False), ("place", "dz-algiers", True, True)}


def test_short_strict_names_are_kept_for_their_cues(tmp_path: Path) -> None:
    def add(data: Any) -> None:
        data["places"].append(
            {"id": "ir-qom", "name_ar": "قم", "name_en": "Qom", "country": "IR"}
            | {"ambiguous": ["قم"], "strict": True}
        )

    gaz = load_gazetteer(mutated(tmp_path, "places.json", add))
    assert [r.id for m in gaz.find("مدينه قم") for r in m.refs] == ["ir-qom"]


def test_a_contextual_alias_may_name_a_body_of_no_country(tmp_path: Path) -> None:
    # "قوات التحالف" is one coalition in Yemen, another in Syria: neither has a country.
    def add(data: Any) -> None:
        data["contextual"][0]["by_country"]["TN"] = "interpol"

    gaz = load_gazetteer(mutated(tmp_path, "organizations.json", add))
    assert gaz.contextual[0].by_country["TN"] == "interpol"


def test_a_place_of_no_country_needs_no_cue(gaz: Gazetteer) -> None:
    # "القدس" has country null; no country is named "القدس", so it is not strict.
    (m,) = gaz.find(normalize("القدس"))
    assert [(r.id, r.ambiguous, r.strict) for r in m.refs] == [("jerusalem", False, False)]


def test_a_place_named_like_no_country_of_its_own_is_not_strict(tmp_path: Path) -> None:
    # A null-country place named like a country is still read as the country there, but
    # a null-country place whose name no country has stays a plain place.
    def add(data: Any) -> None:
        data["places"].append(
            {"id": "red-sea", "name_ar": "البحر الأحمر", "name_en": "Red Sea", "country": None}
        )

    gaz = load_gazetteer(mutated(tmp_path, "places.json", add))
    (m,) = gaz.find(normalize("البحر الأحمر"))
    assert [(r.id, r.strict) for r in m.refs] == [("red-sea", False)]


def test_regions_take_exclusions(tmp_path: Path) -> None:
    def add(data: Any) -> None:
        entry(data, "regions", "middle-east")["exclude_ar"] = ["صحيفة الشرق الأوسط"]

    gaz = load_gazetteer(mutated(tmp_path, "regions.json", add))
    assert gaz.find(normalize("نشرت صحيفة الشرق الأوسط")) == []
    assert [r.id for m in gaz.find(normalize("دول الشرق الأوسط")) for r in m.refs] == [
        "middle-east"
    ]


def test_publisher_aliases_are_kept_apart(tmp_path: Path) -> None:
    # Saudi and Moroccan papers both say "المملكة": no conflict, and no entity for a
    # query (only an article of that country's press reads them).
    def add(data: Any) -> None:
        for code in ("SA", "MA"):
            entry(data, "countries", code)["publisher_aliases_ar"] = ["المملكة"]

    gaz = load_gazetteer(mutated(tmp_path, "countries.json", add))
    publisher = [a for a in gaz.alias_entries if a.value.kind == "publisher"]
    assert {(a.text, a.value.country) for a in publisher} == {("المملكه", "SA"), ("المملكه", "MA")}
    assert gaz.find("المملكه") == []
    assert "المملكة" not in gaz.aliases("country", "SA")


def test_pattern_by_country_names_the_body(tmp_path: Path) -> None:
    def add(data: Any) -> None:
        entry(data, "patterns", "interior")["by_country"] = {"SA": "sa-interior"}
        data["patterns"].append(
            {"suffix": "police", "type": "police", "name_ar": "الشرطة", "name_en": "Police"}
            | {
                "heads_ar": ["الشرطة"],
                "by_country": {"MA": "ma-dgsn"},
                "exclude_ar": ["شرطة المرور"],
            }
        )

    gaz = load_gazetteer(mutated(tmp_path, "org_patterns.json", add))
    assert gaz.patterns["police"].org_id("MA") == "ma-dgsn"
    assert gaz.patterns["police"].org_id("FR") == "fr-police"
    assert gaz.find(normalize("شرطة المرور")) == []  # exclusions shadow heads too
    assert normalize("شرطة المرور") in gaz.stop_phrases


def test_pattern_by_country_must_name_a_body_of_that_country(tmp_path: Path) -> None:
    def add(data: Any) -> None:
        entry(data, "patterns", "interior")["by_country"] = {"MA": "fr-interior"}

    with pytest.raises(GazetteerError, match=r"org_patterns\.json: 'interior': by_country MA"):
        load_gazetteer(mutated(tmp_path, "org_patterns.json", add))


# --- validation ------------------------------------------------------------------


def _set(key: str, ident: str, field: str, value: Any) -> Callable[[Any], None]:
    def change(data: Any) -> None:
        entry(data, key, ident)[field] = value

    return change


def _append(key: str, item: dict[str, Any]) -> Callable[[Any], None]:
    return lambda data: data[key].append(item)


ORG = {"type": "police", "country": "MA", "name_ar": "شرطة ما", "name_en": "Some police"}


@pytest.mark.parametrize(
    ("name", "change", "expected"),
    [
        (
            "countries.json",
            _set("countries", "FR", "code", "XX"),
            r"countries\.json: entry #2 \('XX'\): 'code': 'XX' is not an ISO 3166-1",
        ),
        (
            "countries.json",
            _append("countries", {"code": "MA", "name_ar": "x", "name_en": "x"}),
            r"countries\.json: entry #15 \('MA'\): duplicate code 'MA'",
        ),
        (
            "countries.json",
            _set("countries", "MA", "demonyms_ar", ["مغاربة"]),
            r"demonym 'مغاربه' must end in ي",
        ),
        (
            "organizations.json",
            _set("organizations", "interpol", "type", "club"),
            r"organizations\.json: entry #0 \('interpol'\): 'type': 'club' is not one of",
        ),
        (
            "organizations.json",
            _set("organizations", "ma-dgsn", "country", "Morocco"),
            r"organizations\.json: entry #1 \('ma-dgsn'\): 'country': 'Morocco' is not an ISO",
        ),
        (
            "organizations.json",
            _append("organizations", {"id": "isis", **ORG}),
            r"organizations\.json: entry #8 \('isis'\): duplicate id 'isis'",
        ),
        (
            "organizations.json",
            _append("organizations", {"id": "Bad_Id", **ORG}),
            r"'id': 'Bad_Id' is not a lowercase ASCII hyphenated id",
        ),
        (
            "organizations.json",
            _set("organizations", "un", "alias_ar", ["أممية"]),
            r"organizations\.json: entry #6 \('un'\): unknown field\(s\) \['alias_ar'\]",
        ),
        (
            "organizations.json",
            _append("organizations", {"id": "ma-gendarmerie", "country": "MA", "name_ar": "x"}),
            r"\('ma-gendarmerie'\): missing required field 'type'",
        ),
        (
            "organizations.json",
            _append("organizations", {"id": "ma-interior", **{**ORG, "country": "DZ"}}),
            r"\('ma-interior'\): id 'ma-interior' follows the <cc>-interior convention but "
            r"country is 'DZ'",
        ),
        (
            "organizations.json",
            lambda d: d["contextual"][0]["by_country"].update({"TN": "tn-dgsn"}),
            r"organizations\.json: entry #8 \('المديرية العامة للأمن الوطني'\): by_country TN: "
            r"unknown organization 'tn-dgsn'",
        ),
        (
            "organizations.json",
            lambda d: d["contextual"][0]["by_country"].update({"TN": "ma-dgsn"}),
            r"by_country TN: organization 'ma-dgsn' has country 'MA'",
        ),
        (
            "organizations.json",
            _set("organizations", "un", "ambiguous", ["أمم"]),
            r"\('un'\): ambiguous alias 'أمم' is not one of the entry's names",
        ),
        (
            "places.json",
            _set("places", "fr-lyon", "country", "ES"),
            r"places\.json: 'fr-lyon': the id of a place in ES must start with 'es-'",
        ),
        (
            "places.json",
            _set("places", "fr-lyon", "kind", "village"),
            r"places\.json: entry #0 \('fr-lyon'\): 'kind': 'village' is not one of",
        ),
        (
            "places.json",
            _set("places", "fr-lyon", "strict", "yes"),
            r"\('fr-lyon'\): 'strict' must be true or false",
        ),
        (
            "persons.json",
            _set("persons", "bouchaib-rmail", "country", "ma"),
            r"persons\.json: entry #0 \('bouchaib-rmail'\): 'country': 'ma' is not an ISO",
        ),
        (
            "regions.json",
            _set("regions", "gulf", "countries", ["SA", "GULF"]),
            r"regions\.json: entry #0 \('gulf'\): 'countries': 'GULF' is not an ISO",
        ),
        (
            "org_patterns.json",
            _set("patterns", "interior", "type", "ministries"),
            r"org_patterns\.json: entry #0 \('interior'\): 'type': 'ministries' is not one of",
        ),
        (
            "places.json",
            lambda d: d.update({"extra": []}),
            r"places\.json: unexpected top-level key\(s\) \['extra'\]",
        ),
    ],
)
def test_bad_files_fail_naming_file_and_entry(
    tmp_path: Path, name: str, change: Callable[[Any], None], expected: str
) -> None:
    with pytest.raises(GazetteerError, match=expected):
        load_gazetteer(mutated(tmp_path, name, change))


def test_an_alias_shared_by_two_entries_must_be_marked_ambiguous(tmp_path: Path) -> None:
    def share(data: Any) -> None:
        entry(data, "organizations", "un")["aliases_ar"] = ["المنظمة الدولية"]
        entry(data, "organizations", "interpol")["aliases_ar"].append("المنظمة الدولية")

    with pytest.raises(GazetteerError) as error:
        load_gazetteer(mutated(tmp_path, "organizations.json", share))
    message = str(error.value)
    assert message.startswith("organizations.json: organization ")
    assert "'المنظمة الدولية'" in message and "'un'" in message and "'interpol'" in message


def test_marking_it_ambiguous_in_only_one_entry_is_not_enough(tmp_path: Path) -> None:
    def half(data: Any) -> None:
        entry(data, "places", "jo-amman")["ambiguous"] = []

    with pytest.raises(GazetteerError, match=r"place 'jo-amman': alias 'عمّان'"):
        load_gazetteer(mutated(tmp_path, "places.json", half))


def test_a_demonym_shared_by_two_countries_names_both(tmp_path: Path) -> None:
    def clash(data: Any) -> None:
        entry(data, "countries", "LB")["demonyms_ar"].append("ليبي")

    with pytest.raises(GazetteerError, match=r"country '(LB|LY)'.*country '(LY|LB)'"):
        load_gazetteer(mutated(tmp_path, "countries.json", clash))


def test_different_kinds_of_the_same_country_may_share_an_alias(gaz: Gazetteer) -> None:
    # The capital "الرباط" names the government (MA) and the city.
    (m,) = gaz.find("الرباط")
    assert {(r.kind, r.id) for r in m.refs} == {("country", "MA"), ("place", "ma-rabat")}


def test_missing_file_and_bad_json(tmp_path: Path) -> None:
    directory = tmp_path / "g"
    shutil.copytree(FIXTURE, directory)
    (directory / "persons.json").unlink()
    with pytest.raises(GazetteerError, match=r"persons\.json: file not found"):
        load_gazetteer(directory)
    (directory / "persons.json").write_text("[{]", encoding="utf-8")
    with pytest.raises(GazetteerError, match=r"persons\.json: invalid JSON"):
        load_gazetteer(str(directory))

"""The entity gazetteers: loading, validation, alias generation and lookups.

Files live in ``rasd/gazetteers/`` (see ``docs/architecture.md`` and each file's
``_doc``). They are read once per process (:func:`load_gazetteer` is cached) and
validated as a whole; any problem raises :class:`GazetteerError` naming the file, the
entry and what is wrong.

Schema decisions taken here (where the architecture notes leave them open):

* **File shape.** A file is a JSON object holding its entries under the file's list
  key (``countries``, ``regions``, ``places``, ``organizations``, ``patterns``,
  ``persons``) beside documentation keys (``_doc``, ``description``, ``note``), or a
  bare JSON array of entries. ``places.json`` also holds ``default_context_ar``.
* **Unknown fields** are errors, so a typo (``alias_ar``) cannot silently drop data.
* **Country codes** are checked against a built-in list of the 249 officially assigned
  ISO 3166-1 alpha-2 codes plus the user-assigned ``XK`` (Kosovo), which
  ``countries.json`` uses; no library needed.
* **Contextual organizations** are entries of ``organizations.json`` that have
  ``by_country`` (``{"aliases_ar": [...], "by_country": {"MA": "ma-dgsn"}}``), in the
  main list or in a ``contextual`` list beside it. Each ``by_country`` value must be an
  organization of that country, or a body of no country that acts there ("قوات التحالف"
  in a Yemen story is the Saudi-led coalition, in a Syria story the anti-ISIS one).
* **org_patterns.json** entries: ``suffix`` (``"interior"``), ``type`` (an organization
  type), ``name_ar`` / ``name_en`` (the generic name, used to label ``<cc>-<suffix>``
  ids that have no entry of their own) and ``heads_ar`` (``"وزارة الداخلية"``,
  ``"وزير الداخلية"``). An organization whose id is ``<cc>-<suffix>`` must have country
  ``cc``. Optional ``by_country`` maps a country to the id of its body when that is
  not ``<cc>-<suffix>`` (Saudi police is ``sa-public-security``); optional
  ``exclude_ar`` as for entities ("بالنيابة عن" = on behalf of); optional
  ``bare_not_in``: countries where the bare head names no national body (police in the
  United States or Germany is local), so only a qualified head counts there
  ("الشرطة الأمريكية"); optional ``qualified_only``: the head names a body only with
  its country next to it ("محكمة أميركية"; a bare "المحكمة" is any court); optional
  ``qualified_heads_ar``: heads of their own that count only so ("القوات الإماراتية" is
  the UAE's armed forces, a bare "القوات" any forces).
* **ambiguous** is accepted on every entry kind: that entry's own aliases that must not
  count alone. A demonym base listed there makes all its inflections ambiguous. The
  same normalized alias may name two entries only if every entry involved lists it as
  ambiguous, or if they are of different kinds and imply the same country (the capital
  "الرباط" of MA and the city ``ma-rabat``).
* **Context cues** (places): an ambiguous place name also counts right after one of
  its cues (``require_context``, else ``default_context_ar``: "مدينة الخبر",
  "بمحافظة حجة"), see :meth:`Gazetteer.context_cues`; when ``strict``, only then. A
  place alias that is also a country name of the same country is read as the
  country; the place needs a cue ("العاصمة الجزائر"). A place of no country
  ("القدس", "مضيق هرمز") is never such a place.
* **Demonyms**: from each base ("مغربي") the loader makes the feminine, plurals and
  duals (ـة ـون ـين ـات ـان ـتان ـتين), each also with the article; broken plurals
  get the article too. A generated form yields, without a conflict, to an entity that
  spells it out ("الأمريكيتين" is the region, not two American women).
* **exclude_ar** (any entry, regions included): phrases that contain an alias but do
  not refer to it ("صلاة المغرب", "صحيفة الشرق الأوسط"); they become stop phrases of
  the matcher.
* **publisher_aliases_ar** (countries): what the press of a country calls it without
  naming it ("المملكة" in a Saudi, Moroccan, Jordanian or Bahraini paper). They are
  matcher aliases of kind ``publisher``, outside the conflict check, and the extractor
  reads them only when the article's ``source_country`` is that country.
* **Length rule**: an alias shorter than :data:`MIN_ALIAS_LETTERS` letters after
  normalization is not matched (so neither are Latin "UN", "EU", "AU": once
  lowercased they are French words), unless it is a strict place name, which only
  counts after a cue anyway ("مدينة قم").
* ``capital_en`` is informative and not matched.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal

from rasd.arabic import normalize
from rasd.matcher import Alias, Matcher

GAZETTEER_DIR = Path(__file__).resolve().parent / "gazetteers"

Kind = Literal["country", "region", "organization", "place", "person"]
ENTITY_KINDS: tuple[Kind, ...] = ("country", "region", "organization", "place", "person")

ORG_TYPES = frozenset(
    {
        "ministry",
        "police",
        "security_agency",
        "intelligence",
        "military",
        "court",
        "international_body",
        "regional_body",
        "armed_group",
        "other",
    }
)
PLACE_KINDS = frozenset({"city", "region", "district", "camp", "island", "water", "site"})

# ISO 3166-1 alpha-2: the officially assigned codes, plus user-assigned XK (Kosovo).
ISO_COUNTRY_CODES = frozenset(
    """
    AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN
    BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ
    DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL
    GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM
    JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME
    MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP
    NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD
    SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO
    TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW
    XK
    """.split()  # noqa: SIM905 - a literal list would format as 250 lines
)

MIN_ALIAS_LETTERS = 3

# Spellings that the matcher's clitic generation turns into other words: "بليون"
# (billion) is not ب + "ليون" (Lyon). The data's exclude_ar covers the rest.
STOP_PHRASES = frozenset({normalize("بليون")})

# Nisba endings generated from a masculine singular demonym ("مغربي"), normalized.
DEMONYM_SUFFIXES = ("", "ه", "ون", "ين", "ات", "ان", "تان", "تين")

_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_DOC_KEYS = frozenset({"_doc", "description", "note", "notes"})


class GazetteerError(ValueError):
    """A gazetteer file is missing, malformed or inconsistent."""


# --- entities ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Country:
    code: str
    name_ar: str
    name_en: str
    names_ar: tuple[str, ...] = ()
    names_en: tuple[str, ...] = ()
    demonyms_ar: tuple[str, ...] = ()
    plural_demonyms_ar: tuple[str, ...] = ()
    capitals_ar: tuple[str, ...] = ()
    capital_en: str | None = None
    ambiguous: tuple[str, ...] = ()
    exclude_ar: tuple[str, ...] = ()
    publisher_aliases_ar: tuple[str, ...] = ()
    arabic_state: bool = False
    un_member: bool = False
    note: str | None = None

    @property
    def id(self) -> str:
        return self.code


@dataclass(frozen=True, slots=True)
class Region:
    id: str
    name_ar: str
    name_en: str
    aliases_ar: tuple[str, ...] = ()
    aliases_en: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    demonyms_ar: tuple[str, ...] = ()
    ambiguous: tuple[str, ...] = ()
    exclude_ar: tuple[str, ...] = ()
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Place:
    id: str
    name_ar: str
    name_en: str
    country: str | None
    kind: str = "city"
    aliases_ar: tuple[str, ...] = ()
    aliases_en: tuple[str, ...] = ()
    capital: bool = False
    ambiguous: tuple[str, ...] = ()
    strict: bool = False
    require_context: tuple[str, ...] = ()
    exclude_ar: tuple[str, ...] = ()
    disputed: bool = False
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Organization:
    id: str
    type: str
    country: str | None
    name_ar: str
    name_en: str
    name_fr: str | None = None
    aliases_ar: tuple[str, ...] = ()
    aliases_en: tuple[str, ...] = ()
    aliases_fr: tuple[str, ...] = ()
    acronyms: tuple[str, ...] = ()
    ambiguous: tuple[str, ...] = ()
    exclude_ar: tuple[str, ...] = ()
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    name_ar: str
    name_en: str | None = None
    aliases_ar: tuple[str, ...] = ()
    country: str | None = None
    ambiguous: tuple[str, ...] = ()
    exclude_ar: tuple[str, ...] = ()
    note: str | None = None


@dataclass(frozen=True, slots=True)
class ContextualAlias:
    """Aliases naming a different body in each country, e.g. the DGSN of MA and DZ."""

    aliases_ar: tuple[str, ...]
    by_country: Mapping[str, str]
    note: str | None = None


@dataclass(frozen=True, slots=True)
class OrgPattern:
    """A generic head ("وزارة الداخلية") that a country turns into ``<cc>-<suffix>``."""

    suffix: str
    type: str
    name_ar: str
    name_en: str
    heads_ar: tuple[str, ...]
    by_country: Mapping[str, str] = field(default_factory=dict)
    exclude_ar: tuple[str, ...] = ()
    bare_not_in: tuple[str, ...] = ()
    qualified_only: bool = False
    qualified_heads_ar: tuple[str, ...] = ()

    def org_id(self, country: str) -> str:
        """The body this head names in ``country``: ``<cc>-<suffix>``, unless the
        country's body has an id of its own (Saudi "الشرطة" is ``sa-public-security``)."""
        return self.by_country.get(country) or f"{country.lower()}-{self.suffix}"


Entity = Country | Region | Place | Organization | Person


@dataclass(frozen=True, slots=True)
class Ref:
    """What a matched alias stands for.

    ``kind`` is an entity kind, ``"contextual"`` (``id`` indexes
    :attr:`Gazetteer.contextual`), ``"org_pattern"`` (``id`` is the suffix) or
    ``"publisher"`` (``id`` is the country code: "المملكة" read as the publisher's own
    country, only in articles of that country's press); other modules may add kinds of
    their own to a matcher. ``country`` is the country the
    alias implies; ``role`` tells how a country or region was named (``name``,
    ``demonym``, ``capital``). An ``ambiguous`` alias must not count alone: it needs
    its country named unambiguously in the same text or, for a place, a context cue
    before it; a ``strict`` one needs the cue."""

    kind: str
    id: str
    country: str | None = None
    role: str = "name"
    ambiguous: bool = False
    strict: bool = False


@dataclass(frozen=True, slots=True)
class Mention:
    """A gazetteer alias found in a normalized string: ``text[start:end]``."""

    start: int
    end: int
    refs: tuple[Ref, ...]


# --- loading ----------------------------------------------------------------------


def load_gazetteer(directory: Path | str | None = None) -> Gazetteer:
    """Load and validate every gazetteer file of ``directory`` (default: the bundled
    ``rasd/gazetteers``). Cached: each directory is read once per process."""
    return _load(Path(directory or GAZETTEER_DIR).resolve())


@lru_cache(maxsize=8)
def _load(directory: Path) -> Gazetteer:
    return Gazetteer(_Loader(directory).load())


@dataclass(frozen=True)
class _Data:
    countries: dict[str, Country]
    regions: dict[str, Region]
    places: dict[str, Place]
    organizations: dict[str, Organization]
    contextual: tuple[ContextualAlias, ...]
    patterns: dict[str, OrgPattern]
    persons: dict[str, Person]
    aliases: tuple[Alias[Ref], ...]
    stop_phrases: frozenset[str]
    place_cues: dict[str, frozenset[str]]


@dataclass
class _Entry:
    """One raw JSON entry and where it came from, for error messages."""

    file: str
    index: int
    raw: Any
    fields: dict[str, Any] = field(default_factory=dict)

    def where(self) -> str:
        raw = self.raw if isinstance(self.raw, dict) else {}
        ident = raw.get("id") or raw.get("code") or raw.get("suffix")
        if ident is None and raw.get("aliases_ar"):
            ident = raw["aliases_ar"][0]
        return f"{self.file}: entry #{self.index}" + (f" ({ident!r})" if ident else "")

    def fail(self, problem: str) -> GazetteerError:
        return GazetteerError(f"{self.where()}: {problem}")


# field name → (required, check). Checks: str, str?, bool, list, code, code?, codes,
# id, org_type, place_kind, map (by_country). "?" allows null.
_Schema = dict[str, tuple[bool, str]]
_COUNTRY_SCHEMA: _Schema = {
    "code": (True, "code"),
    "name_ar": (True, "str"),
    "name_en": (True, "str"),
    "names_ar": (False, "list"),
    "names_en": (False, "list"),
    "demonyms_ar": (False, "list"),
    "plural_demonyms_ar": (False, "list"),
    "capitals_ar": (False, "list"),
    "capital_en": (False, "str?"),
    "ambiguous": (False, "list"),
    "exclude_ar": (False, "list"),
    "publisher_aliases_ar": (False, "list"),
    "arabic_state": (False, "bool"),
    "un_member": (False, "bool"),
    "note": (False, "str?"),
}
_REGION_SCHEMA: _Schema = {
    "id": (True, "id"),
    "name_ar": (True, "str"),
    "name_en": (True, "str"),
    "aliases_ar": (False, "list"),
    "aliases_en": (False, "list"),
    "countries": (False, "codes"),
    "demonyms_ar": (False, "list"),
    "ambiguous": (False, "list"),
    "exclude_ar": (False, "list"),
    "note": (False, "str?"),
}
_PLACE_SCHEMA: _Schema = {
    "id": (True, "id"),
    "name_ar": (True, "str"),
    "name_en": (True, "str"),
    "country": (True, "code?"),
    "kind": (False, "place_kind"),
    "aliases_ar": (False, "list"),
    "aliases_en": (False, "list"),
    "capital": (False, "bool"),
    "ambiguous": (False, "list"),
    "strict": (False, "bool"),
    "require_context": (False, "list"),
    "exclude_ar": (False, "list"),
    "disputed": (False, "bool"),
    "note": (False, "str?"),
}
_ORG_SCHEMA: _Schema = {
    "id": (True, "id"),
    "type": (True, "org_type"),
    "country": (True, "code?"),
    "name_ar": (True, "str"),
    "name_en": (True, "str"),
    "name_fr": (False, "str?"),
    "aliases_ar": (False, "list"),
    "aliases_en": (False, "list"),
    "aliases_fr": (False, "list"),
    "acronyms": (False, "list"),
    "ambiguous": (False, "list"),
    "exclude_ar": (False, "list"),
    "note": (False, "str?"),
}
_CONTEXTUAL_SCHEMA: _Schema = {
    "aliases_ar": (True, "list"),
    "by_country": (True, "map"),
    "note": (False, "str?"),
}
_PATTERN_SCHEMA: _Schema = {
    "suffix": (True, "id"),
    "type": (True, "org_type"),
    "name_ar": (True, "str"),
    "name_en": (True, "str"),
    "heads_ar": (True, "list"),
    "by_country": (False, "map"),
    "exclude_ar": (False, "list"),
    "bare_not_in": (False, "codes"),
    "qualified_only": (False, "bool"),
    "qualified_heads_ar": (False, "list"),
}
_PERSON_SCHEMA: _Schema = {
    "id": (True, "id"),
    "name_ar": (True, "str"),
    "name_en": (False, "str?"),
    "aliases_ar": (False, "list"),
    "country": (False, "code?"),
    "ambiguous": (False, "list"),
    "exclude_ar": (False, "list"),
    "note": (False, "str?"),
}
# Fields that hold something other than names (skipped when listing an entry's names).
_NOT_NAMES = frozenset(
    {"code", "id", "type", "country", "countries", "kind", "ambiguous", "exclude_ar"}
    | {"publisher_aliases_ar"}
    | {"require_context", "note", "by_country", "suffix", "capital_en"}
)


class _Loader:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self._parsed: dict[str, Any] = {}

    def load(self) -> _Data:
        countries = self._by_key(self._read("countries.json", _COUNTRY_SCHEMA), Country, "code")
        regions = self._by_key(self._read("regions.json", _REGION_SCHEMA), Region)
        places = self._by_key(self._read("places.json", _PLACE_SCHEMA), Place)
        for place in places.values():
            self._check_place_id(place)
        org_entries, ctx_entries = self._organizations()
        organizations = self._by_key(org_entries, Organization)
        contextual = tuple(self._contextual(e, organizations) for e in ctx_entries)
        patterns = self._by_key(
            self._read("org_patterns.json", _PATTERN_SCHEMA), OrgPattern, "suffix"
        )
        self._check_pattern_ids(org_entries, patterns)
        for pattern in patterns.values():
            self._check_pattern_targets(pattern, organizations)
        persons = self._by_key(self._read("persons.json", _PERSON_SCHEMA), Person)

        builder = _AliasBuilder(self._default_context())
        builder.add_countries(countries.values())
        builder.add_entities("region", regions.values(), "regions.json")
        builder.add_entities("place", places.values(), "places.json")
        builder.add_entities("organization", organizations.values(), "organizations.json")
        builder.add_entities("person", persons.values(), "persons.json")
        builder.add_contextual(contextual)
        builder.add_patterns(patterns.values())
        excluded = (
            e.exclude_ar
            for group in (countries, regions, places, organizations, persons, patterns)
            for e in group.values()
        )
        return _Data(
            countries=countries,
            regions=regions,
            places=places,
            organizations=organizations,
            contextual=contextual,
            patterns=patterns,
            persons=persons,
            aliases=builder.build(),
            place_cues=builder.place_cues,
            stop_phrases=STOP_PHRASES | {normalize(p) for group in excluded for p in group},
        )

    # -- files

    def _json(self, name: str) -> Any:
        if name not in self._parsed:
            self._parsed[name] = self._parse(name)
        return self._parsed[name]

    def _parse(self, name: str) -> Any:
        path = self.directory / name
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise GazetteerError(f"{name}: file not found in {self.directory}") from None
        except json.JSONDecodeError as exc:
            raise GazetteerError(f"{name}: invalid JSON: {exc}") from None

    def _raw_entries(self, name: str, extra_lists: tuple[str, ...] = ()) -> list[Any]:
        data = self._json(name)
        if isinstance(data, list):
            return data
        list_key = _LIST_KEYS[name]
        if not isinstance(data, dict):
            raise GazetteerError(f"{name}: expected a JSON object or array")
        unknown = set(data) - {list_key, *extra_lists, *_DOC_KEYS, *_TOP_LEVEL_EXTRAS[name]}
        if unknown:
            raise GazetteerError(
                f"{name}: unexpected top-level key(s) {sorted(unknown)}; "
                f"entries belong in {list_key!r}"
            )
        entries: list[Any] = []
        for key in (list_key, *extra_lists):
            value = data.get(key, [])
            if not isinstance(value, list):
                raise GazetteerError(f"{name}: {key!r} must be a JSON array")
            entries.extend(value)
        return entries

    def _read(self, name: str, schema: _Schema) -> list[_Entry]:
        return [
            _checked(_Entry(name, i, raw), schema) for i, raw in enumerate(self._raw_entries(name))
        ]

    def _default_context(self) -> tuple[str, ...]:
        data = self._json("places.json")
        cues = data.get("default_context_ar", []) if isinstance(data, dict) else []
        if not isinstance(cues, list) or not all(isinstance(c, str) and c for c in cues):
            raise GazetteerError("places.json: 'default_context_ar' must be a list of strings")
        return tuple(cues)

    def _organizations(self) -> tuple[list[_Entry], list[_Entry]]:
        raws = self._raw_entries("organizations.json", ("contextual",))
        orgs, contextual = [], []
        for i, raw in enumerate(raws):
            entry = _Entry("organizations.json", i, raw)
            if isinstance(raw, dict) and "by_country" in raw:
                contextual.append(_checked(entry, _CONTEXTUAL_SCHEMA))
            else:
                orgs.append(_checked(entry, _ORG_SCHEMA))
        return orgs, contextual

    # -- checks across entries

    @staticmethod
    def _by_key(entries: list[_Entry], cls: type, key: str = "id") -> dict[str, Any]:
        seen: dict[str, _Entry] = {}
        for entry in entries:
            value = entry.fields[key]
            if value in seen:
                raise entry.fail(f"duplicate {key} {value!r} (also {seen[value].where()})")
            seen[value] = entry
        return {value: cls(**entry.fields) for value, entry in seen.items()}

    @staticmethod
    def _check_place_id(place: Place) -> None:
        if place.country and not place.id.startswith(f"{place.country.lower()}-"):
            raise GazetteerError(
                f"places.json: {place.id!r}: the id of a place in {place.country} must "
                f"start with '{place.country.lower()}-'"
            )

    @staticmethod
    def _contextual(entry: _Entry, orgs: Mapping[str, Organization]) -> ContextualAlias:
        for code, org_id in entry.fields["by_country"].items():
            org = orgs.get(org_id)
            if org is None:
                raise entry.fail(f"by_country {code}: unknown organization {org_id!r}")
            if org.country not in (code, None):
                raise entry.fail(
                    f"by_country {code}: organization {org_id!r} has country {org.country!r}"
                )
        return ContextualAlias(**entry.fields)

    @staticmethod
    def _check_pattern_targets(pattern: OrgPattern, orgs: Mapping[str, Organization]) -> None:
        for code, org_id in pattern.by_country.items():
            org = orgs.get(org_id)
            if org is None or org.country != code:
                problem = "unknown organization" if org is None else f"country {org.country!r}"
                raise GazetteerError(
                    f"org_patterns.json: {pattern.suffix!r}: by_country {code}: "
                    f"{org_id!r} ({problem})"
                )

    @staticmethod
    def _check_pattern_ids(orgs: list[_Entry], patterns: Mapping[str, OrgPattern]) -> None:
        for entry in orgs:
            code, _, suffix = entry.fields["id"].partition("-")
            convention = suffix in patterns and code.upper() in ISO_COUNTRY_CODES
            if convention and entry.fields["country"] != code.upper():
                raise entry.fail(
                    f"id {entry.fields['id']!r} follows the <cc>-{suffix} convention "
                    f"but country is {entry.fields['country']!r}"
                )


_LIST_KEYS = {
    "countries.json": "countries",
    "regions.json": "regions",
    "places.json": "places",
    "organizations.json": "organizations",
    "org_patterns.json": "patterns",
    "persons.json": "persons",
}
_TOP_LEVEL_EXTRAS: dict[str, tuple[str, ...]] = defaultdict(
    tuple, {"places.json": ("default_context_ar",)}
)


def _checked(entry: _Entry, schema: _Schema) -> _Entry:
    if not isinstance(entry.raw, dict):
        raise entry.fail("expected a JSON object")
    unknown = set(entry.raw) - set(schema)
    if unknown:
        raise entry.fail(f"unknown field(s) {sorted(unknown)}; allowed: {sorted(schema)}")
    for name, (required, check) in schema.items():
        if name in entry.raw:
            entry.fields[name] = _check_value(entry, name, check, entry.raw[name])
        elif required:
            raise entry.fail(f"missing required field {name!r}")
    own = _own_names(entry.fields)
    for alias in entry.fields.get("ambiguous", ()):
        if normalize(alias) not in own:
            raise entry.fail(f"ambiguous alias {alias!r} is not one of the entry's names")
    return entry


def _check_value(entry: _Entry, name: str, check: str, value: Any) -> Any:
    if check.endswith("?"):
        if value is None:
            return None
        check = check[:-1]
    if check == "bool":
        if not isinstance(value, bool):
            raise entry.fail(f"{name!r} must be true or false")
        return value
    if check == "list":
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise entry.fail(f"{name!r} must be a list of non-empty strings")
        return tuple(value)
    if check == "codes":
        if not isinstance(value, list):
            raise entry.fail(f"{name!r} must be a list of country codes")
        return tuple(_check_value(entry, name, "code", v) for v in value)
    if check == "map":
        if not isinstance(value, dict) or not value:
            raise entry.fail(f"{name!r} must be a non-empty object of country code → id")
        return MappingProxyType(
            {
                _check_value(entry, name, "code", code): _check_value(entry, name, "id", org)
                for code, org in value.items()
            }
        )
    if not isinstance(value, str) or not value.strip():
        raise entry.fail(f"{name!r} must be a non-empty string")
    problem = {
        "code": value not in ISO_COUNTRY_CODES and "is not an ISO 3166-1 alpha-2 country code",
        "id": not _ID_RE.match(value) and "is not a lowercase ASCII hyphenated id",
        "org_type": value not in ORG_TYPES and f"is not one of {sorted(ORG_TYPES)}",
        "place_kind": value not in PLACE_KINDS and f"is not one of {sorted(PLACE_KINDS)}",
    }.get(check)
    if problem:
        raise entry.fail(f"{name!r}: {value!r} {problem}")
    return value


def _own_names(fields: Mapping[str, Any]) -> set[str]:
    """Normalized names of an entry as written (demonym bases and capitals included)."""
    names: set[str] = set()
    for key, value in fields.items():
        if key in _NOT_NAMES or isinstance(value, bool) or value is None:
            continue
        names.update(normalize(v) for v in ((value,) if isinstance(value, str) else value))
    return names


# --- aliases ----------------------------------------------------------------------


@dataclass
class _Source:
    """One generated form and where it came from, for conflict messages."""

    file: str
    ref: Ref
    written: str
    generated: bool = False  # an inflection the loader made, not a spelling in the data


class _AliasBuilder:
    """Turns entities into normalized matcher aliases and checks alias conflicts."""

    def __init__(self, default_context: tuple[str, ...]) -> None:
        self.forms: dict[str, list[_Source]] = defaultdict(list)
        self.default_cues = frozenset(normalize(c) for c in default_context)
        self.place_cues: dict[str, frozenset[str]] = {}
        self.publisher: list[Alias[Ref]] = []

    def add(self, file: str, ref: Ref, written: str, form: str | None = None) -> None:
        form = form or normalize(written)
        generated = form != normalize(written)
        self.forms[form].append(_Source(file, ref, written, generated))

    def add_countries(self, countries: Iterable[Country]) -> None:
        file = "countries.json"
        for c in countries:
            amb = _normalized(c.ambiguous)
            name_ref = Ref("country", c.code, c.code, "name")
            for name in (*c.names_ar, c.name_ar, *c.names_en, c.name_en):
                self.add(file, _marked(name_ref, name, amb), name)
            self._add_demonyms(file, name_ref, c.demonyms_ar, c.plural_demonyms_ar, amb)
            capital = Ref("country", c.code, c.code, "capital")
            for name in c.capitals_ar:
                self.add(file, _marked(capital, name, amb), name)
            # Outside the conflict check: several countries call themselves "المملكة",
            # and only the publisher's own country ever reads it.
            publisher = Ref("publisher", c.code, c.code, "publisher")
            self.publisher += [Alias(normalize(a), publisher) for a in c.publisher_aliases_ar]

    def _add_demonyms(
        self,
        file: str,
        ref: Ref,
        bases: Iterable[str],
        plurals: Iterable[str],
        amb: set[str],
    ) -> None:
        ref = replace(ref, role="demonym")
        for base in bases:
            for form in demonym_forms(normalize(base)):
                self.add(file, _marked(ref, base, amb), base, form)
        for plural in plurals:
            norm = normalize(plural)
            definite = plural.startswith("ال")  # as written: "ألبان" takes the article
            for form in (norm,) if definite else (norm, f"ال{norm}"):
                self.add(file, _marked(ref, plural, amb), plural, form)

    def add_entities(self, kind: Kind, entities: Iterable[Any], file: str) -> None:
        for entity in entities:
            amb = _normalized(entity.ambiguous)
            strict = getattr(entity, "strict", False)
            ref = Ref(kind, entity.id, getattr(entity, "country", None), "name", strict=strict)
            for written in entity_names(entity):
                self.add(file, _marked(ref, written, amb), written)
            if isinstance(entity, Region):
                self._add_demonyms(file, ref, entity.demonyms_ar, (), amb)
            if isinstance(entity, Place):
                cues = frozenset(normalize(c) for c in entity.require_context)
                self.place_cues[entity.id] = cues or self.default_cues

    def add_contextual(self, contextual: Iterable[ContextualAlias]) -> None:
        for i, ctx in enumerate(contextual):
            for written in ctx.aliases_ar:
                self.add("organizations.json", Ref("contextual", str(i)), written)

    def add_patterns(self, patterns: Iterable[OrgPattern]) -> None:
        for pattern in patterns:
            for head in pattern.heads_ar:
                self.add("org_patterns.json", Ref("org_pattern", pattern.suffix, role="head"), head)
            qualified = Ref("org_pattern", pattern.suffix, role="qualified_head")
            for head in pattern.qualified_heads_ar:
                self.add("org_patterns.json", qualified, head)

    def build(self) -> tuple[Alias[Ref], ...]:
        country_names = {
            form: s.ref.country
            for form, sources in self.forms.items()
            for s in sources
            if s.ref.kind == "country" and s.ref.role == "name"
        }
        aliases: list[Alias[Ref]] = []
        for form, sources in self.forms.items():
            sources = _dedup(_explicit_first(sources))
            _check_conflicts(form, sources)
            ambiguous = any(s.ref.ambiguous for s in sources)
            for source in sources:
                ref = replace(source.ref, ambiguous=True) if ambiguous else source.ref
                named_like_its_country = ref.country is not None and (
                    country_names.get(form) == ref.country
                )
                if ref.kind == "place" and named_like_its_country:
                    ref = replace(ref, ambiguous=True, strict=True)  # the country wins
                short = len(form.replace(" ", "")) < MIN_ALIAS_LETTERS
                if not short or (ref.ambiguous and ref.strict):
                    aliases.append(Alias(form, ref))
        return (*aliases, *self.publisher)


def _normalized(texts: Iterable[str]) -> set[str]:
    return {normalize(t) for t in texts}


def _marked(ref: Ref, written: str, ambiguous: set[str]) -> Ref:
    """``ref`` flagged ambiguous when the entry lists ``written`` (a name, or a demonym
    base standing for all its inflections) as ambiguous."""
    return replace(ref, ambiguous=True) if normalize(written) in ambiguous else ref


def _explicit_first(sources: list[_Source]) -> list[_Source]:
    """A generated inflection yields to an entity that spells the form out: the dual
    "الأمريكيتين" (two American women) is the region "the Americas"."""
    explicit = {(s.ref.kind, s.ref.id) for s in sources if not s.generated}
    if not explicit:
        return sources
    return [s for s in sources if (s.ref.kind, s.ref.id) in explicit]


def _dedup(sources: list[_Source]) -> list[_Source]:
    """One source per entity: a country named and capital-ed the same way counts once,
    by the most specific role (name, then demonym, then capital), ambiguous if any is."""
    by_target: dict[tuple[str, str], _Source] = {}
    for source in sources:
        key = (source.ref.kind, source.ref.id)
        kept = by_target.setdefault(key, source)
        if kept is source:
            continue
        best = min(kept, source, key=lambda s: _ROLE_RANK.get(s.ref.role, 0))
        amb = kept.ref.ambiguous or source.ref.ambiguous
        by_target[key] = replace(best, ref=replace(best.ref, ambiguous=amb))
    return list(by_target.values())


_ROLE_RANK = {"name": 0, "demonym": 1, "capital": 2}


def _check_conflicts(form: str, sources: list[_Source]) -> None:
    """Two entities may share a form only if both list it as ambiguous, or if they are
    of different kinds and imply the same country."""
    for i, first in enumerate(sources):
        for other in sources[i + 1 :]:
            both_marked = first.ref.ambiguous and other.ref.ambiguous
            same_country = first.ref.country is not None and other.ref.country == first.ref.country
            if both_marked or (same_country and other.ref.kind != first.ref.kind):
                continue
            unmarked = other if not other.ref.ambiguous else first
            marked = first if unmarked is other else other
            raise GazetteerError(
                f"{unmarked.file}: {unmarked.ref.kind} {unmarked.ref.id!r}: alias "
                f"{unmarked.written!r} (normalized {form!r}) also names {marked.ref.kind} "
                f"{marked.ref.id!r} ({marked.file}, written {marked.written!r}); list it "
                "under 'ambiguous' in both entries or remove it from one"
            )


def demonym_forms(base: str) -> list[str]:
    """Inflections of a normalized masculine nisba ("مغربي"): feminine, plurals, duals,
    each with and without the article. In a multi-word demonym ("جنوب افريقي") the
    last word inflects and the first takes the article."""
    words = base.split()
    if not words or not words[-1].endswith("ي"):
        raise GazetteerError(f"demonym {base!r} must end in ي (a masculine nisba)")
    head, last = words[:-1], words[-1]
    forms = []
    for suffix in DEMONYM_SUFFIXES:
        indefinite = " ".join([*head, last + suffix])
        forms += [indefinite, f"ال{indefinite}"]
    return forms


def entity_names(entity: Entity) -> list[str]:
    """Every name an entity is written with (not demonyms or capitals), as written,
    canonical name first, one per normalized form."""
    if isinstance(entity, Country):
        names = [entity.name_ar, *entity.names_ar, entity.name_en, *entity.names_en]
    elif isinstance(entity, Organization):
        names = [
            entity.name_ar,
            *entity.aliases_ar,
            entity.name_en,
            *entity.aliases_en,
            *([entity.name_fr] if entity.name_fr else []),
            *entity.aliases_fr,
            *entity.acronyms,
        ]
    elif isinstance(entity, Person):
        names = [entity.name_ar, *entity.aliases_ar, *([entity.name_en] if entity.name_en else [])]
    else:
        names = [entity.name_ar, *entity.aliases_ar, entity.name_en, *entity.aliases_en]
    unique: dict[str, str] = {}
    for name in names:
        unique.setdefault(normalize(name), name)
    return list(unique.values())


# --- the API ----------------------------------------------------------------------


class Gazetteer:
    """Validated gazetteer data, lookups by id and alias matching. Get it from
    :func:`load_gazetteer`; it is immutable and shared."""

    def __init__(self, data: _Data) -> None:
        self._data = data
        self.countries: Mapping[str, Country] = MappingProxyType(data.countries)
        self.regions: Mapping[str, Region] = MappingProxyType(data.regions)
        self.places: Mapping[str, Place] = MappingProxyType(data.places)
        self.organizations: Mapping[str, Organization] = MappingProxyType(data.organizations)
        self.persons: Mapping[str, Person] = MappingProxyType(data.persons)
        self.patterns: Mapping[str, OrgPattern] = MappingProxyType(data.patterns)
        self.contextual: tuple[ContextualAlias, ...] = data.contextual

    # lookups

    def country(self, code: str) -> Country | None:
        return self.countries.get(code)

    def region(self, region_id: str) -> Region | None:
        return self.regions.get(region_id)

    def place(self, place_id: str) -> Place | None:
        return self.places.get(place_id)

    def person(self, person_id: str) -> Person | None:
        return self.persons.get(person_id)

    def organization(self, org_id: str) -> Organization | None:
        """An organization by id, including ``<cc>-<suffix>`` ids made by an org pattern
        that the data has no entry for (labelled "وزارة الداخلية (فرنسا)")."""
        org = self.organizations.get(org_id)
        if org is not None:
            return org
        code, _, suffix = org_id.partition("-")
        pattern = self.patterns.get(suffix)
        country = self.countries.get(code.upper())
        if pattern is None or country is None or code != code.lower():
            return None
        return Organization(
            id=org_id,
            type=pattern.type,
            country=country.code,
            name_ar=f"{pattern.name_ar} ({country.name_ar})",
            name_en=f"{pattern.name_en} ({country.name_en})",
        )

    def entity(self, kind: Kind, entity_id: str) -> Entity | None:
        lookup = {
            "country": self.country,
            "region": self.region,
            "place": self.place,
            "organization": self.organization,
            "person": self.person,
        }[kind]
        return lookup(entity_id)

    def label(self, kind: Kind, entity_id: str, lang: Literal["ar", "en"] = "ar") -> str:
        """Display name of an entity; the id itself when unknown."""
        entity = self.entity(kind, entity_id)
        if entity is None:
            return entity_id
        return (entity.name_en if lang == "en" else None) or entity.name_ar

    def aliases(self, kind: Kind, entity_id: str) -> list[str]:
        """Every name of an entity as written in the data (distinct once normalized),
        canonical name first. For countries: names only, not demonyms or capitals, so
        a search for a country is not widened to its capital city."""
        entity = self.entity(kind, entity_id)
        return entity_names(entity) if entity is not None else []

    # matching

    @property
    def alias_entries(self) -> tuple[Alias[Ref], ...]:
        """Every normalized alias with its :class:`Ref`, inflections included (clitic
        variants are the matcher's). For building a larger matcher."""
        return self._data.aliases

    def context_cues(self, place_id: str) -> frozenset[str]:
        """Normalized words that, right before an ambiguous name of the place, license
        it ("مدينة", "محافظة" …: ``require_context`` or ``default_context_ar``)."""
        return self._data.place_cues.get(place_id, frozenset())

    @property
    def stop_phrases(self) -> frozenset[str]:
        """Normalized phrases that shadow the aliases inside them (``exclude_ar``)."""
        return self._data.stop_phrases

    @cached_property
    def matcher(self) -> Matcher[tuple[Ref, ...]]:
        return Matcher.of(self._data.aliases, stop_phrases=self._data.stop_phrases)

    def find(self, normalized: str) -> list[Mention]:
        """Entity aliases inside a normalized string (a query), leftmost-longest, for
        synonym expansion: "داعش" → organization ``isis`` → :meth:`aliases`. Contextual
        aliases and org-pattern heads are left out (they need an article's context);
        an ambiguous alias comes back with every candidate, flagged."""
        mentions = []
        for match in self.matcher.find(normalized):
            refs = tuple(r for r in match.values if r.kind in ENTITY_KINDS)
            if refs:
                mentions.append(Mention(match.start, match.end, refs))
        return mentions

"""The article index definition (``mappings/``) and the alias that fronts it.

``mappings/articles.json`` is the single source of the settings and mappings; this
module only fills the stemmer-override rules from ``mappings/stem_overrides.json`` and
manages the versioned index behind the alias: ``rasd-articles`` → ``rasd-articles-v1``.

An index made by an earlier Rasd is brought up to date when it is next used
(:func:`ensure_index`): fields added to the mapping since are added to the live index,
which the engine allows. A change the engine cannot apply in place (a field's type or
analyzer) is reported with the way out; such a change also bumps ``_meta.version``, so a
fresh alias gets the new ``-v2`` index.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import orjson

from rasd.arabic import normalize
from rasd.engine import Engine, EngineError, NotFound


@dataclass(frozen=True)
class StemOverrideGroup:
    stem: str
    forms: tuple[str, ...]
    collides_with: tuple[str, ...]


def _read_json(name: str) -> Any:
    return orjson.loads(resources.files("mappings").joinpath(name).read_bytes())


@cache
def stem_override_groups() -> tuple[StemOverrideGroup, ...]:
    """Every group with its forms expanded by the clitic prefixes, normalized."""
    data = _read_json("stem_overrides.json")
    prefixes = data["prefixes"]
    groups = []
    for group in data["groups"]:
        forms = dict.fromkeys(normalize(p + form) for form in group["forms"] for p in prefixes)
        groups.append(
            StemOverrideGroup(
                stem=normalize(group["stem"]),
                forms=tuple(forms),
                collides_with=tuple(group["collides_with"]),
            )
        )
    return tuple(groups)


def stem_override_rules() -> list[str]:
    return [f"{', '.join(g.forms)} => {g.stem}" for g in stem_override_groups()]


@cache
def _definition() -> dict[str, Any]:
    return _read_json("articles.json")


def mapping_version() -> int:
    return int(_definition()["_meta"]["version"])


def index_body() -> dict[str, Any]:
    """The create-index body: settings + mappings, overrides filled in."""
    body = copy.deepcopy(_definition())
    body.pop("_meta")
    analysis = body["settings"]["analysis"]
    analysis["filter"]["rasd_stem_override"]["rules"] = stem_override_rules()
    body["mappings"]["_meta"] = {"rasd_mapping_version": mapping_version()}
    return body


def versioned_name(alias: str, version: int | None = None) -> str:
    return f"{alias}-v{version or mapping_version()}"


def alias_targets(engine: Engine, alias: str) -> list[str]:
    try:
        return sorted(engine.request("GET", f"/_alias/{alias}"))
    except NotFound:
        return []


def ensure_index(engine: Engine, alias: str) -> str:
    """Create ``<alias>-v<version>`` and point the alias at it, unless the alias already
    points somewhere. Idempotent and safe to race: returns the concrete index name."""
    targets = alias_targets(engine, alias)
    if targets:
        _add_new_fields(engine, targets[0])
        return targets[0]
    if engine.exists(f"/{alias}"):
        raise EngineError(
            f"{alias!r} is a concrete index, not an alias; Rasd keeps its data behind an alias. "
            f"Reindex it into {versioned_name(alias)!r} or choose another --index."
        )
    name = versioned_name(alias)
    body = index_body()
    body["aliases"] = {alias: {}}
    try:
        engine.request("PUT", f"/{name}", body)
    except EngineError as exc:
        if exc.status != 400 or "already_exists" not in str(exc):
            raise
        engine.request("POST", "/_aliases", {"actions": [{"add": {"index": name, "alias": alias}}]})
    return name


def _add_new_fields(engine: Engine, index: str) -> None:
    """Give an existing index every field of the current mapping. Fields it has are
    left as they are (sending them again changes nothing); without this, documents
    carrying a field added since the index was made are all rejected (strict mapping)."""
    properties = index_body()["mappings"]["properties"]
    try:
        engine.request("PUT", f"/{index}/_mapping", {"properties": properties})
    except EngineError as exc:
        if exc.status != 400:
            raise
        raise EngineError(
            f"the index {index!r} was made by an earlier Rasd and its mapping cannot be "
            f"brought up to date in place ({exc}). Index into a new alias (--index NAME), "
            f"or delete {index!r} and index the articles again.",
            status=400,
        ) from exc


def delete_alias_and_indices(engine: Engine, alias: str) -> None:
    """Remove an alias and every index behind it (throw-away test and bench indices)."""
    for index in alias_targets(engine, alias):
        engine.request("DELETE", f"/{index}")

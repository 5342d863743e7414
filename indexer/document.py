"""From a raw record to the document Rasd indexes: normalize → extract → build.

``mappings/articles.json`` defines the fields. The text is normalized once here and
shared by every extractor (entities, topics, story signature, content hash), and scanned
once for entity aliases and topic terms together. Runs in worker processes, so
everything it loads is loaded once per process (:func:`warm_up`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from indexer.extract.dates import (
    DateMention,
    PartialDate,
    find_dates,
    parse_publication_date,
    publication_date_from_text,
)
from indexer.extract.entities import ArticleScan, Entities, default_extractor
from indexer.extract.topics import default_model
from indexer.ids import content_hash_of_normalized, document_id
from indexer.records import ItemError, Origin, RawRecord
from indexer.stories import Signature, signature
from rasd.arabic import normalize
from rasd.heap import freeze_loaded
from rasd.sites import load_sites

MAX_EVENT_DATES = 20  # a timeline article lists many; the first ones date the events
# Text past this is cut (with a warning), at a paragraph break: the longest of
# SaudiNewsNet's 31,030 articles has 31,420 characters, and the engine's highlighter
# takes seconds on a 400 KB body and minutes, uncancellable, on a 4 MB one, which
# stalled every search that matched it.
MAX_BODY_CHARS = 100_000
LANGUAGE_SAMPLE = 600
_ARABIC_LETTER_RE = re.compile(r"[\u0621-\u064a]")


@dataclass(slots=True)
class BuiltDoc:
    """A document ready to index; ``story_id``/``duplicate_of`` are set by the writer,
    which alone sees every document of the run."""

    id: str
    source: dict[str, Any]
    content_hash: str
    signature: Signature | None
    origin: Origin


def warm_up() -> None:
    """Load gazetteers, matchers and models once, before worker processes fork."""
    default_extractor()
    default_model()
    load_sites()
    freeze_loaded()


def build_batch(records: list[RawRecord]) -> list[BuiltDoc | ItemError]:
    """Build every record; one that fails is reported, never fatal to the batch.

    Stage by stage over the whole batch rather than article by article: each stage's
    tables (the alias automaton above all) then stay in the CPU caches, where article by
    article the stages evict one another and the same work takes twice as long."""
    ingested_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    drafts = [_Draft(record, ingested_at) for record in records]
    for stage in _STAGES:
        for draft in drafts:
            if draft.error is None:
                try:
                    stage(draft)
                except Exception as exc:  # a bug on one odd article must not cost the others
                    reason = f"could not extract: {type(exc).__name__}: {exc}"
                    draft.error = ItemError(draft.record.origin, reason)
    return [draft.result() for draft in drafts]


@dataclass(slots=True)
class _Draft:
    """One record on its way through the stages, with what each has found so far."""

    record: RawRecord
    ingested_at: str
    error: ItemError | None = None
    built: BuiltDoc | None = None  # the last stage's result
    title_norm: str = ""
    body_norm: str = ""
    warnings: list[str] = field(default_factory=list)
    published: PartialDate | None = None
    events: list[DateMention] = field(default_factory=list)
    scan: ArticleScan | None = None
    entities: Entities | None = None
    signature: Signature | None = None
    topics: list[str] = field(default_factory=list)

    def result(self) -> BuiltDoc | ItemError:
        if self.error is not None:
            return self.error
        assert self.built is not None  # every stage ran
        return self.built


def _normalize(draft: _Draft) -> None:
    """The text normalized once, for every extractor and the content hash."""
    record = draft.record
    if record.metadata.get("warning"):
        draft.warnings.append(record.metadata["warning"])
    if len(record.body) > MAX_BODY_CHARS:
        cut = record.body.rfind("\n", 0, MAX_BODY_CHARS + 1)
        draft.warnings.append(
            f"text cut at {MAX_BODY_CHARS:,} characters (of {len(record.body):,}): "
            "longer than any news article"
        )
        record.body = record.body[: cut if cut > 0 else MAX_BODY_CHARS].rstrip()
    draft.title_norm, draft.body_norm = normalize(record.title or ""), normalize(record.body)


def _dates(draft: _Draft) -> None:
    record = draft.record
    draft.published = _publication_date(record, record.title or "", record.body, draft.warnings)
    draft.events = find_dates(record.body, published=draft.published)[:MAX_EVENT_DATES]


def _scan(draft: _Draft) -> None:
    """One pass over the text finds the entity aliases and the topic terms."""
    draft.scan = default_extractor().scan(draft.title_norm, draft.body_norm)


def _entities(draft: _Draft) -> None:
    record = draft.record
    site = load_sites().resolve(record.source, record.url)
    draft.entities = default_extractor().extract(
        record.title or "",
        record.body,
        source_country=site.country if site else None,
        scan=draft.scan,
    )


def _topics(draft: _Draft) -> None:
    assert draft.scan is not None
    draft.topics = default_model().tag_riders(draft.scan.riders, draft.scan.title_end)


def _signature(draft: _Draft) -> None:
    draft.signature = signature(draft.body_norm)


def _assemble(draft: _Draft) -> None:
    record, entities, sig = draft.record, draft.entities, draft.signature
    assert entities is not None
    title = record.title or ""
    digest = content_hash_of_normalized(draft.title_norm, draft.body_norm)
    doc_id = document_id(record.url, digest)
    site = load_sites().resolve(record.source, record.url)
    published = draft.published
    source: dict[str, Any] = {
        "id": doc_id,
        "url": record.url,
        "source": site.id if site else (record.source or None),
        "source_name": site.name_ar
        if site
        else (record.metadata.get("site_name") or record.source),
        "author": record.author or None,
        "title": title,
        "body": record.body,
        "published_at": published.iso if published else None,
        "published_precision": _precision(published),
        "event_dates": [_event(m) for m in draft.events],
        "countries": list(entities.countries),
        "organizations": list(entities.organizations),
        "persons": list(entities.persons),
        "places": list(entities.places),
        "topics": draft.topics,
        "language": _language(f"{draft.title_norm} {draft.body_norm[:LANGUAGE_SAMPLE]}"),
        "content_hash": digest,
        "story_bands": sig.bands() if sig else [],
        "story_signature": sig.encode() if sig else None,
        "warnings": draft.warnings,
        "origin": record.origin.to_dict(),
        "ingested_at": draft.ingested_at,
    }
    draft.built = BuiltDoc(doc_id, source, digest, sig, record.origin)


_STAGES: tuple[Callable[[_Draft], None], ...] = (
    _normalize,
    _dates,
    _scan,
    _entities,
    _topics,
    _signature,
    _assemble,
)


def _publication_date(
    record: RawRecord, title: str, body: str, warnings: list[str]
) -> PartialDate | None:
    """From metadata when present, else from a dateline in the text."""
    if record.published_raw:
        parsed = parse_publication_date(record.published_raw)
        if parsed is not None and parsed.year is not None:
            return parsed
        warnings.append(f"unreadable publication date {record.published_raw[:60]!r}")
    found = publication_date_from_text(title, body)
    return found if found is not None and found.year is not None else None


def _precision(published: PartialDate | None) -> str:
    return published.precision if published is not None else "unknown"


def _event(mention: DateMention) -> dict[str, Any]:
    """An event_dates entry; a date without a year keeps its months and days only."""
    end = mention.end
    return {
        "date": mention.start.iso,
        "end": end.iso if end else None,
        "month": mention.start.month,
        "day": mention.start.day,
        "end_month": end.month if end else None,
        "end_day": end.day if end else None,
        "precision": mention.start.precision,
        "kind": mention.kind,
        "text": mention.text,
    }


def _language(normalized_sample: str) -> str:
    """ "ar" when Arabic dominates, else "other" (Rasd's analysis is Arabic; no guessing
    between Latin-script languages). Cheap: in normalized text, letters outside ASCII
    are two UTF-8 bytes each, so the byte surplus counts them."""
    if not _ARABIC_LETTER_RE.search(normalized_sample):
        return "other"
    non_ascii = len(normalized_sample.encode("utf-8")) - len(normalized_sample)
    letters = len(normalized_sample) - normalized_sample.count(" ")
    return "ar" if letters and non_ascii / letters >= 0.5 else "other"

"""``rasd index``: read → build documents (worker processes) → classify → bulk index.

The main process reads inputs and hands batches of raw records to worker processes,
which decode nothing more but extract everything (dates, entities, topics, hashes,
story signatures). Built batches come back in order; the main process classifies each
document against the index (new, updated, unchanged, duplicate), links duplicates and
stories, and hands NDJSON to sender threads, so reading, extraction and indexing all
overlap and the engine never waits on Python.
"""

from __future__ import annotations

import os
import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from indexer.bulk import BulkSender, EngineDown, ItemResult, RetryPolicy, encode_action
from indexer.checkpoint import Checkpoint
from indexer.document import BuiltDoc, build_batch, warm_up
from indexer.errors import ErrorSink
from indexer.progress import Reporter, SilentReporter
from indexer.records import ItemError, RawRecord, Skipped
from indexer.sources import InputFile, list_inputs, read_input
from indexer.stories import Signature, StoryIndex
from rasd.engine import Engine, EngineUnavailable
from rasd.heap import collect_young_less_often
from rasd.index_definition import alias_targets, ensure_index
from rasd.index_tuning import relax, restore_if_relaxed

SENDER_THREADS = 2  # one bulk request being indexed while the next is on the wire
LOOKUP_LIMIT = 10_000
# Workers yield the CPU to the engine (and to this process, which feeds it): when they
# share the cores with a local engine, its bulk indexing is the slow stage, and building
# the next batches fits in its gaps. SaudiNewsNet indexed in 47.9 s instead of 50.9 s
# (means of four runs each, two cores); at 19 the workers starve and nothing is gained.
WORKER_NICENESS = 10


@dataclass
class IndexOptions:
    paths: list[str]
    alias: str
    home: Path
    recursive: bool = False
    format: str = "auto"
    batch_size: int = 500
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    dry_run: bool = False
    bulk_attempts: int = 8


@dataclass
class Summary:
    files: int = 0
    resumed_files: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    indexed: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicate: int = 0
    failed: int = 0
    elapsed: float = 0.0
    fatal: str | None = None

    @property
    def succeeded(self) -> int:
        return self.indexed + self.updated + self.unchanged + self.duplicate

    @property
    def rate(self) -> float:
        return (self.succeeded + self.failed) / self.elapsed if self.elapsed else 0.0

    @property
    def exit_code(self) -> int:
        if self.fatal or self.succeeded == 0:
            return 2
        return 1 if self.failed else 0


@dataclass
class _Sent:
    """A bulk request on its way, or (``future`` None) a callback to run once every
    earlier request has been acknowledged."""

    future: Future[list[ItemResult]] | None
    callback: Callable[[], Any] | None = None
    origins: dict[str, Any] = field(default_factory=dict)
    updated: set[str] = field(default_factory=set)
    duplicates: set[str] = field(default_factory=set)


@dataclass
class _Batch:
    future: Future[list[BuiltDoc | ItemError]] | None = None
    end_of_input: InputFile | None = None  # sentinel: every earlier batch of it is done
    reported_bytes: int = 0  # of end_of_input, told to the reporter while it was read


def run(
    options: IndexOptions,
    engine: Engine | None,
    errors: ErrorSink,
    reporter: Reporter | None = None,
) -> Summary:
    """Index everything ``options.paths`` names; never raises for a bad item."""
    reporter = reporter or SilentReporter()
    summary = Summary()
    began = time.monotonic()
    inputs = []
    for entry in list_inputs(options.paths, recursive=options.recursive, format=options.format):
        if isinstance(entry, ItemError):
            errors.add(entry)
            summary.failed += 1
        elif isinstance(entry, Skipped):
            summary.skipped.append(entry)
        else:
            inputs.append(entry)
    summary.files = len(inputs)
    checkpoint = Checkpoint.for_run(options.home, options.alias, options.paths)
    writer = None
    if not options.dry_run and engine is not None:
        writer = _Writer(engine, options.alias, RetryPolicy(attempts=options.bulk_attempts))
    warm_up()
    collect_young_less_often()  # before the workers fork: they inherit it
    reporter.start(sum(entry.size or 0 for entry in inputs))
    try:
        if writer:
            writer.prepare()
        with _executor(options.workers) as pool:
            _drive(inputs, options, pool, writer, checkpoint, errors, reporter, summary)
        if not summary.fatal:
            checkpoint.clear()
    except (EngineDown, EngineUnavailable) as exc:
        summary.fatal = (
            f"The search engine stopped answering ({exc}). {summary.succeeded:,} articles were "
            f"handled before it did; finished inputs are recorded in {checkpoint.path}. Start "
            "the engine again and re-run the same command: it resumes without losing or "
            "duplicating anything."
        )
    finally:
        reporter.stop()
        if writer:
            writer.finish()
    summary.elapsed = time.monotonic() - began
    return summary


def _executor(workers: int) -> Executor:
    if workers <= 0:
        return _InlineExecutor()
    return ProcessPoolExecutor(
        max_workers=workers, initializer=os.nice, initargs=(WORKER_NICENESS,)
    )


class _InlineExecutor(Executor):
    """Builds in the calling process (``--workers 0``): simplest to debug and profile."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        future.set_result(fn(*args, **kwargs))
        return future


def _drive(
    inputs: list[InputFile],
    options: IndexOptions,
    pool: Executor,
    writer: _Writer | None,
    checkpoint: Checkpoint,
    errors: ErrorSink,
    reporter: Reporter,
    summary: Summary,
) -> None:
    building: deque[_Batch] = deque()
    in_flight = max(2, 2 * options.workers)
    # Records of small inputs (a folder of one-article pages) are gathered into batches
    # of at least ``batch_size``: one build task and one bulk request per page made such
    # a folder four times slower than a big file. An input counts as finished (for the
    # checkpoint) only after the batch holding its last records, so its end-of-input
    # marker waits here while those records do.
    pending: list[RawRecord] = []
    waiting: list[_Batch] = []

    def submit(records: list[RawRecord]) -> None:
        building.append(_Batch(pool.submit(build_batch, records)))
        building.extend(waiting)
        waiting.clear()
        while len(building) > in_flight:
            settle(building.popleft())

    def settle(batch: _Batch) -> None:
        if batch.end_of_input is not None:
            rest = (batch.end_of_input.size or 0) - batch.reported_bytes
            if writer:
                writer.on_sent(
                    lambda e=batch.end_of_input: _finish_input(e, checkpoint, reporter, rest)
                )
            else:
                _finish_input(batch.end_of_input, checkpoint, reporter, rest)
            return
        assert batch.future is not None
        built = batch.future.result()
        docs = [b for b in built if isinstance(b, BuiltDoc)]
        for item in built:
            if isinstance(item, ItemError):
                errors.add(item)
                summary.failed += 1
        reporter.advance(articles=len(built))
        if writer:
            writer.write(docs, summary, errors)
        else:
            summary.indexed += len(docs)

    for entry in inputs:
        if checkpoint.is_done(entry.path):
            summary.resumed_files += 1
            reporter.advance(input_bytes=entry.size or 0)
            continue
        reported = 0

        def on_bytes(count: int) -> None:  # a big file streamed: progress within it
            nonlocal reported
            reported += count
            reporter.advance(input_bytes=count)

        for records, read_errors in _batches(entry, options, on_bytes):
            for error in read_errors:
                errors.add(error)
                summary.failed += 1
            pending.extend(records)
            if len(pending) >= options.batch_size:
                submit(pending)
                pending = []
        end = _Batch(end_of_input=entry, reported_bytes=reported)
        (waiting if pending else building).append(end)
        checkpoint.record_settled()
    if pending:
        submit(pending)
    while building:
        settle(building.popleft())
    if writer:
        writer.drain(summary, errors)


def _batches(
    entry: InputFile, options: IndexOptions, on_bytes: Callable[[int], None]
) -> Iterator[tuple[list[RawRecord], list[ItemError]]]:
    items = read_input(entry, options.format, on_bytes=on_bytes)
    while chunk := list(islice(items, options.batch_size)):
        yield (
            [i for i in chunk if isinstance(i, RawRecord)],
            [i for i in chunk if isinstance(i, ItemError)],
        )


def _finish_input(
    entry: InputFile, checkpoint: Checkpoint, reporter: Reporter, unreported_bytes: int
) -> None:
    checkpoint.mark_done(entry.path)
    reporter.advance(input_bytes=unreported_bytes)


class _Writer:
    """Classifies built documents against the index and sends them in the background."""

    def __init__(self, engine: Engine, alias: str, retry: RetryPolicy) -> None:
        self.engine = engine
        self.alias = alias
        self.sender = BulkSender(engine, retry=retry)
        self.threads = ThreadPoolExecutor(max_workers=SENDER_THREADS)
        self.sending: deque[_Sent] = deque()
        self.stories = StoryIndex()
        self.hashes: dict[str, str] = {}  # content hash → first id seen in this run
        self.sent: dict[str, dict[str, Any]] = {}  # id → what this run sent, for re-sends
        self.index = ""
        # An index that was empty when the run began holds nothing this run did not
        # send, so the in-memory maps answer every look-up and the engine is spared.
        self.started_empty = False

    def prepare(self) -> None:
        ensure_index(self.engine, self.alias)
        self.index = alias_targets(self.engine, self.alias)[0]
        self.started_empty = self.engine.count(self.index) == 0
        relax(self.engine, self.index)

    def finish(self) -> None:
        self.threads.shutdown(wait=True, cancel_futures=True)
        try:
            restore_if_relaxed(self.engine, self.index)
        except Exception:  # the engine is down: the marker stays, the next run restores
            return

    # -- per batch ---------------------------------------------------------------------

    def write(self, docs: list[BuiltDoc], summary: Summary, errors: ErrorSink) -> None:
        if not docs:
            return
        docs = _last_per_id(docs, summary)
        existing = {} if self.started_empty else self._existing(docs)
        existing.update({d.id: self.sent[d.id] for d in docs if d.id in self.sent})
        to_send: list[BuiltDoc] = []
        for doc in docs:
            old = existing.get(doc.id)
            if old is not None and old.get("content_hash") == doc.content_hash:
                summary.unchanged += 1
                continue
            if old is not None:
                doc.source["story_id"] = old.get("story_id") or doc.id
            to_send.append(doc)
        self._link_duplicates(to_send)
        self._link_stories([d for d in to_send if d.id not in existing])
        to_send, pairs = self._encoded(to_send, summary, errors)
        for doc in to_send:
            self.sent[doc.id] = {"content_hash": doc.content_hash,
                                 "story_id": doc.source["story_id"]}  # fmt: skip
        self.sending.append(
            _Sent(
                self.threads.submit(self.sender.send, pairs),
                origins={d.id: d.origin for d in to_send},
                updated={d.id for d in to_send if d.id in existing},
                duplicates={d.id for d in to_send if d.source.get("duplicate_of")},
            )
        )
        while len(self.sending) > SENDER_THREADS * 2:
            self._settle_one(summary, errors)

    def _encoded(
        self, docs: list[BuiltDoc], summary: Summary, errors: ErrorSink
    ) -> tuple[list[BuiltDoc], list[bytes]]:
        """The documents that encode, with their NDJSON; one that cannot be written is
        reported and the batch goes on without it."""
        kept, pairs = [], []
        for doc in docs:
            try:
                pairs.append(encode_action(self.index, doc.id, doc.source))
            except TypeError as exc:
                errors.add(ItemError(doc.origin, f"cannot be indexed: {exc}"))
                summary.failed += 1
                continue
            kept.append(doc)
        return kept, pairs

    def on_sent(self, callback: Callable[[], Any]) -> None:
        """Run ``callback`` once everything handed over so far has been acknowledged."""
        self.sending.append(_Sent(None, callback))

    def drain(self, summary: Summary, errors: ErrorSink) -> None:
        while self.sending:
            self._settle_one(summary, errors)

    def _settle_one(self, summary: Summary, errors: ErrorSink) -> None:
        sent = self.sending.popleft()
        if sent.future is None:
            if sent.callback:
                sent.callback()
            return
        for result in sent.future.result():  # EngineDown propagates to run()
            if not result.ok:
                errors.add(ItemError(sent.origins[result.doc_id], f"rejected: {result.error}"))
                summary.failed += 1
            elif result.doc_id in sent.updated:
                summary.updated += 1
            elif result.doc_id in sent.duplicates:
                summary.duplicate += 1
            else:
                summary.indexed += 1

    # -- lookups -----------------------------------------------------------------------

    def _existing(self, docs: list[BuiltDoc]) -> dict[str, dict[str, Any]]:
        found = self.engine.mget(
            self.index, [d.id for d in docs], source=["content_hash", "story_id"]
        )
        return {d["_id"]: d.get("_source", {}) for d in found if d.get("found")}

    def _link_duplicates(self, docs: list[BuiltDoc]) -> None:
        """Exact duplicates under other URLs are kept and point at the first copy."""
        unknown = [d.content_hash for d in docs if d.content_hash not in self.hashes]
        if unknown and not self.started_empty:
            for hit in self._search_terms("content_hash", unknown, ["content_hash"]):
                self.hashes.setdefault(hit["_source"]["content_hash"], hit["_id"])
        for doc in docs:
            first = self.hashes.setdefault(doc.content_hash, doc.id)
            if first != doc.id:
                doc.source["duplicate_of"] = first

    def _link_stories(self, docs: list[BuiltDoc]) -> None:
        """New articles join the story of their most similar earlier neighbour."""
        bands_needed = [b for d in docs if d.signature for b in d.source["story_bands"]]
        if bands_needed and not self.started_empty:
            fields = ["story_id", "story_bands", "story_signature"]
            for hit in self._search_terms("story_bands", bands_needed, fields):
                source = hit["_source"]
                if source.get("story_signature"):
                    sig = Signature.decode(source["story_signature"])
                    self.stories.add(source["story_id"], sig, source["story_bands"])
        for doc in docs:
            story = doc.source.get("story_id") or doc.id
            if doc.signature is not None:
                bands = doc.source["story_bands"]
                story = self.stories.find(doc.signature, bands) or story
                self.stories.add(story, doc.signature, bands)
            doc.source["story_id"] = story

    def _search_terms(self, field_name: str, values: list[str], fields: list[str]) -> list[dict]:
        body = {
            "size": LOOKUP_LIMIT,
            "_source": fields,
            "query": {"terms": {field_name: sorted(set(values))}},
        }
        return self.engine.search(self.index, body)["hits"]["hits"]


def _last_per_id(docs: list[BuiltDoc], summary: Summary) -> list[BuiltDoc]:
    """Two records with one id in a batch (one URL, or the same text without one): the
    later one wins, as it would across runs, and the earlier counts as it would have
    there, unchanged or updated."""
    by_id = {d.id: d for d in docs}
    if len(by_id) == len(docs):
        return docs
    for doc in docs:
        later = by_id[doc.id]
        if later is not doc:
            if later.content_hash == doc.content_hash:
                summary.unchanged += 1
            else:
                summary.updated += 1
    return list(by_id.values())

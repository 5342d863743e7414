"""``rasd index`` end to end against the real engine: counts, fields, idempotence,
updates, duplicates and stories, bad input item by item."""

from __future__ import annotations

import io
import json
import uuid
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from indexer import sources
from indexer.errors import ErrorSink
from indexer.pipeline import IndexOptions, run
from rasd.engine import Engine
from rasd.index_definition import alias_targets, delete_alias_and_indices

from support import DEMO_CORPUS, SEED_PAGE, index_paths

pytestmark = pytest.mark.engine

BODY = (
    "أعلنت وزارة الداخلية المغربية تفكيك خلية إرهابية تنشط في مدينتي طنجة وفاس، وقالت في بلاغ "
    "إن عناصر الخلية كانوا يخططون لتنفيذ عمليات تخريبية، وإن التحقيقات جارية تحت إشراف النيابة "
    "العامة المختصة بقضايا الإرهاب، وذلك بتنسيق مع المديرية العامة لمراقبة التراب الوطني."
)


def docs(engine: Engine, alias: str) -> list[dict]:
    body = {"size": 1000, "query": {"match_all": {}}, "sort": [{"id": "asc"}]}
    return [h["_source"] for h in engine.search(alias, body)["hits"]["hits"]]


@pytest.fixture
def alias(engine: Engine) -> Iterator[str]:
    name = f"rasd-test-ix-{uuid.uuid4().hex[:8]}"
    yield name
    delete_alias_and_indices(engine, name)


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n")
    return path


def test_demo_corpus_and_seed(engine: Engine, demo_index: str) -> None:
    indexed = docs(engine, demo_index)
    expected = 46 + (1 if SEED_PAGE.exists() else 0)
    assert len(indexed) == expected
    by_url = {d["url"]: d for d in indexed if d["url"]}
    xss = next(d for url, d in by_url.items() if url.endswith("municipal-sites-defacement.html"))
    assert "<script>" in xss["title"] + xss["body"]  # kept as text, shown escaped
    assert all(d["language"] == "ar" and d["content_hash"] and d["story_id"] for d in indexed)
    assert sum(1 for d in indexed if d.get("duplicate_of")) == 1
    assert {d["published_precision"] for d in indexed} >= {"day", "unknown"}
    from_feed = [d for d in indexed if d["origin"]["path"].endswith(".rss")]
    assert [d["source"] for d in from_feed] == ["نبض العواصم"] * 3
    assert {d["origin"]["record"] for d in from_feed} == {0, 1, 2}


def test_seed_page_fields(engine: Engine, demo_index: str) -> None:
    if not SEED_PAGE.exists():
        pytest.skip("seed page absent")
    (seed,) = [d for d in docs(engine, demo_index) if d["source"] == "akhbarona"]
    assert seed["title"] == "وفد أمني مغربي رفيع المستوى يشارك في الملتقى الأمني الدولي بفرنسا"
    assert "هل ترغب بالتعليق" not in seed["body"]
    assert {"MA", "FR", "ES"} <= set(seed["countries"])
    assert {"interpol", "ma-dgsn", "fr-interior"} <= set(seed["organizations"])
    assert "بوشعيب ارميل" in seed["persons"]
    assert "fr-lyon" in seed["places"]
    (event,) = [e for e in seed["event_dates"] if e["month"] == 7]
    assert (event["day"], event["end_day"], event["date"]) == (8, 9, None)
    assert event["precision"] == "day_no_year"
    assert seed["published_at"] is None and seed["published_precision"] == "unknown"


def test_near_duplicates_share_a_story(engine: Engine, demo_index: str) -> None:
    indexed = docs(engine, demo_index)
    by_file = {Path(d["origin"]["path"]).name: d for d in indexed if "line" not in d["origin"]}
    first = by_file["001_marsad_khaliya_tanja_fes_2016.txt"]
    second = by_file["002_atlas_khaliya_tanja_fes_2016.txt"]
    assert first["story_id"] == second["story_id"]
    stories = {d["story_id"] for d in indexed}
    assert len(stories) < len(indexed) - 1  # more than the one pair folds


def test_rerun_changes_nothing_and_updates_replace(
    engine: Engine, alias: str, tmp_path: Path
) -> None:
    records = [
        {"title": f"خبر رقم {i}", "content": f"{BODY} الخبر {i}.", "url": f"https://x.ma/{i}",
         "source": "هسبريس", "published_at": "2016-03-0{i}".replace("0{i}", f"0{i + 1}")}
        for i in range(3)
    ]  # fmt: skip
    feed = write_jsonl(tmp_path / "feed.jsonl", records)
    first, _ = index_paths(engine, alias, [str(feed)], tmp_path / "home")
    assert (first.indexed, first.failed, first.exit_code) == (3, 0, 0)
    again, _ = index_paths(engine, alias, [str(feed)], tmp_path / "home")
    assert (again.indexed, again.updated, again.unchanged) == (0, 0, 3)
    records[1]["content"] = BODY + " تحديث: ارتفع عدد الموقوفين إلى خمسة."
    write_jsonl(feed, records)
    changed, _ = index_paths(engine, alias, [str(feed)], tmp_path / "home")
    assert (changed.indexed, changed.updated, changed.unchanged) == (0, 1, 2)
    stored = {d["url"]: d for d in docs(engine, alias)}
    assert len(stored) == 3
    assert "خمسة" in stored["https://x.ma/1"]["body"]
    assert stored["https://x.ma/1"]["published_at"] == "2016-03-02"


def test_exact_duplicate_under_another_url_is_linked(
    engine: Engine, alias: str, tmp_path: Path
) -> None:
    same = {"title": "تفكيك خلية", "content": BODY, "source": "هسبريس"}
    feed = write_jsonl(
        tmp_path / "dup.jsonl",
        [{**same, "url": "https://a.ma/1"}, {**same, "url": "https://b.ma/9"}],
    )
    summary, _ = index_paths(engine, alias, [str(feed)], tmp_path / "home")
    assert (summary.indexed, summary.duplicate) == (1, 1)
    first, second = sorted(docs(engine, alias), key=lambda d: d["url"])
    assert second["duplicate_of"] == first["id"] and not first.get("duplicate_of")


def test_dry_run_writes_nothing(engine: Engine, alias: str, tmp_path: Path) -> None:
    summary, _ = index_paths(engine, alias, [str(DEMO_CORPUS)], tmp_path, dry_run=True)
    assert summary.indexed >= 40 and summary.failed == 0
    assert alias_targets(engine, alias) == []


def test_bad_inputs_are_reported_one_by_one(engine: Engine, alias: str, tmp_path: Path) -> None:
    """Every bad item named with its origin; every valid neighbour indexed."""
    folder = tmp_path / "in"
    folder.mkdir()
    good = {"title": "خبر سليم", "content": BODY, "source": "هسبريس"}
    lines = [
        json.dumps({**good, "url": "https://ok.ma/1"}, ensure_ascii=False),
        '{"title": "سطر مكسور", "content": "بلا نهاية',
        json.dumps({"title": "", "content": "  "}),
        json.dumps({**good, "url": "https://ok.ma/2", "content": f"{BODY} ثانية"},
                   ensure_ascii=False),
    ]  # fmt: skip
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n")
    (folder / "empty.txt").write_text("")
    (folder / "blank.txt").write_text("  \n\t \n")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (folder / "truncated.json").write_text('[{"title": "أ", "content": "' + BODY + '"}, {"ti')
    (folder / "cp1256.txt").write_bytes(("عنوان بترميز ويندوز\n\n" + BODY).encode("cp1256"))
    (folder / "scripts.html").write_text(
        "<html><head><title>خبر</title><script>alert(1)</script></head><body><article><h1>خبر"
        f"</h1><p>{BODY}</p><script>document.write('x')</script></article></body></html>"
    )
    (folder / "long.txt").write_text("عنوان\n\n" + "كلمة " * 420_000)  # a 2 MB line
    with zipfile.ZipFile(folder / "evil.zip", "w") as archive:
        archive.writestr("../escape.txt", "عنوان\n\n" + BODY)
        archive.writestr("fine.txt", "عنوان داخل الأرشيف\n\n" + BODY + " أرشيف")
    with zipfile.ZipFile(folder / "bomb.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("bomb.txt", b"\0" * (300 * 1024 * 1024))
    summary, sink = index_paths(engine, alias, [str(folder)], tmp_path / "home")
    report = sink.stream.getvalue()
    for expected in (
        "feed.jsonl:2", "feed.jsonl:3", "empty.txt", "blank.txt", "binary.txt",
        "truncated.json", "../escape.txt", "bomb.zip",
    ):  # fmt: skip
        assert expected in report, f"{expected} not reported in:\n{report}"
    titles = {d["title"] for d in docs(engine, alias)}
    assert {"خبر سليم", "عنوان بترميز ويندوز", "عنوان داخل الأرشيف"} <= titles
    stored = docs(engine, alias)
    html_doc = next(d for d in stored if d["origin"]["path"].endswith("scripts.html"))
    assert "alert" not in html_doc["body"] and "document.write" not in html_doc["body"]
    assert summary.exit_code == 1 and summary.failed >= 8


def test_errors_file_lists_every_failure(engine: Engine, alias: str, tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"title": "خبر", "content": "نص كاف للخبر هنا"}\nnot json\n[1]\n')
    errors_file = tmp_path / "errors.jsonl"
    from indexer.errors import ErrorSink
    from indexer.pipeline import IndexOptions, run

    sink = ErrorSink(errors_file)
    summary = run(IndexOptions([str(feed)], alias, tmp_path, workers=0), engine, sink)
    sink.close()
    failures = [json.loads(line) for line in errors_file.read_text().splitlines()]
    assert [f["origin"]["line"] for f in failures] == [2, 3]
    assert all(f["reason"] for f in failures) and summary.exit_code == 1


def test_nothing_indexable_exits_2(engine: Engine, alias: str, tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    summary, _ = index_paths(engine, alias, [str(tmp_path / "empty.txt")], tmp_path)
    assert summary.exit_code == 2


class _Recorder:
    """A reporter that keeps every call."""

    def __init__(self) -> None:
        self.total = 0
        self.input_bytes: list[int] = []

    def start(self, total_bytes: int) -> None:
        self.total = total_bytes

    def advance(self, *, input_bytes: int = 0, articles: int = 0) -> None:
        if input_bytes:
            self.input_bytes.append(input_bytes)

    def stop(self) -> None:
        pass


def test_progress_moves_within_a_streamed_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A JSON Lines dump too big to hold is read line by line, and the progress (and
    so the ETA) moves while it is read, not only once it is done."""
    monkeypatch.setattr(sources, "MAX_FILE_BYTES", 1000)
    monkeypatch.setattr(sources, "PROGRESS_EVERY_LINES", 10)
    article = {"title": "الأمن يوقف مهربين", "content": "أوقفت الشرطة خمسة مهربين في الميناء."}
    records = [{**article, "url": f"https://x.example/{n}"} for n in range(100)]
    dump = write_jsonl(tmp_path / "dump.jsonl", records)
    small = write_jsonl(tmp_path / "small.jsonl", [article])
    reporter = _Recorder()
    options = IndexOptions([str(dump), str(small)], "rasd-test-unused", tmp_path, workers=0,
                           dry_run=True)  # fmt: skip
    summary = run(options, None, ErrorSink(stream=io.StringIO()), reporter)
    assert summary.indexed == 101
    assert reporter.total == dump.stat().st_size + small.stat().st_size
    assert sum(reporter.input_bytes) == reporter.total
    assert len(reporter.input_bytes) >= 10  # ten steps within the dump, then the rest


def test_a_document_that_cannot_be_written_fails_alone(
    engine: Engine, alias: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Readers never hand over text UTF-8 cannot hold; should one ever slip through,
    # that article fails and its neighbours are indexed.
    from indexer import pipeline

    real_build = pipeline.build_batch

    def build_with_a_lone_surrogate(records: list) -> list:
        built = real_build(records)
        built[0].source["title"] += "\ud83d"
        return built

    monkeypatch.setattr(pipeline, "build_batch", build_with_a_lone_surrogate)
    feed = write_jsonl(
        tmp_path / "feed.jsonl",
        [{"title": f"خبر {i}", "content": f"نص الخبر رقم {i} في الرباط"} for i in range(3)],
    )
    sink = ErrorSink(None)
    summary = run(IndexOptions([str(feed)], alias, tmp_path, workers=0), engine, sink)
    assert (summary.indexed, summary.failed, summary.exit_code) == (2, 1, 1)
    assert len(docs(engine, alias)) == 2


def test_small_inputs_are_gathered_into_batches(
    engine: Engine, alias: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from indexer import pipeline

    sizes: list[int] = []
    real_build = pipeline.build_batch

    def counting_build(records: list) -> list:
        sizes.append(len(records))
        return real_build(records)

    monkeypatch.setattr(pipeline, "build_batch", counting_build)
    pages = tmp_path / "pages"
    pages.mkdir()
    for i in range(25):
        page = f"خبر رقم {i}\n\nنص الخبر رقم {i} عن الأمن في الرباط.\n"
        (pages / f"{i:02d}.txt").write_text(page)
    options = IndexOptions([str(pages)], alias, tmp_path, workers=0, batch_size=10)
    summary = run(options, engine, ErrorSink(None))
    assert sizes == [10, 10, 5]  # not one build and one bulk request per page
    assert (summary.files, summary.indexed, len(docs(engine, alias))) == (25, 25, 25)


def test_one_article_twice_in_a_batch_counts_twice(
    engine: Engine, alias: str, tmp_path: Path
) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    page = "خبر مكرر\n\nنص الخبر المكرر عن الأمن في الرباط.\n"
    for name in ("a.txt", "b.txt"):  # the same text, no URL: one id
        (pages / name).write_text(page)
    write_jsonl(
        pages / "c.jsonl",
        [{"url": "https://x.ma/1", "title": "خبر", "content": "نص أول عن الأمن"},
         {"url": "https://x.ma/1", "title": "خبر", "content": "نص ثان عن الأمن"}],
    )  # fmt: skip
    summary = run(IndexOptions([str(pages)], alias, tmp_path, workers=0), engine, ErrorSink(None))
    assert (summary.indexed, summary.unchanged, summary.updated) == (2, 1, 1)
    assert len(docs(engine, alias)) == 2

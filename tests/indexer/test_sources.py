"""indexer.sources: paths, folders, globs, archives and stdin to records; every bad
input an ItemError with its origin, every good neighbour still read."""

from __future__ import annotations

import bz2
import codecs
import gzip
import io
import json
import lzma
import os
import stat
import tarfile
import threading
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from indexer import sources
from indexer.readers.common import MAX_LINE_CHARS
from indexer.records import ItemError, Origin, RawRecord, Skipped
from indexer.sources import InputFile, iter_items, list_inputs, read_input

TITLE = "الأمن يوقف شبكة للاتجار بالبشر"
BODY = "أوقفت عناصر الأمن الوطني خمسة أشخاص يشتبه في تورطهم في شبكة للاتجار بالبشر."
PAGE = f"{TITLE}\n\n{BODY}\n".encode()
ARTICLE = json.dumps({"title": TITLE, "content": BODY}, ensure_ascii=False)


# One compressed file, by method: its suffix and a compressor.
COMPRESSIONS = [("gz", gzip.compress), ("bz2", bz2.compress), ("xz", lzma.compress)]
METHOD_NAMES = {"gz": "gzip", "bz2": "bzip2", "xz": "xz"}


def where(items: list) -> list[str]:
    """Each item as "origin: reason" for errors and "origin" for records."""
    return [str(i) if isinstance(i, ItemError) else str(i.origin) for i in items]


def zip_bytes(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def tar_bytes(members: dict[str, bytes], mode: str = "w:gz") -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode=mode) as archive:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    (tmp_path / "a.txt").write_bytes(PAGE)
    (tmp_path / "b.json").write_text(f"[{ARTICLE}, {ARTICLE}]", encoding="utf-8")
    (tmp_path / "notes.md").write_text("# not an article", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_bytes(PAGE)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.jsonl").write_text(f"{ARTICLE}\n", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "d.txt").write_bytes(PAGE)
    return tmp_path


def names(listed: list, kind: type) -> list[str]:
    return [Path(i.path).name for i in listed if isinstance(i, kind)]


def test_a_folder_lists_known_formats_and_skips_hidden_files(corpus: Path) -> None:
    flat = list_inputs([str(corpus)])
    assert names(flat, InputFile) == ["a.txt", "b.json"]
    recursive = list_inputs([str(corpus)], recursive=True)
    assert names(recursive, InputFile) == ["a.txt", "b.json", "c.jsonl"]
    assert InputFile(str(corpus / "a.txt"), len(PAGE), archive=False) in recursive


def test_a_folder_says_what_it_passes_over(corpus: Path) -> None:
    """Unknown types and unentered subfolders are named; hidden entries stay silent."""
    flat = {
        Path(s.path).name: s.reason for s in list_inputs([str(corpus)]) if isinstance(s, Skipped)
    }
    assert flat == {
        "sub": "a folder: add --recursive",
        "notes.md": ".md files are not read from folders (name the file to try it)",
    }
    assert names(list_inputs([str(corpus)], recursive=True), Skipped) == ["notes.md"]
    assert names(list_inputs([f"{corpus}/*"]), Skipped) == ["notes.md"]


def test_iter_items_reads_every_record(corpus: Path) -> None:
    items = list(iter_items([str(corpus)], recursive=True))
    assert where(items) == [
        f"{corpus}/a.txt",
        f"{corpus}/b.json[#0]",
        f"{corpus}/b.json[#1]",
        f"{corpus}/sub/c.jsonl:1",
    ]
    assert all(isinstance(i, RawRecord) and i.body == BODY for i in items)


def test_a_file_named_directly_is_read_whatever_its_extension(corpus: Path) -> None:
    (record,) = iter_items([str(corpus / "notes.md")])
    assert record.body == "# not an article"


def test_globs(corpus: Path) -> None:
    assert names(list_inputs([f"{corpus}/**/*.json*"]), InputFile) == ["b.json", "c.jsonl"]
    (error,) = list_inputs([f"{corpus}/*.xml"])
    assert error.reason == "no file matches this pattern"


def test_missing_paths_are_errors_and_the_rest_still_read(corpus: Path) -> None:
    items = list(iter_items([str(corpus / "nope.txt"), str(corpus / "a.txt")]))
    assert where(items) == [f"{corpus}/nope.txt: no such file or directory", f"{corpus}/a.txt"]


def test_bad_files_are_reported_one_by_one(tmp_path: Path) -> None:
    files = {
        "1-empty.txt": b"",
        "2-blank.txt": b"  \n\n\t \r\n",
        "3-image.txt": b"\x89PNG\r\n\x1a\n" + os.urandom(200),
        "4-pdf.html": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n",
        "5-long-line.txt": b"x" * (2 * 1024 * 1024),
        "6-good.txt": PAGE,
        "7-broken.json": b'{"title": ',
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    items = list(iter_items([str(tmp_path)]))
    assert [Path(i.origin.path).name for i in items] == sorted(files)
    assert [type(i).__name__ for i in items] == ["ItemError"] * 5 + ["RawRecord", "ItemError"]
    empty, blank, image, pdf, long_line, _, broken = items
    assert empty.reason == "empty file"
    assert blank.reason == "file holds only whitespace"
    assert image.reason == "binary data (PNG image), not text"
    assert pdf.reason == "binary data (PDF document), not text"
    assert long_line.origin.line == 1 and "characters" in long_line.reason
    assert broken.reason.startswith("invalid JSON")


def test_an_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "locked.txt").write_bytes(PAGE)
    (tmp_path / "open.txt").write_bytes(PAGE)
    real_open = open

    def guarded_open(path: str, *args: object, **kwargs: object):
        if str(path).endswith("locked.txt"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(sources, "open", guarded_open, raising=False)
    items = list(iter_items([str(tmp_path)]))
    assert where(items) == [
        f"{tmp_path}/locked.txt: cannot read: Permission denied",
        f"{tmp_path}/open.txt",
    ]


def test_a_broken_symlink(tmp_path: Path) -> None:
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    (error,) = iter_items([str(tmp_path / "dangling.txt")])
    assert error.reason.startswith("cannot read")


def test_a_file_over_the_size_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sources, "MAX_FILE_BYTES", 100)
    monkeypatch.setattr(sources, "READ_CHUNK", 64)
    (tmp_path / "big.txt").write_bytes(PAGE * 10)
    (error,) = iter_items([str(tmp_path / "big.txt")])
    assert "larger than" in error.reason


@pytest.mark.parametrize("suffix", ["", ".gz", ".bz2", ".xz"])
def test_json_lines_past_the_size_limit_are_read_line_by_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str
) -> None:
    monkeypatch.setattr(sources, "MAX_FILE_BYTES", 100)  # the gzip file is small too
    monkeypatch.setattr(sources, "READ_CHUNK", 64)
    monkeypatch.setattr(sources, "MAX_LINE_CHARS", 400)  # the stream's limit: 1,600 bytes
    cp1256 = json.dumps({"title": "عنوان بترميز ويندوز", "content": BODY}, ensure_ascii=False)
    lines = [codecs.BOM_UTF8 + ARTICLE.encode(), b"{broken", b'{"x": "' + b"a" * 2000 + b'"}']
    lines += [ARTICLE.encode()] * 20 + [cp1256.encode("cp1256")]
    data = b"\r\n".join(lines) + b"\n"
    dump = tmp_path / f"dump.jsonl{suffix}"
    compressors = {".gz": gzip.compress, ".bz2": bz2.compress, ".xz": lzma.compress}
    dump.write_bytes(compressors[suffix](data) if suffix else data)
    items = list(iter_items([str(dump)]))
    errors = [i for i in items if isinstance(i, ItemError)]
    assert [(e.origin.line, e.reason.split(":")[0]) for e in errors] == [
        (2, "invalid JSON"),
        (3, f"line is longer than {MAX_LINE_CHARS:,} characters"),  # as the reader says
    ]
    records = [i for i in items if isinstance(i, RawRecord)]
    assert len(records) == 22 and records[0].title == TITLE
    assert records[-1].title == "عنوان بترميز ويندوز"  # a line in another encoding
    monkeypatch.setattr(sources, "MAX_FILE_BYTES", 10**9)  # read whole: the same records
    whole = [i for i in iter_items([str(dump)]) if isinstance(i, RawRecord)]
    assert [(r.origin, r.title, r.body) for r in whole] == [
        (r.origin, r.title, r.body) for r in records
    ]


# bzip2 packs this bomb into less than the patched size limit: it is not streamed.
@pytest.mark.parametrize(("suffix", "compress"), [c for c in COMPRESSIONS if c[0] != "bz2"])
def test_a_bomb_of_json_lines_stops_while_streaming(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str, compress: Callable[[bytes], bytes]
) -> None:
    monkeypatch.setattr(sources, "MAX_FILE_BYTES", 1000)
    bomb = tmp_path / f"bomb.jsonl.{suffix}"
    bomb.write_bytes(compress((ARTICLE + "\n").encode() + b" " * (30 * 1024 * 1024)))
    items = list(iter_items([str(bomb)]))
    assert isinstance(items[0], RawRecord)
    assert items[-1].reason.startswith(f"{METHOD_NAMES[suffix]} compression ratio exceeds")


def test_zip_members_are_streamed_with_their_names(tmp_path: Path) -> None:
    archive = tmp_path / "batch.zip"
    archive.write_bytes(
        zip_bytes(
            {
                "docs/a.txt": PAGE,
                "docs/b.json": f"[{ARTICLE}]".encode(),
                "docs/readme.md": b"ignored: not an article format",
                "__MACOSX/docs/._a.txt": b"\x00\x05\x16\x07",
                "docs/": b"",
            }
        )
    )
    (entry,) = list_inputs([str(archive)])
    assert entry.archive and entry.size == archive.stat().st_size
    items = list(read_input(entry))
    assert where(items) == [f"{archive}!docs/a.txt", f"{archive}!docs/b.json[#0]"]


def test_unsafe_member_names_are_refused(tmp_path: Path) -> None:
    archive = tmp_path / "evil.zip"
    archive.write_bytes(zip_bytes({"../escape.txt": PAGE, "/etc/abs.txt": PAGE, "ok.txt": PAGE}))
    items = list(iter_items([str(archive)]))
    assert where(items) == [
        f"{archive}!../escape.txt: unsafe member name (path traversal with '..'); not read",
        f"{archive}!/etc/abs.txt: unsafe member name (absolute path); not read",
        f"{archive}!ok.txt",
    ]


def test_a_zip_bomb_member_is_refused_by_its_ratio(tmp_path: Path) -> None:
    archive = tmp_path / "bomb.zip"
    archive.write_bytes(zip_bytes({"bomb.txt": b"\x20" * (20 * 1024 * 1024), "ok.txt": PAGE}))
    items = list(iter_items([str(archive)]))
    assert isinstance(items[0], ItemError)
    assert "compression ratio" in items[0].reason and "zip bomb" in items[0].reason
    assert isinstance(items[1], RawRecord)


def test_an_archive_stops_expanding_past_its_total_budget(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sources, "MAX_ARCHIVE_BYTES", len(PAGE) * 2 + 10)
    archive = tmp_path / "many.zip"
    archive.write_bytes(zip_bytes({f"{n}.txt": PAGE for n in range(5)}))
    items = list(iter_items([str(archive)]))
    assert [type(i).__name__ for i in items] == ["RawRecord", "RawRecord", "ItemError"]
    assert "inflates past" in items[2].reason and items[2].origin.member == "2.txt"


def test_a_member_whose_header_understates_its_size(tmp_path: Path) -> None:
    data = bytearray(zip_bytes({"a.txt": PAGE * 50, "b.txt": PAGE}, zipfile.ZIP_STORED))
    # Declare 10 bytes for a.txt in its local header and its central directory entry.
    for offset in (22, data.index(b"PK\x01\x02") + 24):
        data[offset : offset + 4] = (10).to_bytes(4, "little")
    archive = tmp_path / "liar.zip"
    archive.write_bytes(bytes(data))
    items = list(iter_items([str(archive)]))
    assert [type(i).__name__ for i in items] == ["ItemError", "RawRecord"]
    assert items[0].origin.member == "a.txt"
    assert items[0].reason.startswith("damaged archive member")


def test_nested_archives_one_level_deep(tmp_path: Path) -> None:
    inner = zip_bytes({"in.txt": PAGE})
    innermost = zip_bytes({"deep.zip": zip_bytes({"x.txt": PAGE})})
    archive = tmp_path / "outer.zip"
    archive.write_bytes(zip_bytes({"inner.zip": inner, "two.zip": innermost}))
    items = list(iter_items([str(archive)]))
    assert where(items) == [
        f"{archive}!inner.zip!in.txt",
        f"{archive}!two.zip!deep.zip: archive nested more than one level deep; not expanded",
    ]


def test_broken_and_empty_archives(tmp_path: Path) -> None:
    (tmp_path / "broken.zip").write_bytes(b"PK\x03\x04 this is not really a zip")
    (tmp_path / "empty.zip").write_bytes(zip_bytes({}))
    (tmp_path / "other.zip").write_bytes(zip_bytes({"image.png": b"\x89PNG"}))
    items = list(iter_items([str(tmp_path)]))
    assert [i.reason.split(":")[0] for i in items] == [
        "not a readable zip archive",
        "archive holds no file in a format this tool reads",
        "archive holds no file in a format this tool reads",
    ]


@pytest.mark.parametrize(
    ("name", "mode"),
    [("batch.tar.gz", "w:gz"), ("batch.tgz", "w:gz"), ("batch.tar", "w"),
     ("batch.tar.bz2", "w:bz2"), ("batch.tar.xz", "w:xz")],
)  # fmt: skip
def test_tar_members_are_streamed_with_their_names(tmp_path: Path, name: str, mode: str) -> None:
    archive = tmp_path / name
    members = {"docs/a.txt": PAGE, "docs/b.json": f"[{ARTICLE}]".encode(), "docs/x.md": b"no"}
    archive.write_bytes(tar_bytes(members, mode))
    (entry,) = list_inputs([str(tmp_path)])  # a folder lists tar archives too
    assert entry.archive
    assert where(list(read_input(entry))) == [f"{archive}!docs/a.txt", f"{archive}!docs/b.json[#0]"]


def test_tar_members_unsafe_too_big_or_no_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        link = tarfile.TarInfo("link.txt")
        link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
        tar.addfile(link)  # a link is no file: passed over
        for name, data in (("../escape.txt", PAGE), ("big.txt", PAGE * 3), ("ok.txt", PAGE)):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    archive = tmp_path / "mixed.tar.gz"
    archive.write_bytes(buffer.getvalue())
    monkeypatch.setattr(sources, "MAX_MEMBER_BYTES", len(PAGE) * 2)
    assert where(list(iter_items([str(archive)]))) == [
        f"{archive}!../escape.txt: unsafe member name (path traversal with '..'); not read",
        f"{archive}!big.txt: member is larger than 0 MiB; not read",
        f"{archive}!ok.txt",
    ]


def test_a_tar_stops_expanding_past_its_total_budget(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sources, "MAX_ARCHIVE_BYTES", len(PAGE) * 3 + 10)
    archive = tmp_path / "many.tar"
    archive.write_bytes(tar_bytes({f"{n}.txt": PAGE for n in range(5)}, "w"))
    items = list(iter_items([str(archive)]))
    assert [type(i).__name__ for i in items] == ["RawRecord"] * 3 + ["ItemError"]
    assert "inflates past" in items[3].reason and items[3].origin.member == "3.txt"


def test_a_tar_bomb_stops_at_the_ratio(tmp_path: Path) -> None:
    archive = tmp_path / "bomb.tar.gz"
    archive.write_bytes(tar_bytes({"ok.txt": PAGE, "zeros.bin": b"\0" * (40 * 1024 * 1024)}))
    items = list(iter_items([str(archive)]))
    assert where(items)[0] == f"{archive}!ok.txt"
    assert (
        items[1].reason
        == "compression ratio exceeds 100:1 (a tar bomb?); the rest of it is not read"
    )
    assert items[1].origin.member == "zeros.bin"


def test_archives_nest_across_kinds_and_damage_keeps_what_precedes_it(tmp_path: Path) -> None:
    archive = tmp_path / "outer.tar.gz"
    archive.write_bytes(tar_bytes({"in.zip": zip_bytes({"a.txt": PAGE}), "b.txt": PAGE}))
    (tmp_path / "outer.zip").write_bytes(zip_bytes({"in.tar": tar_bytes({"c.txt": PAGE}, "w")}))
    assert where(list(iter_items([str(archive), str(tmp_path / "outer.zip")]))) == [
        f"{archive}!in.zip!a.txt",
        f"{archive}!b.txt",
        f"{tmp_path / 'outer.zip'}!in.tar!c.txt",
    ]
    whole = tar_bytes({"a.txt": PAGE, "b.txt": PAGE * 2000}, "w")
    cut = tmp_path / "cut.tar"
    cut.write_bytes(whole[: len(whole) // 2])
    items = list(iter_items([str(cut)]))
    assert where(items)[0] == f"{cut}!a.txt"
    assert items[-1].reason.startswith("not a readable tar archive, or a damaged one")


def test_a_zip_renamed_to_text_is_binary(tmp_path: Path) -> None:
    (tmp_path / "archive.txt").write_bytes(zip_bytes({"a.txt": PAGE}))
    (error,) = iter_items([str(tmp_path / "archive.txt")])
    assert error.reason == "binary data (zip archive), not text"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (f"{ARTICLE}\n{{broken\n{ARTICLE}\n".encode(), ["-:1", "-:2", "-:3"]),
        (f"[{ARTICLE}]".encode(), ["-[#0]"]),
        (PAGE, ["-"]),
        ("<html><body><article><p>" + BODY * 3 + "</p></article></body></html>", ["-"]),
        (zip_bytes({"a.txt": PAGE, "b.jsonl": ARTICLE.encode()}), ["-!a.txt", "-!b.jsonl:1"]),
        (b"", ["-"]),
    ],
)
def test_stdin_is_sniffed(data: bytes | str, expected: list[str]) -> None:
    raw = data.encode() if isinstance(data, str) else data
    items = list(iter_items(["-"], stdin=io.BytesIO(raw)))
    assert [str(i.origin) for i in items] == expected


def test_an_unknown_format_is_refused_before_reading() -> None:
    with pytest.raises(ValueError, match="unknown format"):
        iter_items(["-"], format="docx")


def test_an_explicit_format_overrides_extensions(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(f"{ARTICLE}\n{ARTICLE}\n", encoding="utf-8")
    items = list(iter_items([str(tmp_path / "a.txt")], format="jsonl"))
    assert where(items) == [f"{tmp_path}/a.txt:1", f"{tmp_path}/a.txt:2"]


def test_origins_round_trip_to_dicts(tmp_path: Path) -> None:
    archive = tmp_path / "x.zip"
    archive.write_bytes(zip_bytes({"a.json": f"[{ARTICLE}]".encode()}))
    (record,) = iter_items([str(archive)])
    assert record.origin == Origin(str(archive), member="a.json", record=0)
    assert record.origin.to_dict() == {"path": str(archive), "member": "a.json", "record": 0}


@pytest.mark.parametrize(("suffix", "compress"), COMPRESSIONS)
def test_compressed_files_are_read_as_the_file_inside(
    tmp_path: Path, suffix: str, compress: Callable[[bytes], bytes]
) -> None:
    lines = f"{ARTICLE}\nnot json\n{ARTICLE}\n".encode()
    (tmp_path / f"feed.jsonl.{suffix}").write_bytes(compress(lines))
    (tmp_path / f"page.txt.{suffix}").write_bytes(compress(PAGE))
    (tmp_path / f"scan.pdf.{suffix}").write_bytes(compress(b"%PDF-1.4"))
    listed = list_inputs([str(tmp_path)])
    assert [Path(e.path).name for e in listed] == [
        f"feed.jsonl.{suffix}", f"page.txt.{suffix}", f"scan.pdf.{suffix}"
    ]  # fmt: skip
    assert isinstance(listed[2], Skipped)
    items = list(iter_items([str(tmp_path)]))
    feed = str(tmp_path / f"feed.jsonl.{suffix}")
    assert where(items)[:3] == [
        f"{feed}:1",
        f"{feed}:2: invalid JSON: invalid literal, expected 'null': line 1 column 1 (char 0)",
        f"{feed}:3",
    ]
    assert isinstance(items[3], RawRecord) and items[3].title == TITLE


@pytest.mark.parametrize(("suffix", "compress"), COMPRESSIONS)
def test_concatenated_compressed_streams_and_a_compressed_file_in_a_zip(
    tmp_path: Path, suffix: str, compress: Callable[[bytes], bytes]
) -> None:
    two = compress(f"{ARTICLE}\n".encode()) + compress(f"{ARTICLE}\n".encode())
    (tmp_path / f"two.jsonl.{suffix}").write_bytes(two)
    (tmp_path / "a.zip").write_bytes(zip_bytes({f"day/feed.jsonl.{suffix}": two}))
    assert len(records := [i for i in iter_items([str(tmp_path)]) if isinstance(i, RawRecord)]) == 4
    assert records[0].origin.member == f"day/feed.jsonl.{suffix}"


@pytest.mark.parametrize(("suffix", "compress"), COMPRESSIONS)
def test_a_truncated_compressed_file_keeps_what_precedes_the_cut(
    tmp_path: Path, suffix: str, compress: Callable[[bytes], bytes]
) -> None:
    lines = [
        json.dumps({"title": f"{TITLE} {i * 7919 % 1000}", "content": BODY}) for i in range(200)
    ]
    data = compress("\n".join(lines).encode())
    (tmp_path / f"cut.jsonl.{suffix}").write_bytes(data[: len(data) // 2])
    items = list(iter_items([str(tmp_path / f"cut.jsonl.{suffix}")]))
    # bzip2 gives nothing of a block before its end, and this is one block.
    assert any(isinstance(i, RawRecord) for i in items) == (suffix != "bz2")
    name = METHOD_NAMES[suffix]
    assert str(items[-1]).endswith(f"truncated {name} data: the end of the file is missing")


def test_damaged_compressed_data_is_named() -> None:
    data = bytearray(bz2.compress("\n".join([ARTICLE] * 50).encode()))
    data[len(data) // 2 : len(data) // 2 + 8] = b"\xff" * 8
    items = list(iter_items(["-"], stdin=io.BytesIO(bytes(data))))
    assert isinstance(items[-1], ItemError)
    assert items[-1].reason.startswith("damaged bzip2 data:")


@pytest.mark.parametrize(("suffix", "compress"), COMPRESSIONS)
def test_a_compression_bomb_is_refused_without_inflating_it_whole(
    tmp_path: Path, suffix: str, compress: Callable[[bytes], bytes]
) -> None:
    (tmp_path / f"bomb.txt.{suffix}").write_bytes(compress(b" " * (64 * sources.MiB)))
    tracemalloc.start()
    try:
        (error,) = list(iter_items([str(tmp_path / f"bomb.txt.{suffix}")]))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert isinstance(error, ItemError) and "a compression bomb?" in error.reason
    assert error.reason.startswith(METHOD_NAMES[suffix])
    assert peak < 16 * sources.MiB  # it stopped at the ratio, far short of 64 MiB


@pytest.mark.parametrize(("suffix", "compress"), COMPRESSIONS)
def test_compressed_data_on_stdin(suffix: str, compress: Callable[[bytes], bytes]) -> None:
    stdin = io.BytesIO(compress(f"{ARTICLE}\n{ARTICLE}\n".encode()))
    items = list(iter_items(["-"], stdin=stdin))
    assert [type(i) for i in items] == [RawRecord, RawRecord]


@pytest.mark.parametrize("mode", ["w", "w:gz", "w:bz2", "w:xz"])
def test_a_tar_on_stdin_is_told_by_its_content(mode: str) -> None:
    members = {"docs/a.txt": PAGE, "docs/b.json": f"[{ARTICLE}]".encode(), "docs/x.md": b"no"}
    items = list(iter_items(["-"], stdin=io.BytesIO(tar_bytes(members, mode))))
    assert where(items) == ["-!docs/a.txt", "-!docs/b.json[#0]"]


def test_compressed_data_that_is_no_tar_is_not_taken_for_one() -> None:
    for packed in (bz2.compress(b"plain text " * 100), lzma.compress(b"plain text " * 100)):
        (record,) = list(iter_items(["-"], stdin=io.BytesIO(packed)))
        assert isinstance(record, RawRecord) and record.body.startswith("plain text")


def test_a_named_pipe_in_a_folder_is_passed_over_one_named_directly_is_read(
    tmp_path: Path,
) -> None:
    (tmp_path / "a.txt").write_bytes(PAGE)
    os.mkfifo(tmp_path / "pipe.txt")
    listed = list_inputs([str(tmp_path)])
    assert [str(e) for e in listed if isinstance(e, Skipped)] == [
        f"{tmp_path / 'pipe.txt'}: not a regular file (a pipe, socket or device)"
    ]
    assert [Path(e.path).name for e in listed if isinstance(e, InputFile)] == ["a.txt"]
    assert isinstance(list_inputs([str(tmp_path / "*.txt")])[1], Skipped)  # a glob too
    writer = threading.Thread(target=(tmp_path / "pipe.txt").write_bytes, args=(PAGE,))
    writer.start()
    (record,) = iter_items([str(tmp_path / "pipe.txt")])
    writer.join()
    assert isinstance(record, RawRecord) and record.title == TITLE


def test_links_in_archives_are_not_read_as_articles(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        link = zipfile.ZipInfo("link.txt")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(link, "/etc/passwd")
        archive.writestr("a.json", f"[{ARTICLE}]")
    (tmp_path / "links.zip").write_bytes(buffer.getvalue())
    assert where(list(iter_items([str(tmp_path / "links.zip")]))) == [
        f"{tmp_path / 'links.zip'}!a.json[#0]"
    ]

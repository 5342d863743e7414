"""From the paths a user names to records: files, directories, globs, zip and tar
archives, compressed files (``feed.jsonl.gz``, ``.bz2``, ``.xz``) and stdin ("-"). Every
problem with one input (unreadable, too big, binary, unsafe archive member…) is an
ItemError in the stream; nothing raises out of the iterator."""

from __future__ import annotations

import bz2
import codecs
import glob
import gzip
import io
import lzma
import os
import stat
import sys
import tarfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO, NamedTuple

from indexer.decode import DecodeError, decode_bytes
from indexer.formats import FORMATS
from indexer.readers import format_for_name, jsonlines, read_bytes
from indexer.readers.common import MAX_LINE_CHARS, Item
from indexer.records import ItemError, Origin, Skipped

MiB = 1024 * 1024
# Files and members are read whole into memory (readers need all of a JSON document, and
# encoding detection looks at all of it); a larger input is almost surely not one article
# collection meant for this tool and would exhaust memory. Split or zip it.
MAX_FILE_BYTES = 256 * MiB
# Same limit for one archive member.
MAX_MEMBER_BYTES = 256 * MiB
# Everything one archive may inflate to, nested archives included: a zip bomb stops here.
MAX_ARCHIVE_BYTES = 4096 * MiB
# Text and JSON compress 3-10:1, rarely past 50:1; bombs reach 1000:1 and more.
MAX_COMPRESSION_RATIO = 100
# Ratios of small members are not checked: a page of blanks compresses 200:1 harmlessly.
RATIO_CHECK_MIN_BYTES = MiB
# An archive inside an archive is expanded; one inside that is refused (bomb nesting).
MAX_ARCHIVE_DEPTH = 1

ZIP_EXTENSIONS = (".zip",)
TAR_EXTENSIONS = (".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz")
ARCHIVE_EXTENSIONS = ZIP_EXTENSIONS + TAR_EXTENSIONS
# Files are read in chunks, so one past the limit is refused without reading all of it.
READ_CHUNK = MiB
# A JSON Lines file past MAX_FILE_BYTES (a whole dump, plain or compressed) is read
# line by line instead; its encoding is found from this much of its start.
STREAM_SAMPLE_BYTES = 4 * MiB
PROGRESS_EVERY_LINES = 1000  # how often a streamed file tells how far it has been read
# What inflating a corrupt member raises, by compression method (RuntimeError: encrypted).
_DAMAGED_MEMBER_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    lzma.LZMAError,
    OSError,
    EOFError,
    ValueError,
    RuntimeError,
)
_GZIP_MAGIC = b"\x1f\x8b"
_ZIP_MAGIC = b"PK\x03\x04"
_EMPTY_ZIP_MAGIC = b"PK\x05\x06"
_XZ_MAGIC = b"\xfd7zXZ\x00"
_BZIP2_MAGIC = b"BZh"
_TAR_HEADER = 512


class _Compression(NamedTuple):
    magic: bytes
    name: str
    decompressor: Callable[[], Any]  # zlib's, bz2's and lzma's share the calls used here
    opener: Callable[..., BinaryIO]  # streams a file too large to inflate in memory


# What damaged or cut compressed data raises, whichever the method (bz2: OSError).
_DECOMPRESSION_ERRORS = (zlib.error, OSError, EOFError, lzma.LZMAError)
# One compressed file ("feed.jsonl.gz", "a.txt.bz2", "b.json.xz") is read as the file
# inside, told by its magic bytes whatever its name.
_COMPRESSIONS = (
    _Compression(_GZIP_MAGIC, "gzip", lambda: zlib.decompressobj(zlib.MAX_WBITS | 16), gzip.open),
    _Compression(_BZIP2_MAGIC, "bzip2", bz2.BZ2Decompressor, bz2.open),
    _Compression(_XZ_MAGIC, "xz", lzma.LZMADecompressor, lzma.open),
)


@dataclass(frozen=True, slots=True)
class InputFile:
    """One input to read: a file, an archive (expanded when read) or stdin ("-")."""

    path: str
    size: int | None
    archive: bool


Listed = InputFile | ItemError | Skipped


def list_inputs(paths: list[str], *, recursive: bool = False, format: str = "auto") -> list[Listed]:
    """The inputs ``paths`` name, in order, without reading them (for counts and progress).

    Directories and globs yield the files whose extension a reader knows (and archives);
    other files, and subfolders without ``recursive``, come back as :class:`Skipped`;
    hidden files and folders are passed over silently. A file named directly is always
    read."""
    _check_format(format)
    inputs: list[Listed] = []
    for raw in paths:
        inputs.extend(_expand(raw, recursive))
    return inputs


def iter_items(
    paths: list[str],
    *,
    recursive: bool = False,
    format: str = "auto",
    stdin: BinaryIO | None = None,
) -> Iterator[Item]:
    """Every record and every error in ``paths``. ``stdin`` replaces ``sys.stdin`` for "-"."""
    return read_inputs(list_inputs(paths, recursive=recursive, format=format), format, stdin)


def read_input(
    entry: InputFile,
    format: str = "auto",
    *,
    stdin: BinaryIO | None = None,
    on_bytes: Callable[[int], None] | None = None,
) -> Iterator[Item]:
    """Every record and error in one input that :func:`list_inputs` named. ``on_bytes``,
    if given, hears how many more bytes of the input have been read while a file too
    big to hold is streamed (other inputs are read whole, in one step)."""
    _check_format(format)
    if entry.path == "-":
        return _read_stream(stdin or sys.stdin.buffer, format)
    if entry.archive:
        return _read_archive_file(entry.path, format)
    return _read_file(entry.path, format, on_bytes)


def read_inputs(
    inputs: list[Listed], fmt: str = "auto", stdin: BinaryIO | None = None
) -> Iterator[Item]:
    """Every record and error of what :func:`list_inputs` listed (skipped entries aside)."""
    for entry in inputs:
        if isinstance(entry, ItemError):
            yield entry
        elif isinstance(entry, InputFile):
            yield from read_input(entry, fmt, stdin=stdin)


def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")


def _is_archive_name(name: str) -> bool:
    return name.lower().endswith(ARCHIVE_EXTENSIONS)


def _expand(raw: str, recursive: bool) -> list[Listed]:
    if raw == "-":
        return [InputFile("-", None, archive=False)]
    path = Path(raw)
    if path.is_dir():
        return _walk(path, recursive)
    if path.exists() or path.is_symlink():
        return [_input(path)]
    if any(ch in raw for ch in "*?["):
        matches = sorted(glob.glob(raw, recursive=True))
        found: list[Listed] = []
        for match in map(Path, matches):
            if match.is_dir():
                found.extend(_walk(match, recursive))
            elif not _hidden(match.name):
                found.append(_found(match))
        return found or [ItemError(Origin(raw), "no file matches this pattern")]
    return [ItemError(Origin(raw), "no such file or directory")]


def _walk(root: Path, recursive: bool) -> list[Listed]:
    """Known-format files under ``root`` in a stable order, hidden entries skipped
    silently (version-control folders, editor back-ups, macOS metadata), other files
    and (without ``recursive``) subfolders as :class:`Skipped`; unreadable folders are
    reported."""
    found: list[Listed] = []

    def unreadable(exc: OSError) -> None:
        where = exc.filename or str(root)
        found.append(ItemError(Origin(where), f"cannot read folder: {exc.strerror or exc}"))

    for folder, dirs, files in os.walk(root, onerror=unreadable):
        dirs[:] = sorted(d for d in dirs if not _hidden(d))
        if not recursive:
            found += [Skipped(str(Path(folder) / d), "a folder: add --recursive") for d in dirs]
            dirs.clear()
        for name in sorted(files):
            candidate = Path(folder) / name
            if not _hidden(name):
                found.append(_found(candidate))
    return found


def _found(path: Path) -> Listed:
    """A file a folder or glob lists: read when a reader knows its format and it is a
    regular file. A named pipe would block the run until something writes to it (one
    named on the command line is read: ``rasd index <(zcat feed.gz)``)."""
    if not _known(path):
        return _unknown(path)
    try:
        regular = stat.S_ISREG(path.stat().st_mode)
    except OSError:
        regular = True  # a dangling link, a vanished file: _input reports why
    if not regular:
        return Skipped(str(path), "not a regular file (a pipe, socket or device)")
    return _input(path)


def _hidden(name: str) -> bool:
    return name.startswith(".") or name == "__MACOSX"


def _known(path: Path) -> bool:
    return _known_name(path.name)


def _known_name(name: str) -> bool:
    """A format a reader knows (also compressed: "a.jsonl.gz"), or an archive."""
    return format_for_name(name) is not None or _is_archive_name(name)


def _unknown(path: Path) -> Skipped:
    kind = f"{path.suffix.lower()} files" if path.suffix else "files without an extension"
    return Skipped(str(path), f"{kind} are not read from folders (name the file to try it)")


def _input(path: Path) -> InputFile | ItemError:
    try:
        size = path.stat().st_size
    except OSError as exc:
        return ItemError(Origin(str(path)), f"cannot read: {exc.strerror or exc}")
    return InputFile(str(path), size, archive=_is_archive_name(path.name))


def _read_file(
    path: str, fmt: str, on_bytes: Callable[[int], None] | None = None
) -> Iterator[Item]:
    origin = Origin(path)
    streamable = fmt == "jsonl" or (fmt == "auto" and format_for_name(path) == "jsonl")
    try:
        with open(path, "rb") as handle:
            too_big = streamable and os.fstat(handle.fileno()).st_size > MAX_FILE_BYTES
            data = None if too_big else _read_bounded(handle, MAX_FILE_BYTES)
    except OSError as exc:
        yield ItemError(origin, f"cannot read: {exc.strerror or exc}")
        return
    if data is not None:
        yield from _read_document(data, origin, fmt)
    elif streamable:
        yield from _read_jsonl_stream(path, origin, on_bytes)
    else:
        yield ItemError(origin, f"file is larger than {MAX_FILE_BYTES // MiB} MiB; not read")


def _read_jsonl_stream(
    path: str, origin: Origin, on_bytes: Callable[[int], None] | None
) -> Iterator[Item]:
    """A JSON Lines file too big to hold in memory, compressed or not, read line by
    line; a compression bomb stops at the compression ratio. ``on_bytes`` hears the
    file's bytes (compressed ones for compressed data) as they are read."""
    packed = os.path.getsize(path)
    compression = None
    try:
        with open(path, "rb") as raw:
            compression = _compression(raw.read(len(_XZ_MAGIC)))
        opener = compression.opener if compression else open
        with opener(path, "rb") as start:
            sample = start.read(STREAM_SAMPLE_BYTES)
        try:
            encoding = decode_bytes(sample).encoding
        except DecodeError as exc:
            yield ItemError(origin, str(exc))
            return
        if encoding.startswith(("utf-16", "utf-32")):
            yield ItemError(origin, f"{encoding} JSON Lines past {MAX_FILE_BYTES // MiB} "
                            "MiB cannot be read line by line; convert it to UTF-8")  # fmt: skip
            return
        with open(path, "rb") as raw:
            # Progress is told in the file's own bytes, so the compressed ones.
            handle = compression.opener(raw) if compression else raw
            lines = _bounded_lines(handle, packed if compression else None)
            if on_bytes is not None:
                lines = _reporting(lines, raw.tell, on_bytes)
            yield from jsonlines.read_stream(lines, encoding, origin)
    except _DECOMPRESSION_ERRORS as exc:
        yield ItemError(origin, f"reading stopped: {exc}; the lines before were read")
    except _TooInflated:
        yield ItemError(
            origin,
            f"{compression.name if compression else ''} compression ratio exceeds "
            f"{MAX_COMPRESSION_RATIO}:1 (a compression bomb?); the rest of it is not read",
        )


class _TooInflated(Exception):
    pass


def _bounded_lines(handle: BinaryIO, packed: int | None) -> Iterator[bytes | None]:
    """Lines of ``handle`` (None for one longer than the line limit, whose bytes are
    skipped); for gzip data, stops once it inflates ``MAX_COMPRESSION_RATIO`` times
    ``packed``."""
    limit = MAX_LINE_CHARS * 4  # UTF-8 takes up to four bytes a character
    inflated = 0
    first = True
    while line := handle.readline(limit + 1):
        inflated = _inflated(inflated + len(line), packed)
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := handle.readline(READ_CHUNK)) and not rest.endswith(b"\n"):
                inflated = _inflated(inflated + len(rest), packed)
            yield None
            continue
        yield line.removeprefix(codecs.BOM_UTF8) if first else line
        first = False


def _reporting(
    lines: Iterator[bytes | None], position: Callable[[], int], on_bytes: Callable[[int], None]
) -> Iterator[bytes | None]:
    """``lines`` as they are, telling ``on_bytes`` every so often how far ``position``
    (the file's read offset) has moved."""
    reported = 0
    for number, line in enumerate(lines, 1):
        yield line
        if number % PROGRESS_EVERY_LINES == 0:
            now = position()
            on_bytes(now - reported)
            reported = now


def _inflated(total: int, packed: int | None) -> int:
    """``total``, unless gzip data of ``packed`` bytes has inflated past the ratio."""
    if (
        packed is not None
        and total > RATIO_CHECK_MIN_BYTES
        and total > MAX_COMPRESSION_RATIO * packed
    ):
        raise _TooInflated
    return total


def _read_document(data: bytes, origin: Origin, fmt: str) -> Iterator[Item]:
    """One file's bytes, decompressed first when they are gzip, bzip2 or xz data
    (whatever the name)."""
    compression = _compression(data)
    if compression is None:
        yield from read_bytes(data, origin, fmt)
        return
    data, problem = _inflate(data, compression)
    if data:
        yield from read_bytes(data, origin, fmt)
    if problem:
        yield ItemError(origin, problem)


def _compression(data: bytes) -> _Compression | None:
    return next((c for c in _COMPRESSIONS if data.startswith(c.magic)), None)


def _inflate(data: bytes, compression: _Compression) -> tuple[bytes, str | None]:
    """The content of compressed data (every stream of a concatenated file), and what
    went wrong if anything. Inflated under the archive limits, so a compression bomb
    stops early; damaged or truncated data gives back what precedes the damage."""
    method, decompressor = compression.name, compression.decompressor
    # Never more than the ratio allows (or the member limit): a bomb stops there, with
    # no more than that in memory.
    by_ratio = max(RATIO_CHECK_MIN_BYTES, MAX_COMPRESSION_RATIO * len(data))
    cap = min(MAX_MEMBER_BYTES, by_ratio)
    inflater = decompressor()
    parts: list[bytes] = []
    size = 0
    pending = data
    try:
        while True:
            # At most one byte past the cap: a stream that stops short of it without
            # reaching its end is truncated, for zlib, bz2 and lzma alike.
            part = inflater.decompress(pending, cap + 1 - size)
            parts.append(part)
            size += len(part)
            if size > cap and cap == by_ratio:
                return b"", (
                    f"{method} compression ratio exceeds {MAX_COMPRESSION_RATIO}:1 "
                    "(a compression bomb?); not read"
                )
            if size > cap:
                limit = MAX_MEMBER_BYTES // MiB
                return b"", f"{method} content is larger than {limit} MiB; not read"
            if not inflater.eof:
                return b"".join(parts), f"truncated {method} data: the end of the file is missing"
            # Another stream may follow (pigz, pbzip2, cat); trailing zeros are padding.
            pending = inflater.unused_data.lstrip(b"\x00")
            if not pending:
                return b"".join(parts), None
            inflater = decompressor()
    except _DECOMPRESSION_ERRORS as exc:
        return b"".join(parts), f"damaged {method} data: {exc}"


def _read_stream(stream: BinaryIO, fmt: str) -> Iterator[Item]:
    """Standard input: a document in any format, or a zip or tar archive (told by its
    content, as it has no name)."""
    origin = Origin("-")
    try:
        data = _read_bounded(stream, MAX_FILE_BYTES)
    except OSError as exc:
        yield ItemError(origin, f"cannot read standard input: {exc.strerror or exc}")
        return
    if data is None:
        yield ItemError(origin, f"input is larger than {MAX_FILE_BYTES // MiB} MiB; not read")
    elif data.startswith((_ZIP_MAGIC, _EMPTY_ZIP_MAGIC)):
        yield from _read_archive(io.BytesIO(data), origin, fmt, _Budget(MAX_ARCHIVE_BYTES), depth=0)
    elif _is_tar(data):
        budget = _Budget(MAX_ARCHIVE_BYTES)
        yield from _read_tar(io.BytesIO(data), origin, fmt, budget, 0, len(data))
    else:
        yield from _read_document(data, origin, fmt)


def _is_tar(data: bytes) -> bool:
    """A tar archive, plain or compressed with gzip, bzip2 or xz: its first header
    carries the "ustar" magic (POSIX and GNU tars both write it)."""
    head = data[:_TAR_HEADER]
    compression = _compression(data)
    if compression is not None:
        try:
            head = compression.decompressor().decompress(data[:65536], _TAR_HEADER)
        except _DECOMPRESSION_ERRORS:
            return False
    return head[257:262] == b"ustar"


def _read_bounded(handle: BinaryIO, limit: int) -> bytes | None:
    """All of ``handle``, or None once it passes ``limit`` bytes (never reads far past)."""
    chunks: list[bytes] = []
    total = 0
    while chunk := handle.read(READ_CHUNK):
        total += len(chunk)
        if total > limit:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


@dataclass(slots=True)
class _Budget:
    """Bytes an archive (with its nested archives) may still inflate."""

    remaining: int


def _read_archive_file(path: str, fmt: str) -> Iterator[Item]:
    origin = Origin(path)
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed below, after the generator ends
    except OSError as exc:
        yield ItemError(origin, f"cannot read: {exc.strerror or exc}")
        return
    with handle:
        packed = os.fstat(handle.fileno()).st_size
        budget = _Budget(MAX_ARCHIVE_BYTES)
        yield from _read_any_archive(handle, origin, path, fmt, budget, 0, packed)


def _read_any_archive(
    handle: BinaryIO, origin: Origin, name: str, fmt: str, budget: _Budget, depth: int, packed: int
) -> Iterator[Item]:
    """A zip or a tar archive, told by its name; ``packed`` is its size as stored."""
    if name.lower().endswith(TAR_EXTENSIONS):
        return _read_tar(handle, origin, fmt, budget, depth, packed)
    return _read_archive(handle, origin, fmt, budget, depth)


def _read_archive(
    handle: BinaryIO, origin: Origin, fmt: str, budget: _Budget, depth: int
) -> Iterator[Item]:
    """Stream the members of one zip: each is inflated, read and released in turn."""
    try:
        archive = zipfile.ZipFile(handle)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        yield ItemError(origin, f"not a readable zip archive: {exc}")
        return
    with archive:
        attempted = 0
        for info in archive.infolist():
            if info.is_dir() or _is_link(info):
                continue  # as in a tar; a link's data is only its target's name
            member_origin = _member_origin(origin, info.filename)
            unsafe = _unsafe_name(info.filename)
            if unsafe:
                attempted += 1
                yield ItemError(member_origin, unsafe)
                continue
            if _hidden_member(info.filename) or not _wanted_member(info.filename, fmt):
                continue
            attempted += 1
            problem = _member_problem(info, budget)
            if problem:
                yield ItemError(member_origin, problem)
                if problem == _bomb_message():
                    return
                continue
            try:
                data = archive.read(info)
            except _DAMAGED_MEMBER_ERRORS as exc:
                yield ItemError(member_origin, f"damaged archive member: {exc}")
                continue
            except NotImplementedError as exc:
                yield ItemError(member_origin, f"unsupported compression: {exc}")
                continue
            budget.remaining -= len(data)
            yield from _read_member(data, member_origin, info.filename, fmt, budget, depth)
        if not attempted:
            yield ItemError(origin, "archive holds no file in a format this tool reads")


def _read_tar(
    handle: BinaryIO, origin: Origin, fmt: str, budget: _Budget, depth: int, packed: int
) -> Iterator[Item]:
    """Stream the members of one tar (plain, gzip, bzip2 or xz) in order: each is read
    and released in turn. Headers declare every member's size, and a stream reads
    through the members it skips, so all sizes count against the archive's limits."""
    attempted = 0
    declared = 0
    # Declared sizes count against the budget as it stood when this archive began: the
    # members read since have been taken off ``budget.remaining`` already.
    allowed = budget.remaining
    try:
        with tarfile.open(fileobj=handle, mode="r|*") as archive:
            for info in archive:
                declared += info.size
                if declared > allowed:
                    yield ItemError(_member_origin(origin, info.name), _bomb_message())
                    return
                if declared > RATIO_CHECK_MIN_BYTES and declared > MAX_COMPRESSION_RATIO * packed:
                    ratio = f"compression ratio exceeds {MAX_COMPRESSION_RATIO}:1 (a tar bomb?)"
                    yield ItemError(
                        _member_origin(origin, info.name), f"{ratio}; the rest of it is not read"
                    )
                    return
                if not info.isfile():
                    continue  # folders, links, devices
                member_origin = _member_origin(origin, info.name)
                unsafe = _unsafe_name(info.name)
                if unsafe or info.size > MAX_MEMBER_BYTES:
                    attempted += 1
                    too_big = f"member is larger than {MAX_MEMBER_BYTES // MiB} MiB; not read"
                    yield ItemError(member_origin, unsafe or too_big)
                    continue
                if _hidden_member(info.name) or not _wanted_member(info.name, fmt):
                    continue
                attempted += 1
                member = archive.extractfile(info)
                data = member.read() if member is not None else b""
                budget.remaining -= len(data)
                yield from _read_member(data, member_origin, info.name, fmt, budget, depth)
    except (tarfile.TarError, *_DAMAGED_MEMBER_ERRORS) as exc:
        read = f"; the {attempted} member(s) before the damage were read" if attempted else ""
        yield ItemError(origin, f"not a readable tar archive, or a damaged one: {exc}{read}")
        return
    if not attempted:
        yield ItemError(origin, "archive holds no file in a format this tool reads")


def _read_member(
    data: bytes, origin: Origin, name: str, fmt: str, budget: _Budget, depth: int
) -> Iterator[Item]:
    if _is_archive_name(name):
        if depth >= MAX_ARCHIVE_DEPTH:
            yield ItemError(origin, "archive nested more than one level deep; not expanded")
        else:
            yield from _read_any_archive(
                io.BytesIO(data), origin, name, fmt, budget, depth + 1, len(data)
            )
    else:
        yield from _read_document(data, origin, fmt)


def _member_origin(origin: Origin, name: str) -> Origin:
    """Nested members are named outer-member!inner-member."""
    member = name if origin.member is None else f"{origin.member}!{name}"
    return Origin(origin.path, member=member)


def _hidden_member(name: str) -> bool:
    return any(_hidden(part) for part in PurePosixPath(name.replace("\\", "/")).parts)


def _wanted_member(name: str, fmt: str) -> bool:
    """Like a folder: archives and known formats, or everything when a format is given."""
    return fmt != "auto" or _known_name(name)


def _unsafe_name(name: str) -> str | None:
    """Names that would escape a folder if extracted: refused though nothing is written,
    as such an archive is hostile or broken."""
    name = name.replace("\\", "/")
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return "unsafe member name (absolute path); not read"
    if ".." in PurePosixPath(name).parts:
        return "unsafe member name (path traversal with '..'); not read"
    return None


def _is_link(info: zipfile.ZipInfo) -> bool:
    """A symbolic link, stored by Unix zip tools with its mode in the high bits."""
    return stat.S_ISLNK(info.external_attr >> 16)


def _member_problem(info: zipfile.ZipInfo, budget: _Budget) -> str | None:
    """Why a member must not be inflated, judged from its header. zipfile inflates no
    more than the header declares (a lying header fails the CRC check), so the declared
    sizes are the ones to check."""
    if info.flag_bits & 0x1:
        return "encrypted member; not read"
    if info.file_size > MAX_MEMBER_BYTES:
        return f"member is larger than {MAX_MEMBER_BYTES // MiB} MiB; not read"
    if info.file_size > RATIO_CHECK_MIN_BYTES and (
        info.file_size > MAX_COMPRESSION_RATIO * max(info.compress_size, 1)
    ):
        ratio = info.file_size // max(info.compress_size, 1)
        return (
            f"compression ratio {ratio}:1 exceeds {MAX_COMPRESSION_RATIO}:1 (a zip bomb?); not read"
        )
    if info.file_size > budget.remaining:
        return _bomb_message()
    return None


def _bomb_message() -> str:
    return (
        f"archive inflates past {MAX_ARCHIVE_BYTES // MiB} MiB in all (a zip bomb?); "
        "the rest of it is not read"
    )

"""The records that flow from readers to the document builder, and their errors."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Origin:
    """Where an item came from, precise enough for a user to find it.

    ``path`` is the file (or ``-`` for stdin); ``member`` a zip member inside it;
    ``line`` a 1-based line (JSON Lines); ``record`` a 0-based index in a JSON array.
    """

    path: str
    member: str | None = None
    line: int | None = None
    record: int | None = None

    def __str__(self) -> str:
        path = printable(self.path)
        where = path if self.member is None else f"{path}!{printable(self.member)}"
        if self.line is not None:
            where += f":{self.line}"
        if self.record is not None:
            where += f"[#{self.record}]"
        return where

    def __reduce__(self) -> tuple[type[Origin], tuple[str, str | None, int | None, int | None]]:
        # Origins cross to the worker processes and back with every record; the generic
        # pickling of frozen slotted dataclasses looks up their fields each time (4× slower).
        return Origin, (self.path, self.member, self.line, self.record)

    def to_dict(self) -> dict[str, str | int]:
        return {
            k: v
            for k, v in (
                ("path", printable(self.path)),
                ("member", printable(self.member) if self.member is not None else None),
                ("line", self.line),
                ("record", self.record),
            )
            if v is not None
        }


@dataclass(slots=True)
class RawRecord:
    """One article as a reader found it: decoded and cleaned text, nothing extracted.

    ``published_raw`` is the publication date exactly as the source gave it (metadata
    field, <meta> tag…); the date extractor parses it.
    """

    origin: Origin
    format: str
    body: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published_raw: str | None = None
    author: str | None = None
    metadata: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ItemError:
    """A bad item: reported with its origin and reason, never fatal to the run."""

    origin: Origin
    reason: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"

    def __reduce__(self) -> tuple[type[ItemError], tuple[Origin, str]]:
        return ItemError, (self.origin, self.reason)  # see Origin.__reduce__

    def to_dict(self) -> dict[str, object]:
        return {"origin": self.origin.to_dict(), "where": str(self.origin), "reason": self.reason}


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file or folder that a folder or glob listing passed over on purpose (a type Rasd
    does not read, a subfolder without ``--recursive``): not a failure, but said."""

    path: str
    reason: str

    def __str__(self) -> str:
        return f"{printable(self.path)}: {self.reason}"


def printable(name: str) -> str:
    """A file name as text that prints and goes into JSON: bytes of it that are not
    UTF-8, which Python keeps as surrogate escapes, are written as \\xNN."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return name


def add_warning(metadata: dict[str, str], warning: str) -> None:
    """Records carry their warnings as one "warning" text; a further one is appended."""
    earlier = metadata.get("warning")
    metadata["warning"] = f"{earlier}; {warning}" if earlier else warning

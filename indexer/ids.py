"""Deterministic document ids and content hashes.

An article's id comes from its canonical URL when it has one, else from its normalized
content, so indexing the same input twice yields the same ids (nothing is added) and a
changed article under the same URL replaces its old version.
"""

from __future__ import annotations

import hashlib
import re
import string
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from rasd.arabic import normalize

# Query parameters that track clicks and never change what a URL points to.
TRACKING_PARAMS = ("utm_", "fbclid", "gclid", "mc_cid", "mc_eid", "ref", "share")


# Most article URLs are scheme://host/path and nothing else: for them the canonical form
# is a slice away, where urlsplit and urlunsplit cost ten times as much.
_PLAIN_URL_RE = re.compile(r"https?://([A-Za-z0-9.-]+)(/[^?#\s]*)?")


def canonical_url(url: str) -> str:
    """Scheme and host lowercased, default port, fragment and tracking parameters
    dropped, trailing slash removed; http and https count as the same address."""
    url = url.strip()
    plain = _PLAIN_URL_RE.fullmatch(url)
    if plain:
        host = plain.group(1).lower().removeprefix("www.")
        return f"https://{host}{_path(plain.group(2) or '')}"
    return _canonical_parsed(url)


def _canonical_parsed(url: str) -> str:
    """:func:`canonical_url` for any URL, through the standard parser."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.")
    if parts.port and parts.port not in (80, 443):
        host = f"{host}:{parts.port}"
    # Most article URLs have no query string: skip parsing and re-encoding nothing.
    query = _canonical_query(parts.query) if parts.query else ""
    return urlunsplit(("https", host, _path(parts.path), query, ""))


def _path(path: str) -> str:
    """The path without its trailing slash, with percent-escaped letters written out
    ("/%D9%85%D8%AD%D9%83%D9%85%D8%A9" → "/محكمة", "%7e" → "~") and other escapes in
    upper case, so the address is the same however a scraper escaped it. An escape that
    stands for a delimiter or a space ("%2F", "%3F", "%20") stays one."""
    path = path.rstrip("/") or "/"
    return _ESCAPE_RUN_RE.sub(_unescaped, path) if "%" in path else path


_ESCAPE_RUN_RE = re.compile(r"(?:%[0-9A-Fa-f]{2})+")
_UNRESERVED = frozenset(string.ascii_letters + string.digits + "-._~")


def _unescaped(run: re.Match[str]) -> str:
    try:
        text = bytes.fromhex(run.group().replace("%", "")).decode("utf-8")
    except UnicodeDecodeError:  # not UTF-8: the bytes stay escaped
        return run.group().upper()
    return "".join(c if c in _UNRESERVED or c > "\x7f" else f"%{ord(c):02X}" for c in text)


def _canonical_query(query: str) -> str:
    """Parameters sorted, tracking parameters dropped."""
    return urlencode(
        sorted(
            (k, v)
            for k, v in parse_qsl(query, keep_blank_values=True)
            if not k.lower().startswith(TRACKING_PARAMS)
        )
    )


def content_hash(title: str | None, body: str) -> str:
    """Hash of the normalized title and body: equal for the same text whatever its
    diacritics, spacing, digits or invisible marks."""
    return content_hash_of_normalized(normalize(title or ""), normalize(body))


def content_hash_of_normalized(title: str, body: str) -> str:
    """:func:`content_hash` for text already normalized (the indexer's hot path)."""
    # The hash of title + "\n" + body, fed in parts rather than copied into one string.
    digest = hashlib.blake2b(title.encode(), digest_size=16)
    digest.update(b"\n")
    digest.update(body.encode())
    return digest.hexdigest()


def document_id(url: str | None, digest: str) -> str:
    if url:
        key = "url:" + canonical_url(url)
        return hashlib.blake2b(key.encode("utf-8"), digest_size=12).hexdigest()
    return "h" + digest[:23]

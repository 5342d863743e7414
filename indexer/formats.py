"""The input formats by name. A module of its own so that the command line can list
them without loading the readers (HTML extraction alone takes 0.3 s to import)."""

from __future__ import annotations

SAUDINEWSNET = "saudinewsnet"
FORMATS = ("auto", "text", "html", "json", "jsonl", "csv", "feed", SAUDINEWSNET)

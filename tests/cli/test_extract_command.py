"""``rasd extract``: JSON Lines on stdout, errors on stderr, exit codes 0 / 1 / 2."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from support import SEED_PAGE

GOOD = {
    "title": "تفكيك خلية إرهابية في الرباط",
    "content": "أعلنت وزارة الداخلية المغربية تفكيك خلية إرهابية بمدينة الرباط بتنسيق مع "
    "المديرية العامة لمراقبة التراب الوطني.",
    "url": "https://example.ma/1",
    "source": "هسبريس",
    "published_at": "2016-03-02",
}


def rasd(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cli", *args],
        input=stdin, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def test_seed_page() -> None:
    if not SEED_PAGE.exists():
        pytest.skip("seed page absent")
    result = rasd("extract", str(SEED_PAGE))
    assert result.returncode == 0, result.stderr
    (doc,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert doc["title"] == "وفد أمني مغربي رفيع المستوى يشارك في الملتقى الأمني الدولي بفرنسا"
    assert doc["source_name"] == "أخبارنا المغربية"
    assert {"MA", "FR", "ES"} <= {c["code"] for c in doc["countries"]}
    interpol = next(o for o in doc["organizations"] if o["id"] == "interpol")
    assert interpol["type"] == "international_body" and interpol["label_en"]
    assert doc["published_precision"] == "unknown" and doc["content_hash"]
    assert "story_signature" not in doc


def test_some_items_failing_exit_1_and_are_named(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps(GOOD, ensure_ascii=False) + "\n{broken\n")
    result = rasd("extract", str(feed))
    assert result.returncode == 1
    assert len(result.stdout.splitlines()) == 1
    assert f"{feed}:2" in result.stderr and "Traceback" not in result.stderr


def test_nothing_extracted_exits_2(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("")
    result = rasd("extract", str(tmp_path / "empty.txt"))
    assert result.returncode == 2 and "empty.txt" in result.stderr


def test_reads_stdin() -> None:
    result = rasd("extract", "-", stdin=json.dumps(GOOD, ensure_ascii=False) + "\n")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["url"] == "https://example.ma/1" and doc["published_at"] == "2016-03-02"


def test_unknown_format_is_refused() -> None:
    result = rasd("extract", "x.txt", "--format", "pdf")
    assert result.returncode == 2 and "unknown --format" in result.stderr


def test_a_folder_names_what_it_passes_over(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(
        json.dumps({"title": "خبر", "content": "أوقفت الشرطة مشتبها به في الرباط."}),
        encoding="utf-8",
    )
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    result = rasd("extract", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == 1
    assert result.stderr.splitlines() == [
        f"skipped: {tmp_path / 'photo.jpg'}: .jpg files are not read from folders "
        "(name the file to try it)"
    ]


def test_a_file_name_that_is_no_utf8(tmp_path: Path) -> None:
    name = os.path.join(os.fsencode(tmp_path), b"bad\xffname.json")
    with open(name, "w", encoding="utf-8") as handle:
        json.dump(GOOD, handle, ensure_ascii=False)
    result = subprocess.run(
        [sys.executable, "-m", "cli", "extract", name],
        capture_output=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    (doc,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert doc["origin"]["path"].endswith("bad\\xffname.json")

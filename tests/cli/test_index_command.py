"""``rasd index`` as a user runs it: stdin, summary, exit codes, --errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from rasd.engine import Engine
from rasd.index_definition import delete_alias_and_indices

pytestmark = pytest.mark.engine

RECORD = {"title": "ضبط شحنة مخدرات في ميناء طنجة", "content": "تمكنت مصالح الأمن الوطني "
          "بميناء طنجة المتوسط من حجز شحنة من المخدرات كانت مخبأة في شاحنة للنقل الدولي.",
          "url": "https://example.ma/drugs/1", "source": "هسبريس"}  # fmt: skip


@pytest.fixture
def alias(engine: Engine) -> Iterator[str]:
    name = f"rasd-test-cli-{uuid.uuid4().hex[:8]}"
    yield name
    delete_alias_and_indices(engine, name)


def rasd(tmp_path: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "RASD_HOME": str(tmp_path / "home")}
    return subprocess.run(
        [sys.executable, "-m", "cli", *args],
        input=stdin, capture_output=True, text=True, timeout=300, env=env, check=False,
    )  # fmt: skip


def test_index_from_stdin_then_rerun(engine: Engine, alias: str, tmp_path: Path) -> None:
    line = json.dumps(RECORD, ensure_ascii=False) + "\n"
    first = rasd(tmp_path, "index", "-", "--index", alias, stdin=line)
    assert first.returncode == 0, first.stderr
    assert "articles indexed (new)" in first.stdout
    engine.refresh(alias)
    assert engine.count(alias) == 1
    again = rasd(tmp_path, "index", "-", "--index", alias, stdin=line)
    assert again.returncode == 0
    assert "articles unchanged" in again.stdout


def test_errors_file_and_exit_1(alias: str, tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps(RECORD, ensure_ascii=False) + "\n[1, 2]\n")
    errors = tmp_path / "errors.jsonl"
    result = rasd(tmp_path, "index", str(feed), "--index", alias, "--errors", str(errors))
    assert result.returncode == 1
    (failure,) = [json.loads(line) for line in errors.read_text().splitlines()]
    assert failure["origin"]["line"] == 2 and "array" in failure["reason"]
    assert "Traceback" not in result.stderr


def test_engine_unreachable_is_one_clear_line(tmp_path: Path) -> None:
    env_result = subprocess.run(
        [sys.executable, "-m", "cli", "index", str(tmp_path)],
        capture_output=True, text=True, timeout=120, check=False,
        env={**os.environ, "RASD_ENGINE_URL": "http://127.0.0.1:9", "RASD_ENGINE_TIMEOUT": "2"},
    )  # fmt: skip
    assert env_result.returncode == 2
    assert "cannot be reached" in env_result.stderr and "Traceback" not in env_result.stderr


def test_a_folder_names_what_it_passes_over(alias: str, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "later").mkdir(parents=True)
    (folder / "a.jsonl").write_text(json.dumps(RECORD, ensure_ascii=False) + "\n")
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4")
    result = rasd(tmp_path, "index", str(folder), "--index", alias, "--dry-run")
    assert result.returncode == 0, result.stderr  # passing over is not failing
    assert f"skipped: {folder / 'later'}: a folder: add --recursive" in result.stderr
    assert f"skipped: {folder / 'scan.pdf'}: .pdf files are not read" in result.stderr
    assert "files and folders passed over" in result.stdout

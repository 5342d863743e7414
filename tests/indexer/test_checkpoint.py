"""The resume checkpoint (pure, on files)."""

from __future__ import annotations

import os
from pathlib import Path

from indexer.checkpoint import Checkpoint


def test_inputs_are_recorded_once_settled_and_survive_a_restart(tmp_path: Path) -> None:
    data = tmp_path / "a.jsonl"
    data.write_text("{}\n")
    checkpoint = Checkpoint.for_run(tmp_path, "alias", [str(data)])
    checkpoint.mark_done(str(data))
    assert not checkpoint.is_done(str(data))  # acknowledged, not yet settled
    checkpoint.record_settled(settle_s=0)
    assert checkpoint.is_done(str(data))
    again = Checkpoint.for_run(tmp_path, "alias", [str(data)])
    assert again.is_done(str(data)) and again.resumed == 1


def test_a_changed_file_is_read_again(tmp_path: Path) -> None:
    data = tmp_path / "a.jsonl"
    data.write_text("{}\n")
    checkpoint = Checkpoint.for_run(tmp_path, "alias", [str(data)])
    checkpoint.mark_done(str(data))
    checkpoint.record_settled(settle_s=0)
    data.write_text('{"title": "x"}\n')
    assert not Checkpoint.for_run(tmp_path, "alias", [str(data)]).is_done(str(data))


def test_a_torn_last_line_is_ignored(tmp_path: Path) -> None:
    checkpoint = Checkpoint.for_run(tmp_path, "alias", ["x"])
    checkpoint.path.parent.mkdir(parents=True)
    checkpoint.path.write_text('{"key": "k1", "path": "p"}\n{"key": "k2", "pa')
    assert Checkpoint(checkpoint.path).resumed == 1


def test_a_file_name_that_is_no_utf8_is_recorded(tmp_path: Path) -> None:
    data = os.path.join(os.fsdecode(tmp_path), os.fsdecode(b"bad\xffname.jsonl"))
    Path(data).write_text("{}\n")
    checkpoint = Checkpoint.for_run(tmp_path, "alias", [data])
    checkpoint.mark_done(data)
    checkpoint.record_settled(settle_s=0)
    assert Checkpoint.for_run(tmp_path, "alias", [data]).is_done(data)

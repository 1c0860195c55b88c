"""Atomic writing: complete files with the usual mode, or nothing and a one-line error."""

from __future__ import annotations

import errno
import os

import pytest

from kashif.cli import main
from kashif.errors import InputError
from kashif.output import atomic_open, emit, write_atomic


@pytest.fixture
def umask():
    """Run under a known umask, restored afterwards."""
    old = os.umask(0o027)
    yield 0o027
    os.umask(old)


def test_write_atomic_writes_text_and_bytes(tmp_path):
    write_atomic(tmp_path / "a.txt", "نص")
    write_atomic(tmp_path / "b.bin", b"\x00\x01")
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "نص"
    assert (tmp_path / "b.bin").read_bytes() == b"\x00\x01"


def test_mode_follows_the_umask_not_mkstemps_0600(tmp_path, umask):
    write_atomic(tmp_path / "a.json", "{}")
    with atomic_open(tmp_path / "b.csv", "w", encoding="utf-8", newline="") as fh:
        fh.write("a,b\r\n")
    for name in ("a.json", "b.csv"):
        assert (tmp_path / name).stat().st_mode & 0o777 == 0o666 & ~umask == 0o640
    assert (tmp_path / "b.csv").read_bytes() == b"a,b\r\n"


def test_an_error_in_the_block_keeps_the_old_file_and_leaves_no_temp_file(tmp_path):
    target = tmp_path / "out.jsonl"
    target.write_text("old\n", encoding="utf-8")
    with pytest.raises(ValueError, match="boom"):
        with atomic_open(target, "w", encoding="utf-8") as fh:
            fh.write("new, half written")
            raise ValueError("boom")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl"]


def test_a_full_disk_becomes_an_input_error_and_leaves_no_temp_file(tmp_path):
    with pytest.raises(InputError, match=r"out\.bin: cannot write \(No space left on device\)"):
        with atomic_open(tmp_path / "out.bin"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    assert list(tmp_path.iterdir()) == []


def test_the_callers_own_os_errors_pass_unchanged(tmp_path):
    with pytest.raises(FileNotFoundError):
        with atomic_open(tmp_path / "out.bin"):
            open(tmp_path / "missing.txt", "rb")
    assert list(tmp_path.iterdir()) == []


def test_a_missing_folder_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match=r"nodir/x\.json: cannot write \(No such file or directory\)$"):
        write_atomic(tmp_path / "nodir" / "x.json", "{}")
    assert list(tmp_path.iterdir()) == []


def test_a_folder_in_the_way_is_an_input_error_and_leaves_no_temp_file(tmp_path):
    (tmp_path / "x.json").mkdir()
    with pytest.raises(InputError, match=r"x\.json: cannot write \(Is a directory\)"):
        emit("{}", tmp_path / "x.json")
    assert [p.name for p in tmp_path.iterdir()] == ["x.json"] and (tmp_path / "x.json").is_dir()


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_a_read_only_folder_is_an_input_error(tmp_path):
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o555)
    try:
        with pytest.raises(InputError, match="cannot write \\(Permission denied\\)"):
            write_atomic(ro / "x.json", "{}")
    finally:
        ro.chmod(0o755)


def test_detect_into_a_missing_folder_exits_2_with_one_line(tmp_path, capsys):
    article = tmp_path / "a.txt"
    article.write_text("عنوان الخبر\n\nقال الوزير إن الحكومة ستبني مدارس جديدة هذا العام. وأضاف أن الميزانية تكفي لذلك.\n", encoding="utf-8")
    out = tmp_path / "nodir" / "x.json"
    assert main(["detect", str(article), "-o", str(out), "-f", "json"]) == 2
    err = capsys.readouterr().err
    assert err == f"kashif: error: {out}: cannot write (No such file or directory)\n"

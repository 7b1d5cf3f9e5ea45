"""Atomic writes: the old file survives any failure, modes are kept, leftovers are cleaned."""

from __future__ import annotations

import errno
import fcntl
import os
import stat
import time

import pytest

from kgbuild.errors import OutputError
from kgbuild.fileio import atomic_output, remove_stale_temporaries, write_bytes, write_text


def _leftovers(folder):
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_replaces_the_file_and_leaves_nothing_beside_it(tmp_path):
    target = tmp_path / "out" / "deep" / "g.ttl"
    write_text(target, "one\n")
    write_bytes(target, b"two\n")
    assert target.read_bytes() == b"two\n"
    assert _leftovers(target.parent) == []


def test_an_error_midway_keeps_the_old_file(tmp_path):
    target = tmp_path / "g.ttl"
    target.write_text("old\n")
    with pytest.raises(RuntimeError, match="boom"):
        with atomic_output(target) as fh:
            fh.write(b"half of the new")
            raise RuntimeError("boom")
    assert target.read_text() == "old\n"
    assert _leftovers(tmp_path) == []


def test_a_full_disk_is_an_output_error_naming_the_file(tmp_path):
    target = tmp_path / "g.ttl"
    target.write_text("old\n")
    with pytest.raises(OutputError, match=r"g.ttl: cannot write \(No space left on device\)"):
        with atomic_output(target) as fh:
            fh.write(b"x")
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    assert target.read_text() == "old\n"
    assert _leftovers(tmp_path) == []


def test_keeps_the_mode_of_the_file_it_replaces_and_gives_new_files_the_umask_mode(tmp_path):
    target = tmp_path / "g.ttl"
    target.write_text("old")
    target.chmod(0o640)
    write_text(target, "new")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    old = os.umask(0o027)
    try:
        write_text(tmp_path / "new.ttl", "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.ttl").stat().st_mode) == 0o640  # not mkstemp's 0600


def test_writes_through_a_symlink(tmp_path):
    real = tmp_path / "real.ttl"
    real.write_text("old")
    link = tmp_path / "link.ttl"
    link.symlink_to(real)
    write_text(link, "new")
    assert link.is_symlink() and real.read_text() == "new"


@pytest.mark.parametrize("where", ["folder", "under-a-file", "proc"])
def test_unwritable_targets_are_output_errors(tmp_path, where):
    (tmp_path / "folder").mkdir()
    (tmp_path / "file").write_text("x")
    target = {"folder": tmp_path / "folder", "under-a-file": tmp_path / "file" / "g.ttl",
              "proc": "/proc/kgbuild-no-such/g.ttl"}[where]
    with pytest.raises(OutputError) as info:
        write_text(target, "x")
    assert str(target) in str(info.value) and "\n" not in str(info.value)


def test_stale_temporaries_of_dead_writers_are_removed_and_live_ones_kept(tmp_path):
    target = tmp_path / "g.ttl"
    old = time.time() - 3600
    dead, live, fresh = (tmp_path / f".g.ttl.{k}.tmp" for k in ("dead0000", "live0000", "new00000"))
    for p in (dead, live, fresh):
        p.write_text("partial")
    for p in (dead, live):
        os.utime(p, (old, old))
    other = tmp_path / ".h.ttl.dead0000.tmp"
    other.write_text("another target's")
    os.utime(other, (old, old))
    fd = os.open(live, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)  # as a writer in another process holds it
    try:
        assert remove_stale_temporaries(target) == [dead]
    finally:
        os.close(fd)
    assert not dead.exists() and live.exists() and fresh.exists() and other.exists()

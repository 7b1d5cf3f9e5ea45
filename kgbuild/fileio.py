"""Writing files so that a crash never leaves a half-written one.

Every output kgbuild writes goes through :func:`atomic_output`: the data lands in
a temporary file beside the target (``.NAME.XXXXXXXX.tmp``), is fsynced, and only
then renamed over it, and the folder is fsynced so the rename survives a power
cut.  A process killed mid-write (even by SIGKILL) leaves the old file untouched
and at worst its temporary file, which the next write to the same target removes
once no live process holds it (each writer keeps an exclusive ``flock`` on its
temporary file while writing).
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from .errors import OutputError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no leftover clean-up
    fcntl = None

#: Errors that mean "the disk refused the data", as opposed to bugs in the caller.
_WRITE_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EIO, errno.EFBIG, errno.EACCES, errno.EPERM}
#: A leftover temporary file younger than this may belong to a writer that has not locked it yet.
_STALE_SECONDS = 60


def temp_pattern(target: str | os.PathLike) -> str:
    """Glob pattern (in the target's folder) of the temporary files of writes to ``target``."""
    return f".{Path(target).name}.*.tmp"


@contextlib.contextmanager
def atomic_output(path: str | os.PathLike, mode: str = "wb") -> Iterator[IO]:
    """Open a temporary file beside ``path``; on success fsync and rename it over ``path``.

    On any exception the temporary file is removed and ``path`` is left as it was.
    The new file gets the old file's permissions (or the usual ones for a new
    file, not ``mkstemp``'s 0600), and a symlink at ``path`` is written through.
    The disk refusing the data (no space, read-only, permissions, ``path`` is a
    folder) raises :class:`~kgbuild.errors.OutputError`.
    """
    target = Path(path)
    if target.is_symlink():
        target = target.resolve()
    if target.is_dir():
        raise OutputError(f"{target}: is a folder; give a file name to write, e.g. {target / 'graph.ttl'}")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_temporaries(target)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise _output_error(target, exc) from None
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        if hasattr(os, "fchmod"):
            os.fchmod(fd, _mode_for(target))
        encoding = None if "b" in mode else "utf-8"
        with os.fdopen(fd, mode, encoding=encoding) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
            # Rename while still holding the lock, so no clean-up takes the file meanwhile.
            os.replace(tmp, target)
        _fsync_dir(target.parent)
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        if isinstance(exc, OSError) and exc.errno in _WRITE_ERRNOS | {errno.EISDIR}:
            raise _output_error(target, exc) from None
        raise


def _output_error(target: Path, exc: OSError) -> OutputError:
    return OutputError(f"{target}: cannot write ({exc.strerror or exc}); "
                       "check the folder exists, is writable and has free space, or choose another path")


def _mode_for(target: Path) -> int:
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        return 0o666 & ~_umask()


def _umask() -> int:
    # Reading the umask means setting it; /proc avoids that race where it exists.
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def remove_stale_temporaries(target: str | os.PathLike) -> list[Path]:
    """Remove temporary files left beside ``target`` by killed writers; return them.

    A file is stale when no process holds its lock and it is older than a minute.
    """
    if fcntl is None:
        return []
    target = Path(target)
    removed = []
    for tmp in target.parent.glob(temp_pattern(target)):
        try:
            if time.time() - tmp.stat().st_mtime < _STALE_SECONDS:
                continue
            fd = os.open(tmp, os.O_RDONLY)
        except OSError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            tmp.unlink()
            removed.append(tmp)
        except OSError:
            pass  # a live writer holds it, or it is already gone
        finally:
            os.close(fd)
    return removed


def _fsync_dir(directory: Path) -> None:
    # The rename itself is only durable once the directory entry is on disk.
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_text(path: str | os.PathLike, text: str) -> None:
    """Atomically replace ``path`` with ``text`` (UTF-8)."""
    with atomic_output(path, "w") as fh:
        fh.write(text)


def write_bytes(path: str | os.PathLike, data: bytes) -> None:
    """Atomically replace ``path`` with ``data``."""
    with atomic_output(path) as fh:
        fh.write(data)

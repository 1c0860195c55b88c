"""Writing results so that a crash never leaves a partial file behind."""

from __future__ import annotations

import errno
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from .errors import InputError

#: Errors raised while writing that concern the destination, not the caller's
#: own work: they become a one-line `InputError` naming the file.
_STORAGE_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})


@contextmanager
def atomic_open(path: str | Path, mode: str = "wb", *, encoding: str | None = None, newline: str | None = None) -> Iterator[IO[Any]]:
    """A temporary file beside ``path`` that replaces it, fsync'd, only if the block succeeds.

    The file gets the mode a plain ``open`` would give (0o666 less the umask),
    not mkstemp's 0600, which is meant for secrets. On any error the temporary
    file is removed and ``path`` is left as it was. Failures to create, write
    or rename the file (missing folder, target is a folder, no permission,
    disk full) become `InputError` ("PATH: cannot write (reason)").
    """
    path = Path(path)
    with _writing(path):
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        try:
            with _writing(path):
                os.fchmod(fd, 0o666 & ~_umask())
            fh = os.fdopen(fd, mode, encoding=encoding, newline=newline)
        except BaseException:
            os.close(fd)
            raise
        with fh:
            try:
                yield fh
            except OSError as exc:  # the caller's own errors pass; a full disk is about this file
                if exc.errno in _STORAGE_ERRNOS and exc.filename is None:
                    raise InputError(f"{path}: cannot write ({exc.strerror or exc})") from None
                raise
            with _writing(path):
                fh.flush()
                os.fsync(fh.fileno())
        with _writing(path):
            os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@contextmanager
def _writing(path: Path) -> Iterator[None]:
    """Turn an `OSError` of one of atomic_open's own steps into a one-line `InputError`."""
    try:
        yield
    except OSError as exc:
        raise InputError(f"{path}: cannot write ({exc.strerror or exc})") from None


def write_atomic(path: str | Path, data: str | bytes) -> None:
    """Write to a temporary file beside ``path``, fsync, then rename over it."""
    with atomic_open(path) as fh:
        fh.write(data.encode("utf-8") if isinstance(data, str) else data)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def emit(data: str, output: str | Path | None) -> None:
    """Write ``data`` to ``output`` atomically, or to standard output when None or ``-``."""
    if output is None or str(output) == "-":
        sys.stdout.write(data)
        sys.stdout.flush()
    else:
        write_atomic(output, data)

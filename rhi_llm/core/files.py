"""Writing a file for the user all at once or not at all.

Every file rhi-llm writes for a person (exports, extract's output, the report, the summary
page, the review sheet, the eval report, schemas, cassette provenance) goes through
`atomic_write` or `atomic_write_bytes`: the content is written to a hidden temporary file in
the same folder, flushed and synced to the disk, and only then renamed onto the destination
(`os.replace`, atomic on POSIX and Windows). When anything fails (a full disk, a folder that
is not writable, an error while the content is made) the temporary file is removed and the
file already at the destination, if any, is left exactly as it was; a failure to write is
raised as one `WriteFailed` line naming the file and saying why.

A destination that exists and is not a regular file (``/dev/stdout``, a named pipe) is written
to directly, as before: it cannot be replaced. A symbolic link is followed, so the file it
points to is the one replaced.
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, BinaryIO, TextIO, cast

from rhi_llm.core.errors import WriteFailed

_TRIES = 20  # names tried for the temporary file before giving up

_REASONS = {
    code: why
    for name, why in (
        ("ENOSPC", "the disk is full"),
        ("EDQUOT", "the disk quota is used up"),
        ("EFBIG", "the file is larger than the disk allows"),
        ("EACCES", "it is not writable (permission denied)"),
        ("EPERM", "it is not writable (permission denied)"),
        ("EROFS", "the disk is read-only"),
        ("ENOENT", "its folder does not exist"),
        ("ENOTDIR", "its folder does not exist"),
        ("EISDIR", "it is a folder"),
    )
    if (code := getattr(errno, name, None)) is not None
}


def write_failure(error: OSError, path: Path | str, *, existed: bool) -> WriteFailed:
    """One line for a file that could not be written: why, and what was left."""
    why = _REASONS.get(error.errno or 0) or (error.strerror or str(error))
    left = "the file already there is unchanged" if existed else "no file was written"
    return WriteFailed(f"cannot write the file: {why}; {left}", path=path)


@contextmanager
def atomic_write(
    path: Path | str, *, encoding: str = "utf-8", newline: str | None = None
) -> Iterator[TextIO]:
    """A text file to write; it replaces ``path`` only once all of it is on the disk.

    Raises `WriteFailed` when it cannot be written (the destination is then unchanged)."""
    opener = _text_opener(encoding, newline)
    with _written_aside(Path(path), opener) as handle:
        yield cast(TextIO, handle)


@contextmanager
def atomic_write_bytes(path: Path | str) -> Iterator[BinaryIO]:
    """As `atomic_write`, for a binary file (an xlsx workbook)."""
    with _written_aside(Path(path), _binary_opener) as handle:
        yield cast(BinaryIO, handle)


def write_text_atomically(path: Path | str, text: str, *, encoding: str = "utf-8") -> None:
    """All of ``text`` at ``path``, or (raising `WriteFailed`) the old file unchanged."""
    with atomic_write(path, encoding=encoding) as handle:
        handle.write(text)


Opener = Callable[[int | str], IO[str] | IO[bytes]]


def _text_opener(encoding: str, newline: str | None) -> Opener:
    def opener(where: int | str) -> IO[str]:
        return open(where, "w", encoding=encoding, newline=newline)

    return opener


def _binary_opener(where: int | str) -> IO[bytes]:
    return open(where, "wb")


@contextmanager
def _written_aside(path: Path, opener: Opener) -> Iterator[IO[str] | IO[bytes]]:
    if _is_special(path):
        with _direct(path, opener) as handle:
            yield handle
        return
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    existed = target.exists()
    handle, temporary = _open_aside(target, opener, shown=path, existed=existed)
    try:
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        _keep_mode(target, temporary)
        os.replace(temporary, target)
    except OSError as error:
        _remove(temporary)
        raise write_failure(error, path, existed=existed) from error
    except BaseException:
        _remove(temporary)
        raise
    _sync_folder(target.parent)


def _is_special(path: Path) -> bool:
    """An existing destination that is not a regular file (a device, a pipe)."""
    try:
        return not stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False


@contextmanager
def _direct(path: Path, opener: Opener) -> Iterator[IO[str] | IO[bytes]]:
    try:
        with opener(str(path)) as handle:
            yield handle
    except OSError as error:
        raise write_failure(error, path, existed=True) from error


def _open_aside(
    target: Path, opener: Opener, *, shown: Path, existed: bool
) -> tuple[IO[str] | IO[bytes], Path]:
    """A new hidden file beside ``target``, opened for writing (permissions as the umask
    gives a new file, like the destination's would be)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(_TRIES):
        temporary = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
        try:
            descriptor = os.open(temporary, flags, 0o666)
        except FileExistsError:
            continue
        except OSError as error:
            raise write_failure(error, shown, existed=existed) from error
        try:
            return opener(descriptor), temporary
        except BaseException:
            os.close(descriptor)
            _remove(temporary)
            raise
    raise WriteFailed("cannot write the file: no free temporary name beside it", path=shown)


def _keep_mode(target: Path, temporary: Path) -> None:
    """The replaced file's permissions, kept."""
    with suppress(OSError):  # no file there yet, or a filesystem without modes
        os.chmod(temporary, stat.S_IMODE(target.stat().st_mode))


def _remove(temporary: Path) -> None:
    with suppress(OSError):  # already gone, or never made
        temporary.unlink()


def _sync_folder(folder: Path) -> None:
    """The rename on the disk too (POSIX; a no-op where folders cannot be opened)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        with suppress(OSError):
            os.fsync(descriptor)
    finally:
        os.close(descriptor)

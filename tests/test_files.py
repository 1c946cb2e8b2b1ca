"""Files for the user are written aside, synced, then renamed: a full disk or a failed write
leaves the old file as it was and no temporary file behind, and says so in one line."""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path

import pytest

from rhi_llm.core.errors import RhiError, WriteFailed
from rhi_llm.core.files import atomic_write, atomic_write_bytes, write_text_atomically

OLD = "the export of last week\n"


def full_disk(*_args: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def leftovers(folder: Path, keep: str) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name != keep)


def test_the_file_is_written_whole_and_nothing_else_is_left(tmp_path: Path) -> None:
    out = tmp_path / "export.csv"
    out.write_text(OLD, encoding="utf-8")
    with atomic_write(out, newline="") as handle:
        handle.write("a,b\r\n1,2\r\n")
        assert out.read_text(encoding="utf-8") == OLD  # not replaced while being written
    assert out.read_bytes() == b"a,b\r\n1,2\r\n"
    assert leftovers(tmp_path, "export.csv") == []


def test_a_full_disk_at_the_sync_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "export.csv"
    out.write_text(OLD, encoding="utf-8")
    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(WriteFailed) as caught:
        write_text_atomically(out, "x" * 100_000)
    assert out.read_text(encoding="utf-8") == OLD
    assert leftovers(tmp_path, "export.csv") == []
    message = str(caught.value)
    assert message.startswith(f"{out}: ")
    assert "the disk is full" in message and "the file already there is unchanged" in message
    assert "\n" not in message and isinstance(caught.value, RhiError)


def test_a_full_disk_in_the_middle_of_writing_keeps_the_old_file(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    out.write_text(OLD, encoding="utf-8")
    with pytest.raises(WriteFailed, match="the disk is full"), atomic_write(out) as handle:
        handle.write("<html>half a page")
        handle.flush()
        full_disk()
    assert out.read_text(encoding="utf-8") == OLD
    assert leftovers(tmp_path, "report.html") == []


def test_a_new_file_that_cannot_be_written_is_not_left_half_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "new.xlsx"
    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(WriteFailed, match="no file was written"), atomic_write_bytes(out) as raw:
        raw.write(b"PK\x03\x04")
    assert list(tmp_path.iterdir()) == []


def test_an_error_while_making_the_content_keeps_the_old_file(tmp_path: Path) -> None:
    out = tmp_path / "export.jsonl"
    out.write_text(OLD, encoding="utf-8")
    with pytest.raises(KeyError), atomic_write(out) as handle:
        handle.write('{"half": ')
        raise KeyError("a bug")
    assert out.read_text(encoding="utf-8") == OLD
    assert leftovers(tmp_path, "export.jsonl") == []


def test_the_content_is_synced_before_the_rename(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "a.txt"
    seen: list[tuple[str, bool]] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(descriptor: int) -> None:
        seen.append(("fsync", out.exists()))
        real_fsync(descriptor)

    def replace(source: str | Path, target: str | Path) -> None:
        seen.append(("replace", out.exists()))
        real_replace(source, target)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    write_text_atomically(out, "all of it")
    assert seen[:2] == [("fsync", False), ("replace", False)]
    assert out.read_text(encoding="utf-8") == "all of it"


def test_a_missing_folder_is_one_line(tmp_path: Path) -> None:
    out = tmp_path / "no such folder" / "export.csv"
    with pytest.raises(WriteFailed, match="its folder does not exist; no file was written"):
        write_text_atomically(out, "x")


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="POSIX modes, not root")
def test_a_folder_that_is_not_writable_is_one_line_and_keeps_the_file(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    out = folder / "export.csv"
    out.write_text(OLD, encoding="utf-8")
    folder.chmod(0o500)
    try:
        with pytest.raises(WriteFailed, match="not writable"):
            write_text_atomically(out, "new")
    finally:
        folder.chmod(0o700)
    assert out.read_text(encoding="utf-8") == OLD
    assert leftovers(folder, "export.csv") == []


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes")
def test_permissions_are_those_of_the_file_replaced_or_of_a_new_file(tmp_path: Path) -> None:
    kept = tmp_path / "kept.csv"
    kept.write_text(OLD, encoding="utf-8")
    kept.chmod(0o640)
    write_text_atomically(kept, "new")
    assert kept.stat().st_mode & 0o777 == 0o640
    fresh = tmp_path / "fresh.csv"
    umask = os.umask(0o022)
    os.umask(umask)
    write_text_atomically(fresh, "new")
    assert fresh.stat().st_mode & 0o777 == 0o666 & ~umask  # as open() would make it


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links and /dev/null")
def test_a_link_is_followed_and_a_device_is_written_directly(tmp_path: Path) -> None:
    real = tmp_path / "real.csv"
    real.write_text(OLD, encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    write_text_atomically(link, "new")
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "new"
    write_text_atomically("/dev/null", "nothing")  # cannot be replaced, still works


def test_schemas_and_cassette_provenance_are_written_aside_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rhi_llm.extract.cassettes import CassetteProvenance, provenance_path, write_provenance
    from rhi_llm.schemas import write_schemas

    first = write_schemas(tmp_path)[0]
    first.write_text(OLD, encoding="utf-8")
    told = CassetteProvenance(kind="authored", letter="a.txt", created="now", command="x", note="n")
    provenance_path(tmp_path, "a.txt").write_text(OLD, encoding="utf-8")
    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(WriteFailed, match="the disk is full"):
        write_schemas(tmp_path)
    with pytest.raises(WriteFailed, match="the disk is full"):
        write_provenance(tmp_path, told)
    assert first.read_text(encoding="utf-8") == OLD
    assert provenance_path(tmp_path, "a.txt").read_text(encoding="utf-8") == OLD
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_a_refused_temporary_file_is_one_line_naming_the_destination(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "export.csv"
    out.write_text(OLD, encoding="utf-8")

    def refused(*_args: object) -> int:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(os, "open", refused)  # as in a folder the user may not write to
    with pytest.raises(WriteFailed) as caught:
        write_text_atomically(out, "new")
    assert str(caught.value) == (
        f"{out}: cannot write the file: it is not writable (permission denied); "
        "the file already there is unchanged"
    )
    assert out.read_text(encoding="utf-8") == OLD

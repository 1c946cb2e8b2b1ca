"""The compound-file writer the .msg tests use (tests/cfb_writer.py), read back with olefile:
every stream listed and returned byte for byte, small ones from the mini stream, large ones from
regular sectors, each storage's children a valid red-black search tree, and no defect found."""

from __future__ import annotations

import io
import struct
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

import olefile
import pytest
from cfb_writer import write_cfb

SECTOR = 512
MINI_SECTOR = 64
ENDOFCHAIN = 0xFFFFFFFE
NOSTREAM = 0xFFFFFFFF


def _payload(size: int, seed: int = 0) -> bytes:
    return bytes((i * 31 + seed * 7 + i // 251) % 256 for i in range(size))


@contextmanager
def _opened(data: bytes) -> Iterator[olefile.OleFileIO]:
    """The file opened by olefile at its strictest: any defect, however slight, raises."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ole = olefile.OleFileIO(io.BytesIO(data), raise_defects=olefile.DEFECT_UNSURE)
        try:
            yield ole
        finally:
            ole.close()
    assert ole.parsing_issues == []


def _chain(table: list[int], first: int) -> list[int]:
    sectors: list[int] = []
    sect = first
    while sect != ENDOFCHAIN:
        assert sect not in sectors
        sectors.append(sect)
        sect = table[sect]
    return sectors


def _mini_stream(ole: olefile.OleFileIO, data: bytes) -> bytes:
    root = ole.root
    sectors = _chain(list(ole.fat), root.isectStart)
    raw = b"".join(data[SECTOR * (s + 1) : SECTOR * (s + 2)] for s in sectors)
    return raw[: root.size]


def _check_placement(ole: olefile.OleFileIO, data: bytes, streams: dict[str, bytes]) -> None:
    """Small streams are in the mini stream, large ones in regular sectors, as MS-CFB says."""
    for name, payload in streams.items():
        entry = ole.direntries[ole._find(name)]
        assert entry.size == len(payload)
        if not payload:
            assert entry.isectStart == ENDOFCHAIN
        elif len(payload) < 4096:
            mini = _mini_stream(ole, data)
            sectors = _chain(list(ole.minifat), entry.isectStart)
            assert len(sectors) == -(-len(payload) // MINI_SECTOR)
            raw = b"".join(mini[MINI_SECTOR * s : MINI_SECTOR * (s + 1)] for s in sectors)
            assert raw[: len(payload)] == payload
        else:
            sectors = _chain(list(ole.fat), entry.isectStart)
            assert len(sectors) == -(-len(payload) // SECTOR)
            raw = b"".join(data[SECTOR * (s + 1) : SECTOR * (s + 2)] for s in sectors)
            assert raw[: len(payload)] == payload


def _key(name: str) -> tuple[int, str]:
    return len(name), name.upper()


def _check_tree(ole: olefile.OleFileIO, storage: olefile.OleDirectoryEntry) -> None:
    """The storage's children: a search tree in MS-CFB's order, coloured as a red-black tree."""
    entries = ole.direntries

    def walk(sid: int) -> tuple[list[int], int]:
        """The subtree's sids in order and its black height."""
        if sid == NOSTREAM:
            return [], 1
        node = entries[sid]
        left, left_height = walk(node.sid_left)
        right, right_height = walk(node.sid_right)
        assert left_height == right_height, "unequal black heights"
        if node.color == 0:  # red: its children are black
            for kid in (node.sid_left, node.sid_right):
                assert kid == NOSTREAM or entries[kid].color == 1, "red node with a red child"
        return [*left, sid, *right], left_height + node.color

    order, _ = walk(storage.sid_child)
    if order:
        assert entries[storage.sid_child].color == 1, "the tree's root is red"
    names = [entries[sid].name for sid in order]
    assert [_key(n) for n in names] == sorted(_key(n) for n in names)
    assert len(set(map(_key, names))) == len(names)
    assert sorted(names) == sorted(kid.name for kid in storage.kids)
    for kid in storage.kids:
        if kid.entry_type == olefile.STGTY_STORAGE:
            _check_tree(ole, kid)


def _round_trip(streams: dict[str, bytes]) -> bytes:
    data = write_cfb(streams)
    assert len(data) % SECTOR == 0
    with _opened(data) as ole:
        assert sorted("/".join(path) for path in ole.listdir()) == sorted(streams)
        for name, payload in streams.items():
            assert ole.get_type(name) == olefile.STGTY_STREAM
            assert ole.get_size(name) == len(payload)
            assert ole.openstream(name).read() == payload
        _check_placement(ole, data, streams)
        _check_tree(ole, ole.root)
    return data


def test_small_streams_at_the_root() -> None:
    streams = {
        "__substg1.0_0037001F": "Re: Return Home Interviews".encode("utf-16-le"),
        "__substg1.0_1000001F": ("Dear requester,\r\n" * 20).encode("utf-16-le"),
        "__properties_version1.0": _payload(32 + 16 * 5),
        "empty": b"",
        "one": b"x",
        "exactly64": _payload(64, 1),
        "Ünïcode name": _payload(65, 2),
    }
    data = _round_trip(streams)
    fields = struct.unpack_from("<HHHHH6xIIIIIIIII", data, 24)
    assert fields[:5] == (0x3E, 3, 0xFFFE, 9, 6)
    dir_sectors, fat_sectors, first_dir, transaction, cutoff = fields[5:10]
    first_mini_fat, mini_fat_sectors, first_difat, difat_sectors = fields[10:]
    assert (dir_sectors, fat_sectors, transaction, cutoff) == (0, 1, 0, 4096)
    assert first_mini_fat != ENDOFCHAIN and mini_fat_sectors == 1
    assert (first_difat, difat_sectors) == (ENDOFCHAIN, 0)
    assert first_dir != ENDOFCHAIN
    assert data[:8] == bytes.fromhex("D0CF11E0A1B11AE1")


@pytest.mark.parametrize("size", [4095, 4096, 4097, 10000])
def test_streams_either_side_of_the_mini_stream_cutoff(size: int) -> None:
    _round_trip({"big": _payload(size), "small": b"tiny"})


def test_the_cutoff_sizes_together() -> None:
    data = _round_trip({"a": _payload(4095, 1), "b": _payload(4096, 2), "c": _payload(10000, 3)})
    with _opened(data) as ole:
        assert ole.root.size == 4096  # only the 4095-byte stream is in the mini stream


def test_no_small_streams_means_no_mini_fat() -> None:
    data = _round_trip({"large": _payload(5000)})
    first_mini_fat, mini_fat_sectors = struct.unpack_from("<II", data, 60)
    assert (first_mini_fat, mini_fat_sectors) == (ENDOFCHAIN, 0)


def test_storages_with_several_streams() -> None:
    attachment = "__attach_version1.0_#00000000/"
    recipient = "__recip_version1.0_#00000000/"
    streams = {
        "__substg1.0_0037001F": "Subject".encode("utf-16-le"),
        "__properties_version1.0": _payload(48),
        attachment + "__substg1.0_3707001F": "reply.pdf".encode("utf-16-le"),
        attachment + "__substg1.0_37010102": _payload(9000, 4),
        attachment + "__substg1.0_370E001F": "application/pdf".encode("utf-16-le"),
        attachment + "__properties_version1.0": _payload(8 + 16 * 6),
        recipient + "__substg1.0_3001001F": "FOI Team".encode("utf-16-le"),
        recipient + "__substg1.0_39FE001F": "foi@example.gov.uk".encode("utf-16-le"),
        recipient + "__properties_version1.0": _payload(8 + 16 * 4),
        attachment + "__substg1.0_3701000D/__substg1.0_0037001F": b"nested",
    }
    data = _round_trip(streams)
    with _opened(data) as ole:
        storages = {"/".join(p) for p in ole.listdir(streams=False, storages=True)}
        assert storages == {
            attachment.rstrip("/"),
            recipient.rstrip("/"),
            attachment + "__substg1.0_3701000D",
        }
        for storage in storages:
            assert ole.get_type(storage) == olefile.STGTY_STORAGE


def test_forty_streams_at_the_root() -> None:
    streams = {f"{'s' * (i % 7 + 1)}{i:02d}": _payload(i * 150, i) for i in range(40)}
    _round_trip(streams)


def test_bad_names_and_sizes_are_refused() -> None:
    with pytest.raises(ValueError, match="longer than 31"):
        write_cfb({"x" * 32: b""})
    write_cfb({"x" * 31: b""})
    with pytest.raises(ValueError, match="twice"):
        write_cfb({"Name": b"a", "NAME": b"b"})
    with pytest.raises(ValueError, match="inside the stream"):
        write_cfb({"a": b"1", "a/b": b"2"})
    with pytest.raises(ValueError, match="forbids"):
        write_cfb({"a:b": b""})
    with pytest.raises(ValueError, match="FAT sectors"):
        write_cfb({"huge": bytes(8 * 1024 * 1024)})

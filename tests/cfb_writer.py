"""A minimal writer of OLE compound files (MS-CFB version 3, 512-byte sectors), test support.

The tests build Outlook .msg files at test time with it (see tests/test_msg.py) rather than
keep binary fixtures. It writes only what a reader needs: the header with its DIFAT, the FAT,
the directory (each storage's children as a red-black search tree), the mini FAT and the mini
stream for streams under 4096 bytes, and regular sectors for the rest. Not a general library:
no CLSIDs, timestamps, DIFAT sectors or 4096-byte sectors.
"""

from __future__ import annotations

import math
import struct
from dataclasses import dataclass, field

__all__ = ["write_cfb"]

SECTOR_SIZE = 512
MINI_SECTOR_SIZE = 64
MINI_STREAM_CUTOFF = 4096
HEADER_DIFAT_ENTRIES = 109
DIR_ENTRY_SIZE = 128
MAX_NAME_UNITS = 31  # UTF-16 code units, not counting the terminating null

# special sector numbers (MS-CFB 2.1)
FATSECT = 0xFFFFFFFD
ENDOFCHAIN = 0xFFFFFFFE
FREESECT = 0xFFFFFFFF
NOSTREAM = 0xFFFFFFFF  # "no entry" in the directory's sibling and child pointers

# directory entry object types and colours (MS-CFB 2.6.1)
STGTY_STORAGE = 1
STGTY_STREAM = 2
STGTY_ROOT = 5
RED = 0
BLACK = 1

SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")
ILLEGAL_NAME_CHARS = frozenset("/\\:!")


@dataclass
class _Entry:
    """One directory entry while the file is being laid out."""

    name: str
    kind: int
    data: bytes = b""
    children: dict[str, _Entry] = field(default_factory=dict)
    sid: int = 0
    left: int = NOSTREAM
    right: int = NOSTREAM
    child: int = NOSTREAM
    color: int = BLACK
    start: int = ENDOFCHAIN
    size: int = 0


def _units(name: str) -> list[int]:
    """The name's UTF-16 code units."""
    raw = name.encode("utf-16-le")
    return [int.from_bytes(raw[i : i + 2], "little") for i in range(0, len(raw), 2)]


def _sort_key(name: str) -> tuple[int, list[int]]:
    """MS-CFB 2.6.4's order: shorter names first, then code unit by code unit, upper-cased."""
    upper = "".join(c.upper() if len(c.upper()) == 1 else c for c in name)
    return len(_units(name)), _units(upper)


def _check_name(name: str, path: str) -> None:
    if not name:
        raise ValueError(f"empty name in {path!r}")
    if len(_units(name)) > MAX_NAME_UNITS:
        raise ValueError(f"name {name!r} in {path!r} is longer than {MAX_NAME_UNITS} characters")
    if ILLEGAL_NAME_CHARS & set(name) or "\x00" in name:
        raise ValueError(f"name {name!r} in {path!r} has a character MS-CFB forbids")


def _build_tree(streams: dict[str, bytes]) -> _Entry:
    """The root entry, with storages made for the paths' folders."""
    root = _Entry("Root Entry", STGTY_ROOT)
    for path, data in streams.items():
        parts = path.split("/")
        parent = root
        for depth, name in enumerate(parts):
            _check_name(name, path)
            last = depth == len(parts) - 1
            key = "".join(c.upper() if len(c.upper()) == 1 else c for c in name)
            existing = parent.children.get(key)
            if last:
                if existing is not None:
                    raise ValueError(f"{path!r} names an entry twice (names ignore case)")
                parent.children[key] = _Entry(name, STGTY_STREAM, bytes(data))
            else:
                if existing is None:
                    existing = parent.children[key] = _Entry(name, STGTY_STORAGE)
                elif existing.kind != STGTY_STORAGE:
                    raise ValueError(f"{path!r} puts a stream inside the stream {name!r}")
                parent = existing
    return root


def _number(root: _Entry) -> list[_Entry]:
    """Every entry in directory order (the root first), each given its sid."""
    entries: list[_Entry] = []
    pending = [root]
    while pending:
        entry = pending.pop(0)
        entry.sid = len(entries)
        entries.append(entry)
        pending.extend(sorted(entry.children.values(), key=lambda e: _sort_key(e.name)))
    return entries


def _link(siblings: list[_Entry], depth: int, red_depth: int) -> int:
    """Link sorted siblings as a balanced search tree; return its root's sid.

    Split at the middle, every null leaf lies at depth red_depth or red_depth + 1, so colouring
    the nodes at red_depth red (and the rest black) keeps the red-black rules: the same number
    of black nodes on every path, and no red node with a red child.
    """
    if not siblings:
        return NOSTREAM
    middle = len(siblings) // 2
    node = siblings[middle]
    node.color = RED if depth == red_depth else BLACK
    node.left = _link(siblings[:middle], depth + 1, red_depth)
    node.right = _link(siblings[middle + 1 :], depth + 1, red_depth)
    return node.sid


def _link_all(entries: list[_Entry]) -> None:
    for entry in entries:
        siblings = sorted(entry.children.values(), key=lambda e: _sort_key(e.name))
        red_depth = int(math.log2(len(siblings) + 1)) if siblings else 0
        entry.child = _link(siblings, 0, red_depth)


def _pack_entry(entry: _Entry | None) -> bytes:
    """A 128-byte directory entry; None is an unused one."""
    if entry is None:
        return bytes(64 + 2 + 2) + struct.pack("<3I", NOSTREAM, NOSTREAM, NOSTREAM) + bytes(48)
    name = entry.name.encode("utf-16-le") + b"\x00\x00"
    links = struct.pack("<3I", entry.left, entry.right, entry.child)
    return (
        name.ljust(64, b"\x00")
        + struct.pack("<HBB", len(name), entry.kind, entry.color)
        + links
        + bytes(16)  # CLSID
        + bytes(4)  # state bits
        + bytes(16)  # creation and modification times
        + struct.pack("<IQ", entry.start, entry.size)
    )


def _chain(fat: list[int], first: int, count: int) -> None:
    """Link sectors first .. first + count - 1 as one chain."""
    for sect in range(first, first + count - 1):
        fat[sect] = sect + 1
    if count:
        fat[first + count - 1] = ENDOFCHAIN


def _pad(data: bytes, size: int) -> bytes:
    return data + bytes(-len(data) % size)


def _sectors(size: int, sector: int = SECTOR_SIZE) -> int:
    return -(-size // sector)


def write_cfb(streams: dict[str, bytes]) -> bytes:
    """A compound file holding these streams. A name with "/" is a stream inside storages
    ("__attach_version1.0_#00000000/__substg1.0_37010102"); storages are made as needed."""
    root = _build_tree(streams)
    entries = _number(root)
    _link_all(entries)

    # the mini stream: each small stream from a whole number of 64-byte mini sectors
    mini_stream = bytearray()
    mini_fat: list[int] = []
    big: list[_Entry] = []
    for entry in entries:
        if entry.kind != STGTY_STREAM:
            continue
        entry.size = len(entry.data)
        if entry.size == 0:
            continue  # an empty stream has no sectors: its start stays ENDOFCHAIN
        if entry.size >= MINI_STREAM_CUTOFF:
            big.append(entry)
            continue
        entry.start = len(mini_fat)
        count = _sectors(entry.size, MINI_SECTOR_SIZE)
        mini_fat.extend([FREESECT] * count)
        _chain(mini_fat, entry.start, count)
        mini_stream += _pad(entry.data, MINI_SECTOR_SIZE)
    root.size = len(mini_stream)

    # the file's sectors, in order: FAT, directory, mini FAT, mini stream, large streams
    dir_count = _sectors(len(entries) * DIR_ENTRY_SIZE)
    mini_fat_count = _sectors(len(mini_fat) * 4)
    mini_stream_count = _sectors(len(mini_stream))
    data_count = dir_count + mini_fat_count + mini_stream_count
    data_count += sum(_sectors(entry.size) for entry in big)
    fat_count = 1
    while fat_count * (SECTOR_SIZE // 4) < fat_count + data_count:
        fat_count += 1
    if fat_count > HEADER_DIFAT_ENTRIES:
        raise ValueError(
            f"the streams need {fat_count} FAT sectors; this writer fits only the "
            f"{HEADER_DIFAT_ENTRIES} the header's DIFAT holds (about 7 MB)"
        )
    fat = [FREESECT] * (fat_count * (SECTOR_SIZE // 4))
    for sect in range(fat_count):
        fat[sect] = FATSECT

    next_sect = fat_count
    dir_start = next_sect
    _chain(fat, dir_start, dir_count)
    next_sect += dir_count
    mini_fat_start = next_sect if mini_fat_count else ENDOFCHAIN
    _chain(fat, next_sect, mini_fat_count)
    next_sect += mini_fat_count
    root.start = next_sect if mini_stream_count else ENDOFCHAIN
    _chain(fat, next_sect, mini_stream_count)
    next_sect += mini_stream_count
    for entry in big:
        entry.start = next_sect
        count = _sectors(entry.size)
        _chain(fat, next_sect, count)
        next_sect += count
    assert next_sect == fat_count + data_count

    # the directory, its last sector filled with unused entries
    unused = dir_count * (SECTOR_SIZE // DIR_ENTRY_SIZE) - len(entries)
    directory = b"".join(_pack_entry(entry) for entry in entries) + _pack_entry(None) * unused
    mini_fat += [FREESECT] * (mini_fat_count * (SECTOR_SIZE // 4) - len(mini_fat))

    difat = list(range(fat_count)) + [FREESECT] * (HEADER_DIFAT_ENTRIES - fat_count)
    header = (
        SIGNATURE
        + bytes(16)  # header CLSID
        + struct.pack("<HHHHH", 0x003E, 0x0003, 0xFFFE, 9, 6)  # versions, byte order, shifts
        + bytes(6)  # reserved
        + struct.pack("<IIII", 0, fat_count, dir_start, 0)  # directory sectors (0 in v3), ...
        + struct.pack("<IIIII", MINI_STREAM_CUTOFF, mini_fat_start, mini_fat_count, ENDOFCHAIN, 0)
        + struct.pack(f"<{HEADER_DIFAT_ENTRIES}I", *difat)
    )
    assert len(header) == SECTOR_SIZE

    body = [
        struct.pack(f"<{len(fat)}I", *fat),
        directory,
        struct.pack(f"<{len(mini_fat)}I", *mini_fat),
        _pad(bytes(mini_stream), SECTOR_SIZE),
        *(_pad(entry.data, SECTOR_SIZE) for entry in big),
    ]
    data = header + b"".join(body)
    assert len(data) == SECTOR_SIZE * (1 + fat_count + data_count)
    return data

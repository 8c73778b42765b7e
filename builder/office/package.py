"""Byte-reproducible Office and zip files: fixed entry times and order, core properties set.

Every docx of a build carries the same large theme parts (a guide.docx's styles are 800 KB of
XML), and every deck the same layouts and masters: compressing them once per document was a
fifth of a build's time. So a part met a second time has its compressed form kept, keyed by its
bytes, and is copied into later zips as it was compressed; a part met once (a document's own
text, a slide) is only remembered by its hash, so memory stays flat as a build grows.

The zip is written here, in the very bytes `zipfile` writes for `writestr` of a `ZipInfo`
(tests/test_office_package.py compares both), because `zipfile` cannot take data already
compressed.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections import OrderedDict
from datetime import datetime
from pathlib import Path
from typing import Any

ZIP_DATE = (1980, 1, 1, 0, 0, 0)
DOS_DATE = (ZIP_DATE[0] - 1980) << 9 | ZIP_DATE[1] << 5 | ZIP_DATE[2]
DOS_TIME = ZIP_DATE[3] << 11 | ZIP_DATE[4] << 5 | ZIP_DATE[5] // 2
VERSION = 20
"""The zip version that reads deflated entries, as zipfile writes it."""
UNIX = 3
MODE = 0o644 << 16
LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")
CENTRAL_HEADER = struct.Struct("<4s4B4HL2L5H2L")
END_RECORD = struct.Struct("<4s4H2LH")
UTF8_NAME = 0x800
LIMIT = (1 << 31) - 1
"""Beyond this size zipfile writes zip64 records; Office parts never come near it."""

REMEMBERED_BYTES = 16 * 1024 * 1024
"""The parts whose compressed form is kept: a few themes' worth."""
SEEN_HASHES = 100_000
_compressed: OrderedDict[bytes, tuple[int, bytes]] = OrderedDict()
_remembered = 0
_seen: set[int] = set()
"""Hashes of the parts met once."""


def deflated(data: bytes) -> tuple[int, bytes]:
    """(CRC-32, raw deflate stream) of `data`, as zipfile's ZIP_DEFLATED makes it; a part met
    before is not compressed again."""
    known = _compressed.get(data)
    if known is not None:
        _compressed.move_to_end(data)
        return known
    if hash(data) not in _seen:
        if len(_seen) >= SEEN_HASHES:
            _seen.clear()
        _seen.add(hash(data))
        return _deflate(data)
    return _keep(data)


def keep_compressed(parts: list[bytes]) -> None:
    """Compress now, and keep, parts that every document of a build carries (its theme's):
    a build does it before forking its workers, which then never compress them."""
    for data in parts:
        if data not in _compressed:
            _keep(data)


def _deflate(data: bytes) -> tuple[int, bytes]:
    compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    return zlib.crc32(data), compressor.compress(data) + compressor.flush()


def _keep(data: bytes) -> tuple[int, bytes]:
    global _remembered
    result = _compressed[data] = _deflate(data)
    _remembered += len(data)
    while _remembered > REMEMBERED_BYTES:
        oldest, _ = _compressed.popitem(last=False)
        _remembered -= len(oldest)
    return result


def reproducible_zip(entries: list[tuple[str, bytes]], path: Path) -> None:
    """Write a zip with entries in the given order, each deflated with a fixed time and mode."""
    out = io.BytesIO()
    central = []
    for name, data in entries:
        crc, compressed = deflated(data)
        if len(data) * 1.05 > LIMIT or out.tell() > LIMIT:
            raise ValueError(f"{name} is too large for a zip without zip64 records")
        try:
            encoded, flags = name.encode("ascii"), 0
        except UnicodeEncodeError:
            encoded, flags = name.encode("utf-8"), UTF8_NAME
        offset = out.tell()
        out.write(LOCAL_HEADER.pack(
            b"PK\003\004", VERSION, 0, flags, zipfile.ZIP_DEFLATED, DOS_TIME, DOS_DATE, crc,
            len(compressed), len(data), len(encoded), 0))
        out.write(encoded)
        out.write(compressed)
        central.append(CENTRAL_HEADER.pack(
            b"PK\001\002", VERSION, UNIX, VERSION, 0, flags, zipfile.ZIP_DEFLATED, DOS_TIME,
            DOS_DATE, crc, len(compressed), len(data), len(encoded), 0, 0, 0, 0, MODE,
            offset) + encoded)
    start = out.tell()
    for record in central:
        out.write(record)
    out.write(END_RECORD.pack(b"PK\005\006", 0, 0, len(central), len(central),
                              out.tell() - start, start, 0))
    path.write_bytes(out.getvalue())


def normalise_zip(data: bytes, path: Path) -> None:
    """Re-write an Office file python-pptx/python-docx produced, keeping its entry order
    ([Content_Types].xml first) but with fixed times, so two builds give the same bytes."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        entries = [(info.filename, archive.read(info)) for info in archive.infolist()]
    reproducible_zip(entries, path)


def save_office(document: Any, path: Path) -> None:
    """Save a python-pptx Presentation or python-docx Document reproducibly."""
    buffer = io.BytesIO()
    document.save(buffer)
    normalise_zip(buffer.getvalue(), path)


CORE_PROPERTY_CHARS = 255


def set_core_properties(
    properties: Any, *, title: str, author: str, language: str, version: str,
    date: datetime, subject: str = "", keywords: str = "",
) -> None:
    """Core properties from the curriculum, never the libraries' template defaults. Each text is
    cut to the 255 characters a core property holds (python-docx and python-pptx refuse more)."""
    properties.title = title[:CORE_PROPERTY_CHARS]
    properties.author = author[:CORE_PROPERTY_CHARS]
    properties.last_modified_by = author[:CORE_PROPERTY_CHARS]
    properties.language = language[:CORE_PROPERTY_CHARS]
    properties.version = version[:CORE_PROPERTY_CHARS]
    properties.subject = subject[:CORE_PROPERTY_CHARS]
    properties.keywords = keywords[:CORE_PROPERTY_CHARS]
    properties.comments = ""
    properties.category = ""
    properties.content_status = ""
    properties.identifier = ""
    properties.revision = 1
    properties.created = date
    properties.modified = date
    properties.last_printed = date

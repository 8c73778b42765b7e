"""The reproducible zip writer (builder/office/package.py) writes what zipfile writes."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

from builder.office import package


def zipfile_bytes(entries: list[tuple[str, bytes]], path: Path) -> bytes:
    """The zip as the standard library writes it, with the writer's fixed time and mode."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=package.ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            archive.writestr(info, data)
    return path.read_bytes()


ENTRIES = [
    ("[Content_Types].xml", b"<?xml version='1.0'?><Types/>"),
    ("word/styles.xml", b"<w:styles>" + b"<w:style w:styleId='x'/>" * 5000 + b"</w:styles>"),
    ("word/media/image1.png", os.urandom(70_000)),
    ("empty.txt", b""),
    ("caf\u00e9/r\u00e9sum\u00e9.xml", "<doc>é</doc>".encode()),
]


def test_the_zip_is_byte_for_byte_what_zipfile_writes(tmp_path: Path) -> None:
    ours = tmp_path / "ours.zip"
    package.reproducible_zip(ENTRIES, ours)
    assert ours.read_bytes() == zipfile_bytes(ENTRIES, tmp_path / "theirs.zip")
    with zipfile.ZipFile(ours) as archive:
        assert archive.testzip() is None
        assert [(i.filename, archive.read(i)) for i in archive.infolist()] == ENTRIES


def test_a_part_seen_before_is_copied_compressed_and_still_the_same(tmp_path: Path) -> None:
    styles = ENTRIES[1][1] + b"<!-- this test's own -->"
    once = package.deflated(styles)
    assert styles not in package._compressed  # met once: only its hash is kept
    twice = package.deflated(bytes(bytearray(styles)))
    assert twice == once
    assert package.deflated(bytes(bytearray(styles))) is twice  # kept since, not compressed again
    changed = [(name, data.replace(b"'x'", b"'y'")) for name, data in ENTRIES]
    package.reproducible_zip(changed, tmp_path / "ours.zip")
    assert (tmp_path / "ours.zip").read_bytes() == zipfile_bytes(changed, tmp_path / "theirs.zip")


def test_remembered_parts_stay_within_their_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(package, "REMEMBERED_BYTES", 100_000)
    for number in range(10):
        package.deflated(bytes([number]) * 30_000)
        package.deflated(bytes([number]) * 30_000)
    assert package._remembered <= 100_000
    assert sum(len(data) for data in package._compressed) == package._remembered

"""Text measuring with real font metrics: how many lines a paragraph takes in a box, and how tall.

Widths come from Pillow's `ImageFont.getlength` on a font file metric-compatible with the theme
font (Carlito for Calibri, shipped in `themes/default/fonts/`), so the numbers hold on any machine.
All lengths are in points (1 pt = 12700 EMU).
"""

from __future__ import annotations

import re
import struct
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

from PIL import ImageFont

EMU_PER_POINT = 12700
LINE_HEIGHT = 1.22
"""Single line spacing as a multiple of the size: Calibri/Carlito's ascent + descent + gap."""
GLYPH_OVERHANG = 0.16
"""Renderers' glyph boxes reach about 0.15 em below the last line's pitch: room kept free."""
MIN_BOTTOM_INSET = 7.2
"""Bottom inset at least this (points), so bottom-anchored text keeps its overhang inside."""
WIDTH_SAFETY = 0.96
"""Measured widths are compared with this share of the line: renderers differ in kerning and
rounding, and a word that wraps one line earlier than measured must still fit."""

# A font family in a theme, to metric-compatible free files (base name; -Regular/-Bold/-Italic).
METRIC_TWINS = {
    "calibri": "Carlito",
    "carlito": "Carlito",
    "arial": "LiberationSans",
    "helvetica": "LiberationSans",
    "liberation sans": "LiberationSans",
    "times new roman": "LiberationSerif",
    "liberation serif": "LiberationSerif",
    "courier new": "LiberationMono",
    "liberation mono": "LiberationMono",
    "cambria": "Caladea",
    "caladea": "Caladea",
}
FONT_FOLDERS = (
    Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".fonts",
    Path.home() / ".local/share/fonts", Path("/Library/Fonts"), Path("C:/Windows/Fonts"),
)
STYLE_SUFFIXES = {"regular": ("-Regular", ""), "bold": ("-Bold", "bd"), "italic": ("-Italic", "i")}


def points(emu: int) -> float:
    return emu / EMU_PER_POINT


def shipped_font_folder() -> Path:
    return Path(str(resources.files("builder") / "themes" / "default" / "fonts"))


@dataclass(frozen=True)
class FontFiles:
    """The files that measure one family: regular, bold and italic (any may repeat regular)."""

    family: str
    regular: Path
    bold: Path
    italic: Path

    def file(self, bold: bool = False, italic: bool = False) -> Path:
        if bold:
            return self.bold
        return self.italic if italic else self.regular


@cache
def find_font(family: str, extra_folder: Path | None = None) -> FontFiles:
    """Font files for a theme's family: its metric twin in the theme folder, the package or the
    system; Carlito when none is found."""
    base = METRIC_TWINS.get(family.strip().lower(), family.replace(" ", ""))
    folders = [f for f in (extra_folder, shipped_font_folder(), *FONT_FOLDERS) if f is not None]
    found: dict[str, Path] = {}
    for style, suffixes in STYLE_SUFFIXES.items():
        names = {f"{base}{suffix}.ttf".lower() for suffix in suffixes}
        found_file = _search(folders, frozenset(names))
        if found_file is not None:
            found[style] = found_file
    if "regular" not in found:
        carlito = find_font("Carlito")
        return FontFiles(family, carlito.regular, carlito.bold, carlito.italic)
    regular = found["regular"]
    return FontFiles(family, regular, found.get("bold", regular), found.get("italic", regular))


def _search(folders: list[Path], names: frozenset[str]) -> Path | None:
    for folder in folders:
        if not folder.is_dir():
            continue
        for candidate in sorted(folder.rglob("*.ttf")):
            if candidate.name.lower() in names:
                return candidate
    return None


@cache
def _font(file: Path, size: float) -> ImageFont.FreeTypeFont:
    # Measured at 10x the point size so the integer size Pillow needs loses nothing. The basic
    # layout engine, never raqm: widths must not depend on whether libraqm happens to be
    # installed (raqm also fails outright on some separators, such as U+2029).
    return ImageFont.truetype(str(file), round(size * 10), layout_engine=ImageFont.Layout.BASIC)


@lru_cache(maxsize=65536)
def text_width(text: str, font: Path, size: float) -> float:
    """Width of `text` on one line, in points."""
    return _measurer(font, size)(text)


@cache
def _measurer(font: Path, size: float) -> Callable[[str], float]:
    """`text_width` in one font at one size: Pillow's own measuring where the font kerns pairs,
    else the table of advances.

    Exactly Pillow's number: its basic layout adds each character's hinted advance (whole 64ths
    of a pixel, so any sum of them is exact in floating point) and kerns only from a `kern`
    table. A table of advances (each character measured by Pillow once, as it first comes) is
    many times faster than a Pillow call per word, and the deck-fit check and every deck
    measure thousands of words."""
    advances = _advances(font, size)
    if advances is None:
        pillow = _font(font, size)
        return lambda text: pillow.getlength(text) / 10
    table = advances  # the same dict: the name narrowed for the closure

    def width(text: str) -> float:
        try:
            return sum(map(table.__getitem__, text)) / 10
        except KeyError:  # a character not measured yet
            for char in text:
                if char not in table:
                    table[char] = _font(font, size).getlength(char)
            return sum(map(table.__getitem__, text)) / 10

    return width


@cache
def _advances(font: Path, size: float) -> dict[str, float] | None:
    """Each character's advance at `size` (filled as characters come), or None when the font
    kerns pairs (a legacy `kern` table), where only Pillow's own measuring is right."""
    return None if _has_kern_table(font) else {}


@cache
def _has_kern_table(font: Path) -> bool:
    """Whether a TrueType/OpenType file lists a `kern` table (True when it cannot be read as
    one font: a collection or a damaged file is measured by Pillow alone)."""
    with font.open("rb") as file:
        header = file.read(12)
        if len(header) < 12 or header[:4] not in (b"\x00\x01\x00\x00", b"OTTO", b"true"):
            return True
        (tables,) = struct.unpack(">H", header[4:6])
        directory = file.read(16 * tables)
    if len(directory) < 16 * tables:
        return True
    return any(directory[16 * i:16 * i + 4] == b"kern" for i in range(tables))


_SPACES = re.compile(r"[ \t]+")
# Every character Pillow's text layout ends a paragraph at (it cannot measure across one).
_LINE_BREAKS = re.compile("\r\n|[\n\r\x1c-\x1e\x85\u2028\u2029]")


def wrap(text: str, font: Path, size: float, width: float) -> list[str]:
    """The lines `text` breaks into in a line `width` points wide (breaking at spaces; a word
    wider than the line is broken between characters, as PowerPoint and LibreOffice do)."""
    return list(_wrapped(text, font, size, width))


@lru_cache(maxsize=8192)
def _wrapped(text: str, font: Path, size: float, width: float) -> tuple[str, ...]:
    """`wrap`, kept: pagination measures a paragraph again at the size it chose (to centre
    it), and every module's deck repeats the opening slides and shares scenarios, so about half
    of a check's wraps are ones it has made before."""
    usable = width * WIDTH_SAFETY
    width_of = _measurer(font, size)
    lines: list[str] = []
    for hard_line in _LINE_BREAKS.split(text):
        words = [w for w in _SPACES.split(hard_line.strip()) if w]
        current, current_width = "", 0.0
        for word in words:
            # A line's width is its words' widths, each with the space before it: a word is
            # measured alone, never the line again, which makes pagination several times faster.
            added = width_of(f" {word}") if current else width_of(word)
            if current_width + added <= usable:
                current = f"{current} {word}" if current else word
                current_width += added
                continue
            if current:
                lines.append(current)
            current = ""
            for piece in _break_word(word, font, size, usable):
                if current:
                    lines.append(current)
                current = piece
            current_width = width_of(current)
        lines.append(current)
    return tuple(lines)


def fit_one_line(text: str, font: Path, size: float, width: float) -> str:
    """`text` if it fits one line `width` wide, else cut at a word and ended with "…". A line
    break or paragraph separator inside is a space: one line has none (and Pillow's layout
    fails on U+2029)."""
    text = " ".join(_LINE_BREAKS.sub(" ", text).split())
    usable = width * WIDTH_SAFETY
    if text_width(text, font, size) <= usable:
        return text
    words = text.split()
    while words and text_width(" ".join(words) + "…", font, size) > usable:
        words.pop()
    return " ".join(words) + "…"


def _break_word(word: str, font: Path, size: float, usable: float) -> list[str]:
    if text_width(word, font, size) <= usable:
        return [word]
    pieces: list[str] = []
    current = ""
    for char in word:
        if current and text_width(current + char, font, size) > usable:
            pieces.append(current)
            current = ""
        current += char
    pieces.append(current)
    return pieces


def line_height(size: float) -> float:
    return size * LINE_HEIGHT


@dataclass(frozen=True)
class Box:
    """A text box: position and size, and the insets the text keeps from its edges (points)."""

    left: float
    top: float
    width: float
    height: float
    inset_left: float = 7.2
    inset_right: float = 7.2
    inset_top: float = 3.6
    inset_bottom: float = 3.6

    @property
    def text_width(self) -> float:
        return self.width - self.inset_left - self.inset_right

    @property
    def text_height(self) -> float:
        return self.height - self.inset_top - self.inset_bottom


def usable_height(box: Box, size: float) -> float:
    """The height lines may fill at `size`, keeping the last line's glyph overhang inside."""
    return box.text_height - GLYPH_OVERHANG * size


def fits_lines(lines: int, size: float, box: Box) -> bool:
    return lines * line_height(size) <= usable_height(box, size)

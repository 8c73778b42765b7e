"""The slide pictures' PNG files from the raw pixels pdftoppm wrote (page-1.ppm…).

Pillow holds Python's lock (the GIL) while it compresses, so two threads compressing pictures at
once take turns on one core. When several cores draw, each deck's pictures are compressed by a
process of its own (`python -m builder.slide_png`, about 0.2 s of a core to start, so each
drawing core starts one and gives it deck after deck); with one core they are compressed in the
build's own process. Both write the same bytes: the same Pillow
at the same level.

It imports nothing of the builder, so that process starts quickly.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

PNG_COMPRESSION = 6
"""zlib's usual level for the slide pictures. pdftoppm's own PNG writer uses level 9, nine tenths
of its time for files 3 % smaller (34 slides: 4.4 s against 0.8 s to draw them); so pdftoppm
writes the raw pixels (PPM) and Pillow compresses them, the same pixels."""


def picture_name(number: int, count: int) -> str:
    """`slide-01.png`…, with as many digits as the last slide needs (at least two)."""
    digits = max(2, len(str(count)))
    return f"slide-{number:0{digits}d}.png"


def pages_of(scratch: Path) -> list[Path]:
    """pdftoppm's pages in page order: it names them page-1.ppm or page-01.ppm by the count."""
    return sorted(scratch.glob("page-*.ppm"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))


def write_pictures(scratch: Path, folder: Path) -> str:
    """A PNG in `folder` (made afresh) for every page in `scratch`; '' or what went wrong."""
    pages = pages_of(scratch)
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir()
    from PIL import Image

    for number, page in enumerate(pages, start=1):
        try:
            with Image.open(page) as pixels:
                pixels.save(folder / picture_name(number, len(pages)), "PNG",
                            compress_level=PNG_COMPRESSION)
        except (OSError, ValueError) as exc:  # a page pdftoppm left unfinished
            return f"{page.name}: {exc}"
        page.unlink()
    return ""


def main(arguments: list[str]) -> int:
    """The process of its own. With `PAGES FOLDER`: one deck, what went wrong is all it prints
    (nothing when all went well). With no arguments: a deck for each line `PAGES<TAB>FOLDER` it
    reads, answering each with one line (empty when all went well), until its input ends, so
    that one process serves every deck a core draws (a start is about 0.2 s of a core)."""
    if not arguments:
        for line in sys.stdin:
            scratch, folder = line.rstrip("\n").split("\t")
            said = write_pictures(Path(scratch), Path(folder))
            print(" ".join(said.split()), flush=True)
        return 0
    scratch, folder = (Path(argument) for argument in arguments)
    said = write_pictures(scratch, folder)
    if said:
        print(said)
    return 1 if said else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""The index page as Debian's chromium draws it: not blank, and drawn with the page's own styles."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import REPO
from PIL import Image
from print_helpers import use_fake_office_formats

from builder.cli import main
from builder.index import PALETTE

pytestmark = pytest.mark.office  # every test here starts a real client

MINIMAL = REPO / "tests" / "fixtures" / "minimal"
CHROMIUM = shutil.which("chromium")


def screenshot(page: Path, picture: Path, profile: Path) -> None:
    subprocess.run(
        [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--no-first-run", f"--user-data-dir={profile}", f"--screenshot={picture}",
         "--window-size=1200,1600", page.as_uri()],
        check=True, capture_output=True, stdin=subprocess.DEVNULL,
    )


@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")
def test_chromium_draws_the_index_page(tmp_path, monkeypatch):
    use_fake_office_formats(monkeypatch)
    root = tmp_path / "minimal"
    shutil.copytree(MINIMAL, root)
    pdf = ["--pdf"] if shutil.which("soffice") and shutil.which("pdftoppm") else []
    assert main(["build", str(root), *pdf]) == 0
    picture = tmp_path / "index.png"

    screenshot(root / "output" / "index.html", picture, tmp_path / "chromium-profile")

    with Image.open(picture) as image:
        rgb = image.convert("RGB")
    assert rgb.size == (1200, 1600)
    colours = rgb.getcolors(rgb.width * rgb.height)
    assert len(colours) > 50, "a page of text, tables and pictures has many colours"
    most = max(count for count, _ in colours)
    assert most < 0.9 * rgb.width * rgb.height, "the page is not one colour"
    banner = tuple(int(PALETTE["banner"][i:i + 2], 16) for i in (1, 3, 5))
    assert rgb.getpixel((5, 5)) == banner, "the header is drawn in the page's banner colour"

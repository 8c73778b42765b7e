"""The index page is rendered again only when what it shows changed (`index.page_fingerprint`):
after each of a series of edits, its pages are byte for byte those of a build from scratch,
and an edit the page does not show (a scenario's summary) renders nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import edit, run_voces
from PIL import Image

import builder.index

PICTURE = ("image:\n  file: images/room.png\n  alt: {en: The room, es: La sala}\n"
           "  credit: The test editors\n")


@pytest.fixture
def rendered(monkeypatch) -> list[str]:
    """The pages rendered, by their language."""
    seen: list[str] = []
    render = builder.index.render_template

    def counted(template, root, **values):  # type: ignore[no-untyped-def]
        seen.append(values["page"].lang)
        return render(template, root, **values)

    monkeypatch.setattr(builder.index, "render_template", counted)
    return seen


def pages(out: Path) -> dict[str, bytes]:
    found = {page.name: page.read_bytes() for page in sorted(out.glob("index*.html"))}
    assert len(found) == 2
    return found


def build_as_from_scratch(root: Path, scratch: Path) -> dict[str, bytes]:
    """Build incrementally, then from scratch into a folder of its own: the same pages."""
    status, said, _ = run_voces("build", root, "--jobs", "1")
    assert status == 0, said
    status, said, _ = run_voces("build", root, "--jobs", "1", "--force", "--out", scratch)
    assert status == 0, said
    assert pages(root / "output") == pages(scratch)
    return pages(root / "output")


def test_the_index_is_rendered_only_when_what_it_shows_changes(make_curriculum, tmp_path,
                                                              rendered):
    root = make_curriculum()
    scratch = tmp_path / "scratch"
    first = build_as_from_scratch(root, scratch)
    assert rendered == ["en", "es", "en", "es"]

    rendered.clear()
    edit(root / "scenarios/case-a.yaml", "One sentence.", "One sentence again.")
    assert run_voces("build", root)[0] == 0
    assert rendered == [], "a summary is not on the page"
    assert pages(root / "output") == first

    rendered.clear()
    edit(root / "modules/mod-a.yaml", "Module A", "Module A renamed")
    changed = build_as_from_scratch(root, scratch)
    assert changed != first and rendered[:2] == ["en", "es"]
    assert b"Module A renamed" in changed["index.html"]

    rendered.clear()
    (root / "output" / "index.html").write_text("edited by hand", encoding="utf-8")
    assert build_as_from_scratch(root, scratch) == changed
    assert rendered[:1] == ["en"], "a page changed by hand is rendered again"

    rendered.clear()  # a warning of the check is on the page
    Image.new("RGB", (500, 400), "white").save(root / "room.png", format="PNG")
    (root / "images").mkdir()
    (root / "room.png").rename(root / "images/room.png")
    edit(root / "scenarios/case-a.yaml", "stages:\n", PICTURE + "stages:\n")
    warned = build_as_from_scratch(root, scratch)
    assert b"image.small" in warned["index.html"] and rendered[:2] == ["en", "es"]

    rendered.clear()  # the curriculum's own template replaces the shipped one
    shipped = Path(builder.index.__file__).parent / "templates" / "index.html.j2"
    (root / "templates").mkdir()
    own = shipped.read_text(encoding="utf-8").replace("</body>", "<p>Our own page</p></body>")
    assert own != shipped.read_text(encoding="utf-8")
    (root / "templates" / "index.html.j2").write_text(own, encoding="utf-8")
    mine = build_as_from_scratch(root, scratch)
    assert b"Our own page" in mine["index.html"] and rendered[:2] == ["en", "es"]

    rendered.clear()
    edit(root / "scenarios/case-a.yaml", "One sentence again.", "One sentence.")
    assert run_voces("build", root)[0] == 0
    assert rendered == [] and pages(root / "output") == mine

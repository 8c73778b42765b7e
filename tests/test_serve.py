"""`voces serve`: the pages it draws, what it refuses, and how it follows saves (over HTTP)."""

from __future__ import annotations

import re
import shutil
import socket

import pytest
from conftest import REPO, edit
from serve_helpers import change, get, running_preview, save, wait_for

from builder.cli import main
from builder.context import BuildContext
from builder.formats.deck_plan import plan_slides
from builder.load import load_curriculum

DECK = "/en/mod-a/deck"


def test_the_index_lists_every_module_and_language(make_curriculum):
    root = make_curriculum()
    with running_preview(root) as server:
        status, html = get(server, "/")
    assert status == 200
    for lang in ("en", "es"):
        for kind in ("deck", "guide", "handout"):
            assert f'href="/{lang}/mod-a/{kind}"' in html
    assert "voces check: no problems" in html


def test_the_deck_page_has_the_slide_plan_titles_and_numbers(make_curriculum, tmp_path):
    root = make_curriculum()
    curriculum, _ = load_curriculum(root)
    assert curriculum is not None
    plan = plan_slides(BuildContext(curriculum, curriculum.modules[0], "es", tmp_path))
    with running_preview(root) as server:
        status, html = get(server, "/es/mod-a/deck")
    assert status == 200
    titles = re.findall(r'<div class="box title"[^>]*><h2>(.*?)</h2>', html)
    numbers = [int(n) for n in re.findall(r'data-number="(\d+)"', html)]
    assert titles == [s.title.replace("&", "&amp;").replace("'", "&#x27;") for s in plan.slides]
    assert numbers == [s.number for s in plan.slides] == list(range(1, len(plan.slides) + 1))


@pytest.mark.parametrize("kind", ["guide", "handout"])
def test_guide_and_handout_are_drawn_by_the_docx_writers(make_curriculum, kind):
    root = make_curriculum()
    with running_preview(root) as server:
        status, html = get(server, f"/en/mod-a/{kind}")
    assert status == 200
    assert "The examination" in html  # the scenario's title, as a heading of its section
    assert "<table>" in html


@pytest.mark.parametrize("path", [
    "/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/%2E%2E%2Fcurriculum.yaml",
    "//etc/passwd", "/etc/passwd", "/curriculum.yaml", "/scenarios/case-a.yaml",
    "/en/../deck", "/en/mod-a/../../curriculum.yaml", "/fr/mod-a/deck", "/en/nope/deck",
    "/en/mod-a/pptx",
])
def test_anything_but_its_previews_is_404(make_curriculum, path):
    root = make_curriculum()
    with running_preview(root) as server:
        status, body = get(server, path)
    assert (status, body) == (404, "not found: voces serve shows only its previews\n")


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH"])
def test_nothing_writes(make_curriculum, method):
    root = make_curriculum()
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    with running_preview(root) as server:
        assert get(server, DECK, method) == (405, "voces serve is read-only\n")
    assert {p: p.read_bytes() for p in root.rglob("*") if p.is_file()} == before


def test_a_finding_is_shown_at_the_top_and_beside_its_slide(make_curriculum):
    root = make_curriculum()
    edit(root / "scenarios/case-a.yaml", "text: {en: She waits., es: Ella espera.}",
         'text: {en: "She said \\"no one listens to children\\".", es: Ella espera.}')
    with running_preview(root) as server:
        status, html = get(server, DECK)
    assert status == 200
    assert html.count("[quote.not-verbatim]") == 2
    top, slides = html.split('<section class="slide-row"', 1)
    assert "scenarios/case-a.yaml:13:" in top
    sections = re.findall(r'<section class="slide-row" id="slide-\d+">.*?</section>',
                          '<section class="slide-row"' + slides, re.S)
    beside = [section for section in sections if "[quote.not-verbatim]" in section]
    assert len(beside) == 1
    assert re.search(r"<h2>(.*?)</h2>", beside[0]).group(1) == "Arrival"  # the stage's slide


def test_a_broken_save_shows_the_error_and_the_next_good_save_restores_the_page(
        make_curriculum):
    root = make_curriculum()
    scenario = root / "scenarios/case-a.yaml"
    good = scenario.read_text(encoding="utf-8")
    with running_preview(root) as server:
        save(server, scenario, good.replace("duration: 30", "duration: 30\n  bad: [1"))
        status, html = get(server, DECK)
        assert status == 200
        assert "This page cannot be drawn until the curriculum reads again" in html
        assert "scenarios/case-a.yaml:" in html and "[yaml.syntax]" in html
        save(server, scenario, good.replace("The examination", "The second examination"))
        status, html = get(server, DECK)
    assert status == 200
    assert "cannot be drawn" not in html
    assert "The second examination" in html


def test_a_deleted_or_unreadable_file_is_a_finding_and_the_server_goes_on(make_curriculum):
    root = make_curriculum()
    with running_preview(root) as server:
        change(server, (root / "scenarios/case-a.yaml").unlink)
        status, html = get(server, DECK)
        assert status == 200
        assert "no scenario has id &#x27;case-a&#x27;" in html
        change(server, lambda: (root / "curriculum.yaml").rename(root / "moved.yaml"))
        status, html = get(server, "/")
        assert status == 200
        assert "holds no curriculum.yaml" in html
        assert "[yaml.encoding]" in html
        change(server, lambda: (root / "moved.yaml").rename(root / "curriculum.yaml"))
        assert get(server, "/")[0] == 200


@pytest.mark.parametrize("port", ["99999", "-1", "http"])
def test_a_port_that_cannot_be_is_a_usage_error(make_curriculum, capsys, port):
    with pytest.raises(SystemExit) as ended:
        main(["serve", str(make_curriculum()), "--port", port])
    assert ended.value.code == 2
    assert f"argument --port: '{port}' is not a port; give a whole number from 1 to 65535" in \
        capsys.readouterr().err


def test_a_port_in_use_is_one_message_naming_it(make_curriculum, capsys):
    root = make_curriculum()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", str(root), "--port", str(port)]) == 1
    assert capsys.readouterr().err == (
        f"voces: port {port} is in use on 127.0.0.1; give another with --port N\n")


def test_the_guide_says_which_professions_each_scenario_is_for(make_curriculum):
    root = make_curriculum()
    edit(root / "scenarios/case-a.yaml", "duration: 30", "duration: 30\naudiences: [prosecutor, police]")
    with running_preview(root) as server:
        status, html = get(server, "/en/mod-a/guide")
    assert status == 200
    assert "<p><b>Written for: </b>prosecutors, police investigators</p>" in html


@pytest.mark.parametrize(("kind", "heading"), [("guide", "09:15–09:45 · The examination"),
                                               ("handout", "Case: The examination")])
def test_a_finding_is_shown_beside_its_scenario_in_the_guide_and_handout(make_curriculum, kind,
                                                                         heading):
    root = make_curriculum()
    edit(root / "scenarios/case-a.yaml", "text: {en: She waits., es: Ella espera.}",
         'text: {en: "She said \\"no one listens to children\\".", es: Ella espera.}')
    with running_preview(root) as server:
        status, html = get(server, f"/en/mod-a/{kind}")
    assert status == 200
    top, document = html.split('<div class="doc">', 1)
    assert "[quote.not-verbatim]" in top
    assert document.count("[quote.not-verbatim]") == 1
    beside = re.search(rf'<h(\d) data-heading="{heading}">{heading}</h\1>'
                       r'<ul class="findings">(.*?)</ul>', document)
    assert beside is not None
    assert "scenarios/case-a.yaml:13:" in beside.group(2)


def test_a_file_that_is_not_text_is_a_finding_and_the_server_goes_on(make_curriculum):
    root = make_curriculum()
    with running_preview(root) as server:
        change(server, lambda: (root / "scenarios/case-a.yaml").write_bytes(
            b"id: case-a\ntitle: \xff\xfe\n"))
        status, html = get(server, DECK)
        assert status == 200
        assert "file is not UTF-8 text" in html and "[yaml.encoding]" in html
        assert get(server, "/")[0] == 200


def test_a_rule_that_fails_is_a_finding_and_the_pages_are_still_drawn(make_curriculum,
                                                                       monkeypatch):
    import builder.checks

    def broken_rule(curriculum):
        raise RuntimeError("a bug")

    monkeypatch.setattr(builder.checks, "family_rules", lambda family: [broken_rule])
    root = make_curriculum()
    with running_preview(root) as server:
        status, html = get(server, DECK)
    assert status == 200
    assert ("voces could not check the curriculum (RuntimeError: a bug); this is a bug in voces"
            in html)
    assert '<div class="slide kind-title" data-number="1">' in html


def test_serve_listens_on_127_0_0_1_unless_told(make_curriculum):
    """`voces serve` as a user runs it: it says where it listens, and answers there."""
    import subprocess
    import sys

    root = make_curriculum()
    with socket.socket() as probe:  # a port free a moment ago
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([sys.executable, "-m", "builder", "serve", str(root),
                                "--port", str(port)], stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert line == f"previewing {root} at http://127.0.0.1:{port}/ (Ctrl+C stops)\n"
        with socket.create_connection(("127.0.0.1", port), timeout=30) as connection:
            connection.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            assert connection.makefile("rb").readline() == b"HTTP/1.1 200 OK\r\n"
    finally:
        process.terminate()
        process.wait(10)


def test_a_save_made_before_the_watch_is_in_place_is_taken_and_so_is_the_next(make_curriculum):
    import threading

    from builder.serve.preview import Preview
    from builder.serve.server import watch

    root = make_curriculum()
    preview = Preview(root)
    edit(root / "scenarios/case-a.yaml", "The examination", "The early save")
    stopping, watching = threading.Event(), threading.Event()
    watcher = threading.Thread(target=watch, args=(preview, stopping, watching), daemon=True)
    watcher.start()
    try:
        assert watching.wait(30)
        assert wait_for(lambda: preview.snapshot.checked and preview.version > 1)
        assert "The early save" in (preview.page(DECK) or (0, ""))[1]
        before = preview.version
        edit(root / "scenarios/case-a.yaml", "The early save", "The next save")
        assert wait_for(lambda: preview.snapshot.checked and preview.version > before)
        assert "The next save" in (preview.page(DECK) or (0, ""))[1]
    finally:
        stopping.set()
        watcher.join(10)


@pytest.mark.parametrize("kind", ["guide", "handout"])
def test_a_page_of_a_module_with_pictures_shows_each_pictures_text_and_credit(tmp_path, kind):
    """The example's m2 has a scenario picture and a stage picture: the preview draws the page
    (it failed: the docx writers' picture block was not one of the HTML document's) and puts
    each picture's alternative text and credit where the docx has the picture."""
    root = tmp_path / "example"
    shutil.copytree(REPO, root, ignore=shutil.ignore_patterns(
        "output", ".*", "builder", "tests", "benchmarks", "tools", "*.egg-info", "docs"))
    curriculum, _ = load_curriculum(root)
    assert curriculum is not None
    module = curriculum.module("m2-forensic-interview")
    assert module is not None
    images = [image for scenario in curriculum.scenarios_of(module)
              for image in [scenario.image, *(stage.image for stage in scenario.stages)]
              if image is not None]
    assert images, "the example's m2 shows pictures"
    with running_preview(root) as server:
        status, html = get(server, f"/en/m2-forensic-interview/{kind}")
    assert status == 200
    assert "(broken)" not in html and "cannot be drawn" not in html
    shown = [image for image in images if image.alt.get("en", "") in html]
    assert shown, html[:500]
    assert all(image.credit in html for image in shown)

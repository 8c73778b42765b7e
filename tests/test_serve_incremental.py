"""`voces serve` on the build plan: a save redraws only the previews whose job's fingerprint
changed, the kept ones are the pages drawn afresh, and an edit shows before the rules finish."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import edit
from serve_helpers import get, running_preview, save

from builder.serve.pages import CHECKING
from builder.serve.preview import Preview

KINDS = ("deck", "guide", "handout")
LANGS = ("en", "es")


def two_modules(root: Path) -> Path:
    """The minimal fixture with a second module, mod-b, showing its own scenario, case-b."""
    case_a = (root / "scenarios/case-a.yaml").read_text(encoding="utf-8")
    case_b = (case_a.replace("id: case-a", "id: case-b").replace("id: a-1", "id: b-1")
              .replace("objective: a-1", "objective: b-1").replace("id: a-q1", "id: b-q1").replace("The examination", "The interview"))
    (root / "scenarios/case-b.yaml").write_text(case_b, encoding="utf-8")
    mod_a = (root / "modules/mod-a.yaml").read_text(encoding="utf-8")
    mod_b = (mod_a.replace("id: mod-a", "id: mod-b").replace("scenario: case-a", "scenario: case-b")
             .replace("Module A", "Module B").replace("Módulo A", "Módulo B"))
    (root / "modules/mod-b.yaml").write_text(mod_b, encoding="utf-8")
    return root


PATHS = [f"/{lang}/{module}/{kind}" for lang in LANGS for module in ("mod-a", "mod-b")
         for kind in KINDS]


def _every_page(preview: Preview) -> dict[str, str]:
    found = {}
    for path in PATHS:
        page = preview.page(path)
        assert page is not None, path
        found[path] = page[1]
    return found


def _unversioned(html: str) -> str:
    return re.sub(r'data-version="\d+"', 'data-version=""', html)


def test_a_scenario_edit_redraws_only_the_previews_that_show_it_in_that_language(
        make_curriculum):
    root = two_modules(make_curriculum())
    preview = Preview(root)
    assert preview.snapshot.findings == []
    _every_page(preview)
    assert preview.draws == {path.lstrip("/"): 1 for path in PATHS}

    edit(root / "scenarios/case-a.yaml", "{en: The examination,", "{en: The night call,")
    preview.refresh()
    pages = _every_page(preview)
    redrawn = {key for key, count in preview.draws.items() if count == 2}
    assert redrawn == {"en/mod-a/deck", "en/mod-a/guide", "en/mod-a/handout"}
    assert set(preview.draws.values()) == {1, 2}
    assert "The night call" in pages["/en/mod-a/deck"]
    assert "The night call" not in pages["/es/mod-a/deck"]

    preview.refresh()  # a save that changes nothing redraws nothing
    _every_page(preview)
    assert {key for key, count in preview.draws.items() if count > 1} == redrawn
    assert max(preview.draws.values()) == 2


def test_a_module_edit_redraws_that_module_only(make_curriculum):
    root = two_modules(make_curriculum())
    preview = Preview(root)
    _every_page(preview)
    edit(root / "modules/mod-b.yaml", "duration: 15}", "duration: 20}")
    preview.refresh()
    _every_page(preview)
    assert {key for key, count in preview.draws.items() if count == 2} == {
        f"{lang}/mod-b/{kind}" for lang in LANGS for kind in KINDS}


def test_the_kept_pages_are_the_pages_drawn_afresh(make_curriculum):
    """After edits that keep some drawings and redraw others (one bringing a finding in), every
    page is what a new preview of the same files draws."""
    root = two_modules(make_curriculum())
    preview = Preview(root)
    _every_page(preview)
    edit(root / "scenarios/case-b.yaml", "{en: The interview,", "{en: The second interview,")
    preview.refresh()
    _every_page(preview)
    edit(root / "scenarios/case-a.yaml", "text: {en: She waits., es: Ella espera.}",
         'text: {en: "She said \\"no one listens to children\\".", es: Ella espera.}')
    preview.refresh()
    kept = _every_page(preview)
    assert preview.draws["es/mod-b/deck"] == 1  # kept through both saves
    assert "[quote.not-verbatim]" in kept["/en/mod-a/deck"]
    fresh = _every_page(Preview(root))
    assert {path: _unversioned(html) for path, html in kept.items()} == {
        path: _unversioned(html) for path, html in fresh.items()}


def test_an_edit_shows_before_the_rules_have_run_and_their_findings_follow(make_curriculum):
    root = two_modules(make_curriculum())
    edit(root / "scenarios/case-b.yaml", "text: {en: She waits., es: Ella espera.}",
         'text: {en: "She said \\"no one listens to children\\".", es: Ella espera.}')
    preview = Preview(root)
    assert [f.rule for f in preview.snapshot.findings] == ["quote.not-verbatim"]
    edit(root / "scenarios/case-a.yaml", "text: {en: She waits., es: Ella espera.}",
         'text: {en: "She said \\"nobody listens\\".", es: Ella espera.}')

    preview.refresh_pages()
    assert not preview.snapshot.checked
    version, html = preview.page("/en/mod-a/deck") or (0, "")
    assert "nobody listens" in html
    assert f'<p class="checking">{CHECKING}</p>' in html
    other = (preview.page("/en/mod-b/deck") or (0, ""))[1]
    assert f"{CHECKING}; so far 1 error, 0 warnings" in other
    # case-b's finding is the last check's (its file is unchanged); case-a's is not found yet
    assert [f.location.file for f in preview.snapshot.findings] == ["scenarios/case-b.yaml"]

    preview.refresh_findings()
    assert preview.snapshot.checked and preview.version == version + 1
    html = (preview.page("/en/mod-a/deck") or (0, ""))[1]
    assert CHECKING not in html
    assert "voces check: 1 error, 0 warnings" in html and "nobody listens" in html
    assert [f.location.file for f in preview.snapshot.findings] == [
        "scenarios/case-a.yaml", "scenarios/case-b.yaml"]


def test_over_http_a_save_redraws_only_the_open_module_and_serves_the_same_pages(
        make_curriculum):
    root = two_modules(make_curriculum())
    with running_preview(root) as server:
        for path in PATHS:
            assert get(server, path)[0] == 200
        scenario = root / "scenarios/case-a.yaml"
        save(server, scenario, scenario.read_text(encoding="utf-8").replace(
            "{en: The examination,", "{en: The night call,"))
        served = {path: get(server, path) for path in PATHS}
        draws = dict(server.preview.draws)
    assert {key for key, count in draws.items() if count > 1} == {
        "en/mod-a/deck", "en/mod-a/guide", "en/mod-a/handout"}
    assert "The night call" in served["/en/mod-a/deck"][1]
    fresh = _every_page(Preview(root))
    assert {path: (200, _unversioned(fresh[path])) for path in PATHS} == {
        path: (status, _unversioned(html)) for path, (status, html) in served.items()}

"""The package's shape: no module imports another that imports it back, however indirectly,
`voces check` loads no writer, and no file of code is longer than one idea needs.

The import graph is grimp's, which reads every import statement of every module: at the top,
inside a function (a lazy import) and under `if TYPE_CHECKING:` alike, so a cycle cannot hide
behind a deferred import. graphlib's topological sort then names one cycle if there is any.
"""

from __future__ import annotations

import graphlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import grimp
import pytest
from conftest import REPO, edit

DEFAULT_THEME = REPO / "builder" / "themes" / "default"


def import_graph(package: str) -> dict[str, set[str]]:
    graph = grimp.build_graph(package, cache_dir=None)  # no cache folder in the work tree
    return {module: graph.find_modules_directly_imported_by(module) for module in graph.modules}


def import_cycle(graph: dict[str, set[str]]) -> list[str]:
    """One cycle of the graph (its first module repeated at the end), or [] when there is none."""
    try:
        tuple(graphlib.TopologicalSorter(graph).static_order())
    except graphlib.CycleError as exc:
        return list(exc.args[1])
    return []


def test_the_package_has_no_import_cycle() -> None:
    graph = import_graph("builder")
    assert len(graph) > 50  # the whole package was read, not an empty graph
    cycle = import_cycle(graph)
    assert cycle == [], "import cycle: " + " -> ".join(reversed(cycle))


@pytest.mark.parametrize("lazy", [False, True])
def test_a_cycle_is_found_whether_the_import_is_lazy_or_not(tmp_path, monkeypatch, lazy):
    package = tmp_path / "circle"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "first.py").write_text("from . import second\n")
    back = "def later():\n    from . import first\n" if lazy else "from . import first\n"
    (package / "second.py").write_text(back)
    monkeypatch.syspath_prepend(str(tmp_path))
    cycle = import_cycle(import_graph("circle"))
    assert sorted(set(cycle)) == ["circle.first", "circle.second"]


WRITERS = ("pptx", "docx", "lxml", "openpyxl", "matplotlib", "scipy")
"""What writes or analyses outputs: `voces check` reads and measures, and must load none of it."""

CHECK_AND_LIST_MODULES = """
import json, sys
import builder.forked
from builder.cli import main
builder.forked.cores = lambda: 1  # every rule in this process, where its imports show
code = main(["check", sys.argv[1]])
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def modules_loaded_by_check(root: Path) -> tuple[int, set[str]]:
    """`voces check root` in a fresh interpreter: its exit status and every module it loaded,
    by its full name."""
    done = subprocess.run([sys.executable, "-c", CHECK_AND_LIST_MODULES, str(root)],
                          capture_output=True, text=True, cwd=REPO, timeout=300, check=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    return result["code"], set(result["modules"])


def loaded_by_check(root: Path) -> tuple[int, set[str]]:
    """`voces check root` in a fresh interpreter: its exit status and the packages it loaded."""
    code, modules = modules_loaded_by_check(root)
    return code, {name.split(".")[0] for name in modules}


def test_check_of_the_example_loads_no_writer() -> None:
    code, loaded = loaded_by_check(REPO)
    assert code == 0
    assert "builder" in loaded and "pydantic" in loaded  # the check did run
    assert sorted(set(WRITERS) & loaded) == []


COLLECTOR_AFTER_CHECK = """
import gc, json, os, sys
from builder.cli import main
root, called = sys.argv[1], sys.argv[2:] == ["called"]
sys.argv = ["voces", "check", root]
exit_now = os._exit

def report(code, how):
    print(json.dumps({"code": code, "enabled": gc.isenabled(), "frozen": gc.get_freeze_count(),
                      "exit": how}), flush=True)

def exit_without_teardown(code):  # what voces as a program ends with
    report(code, "os._exit")
    exit_now(code)

os._exit = exit_without_teardown
code = main(["check", root]) if called else main()
report(code, "returned")
"""


def collector_after_check(*argv: str) -> dict[str, object]:
    done = subprocess.run([sys.executable, "-c", COLLECTOR_AFTER_CHECK, *argv],
                          capture_output=True, text=True, cwd=REPO, timeout=300, check=True)
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_check_as_a_program_freezes_what_its_imports_made_and_collects_again() -> None:
    """voces leaves what its imports made (modules, the model's classes) to the collector's
    permanent generation; a caller of main() in its own process keeps its collector as it was."""
    as_program = collector_after_check(str(REPO))
    assert as_program["code"] == 0 and as_program["enabled"] is True
    assert isinstance(as_program["frozen"], int) and as_program["frozen"] > 10_000
    assert as_program["exit"] == "os._exit"  # as a program, without the interpreter's teardown
    called = collector_after_check(str(REPO), "called")
    assert called == {"code": 0, "enabled": True, "frozen": 0, "exit": "returned"}


BUILD_AS_PROGRAM = """
import atexit, sys
from builder.cli import main
atexit.register(lambda: print("torn down"))
sys.argv = ["voces", *sys.argv[1:]]
sys.exit(main())
"""


@pytest.mark.parametrize("broken", [False, True])
def test_a_build_as_a_program_ends_without_the_teardown_after_saying_everything(
    make_curriculum, tmp_path, broken
) -> None:
    """After a build nothing is left to do: voces ends at once (Python's teardown of every
    module cost a build 0.08 s), its lines all written and its exit status kept."""
    root = make_curriculum()
    if broken:
        (root / "curriculum.yaml").write_text("title: [unclosed\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", BUILD_AS_PROGRAM, "build", str(root), "--out",
                           str(tmp_path / "out")], capture_output=True, text=True, cwd=REPO,
                          timeout=300)
    assert "torn down" not in done.stdout
    if broken:
        assert done.returncode == 1 and done.stdout.rstrip().endswith("nothing was built")
    else:
        assert done.returncode == 0 and done.stdout.rstrip().splitlines()[-1].startswith(
            "built ")
    check = subprocess.run([sys.executable, "-c", BUILD_AS_PROGRAM, "check", str(root)],
                           capture_output=True, text=True, cwd=REPO, timeout=300)
    assert check.returncode == int(broken) and "torn down" not in check.stdout  # a check too
    assert check.stdout.rstrip().splitlines()[-1].startswith("checked ")
    schema = subprocess.run([sys.executable, "-c", BUILD_AS_PROGRAM, "schema", str(root)],
                            capture_output=True, text=True, cwd=REPO, timeout=300)
    assert schema.stdout.rstrip().endswith("torn down")  # other commands end as before


BUILD_ONLY = ("builder.build", "builder.plan", "builder.jobs", "builder.staging",
              "builder.guard", "builder.index", "builder.replace", "builder.manifest",
              "builder.lock", "builder.pdf", "builder.progress", "builder.slide_titles",
              "builder.templates", "builder.office", "builder.delivery")
"""The build's own modules (its plan, workers, staging, guard, index page, PDFs, the writers'
helpers): `voces check` never runs them, and each import would lengthen every check."""


def build_only_modules() -> list[str]:
    """BUILD_ONLY and every writer module the format registry names."""
    from builder.formats import FORMATS

    writers = [f"builder.formats.{f.writer}" for f in FORMATS.values() if isinstance(f.writer, str)]
    return [*BUILD_ONLY, *writers]


def test_the_build_only_modules_are_modules_of_the_package() -> None:
    """A misspelt name in the list would be a module no check could ever load."""
    import importlib.util

    names = build_only_modules()
    assert len(names) > len(BUILD_ONLY)  # the registry's writers are in it too
    assert [name for name in names if importlib.util.find_spec(name) is None] == []


def test_check_of_the_example_loads_none_of_the_build() -> None:
    code, modules = modules_loaded_by_check(REPO)
    assert code == 0 and "builder.checks.deck_fit" in modules  # every family ran here
    assert sorted(name for name in modules for build_only in build_only_modules()
                  if name == build_only or name.startswith(build_only + ".")) == []


def test_check_reads_a_user_theme_without_a_writer(make_curriculum) -> None:
    root = make_curriculum()
    (root / "brand").mkdir()
    for name in ("deck.pptx", "guide.docx"):
        shutil.copyfile(DEFAULT_THEME / name, root / "brand" / name)
    edit(root / "curriculum.yaml", "\n", "\ntheme: brand\n")  # after the first line
    code, loaded = loaded_by_check(root)
    assert code == 0
    assert sorted(set(WRITERS) & loaded) == []


NOOP_BUILD_AND_LIST_MODULES = """
import json, sys
from builder.cli import main
code = main(["build", sys.argv[1], "--out", sys.argv[2]])
print(json.dumps({"code": code, "modules": sorted(sys.modules)}))
"""


def test_a_rebuild_with_nothing_to_do_loads_no_office_library(make_curriculum, tmp_path) -> None:
    """A no-op rebuild costs about a check: its process reads slide titles for the index page
    with lxml, and imports python-pptx, python-docx and openpyxl only where a job or --pdf needs
    them (Pillow is the picture rule's, a check's)."""
    root = make_curriculum()
    first = subprocess.run([sys.executable, "-m", "builder", "build", str(root), "--out",
                            str(tmp_path / "out")], capture_output=True, text=True, cwd=REPO,
                           timeout=300, check=True)
    assert "built " in first.stdout and "unchanged" not in first.stdout
    done = subprocess.run(
        [sys.executable, "-c", NOOP_BUILD_AND_LIST_MODULES, str(root), str(tmp_path / "out")],
        capture_output=True, text=True, cwd=REPO, timeout=300, check=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    loaded = {name.split(".")[0] for name in result["modules"]}
    assert result["code"] == 0 and "builder" in loaded
    assert sorted({"pptx", "docx", "openpyxl"} & loaded) == []


def test_the_writer_test_would_see_a_writer() -> None:
    """The module list is the subprocess's own: a writer imported there shows in it."""
    done = subprocess.run(
        [sys.executable, "-c", "import json, sys, docx; print(json.dumps(sorted(sys.modules)))"],
        capture_output=True, text=True, timeout=300, check=True)
    assert {"docx", "lxml"} <= {name.split(".")[0] for name in json.loads(done.stdout)}


MAX_LINES = 400
"""style.md: small files. A file over it holds two ideas: split it by idea, not at a line."""


def long_files(folder: Path, limit: int = MAX_LINES) -> list[tuple[str, int]]:
    """Every module and template under `folder` longer than `limit` lines, with its length.
    Data the code reads (the locales' words, the term list) is a list, not code, and is left out."""
    found = []
    for path in sorted([*folder.rglob("*.py"), *folder.rglob("*.j2")]):
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > limit:
            found.append((path.relative_to(folder).as_posix(), lines))
    return found


def test_no_file_of_the_package_is_over_400_lines() -> None:
    assert len(list((REPO / "builder").rglob("*.py"))) > 50
    assert long_files(REPO / "builder") == []


def test_a_long_file_is_named_with_its_length(tmp_path) -> None:
    (tmp_path / "short.py").write_text("x = 1\n" * MAX_LINES)
    (tmp_path / "inner").mkdir()
    (tmp_path / "inner" / "long.j2").write_text("line\n" * (MAX_LINES + 1))
    assert long_files(tmp_path) == [("inner/long.j2", MAX_LINES + 1)]

"""The package's shape: no module imports another that imports it back, however indirectly.

The import graph is grimp's, which reads every import statement of every module: at the top,
inside a function (a lazy import) and under `if TYPE_CHECKING:` alike, so a cycle cannot hide
behind a deferred import. graphlib's topological sort then names one cycle if there is any.
"""

from __future__ import annotations

import graphlib

import grimp
import pytest


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

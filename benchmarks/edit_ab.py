"""One scenario edited ÷ cold build, for two or more builder trees, in interleaved rounds.

Run: python benchmarks/edit_ab.py TREE [TREE ...] [--rounds N]

Each TREE is a checkout of voces (a git worktree); its `builder/` is the one `python -m builder`
runs (it goes first on PYTHONPATH). Each tree builds its own copy of the shipped example. In
every round each tree makes the benchmark's edit and rebuilds, then each tree builds with
`--force`, the trees taking turns, their order reversed every other round. So a change is timed
against the code before it on the same minutes of the machine: this machine's speed drifts by
±15 % from one minute to the next, more than most changes to the build, and two `targets.py`
runs minutes apart cannot tell them apart. Prints each tree's medians (wall and cpu of the edit
and of the cold build) and its edit ÷ cold ratio. Give one tree twice to see the noise that is
left (an A/A run): a difference within it is no difference.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from targets import EDITED_SCENARIO, Sample, edited_scenario, example_copy, run  # noqa: E402


def build(tree: Path, root: Path, *options: str) -> Sample:
    """`python -m builder build ROOT` with TREE's builder first on the path."""
    path = os.pathsep.join([str(tree), *filter(None, [os.environ.get("PYTHONPATH")])])
    return run([sys.executable, "-m", "builder", "build", str(root), *options],
               env={**os.environ, "PYTHONPATH": path})


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("trees", nargs="+", type=Path, help="voces checkouts to compare")
    parser.add_argument("--rounds", type=int, default=8)
    args = parser.parse_args()
    trees = [tree.resolve() for tree in args.trees]
    for tree in trees:
        if not (tree / "builder" / "__init__.py").is_file():
            raise SystemExit(f"{tree}: no builder/ here; give a checkout of voces")
    with tempfile.TemporaryDirectory() as scratch:
        roots = [example_copy(Path(scratch) / f"tree-{n}") for n in range(len(trees))]
        original = (roots[0] / EDITED_SCENARIO).read_text(encoding="utf-8")
        # by position, not by path: a tree given twice (an A/A run) measures the noise
        edits: list[list[Sample]] = [[] for _ in trees]
        colds: list[list[Sample]] = [[] for _ in trees]
        for tree, root in zip(trees, roots, strict=True):  # the manifest the first edit starts from
            build(tree, root, "--force")
        for number in range(args.rounds):
            edited = edited_scenario(original, number)
            # the order turns every round: a build right after another is slower (about 10 %
            # here, measured with one tree given twice), so a fixed order favours the first
            order = list(range(len(trees)))[::1 if number % 2 == 0 else -1]
            for n in order:
                (roots[n] / EDITED_SCENARIO).write_text(edited, encoding="utf-8")
                edits[n].append(build(trees[n], roots[n]))
            for n in order:
                colds[n].append(build(trees[n], roots[n], "--force"))
    print(f"{args.rounds} interleaved rounds, medians")
    print("| tree | edit wall s | edit cpu s | cold wall s | cold cpu s | edit ÷ cold |")
    print("|---|---|---|---|---|---|")
    for n, tree in enumerate(trees):
        edit = statistics.median(s.wall for s in edits[n])
        cold = statistics.median(s.wall for s in colds[n])
        edit_cpu = statistics.median(s.cpu for s in edits[n])
        cold_cpu = statistics.median(s.cpu for s in colds[n])
        print(f"| {n + 1}. {tree} | {edit:.3f} | {edit_cpu:.2f} | {cold:.3f} | {cold_cpu:.2f} | "
              f"{edit / cold:.3f} |")


if __name__ == "__main__":
    main()

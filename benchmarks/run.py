"""Speed of `voces check` and `voces build` on a curriculum (default: the shipped example).

Run: python benchmarks/run.py [PATH] [--runs N]. Prints the median and spread of each step,
measured in one process, one run after another, so ratios between steps are comparable.
Machines here are shared and noisy: compare medians from the same run, never across runs.
Every build is `force=True`, a cold build; benchmarks/targets.py measures incremental builds and
the issue-10 targets.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from builder.build import BuildRequest, build
from builder.checks import check_curriculum
from builder.formats import FORMATS


def measure(step: Callable[[], object], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("path", nargs="?", default=".", type=Path)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    curriculum, findings = check_curriculum(args.path)
    assert curriculum is not None, "the curriculum has errors; run voces check"
    rows: list[tuple[str, list[float]]] = [
        ("check (load + every rule)", measure(lambda: check_curriculum(args.path), args.runs))]
    with tempfile.TemporaryDirectory() as scratch:
        for kind in FORMATS:
            request = BuildRequest(
                out=Path(scratch) / kind, languages=curriculum.languages,
                modules=[m.id for m in curriculum.modules], kinds=[kind], force=True)
            rows.append((f"build --only {kind}", measure(lambda r=request: build(curriculum, r),
                                                         args.runs)))
        every = BuildRequest(out=Path(scratch) / "all", languages=curriculum.languages,
                             modules=[m.id for m in curriculum.modules], kinds=list(FORMATS),
                             force=True)
        rows.append(("build (every kind)", measure(lambda: build(curriculum, every), args.runs)))
    base = statistics.median(rows[0][1])
    print(f"{len(curriculum.modules)} modules x {len(curriculum.languages)} languages, "
          f"{args.runs} runs each")
    print(f"{'step':32} {'median s':>9} {'min s':>7} {'max s':>7} {'x check':>8}")
    for name, times in rows:
        median = statistics.median(times)
        print(f"{name:32} {median:9.3f} {min(times):7.3f} {max(times):7.3f} {median / base:8.1f}")


if __name__ == "__main__":
    main()

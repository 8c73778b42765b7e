"""How long `voces check` takes to answer each realistic broken input (tests/broken_inputs.py).

Run: python benchmarks/broken_inputs.py [--runs N]. Each input is checked in a new process, as
an editor would run it; prints the median over inputs and the slowest input's median.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from broken_inputs import BROKEN  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    medians: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as scratch:
        for number, (name, (mutate, _)) in enumerate(BROKEN.items()):
            root = Path(scratch) / f"c{number}"
            shutil.copytree(REPO / "tests/fixtures/minimal", root)
            mutate(root)
            times = []
            for _ in range(args.runs):
                start = time.perf_counter()
                subprocess.run([sys.executable, "-m", "builder", "check", str(root)],
                               capture_output=True, cwd=REPO, check=False)
                times.append(time.perf_counter() - start)
            medians[name] = statistics.median(times)
    slowest = max(medians, key=medians.__getitem__)
    print(f"{len(medians)} broken inputs, {args.runs} runs each, one process per run")
    print(f"median over inputs: {statistics.median(medians.values()):.3f} s")
    print(f"slowest input: {slowest!r} at {medians[slowest]:.3f} s")


if __name__ == "__main__":
    main()

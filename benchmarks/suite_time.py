"""Wall time of the README's test command against the suite at the start of issue 11, in one run.

Run: python benchmarks/suite_time.py [--base ccee068] [--style] [PYTEST_ARGS...]

Checks the base commit out into a temporary git worktree beside this repository (so that its
tests find ../shared as they expect), runs its test command there (`python -m pytest`, which
then imported the base's own `builder`: `python -m` puts the worktree first on sys.path), then
runs this tree's README test command, and prints both wall times, the tests each ran and the
ratio. Both runs get a fresh pytest cache, so each installs its npm packages afresh.

With --style, this tree's time also counts the ruff, mypy and wheel steps of .ci/run, which the
base ran as tests. PYTEST_ARGS (e.g. `-k readme`) go to both runs: for trying the script out on a
subset; the issue's measure is the whole suite on an otherwise idle machine (the machines here
are shared: compare numbers from one run only).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
STYLE_STEPS = [
    ["-m", "ruff", "check", "builder", "tests", "benchmarks", "tools"],
    ["-m", "mypy", "builder"],
    ["tools/check_wheel.py"],
]


def timed(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, str, int]:
    start = time.perf_counter()
    process = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True,
                             check=False)
    return time.perf_counter() - start, process.stdout + process.stderr, process.returncode


def summary(output: str) -> str:
    """pytest's closing line (`786 passed in 590.1s`), or the last line when there is none."""
    lines = [line.strip("= ") for line in output.splitlines() if line.strip()]
    closing = [line for line in lines if re.search(r"\d+ (passed|failed|error)", line)]
    return (closing or lines or ["(no output)"])[-1]


def run_suite(name: str, cwd: Path, pytest_args: list[str], scratch: Path) -> float:
    env = {**os.environ,
           "PYTEST_ADDOPTS": f"-o cache_dir={scratch / (name + '-cache')}"}
    seconds, output, status = timed([sys.executable, "-m", "pytest", *pytest_args], cwd, env)
    (scratch / f"suite-time-{name}.log").write_text(output, encoding="utf-8")
    print(f"{name:8} {seconds:8.1f} s  exit {status}  {summary(output)}", flush=True)
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="ccee068", help="the commit to compare against")
    parser.add_argument("--style", action="store_true",
                        help="count .ci/run's ruff, mypy and wheel steps in this tree's time")
    options, pytest_args = parser.parse_known_args()
    scratch = Path(tempfile.mkdtemp(prefix="voces-suite-time-"))
    base = Path(tempfile.mkdtemp(prefix=".voces-suite-time-base-", dir=REPO.parent))
    subprocess.run(["git", "-C", str(REPO), "worktree", "add", "--detach", "-q", str(base),
                    options.base], check=True)
    try:
        print(f"logs in {scratch}/suite-time-*.log", flush=True)
        before = run_suite("base", base, pytest_args, scratch)
        after = run_suite("current", REPO, pytest_args, scratch)
        if options.style:
            for step in STYLE_STEPS:
                seconds, output, status = timed([sys.executable, *step], REPO, dict(os.environ))
                print(f"{'step':8} {seconds:8.1f} s  exit {status}  {' '.join(step)}")
                after += seconds
        print(f"ratio    {after / before:8.2f}  (current ÷ base; the issue asks ≤ 0.60)")
    finally:
        subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force", str(base)],
                       check=False)
        subprocess.run(["git", "-C", str(REPO), "worktree", "prune"], check=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""House style, as the tools in pyproject.toml see it: ruff clean, mypy clean."""

from __future__ import annotations

import subprocess
import sys

from conftest import REPO


def run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *command], capture_output=True, text=True,
                          cwd=REPO, timeout=600)


def test_ruff_finds_nothing():
    process = run("ruff", "check", "builder", "tests", "benchmarks", "tools")
    assert process.returncode == 0, process.stdout + process.stderr


def test_mypy_finds_nothing_in_the_package():
    process = run("mypy", "builder")
    assert process.returncode == 0, process.stdout + process.stderr

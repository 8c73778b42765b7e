"""The build's speed against its targets (issue 10), measured in one run, as medians and ratios.

Run: python benchmarks/targets.py [--runs N] [--pdf] [--synthetic 15,60,200]

Every step runs as its own process (`python -m builder ...`, as a user runs it), so wall time,
cpu time (the process and its workers) and peak memory (of the largest process) come from the
operating system (`os.wait4`). Steps of one round run one after another, rounds are repeated,
and each figure is the median of its rounds, so ratios within one run are comparable; machines
here are shared, so never compare figures across runs.

What it compares:
- decks and guides against pandoc writing the same files from markdown (the same slide titles,
  bullets and notes, the same paragraphs; pandoc on as many processes at once as voces uses),
  and against the bare floor: python-pptx and python-docx writing those slides and paragraphs
  and nothing else (`benchmarks/floor.py`, one process);
- the full build against the floor writing every pptx and docx;
- a rebuild with nothing changed, and one after editing a scenario of one module, against
  `voces check` and the cold build;
- `voces check` against `python -c "import yaml, pydantic"`;
- what an edit's builder process imports, as one fresh process, against the cold build;
- `--pdf` on every core against `--pdf --jobs 1` (with `--pdf`);
- synthetic curricula (the example's modules cloned): wall, cpu and peak memory.

Rows needing pandoc or LibreOffice are skipped, saying so, when the tool is absent.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BENCHMARKS = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCHMARKS))

from floor_texts import extract_texts, write_markdown  # noqa: E402

EDITED_SCENARIO = "scenarios/forensic-examination.yaml"
"""A scenario on the agenda of one of the example's three modules."""


def example_copy(target: Path) -> Path:
    """The shipped example curriculum, without the builder, its tests or an output folder."""
    shutil.copytree(REPO, target, ignore=shutil.ignore_patterns(
        "output", ".*", "builder", "tests", "benchmarks", "tools", "*.egg-info", "docs"))
    return target


def edited_scenario(original: str, number: int) -> str:
    """EDITED_SCENARIO with its summary changed in both languages, differently for each
    `number`."""
    return original.replace("and support.", f"and support ({number}).").replace(
        "acompañamiento.", f"acompañamiento ({number}).")


@dataclass(frozen=True)
class Sample:
    wall: float
    cpu: float
    peak_mb: float


def run(command: list[str], cwd: Path | None = None,
        env: dict[str, str] | None = None) -> Sample:
    """Run one command to its end; its wall time, cpu time and peak memory."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, env=env)
    assert process.stderr is not None
    said = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{said.decode(errors='replace')}")
    return Sample(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


EDIT_IMPORTS = ("import builder.build, builder.checks; from builder.formats import FORMATS; "
                "[FORMATS[kind].load() for kind in ('deck', 'guide', 'notice')]; "
                "import os; os._exit(0)")
"""The modules the builder process of an edit of one scenario imports (python -X importtime),
ended as voces ends, without Python's teardown (cli._leave)."""


def voces(*arguments: str | Path) -> list[str]:
    return [sys.executable, "-m", "builder", *map(str, arguments)]


def run_all(commands: list[list[str]]) -> Sample:
    """Several commands, as many at once as there are cores (how pandoc would be driven)."""
    start = time.perf_counter()
    cpu = 0.0
    peak = 0.0
    pending = list(commands)
    running: list[subprocess.Popen[bytes]] = []
    cores = len(os.sched_getaffinity(0))
    while pending or running:
        while pending and len(running) < cores:
            running.append(subprocess.Popen(pending.pop(0), stdout=subprocess.DEVNULL))
        pid, status, usage = os.wait4(-1, 0)
        cpu += usage.ru_utime + usage.ru_stime
        peak = max(peak, usage.ru_maxrss / 1024)
        running = [p for p in running if p.pid != pid]
        if os.waitstatus_to_exitcode(status) != 0:
            raise SystemExit("pandoc failed")
    return Sample(time.perf_counter() - start, cpu, peak)


def synthetic(root: Path, modules: int, target: Path) -> Path:
    """The example with its modules cloned until there are `modules` of them."""
    shutil.copytree(root, target, ignore=shutil.ignore_patterns("output", ".*"))
    originals = sorted((target / "modules").glob("*.yaml"))
    texts = [path.read_text(encoding="utf-8") for path in originals]
    ids = [path.stem for path in originals]
    for number in range(len(originals), modules):
        source = number % len(originals)
        clone = f"{ids[source]}-{number}"
        (target / "modules" / f"{clone}.yaml").write_text(
            texts[source].replace(f"id: {ids[source]}", f"id: {clone}", 1), encoding="utf-8")
    return target


def progress(name: str, sample: Sample) -> None:
    """Each measurement as it is taken (on stderr), so a long run shows where it is."""
    print(f"{name}: wall {sample.wall:.2f} s, cpu {sample.cpu:.2f} s, peak {sample.peak_mb:.0f} MB",
          file=sys.stderr, flush=True)


def median(samples: list[Sample], field: str) -> float:
    return statistics.median(getattr(sample, field) for sample in samples)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pdf", action="store_true", help="also time --pdf (slow)")
    parser.add_argument("--synthetic", default="15,60,200",
                        help="module counts of the synthetic curricula ('' for none)")
    args = parser.parse_args()
    pandoc = shutil.which("pandoc")
    with tempfile.TemporaryDirectory() as scratch_name:
        scratch = Path(scratch_name)
        example = example_copy(scratch / "example")
        out = example / "output"
        run(voces("build", example, "--force"))
        texts = extract_texts(out)
        markdown = write_markdown(texts, scratch / "markdown")
        floor_json = scratch / "floor.json"
        floor_json.write_text(json.dumps(texts), encoding="utf-8")
        decks_guides = {name: value for name, value in texts.items()
                        if "-deck-" in name or "-guide-" in name}
        decks_guides_json = scratch / "floor-decks-guides.json"
        decks_guides_json.write_text(json.dumps(decks_guides), encoding="utf-8")
        scenario = example / EDITED_SCENARIO
        original = scenario.read_text(encoding="utf-8")
        edits = iter(range(10_000))

        def edit_one_scenario() -> Sample:
            """The summary changed in both languages, differently each round."""
            scenario.write_text(edited_scenario(original, next(edits)), encoding="utf-8")
            return run(voces("build", example))

        steps: dict[str, Callable[[], Sample]] = {
            "import yaml, pydantic": lambda: run([sys.executable, "-c",
                                                  "import yaml, pydantic"]),
            "voces check": lambda: run(voces("check", example)),
            "import what an edit's builder imports": lambda: run([
                sys.executable, "-c", EDIT_IMPORTS]),
            "build (cold, every kind)": lambda: run(voces("build", example, "--force")),
            "build --only deck,guide (cold)": lambda: run(voces(
                "build", example, "--only", "deck,guide", "--force", "--out", scratch / "dg")),
            "build --only deck,guide --jobs 1": lambda: run(voces(
                "build", example, "--only", "deck,guide", "--force", "--jobs", "1",
                "--out", scratch / "dg1")),
            "floor: every pptx and docx": lambda: run([
                sys.executable, str(BENCHMARKS / "floor.py"), str(floor_json),
                str(scratch / "floor")]),
            "floor: decks and guides": lambda: run([
                sys.executable, str(BENCHMARKS / "floor.py"), str(decks_guides_json),
                str(scratch / "floor-dg")]),
            "rebuild, nothing changed": lambda: run(voces("build", example)),
            "rebuild, one scenario edited": edit_one_scenario,
        }
        if pandoc:
            steps["pandoc: decks and guides"] = lambda: run_all([
                [pandoc, str(path), "-o", str(path.with_suffix(""))]
                for path in markdown if "-deck-" in path.name or "-guide-" in path.name])
        if args.pdf and shutil.which("soffice"):
            steps["build --pdf (cold)"] = lambda: run(voces(
                "build", example, "--pdf", "--force", "--out", scratch / "pdf"))
            steps["build --pdf --jobs 1 (cold)"] = lambda: run(voces(
                "build", example, "--pdf", "--force", "--jobs", "1", "--out", scratch / "pdf1"))
        samples: dict[str, list[Sample]] = {name: [] for name in steps}
        for _ in range(args.runs):
            for name, step in steps.items():
                if name == "rebuild, nothing changed":
                    run(voces("build", example))  # settle after the edit step
                samples[name].append(step())
                progress(name, samples[name][-1])
        scenario.write_text(original, encoding="utf-8")
        sizes = [int(n) for n in args.synthetic.split(",") if n.strip()]
        curricula = {}
        for size in sizes:
            root = synthetic(example, size, scratch / f"synthetic-{size}")
            curricula[size] = run(voces("build", root, "--force"))
            progress(f"synthetic, {size} modules", curricula[size])
    report(samples, curricula, pandoc is not None)


def report(samples: dict[str, list[Sample]], curricula: dict[int, Sample],
           have_pandoc: bool) -> None:
    cores = len(os.sched_getaffinity(0))
    print(f"machine: {platform.machine()}, {cores} cores, Python {platform.python_version()}, "
          f"{platform.system()} {platform.release()}; "
          f"{len(next(iter(samples.values())))} rounds")
    print()
    print("| step | median wall s | median cpu s | peak MB |")
    print("|---|---|---|---|")
    for name, taken in samples.items():
        print(f"| {name} | {median(taken, 'wall'):.2f} | {median(taken, 'cpu'):.2f} | "
              f"{max(s.peak_mb for s in taken):.0f} |")
    for size, sample in curricula.items():
        print(f"| synthetic, {size} modules (cold) | {sample.wall:.2f} | {sample.cpu:.2f} | "
              f"{sample.peak_mb:.0f} |")
    wall = {name: median(taken, "wall") for name, taken in samples.items()}

    def ratio(what: str, over: str, target: str, label: str) -> None:
        if what not in wall or over not in wall:
            print(f"| {label} | {target} | skipped: {over if over not in wall else what} "
                  "not measured |")
            return
        print(f"| {label} | {target} | {wall[what] / wall[over]:.2f} |")

    print()
    print("| ratio | target | measured |")
    print("|---|---|---|")
    dg = "build --only deck,guide (cold)"
    if have_pandoc:
        ratio(dg, "pandoc: decks and guides", "≤ 0.8", "`--only deck,guide` ÷ pandoc")
    else:
        print("| `--only deck,guide` ÷ pandoc | ≤ 0.8 | skipped: pandoc is not installed |")
    ratio(dg, "floor: decks and guides", "≤ 1.2", "`--only deck,guide` ÷ floor")
    ratio("build --only deck,guide --jobs 1", "floor: decks and guides", "≤ 1.6",
          "`--only deck,guide --jobs 1` ÷ floor")
    ratio("build (cold, every kind)", "floor: every pptx and docx", "≤ 1.0",
          "full build ÷ floor writing every pptx and docx")
    ratio("rebuild, nothing changed", "voces check", "≤ 1.3", "no-op rebuild ÷ `voces check`")
    ratio("rebuild, one scenario edited", "build (cold, every kind)", "≤ 0.45",
          "one scenario edited ÷ cold build")
    edit_spread(samples, wall, cores)
    edit_floor(wall)
    ratio("voces check", "import yaml, pydantic", "≤ 4",
          "`voces check` ÷ `python -c \"import yaml, pydantic\"`")
    if "build --pdf (cold)" in wall:
        ratio("build --pdf (cold)", "build --pdf --jobs 1 (cold)", "≤ 0.6",
              "`--pdf` on every core ÷ `--pdf --jobs 1`")
    if 200 in curricula:
        big = curricula[200]
        print(f"| 200 modules: cpu ÷ wall | ≥ 1.7 | {big.cpu / big.wall:.2f} |")
        if 60 in curricula:
            print(f"| 200 modules: wall ÷ 60-module wall | ≤ 3.6 | "
                  f"{big.wall / curricula[60].wall:.2f} |")
        print(f"| 200 modules: peak memory | ≤ 300 MB | {big.peak_mb:.0f} MB |")


def edit_floor(wall: dict[str, float]) -> None:
    """What the edit's process that forks the workers must import before its first file (the
    check, the build, the deck, guide and notice writers, the libraries under them), as one
    fresh process, ÷ the cold build: imports in one process run one after another, so no
    arrangement of the processes takes this off the edit's path."""
    edit, cold = "import what an edit's builder imports", "build (cold, every kind)"
    if edit in wall and cold in wall:
        print(f"| {edit} ÷ cold build (part of every edit) | — | "
              f"{wall[edit] / wall[cold]:.2f} |")


def edit_spread(samples: dict[str, list[Sample]], wall: dict[str, float], cores: int) -> None:
    """The least the edit's ratio could be with the same work: its cpu time (every process of
    it) spread evenly over every core from its first instruction to its last, ÷ the cold build.
    An edit starts on one core (the interpreter, yaml and pydantic, the load) before anything
    can run beside it, so its wall time is above this; only less work lowers it."""
    edit, cold = "rebuild, one scenario edited", "build (cold, every kind)"
    if edit in samples and cold in wall:
        spread = median(samples[edit], "cpu") / cores / wall[cold]
        print(f"| one scenario edited, its cpu ÷ {cores} cores ÷ cold build "
              f"(the least the ratio above could be) | — | {spread:.2f} |")


if __name__ == "__main__":
    main()

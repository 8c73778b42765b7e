"""Save → visible: how long after a one-scenario edit is saved the open preview shows it.

Run: python benchmarks/serve_latency.py [PATH] [--runs N] (default: the shipped example). It
copies the curriculum to a scratch folder, serves it with `voces serve` in this process, opens
the first module's deck in Debian's chromium (headless, through chromedriver), then N times
rewrites one scenario's English title and times from the write until the new title is in the
page, without a reload, and until the page no longer says the rules are still running (the
save's findings complete). Each save starts once the previous one is fully checked. Prints the
medians and the spread, and how many previews each save redrew (the build plan keeps the
others); the target is a median of 1 s or less until the edit is visible.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

from selenium import webdriver

from builder.load import load_curriculum
from builder.serve.pages import CHECKING
from builder.serve.server import serve

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("path", nargs="?", default=".", type=Path)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch) / "curriculum"
        shutil.copytree(args.path, root, ignore=shutil.ignore_patterns("output", ".*"))
        curriculum, _ = load_curriculum(root)
        assert curriculum is not None, "the curriculum has errors; run voces check"
        module = curriculum.modules[0]
        scenario = curriculum.scenarios_of(module)[0]
        file = root / curriculum.file_of(scenario)
        original = file.read_text(encoding="utf-8")
        title = scenario.title[curriculum.languages[0]]
        assert original.count(title) >= 1, "the title is written out in the file"

        started: list[object] = []
        threading.Thread(target=serve, args=(root, "127.0.0.1", 0, started.append),
                         daemon=True).start()
        while not started:
            time.sleep(0.01)
        host, port = started[0].server_address[:2]  # type: ignore[attr-defined]
        options = webdriver.ChromeOptions()
        options.binary_location = shutil.which("chromium") or "chromium"
        for flag in [*FLAGS, f"--user-data-dir={Path(scratch) / 'profile'}"]:
            options.add_argument(flag)
        service = webdriver.ChromeService(executable_path=shutil.which("chromedriver"))
        driver = webdriver.Chrome(service=service, options=options)
        try:
            lang = curriculum.languages[0]
            driver.get(f"http://{host}:{port}/{lang}/{module.id}/deck")
            shown, checked, redrawn = [], [], []
            preview = started[0].preview  # type: ignore[attr-defined]
            for run in range(args.runs):
                new_title = f"{title} {run + 1}"
                while not preview.snapshot.checked:  # the previous save is fully taken
                    time.sleep(0.01)
                time.sleep(0.3)
                draws = sum(preview.draws.values())
                start = time.perf_counter()
                file.write_text(original.replace(title, new_title, 1), encoding="utf-8")
                shown.append(_until(driver, start, run, "return document.body.innerText"
                                    ".includes(arguments[0])", new_title))
                checked.append(_until(driver, start, run, "return !document.body.innerText"
                                      ".includes(arguments[0])", CHECKING))
                redrawn.append(sum(preview.draws.values()) - draws)
        finally:
            driver.quit()
    print(f"save → visible in the browser ({scenario.id} title, {module.id} deck, "
          f"{args.runs} runs): median {statistics.median(shown):.3f} s, "
          f"min {min(shown):.3f} s, max {max(shown):.3f} s (target: median ≤ 1 s)")
    print(f"save → findings complete in the page: median {statistics.median(checked):.3f} s, "
          f"min {min(checked):.3f} s, max {max(checked):.3f} s")
    print(f"previews redrawn per save: {sorted(set(redrawn))} (one open page; the build plan "
          "keeps every preview whose job is unchanged)")


def _until(driver: webdriver.Chrome, start: float, run: int, script: str, words: str) -> float:
    """Seconds from `start` until `script` is true in the page."""
    while not driver.execute_script(script, words):
        if time.perf_counter() - start > 30:
            sys.exit(f"run {run + 1}: the page did not change within 30 s")
        time.sleep(0.005)
    return time.perf_counter() - start


if __name__ == "__main__":
    main()

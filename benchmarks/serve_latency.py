"""Save → visible: how long after a one-scenario edit is saved the open preview shows it.

Run: python benchmarks/serve_latency.py [PATH] [--runs N] (default: the shipped example). It
copies the curriculum to a scratch folder, serves it with `voces serve` in this process, opens
the first module's deck in Debian's chromium (headless, through chromedriver), then N times
rewrites one scenario's English title and times from the write until the new title is in the
page, without a reload. Prints the median and the spread; the target is a median of 1 s or less.
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
            times = []
            for run in range(args.runs):
                new_title = f"{title} {run + 1}"
                time.sleep(0.3)  # let the previous save settle
                start = time.perf_counter()
                file.write_text(original.replace(title, new_title, 1), encoding="utf-8")
                while not driver.execute_script(
                        "return document.body.innerText.includes(arguments[0])", new_title):
                    if time.perf_counter() - start > 30:
                        sys.exit(f"run {run + 1}: the edit did not appear within 30 s")
                    time.sleep(0.005)
                times.append(time.perf_counter() - start)
        finally:
            driver.quit()
    print(f"save → visible in the browser ({scenario.id} title, {module.id} deck, "
          f"{args.runs} runs): median {statistics.median(times):.3f} s, "
          f"min {min(times):.3f} s, max {max(times):.3f} s (target: median ≤ 1 s)")


if __name__ == "__main__":
    main()

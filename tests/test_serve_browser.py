"""`voces serve` in a real browser: Debian's chromium, driven offline through chromedriver."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from serve_helpers import running_preview

pytestmark = pytest.mark.office  # every test here starts a real client

CHROMIUM, DRIVER = shutil.which("chromium"), shutil.which("chromedriver")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--window-size=1200,900"]


@pytest.fixture
def browser(tmp_path: Path):
    if CHROMIUM is None or DRIVER is None:
        pytest.skip("Debian's chromium and chromium-driver are needed (apt-get install "
                    "chromium chromium-driver)")
    webdriver = pytest.importorskip("selenium.webdriver")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in [*FLAGS, f"--user-data-dir={tmp_path / 'chromium-profile'}"]:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=webdriver.ChromeService(executable_path=DRIVER),
                              options=options)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


def _shows(driver, words: str) -> bool:
    """Whether the page shows `words` now (asked in the page: the body is replaced on a save)."""
    return bool(driver.execute_script(
        "return document.body.innerText.includes(arguments[0])", words))


def _text(driver, selector: str) -> str | None:
    """The text of the first element matching `selector`, read in the page in one step: a save
    is taken in two (the pages, then the findings), so the body may be replaced between a
    lookup and a read."""
    return driver.execute_script(
        "var found = document.querySelector(arguments[0]);"
        "return found ? found.innerText : null;", selector)


def _wait(driver, condition, seconds: float = 20.0):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, seconds, poll_frequency=0.05).until(condition)


def test_the_page_follows_each_save_without_a_reload(make_curriculum, browser):
    root = make_curriculum()
    module, scenario = root / "modules/mod-a.yaml", root / "scenarios/case-a.yaml"
    good = scenario.read_text(encoding="utf-8")
    with running_preview(root) as server:
        host, port = server.server_address[:2]
        browser.get(f"http://{host}:{port}/en/mod-a/deck")
        assert _text(browser, '[data-number="1"] .title') == "Module A"
        browser.execute_script("window.notReloaded = true")

        scenario.write_text(good.replace("{en: The examination,", "{en: The night call,"),
                            encoding="utf-8")
        _wait(browser, lambda d: _shows(d, "The night call"))
        assert browser.execute_script("return window.notReloaded") is True

        scenario.write_text(good.replace("duration: 30", "duration: [30"), encoding="utf-8")
        _wait(browser, lambda d: _shows(d, "cannot be drawn"))
        shown = _wait(browser, lambda d: _text(d, ".broken .findings")).strip()
        assert shown == ("scenarios/case-a.yaml:4:11 error: the '[' opened here is never closed; "
                         "close it with ']' on the same line, or write the items on lines of "
                         "their own [yaml.syntax]")

        scenario.write_text(good, encoding="utf-8")
        _wait(browser, lambda d: _shows(d, "The examination"))
        assert _wait(browser, lambda d: _text(d, '[data-number="1"] .title')) == "Module A"
        assert "The examination" in _wait(browser, lambda d: _text(d, "main"))
        assert browser.execute_script("return window.notReloaded") is True
        assert module.is_file()

"""Browser tests: headless Debian chromium driven by Playwright against pytest-django's live
server. Playwright never downloads a browser here; the system chromium is used, and without it the
suite is skipped (or fails, when TRIDAYA_REQUIRE_ALL_SUITES=1 as in CI)."""

import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

# Playwright's sync API keeps an asyncio event loop running in the main thread, which makes
# Django refuse ORM calls from test code ("You cannot call this from an async context").
# The tests are plain synchronous code, so the check is a false alarm here.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
# Belt and braces: nothing in this suite may fetch a browser build.
os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")

E2E_DIR = Path(__file__).resolve().parent

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE_VIEWPORT = {"width": 360, "height": 780}


def pytest_collection_modifyitems(config, items):
    """Every test under e2e/ is a browser test, whether or not its module says so."""
    for item in items:
        if E2E_DIR in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.browser)


def _chromium_path() -> str:
    return os.environ.get("TRIDAYA_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser() -> Iterator:
    executable = _chromium_path()
    if not (os.path.isfile(executable) and os.access(executable, os.X_OK)):
        message = f"chromium not found at {executable} (set TRIDAYA_CHROMIUM or install chromium)"
        if os.environ.get("TRIDAYA_REQUIRE_ALL_SUITES") == "1":
            pytest.fail(f"{message}; browser suite required (TRIDAYA_REQUIRE_ALL_SUITES=1)")
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()
    finally:
        playwright.stop()


class BrowserLog:
    """What the page reported: uncaught JavaScript errors, console errors, and the requests to
    other hosts that were blocked (map tiles)."""

    def __init__(self) -> None:
        self.page_errors: list[str] = []
        self.console_errors: list[tuple[str, str]] = []  # (message, url of its source)
        self.blocked: list[str] = []

    def unexpected(self) -> list[str]:
        """Every error except the failed loads of blocked off-site resources (tiles)."""
        blocked = set(self.blocked)
        errors = [f"page error: {e}" for e in self.page_errors]
        errors += [f"console error: {m} ({u})" for m, u in self.console_errors if u not in blocked]
        return errors

    def __str__(self) -> str:
        return "\n".join(self.unexpected()) or "(no unexpected browser errors)"


@pytest.fixture
def browser_log() -> BrowserLog:
    return BrowserLog()


@pytest.fixture
def page(browser, live_server, browser_log) -> Iterator:
    """A fresh phone-sized tab (360x780). Requests to any host other than the live server (map
    tiles) are aborted, so the tests behave the same with or without network."""
    context = browser.new_context(viewport=PHONE_VIEWPORT, locale="id-ID")
    context.set_default_timeout(10_000)
    own_origin = urlsplit(live_server.url).netloc

    def only_live_server(route):
        if urlsplit(route.request.url).netloc == own_origin:
            route.continue_()
        else:
            browser_log.blocked.append(route.request.url)
            route.abort()

    context.route("**/*", only_live_server)
    page = context.new_page()
    page.on("pageerror", lambda exc: browser_log.page_errors.append(str(exc)))

    def on_console(message):
        if message.type == "error":
            browser_log.console_errors.append((message.text, message.location.get("url", "")))

    page.on("console", on_console)
    try:
        yield page
    finally:
        context.close()


@pytest.fixture
def demo_data(transactional_db) -> None:
    """The demo villages as `make run` seeds them: the region tree for Bajur and Terong Tawah,
    their profiles and RW/RT boundaries, and the demo users (all with DEMO_PASSWORD)."""
    from tridaya.accounts import demo as accounts_demo
    from tridaya.regions import demo as regions_demo
    from tridaya.regions.tests.factories import region

    for code in regions_demo.DEMO_VILLAGES:
        region(code)
    regions_demo.seed(lambda _message: None)
    accounts_demo.seed(lambda _message: None)

"""The dev stack the browser test drives (tests/dev_stack.py): the api jar started as ./dev starts it, on
the real Temporal server of the Temporal CLI, on free ports, with a temporary data directory; SIGTERM at
the end, and nothing it started is left running.

Settings (tests/ui/run.sh sets them):
  STYLESHEPHERD_TEMPORAL_CLI  the Temporal CLI binary (required)
  UI_TEST_JAVA                the java binary (default: $JAVA_HOME/bin/java)
  UI_TEST_JAR                 the dev launcher jar (default: devstack/target/style-shepherd-dev.jar)
  UI_TEST_CHROMIUM            the chromium binary (default: /usr/bin/chromium)
  UI_TEST_SCREENSHOTS         where the screenshots go (default: docs/images)
  UI_TEST_OUT                 the stack's log and failure screenshots (default: target/ui-test)
"""

import os
import sys
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import dev_stack as stack  # noqa: E402  (tests/dev_stack.py: the launcher the contract check shares)

ROOT = stack.ROOT

stack.terminate_on_sigterm()


@pytest.fixture(scope="session")
def out_dir():
    out = stack.path_setting("UI_TEST_OUT", ROOT / "target" / "ui-test")
    out.mkdir(parents=True, exist_ok=True)
    return out


@pytest.fixture(scope="session")
def screenshots():
    directory = stack.path_setting("UI_TEST_SCREENSHOTS", ROOT / "docs" / "images")
    directory.mkdir(parents=True, exist_ok=True)
    return directory


@pytest.fixture(scope="session")
def dev_stack(out_dir):
    cli = os.environ.get("STYLESHEPHERD_TEMPORAL_CLI")
    assert cli and os.access(cli, os.X_OK), "STYLESHEPHERD_TEMPORAL_CLI must name the Temporal CLI (tests/ui/run.sh)"
    jar = stack.path_setting("UI_TEST_JAR", ROOT / "devstack" / "target" / "style-shepherd-dev.jar")
    java = stack.path_setting("UI_TEST_JAVA", Path(os.environ.get("JAVA_HOME", "/usr")) / "bin" / "java")
    # A declined checkout waits this long for another card, then is CANCELLED (default 30 min).
    with stack.started(cli, java, jar, out_dir / "dev-stack.log",
                       env={"STYLESHEPHERD_CHECKOUT_PAYMENT_RETRY_WINDOW": "5s"}) as started:
        yield started


@pytest.fixture(scope="session")
def browser():
    chromium = os.environ.get("UI_TEST_CHROMIUM", "/usr/bin/chromium")
    with sync_playwright() as playwright:
        # Debian's chromium, never Playwright's own download. --no-sandbox: CI runs as root.
        browser = playwright.chromium.launch(executable_path=chromium, headless=True, args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture
def page(browser, out_dir, request):
    context = browser.new_context(viewport={"width": 1440, "height": 900}, timezone_id="UTC")
    context.set_default_timeout(20_000)
    page = context.new_page()
    yield page
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        page.screenshot(path=str(out_dir / f"failed-{request.node.name}.png"))
    context.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, "rep_" + report.when, report)
    return report


"""The dev stack the browser test drives: the api jar started as ./dev starts it, on the real Temporal
server of the Temporal CLI, on free ports, with a temporary data directory; SIGTERM at the end, and
nothing it started is left running.

Settings (tests/ui/run.sh sets them):
  STYLESHEPHERD_TEMPORAL_CLI  the Temporal CLI binary (required)
  UI_TEST_JAVA                the java binary (default: $JAVA_HOME/bin/java)
  UI_TEST_JAR                 the dev launcher jar (default: devstack/target/style-shepherd-dev.jar)
  UI_TEST_CHROMIUM            the chromium binary (default: /usr/bin/chromium)
  UI_TEST_SCREENSHOTS         where the screenshots go (default: docs/images)
  UI_TEST_OUT                 the stack's log and failure screenshots (default: target/ui-test)
"""

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[2]
BANNER = re.compile(r"Style Shepherd dev stack ready: api (http://\S+) \| Temporal (\S+) \(([^)]*)\)")
UI_URL = re.compile(r"dev server, UI (http://\S+)")
START_PATIENCE_S = 150
STOP_PATIENCE_S = 60


def _terminate_on_sigterm(signum, frame):
    # `timeout` (run.sh) sends SIGTERM: turn it into an interrupt, so the fixtures' teardown stops the stack.
    raise KeyboardInterrupt(f"signal {signum}")


signal.signal(signal.SIGTERM, _terminate_on_sigterm)


def _path_setting(name, default):
    return Path(os.environ.get(name) or default)


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _java_major(java):
    out = subprocess.run([str(java), "-XshowSettings:properties", "-version"], capture_output=True, text=True).stderr
    found = re.search(r"java\.specification\.version = (\d+)", out)
    return int(found.group(1)) if found else 0


def _children_by_parent():
    parents = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        pid = int(stat.parent.name)
        # comm may contain spaces and parentheses: the fields after the last ')' are fixed.
        ppid = int(text[text.rindex(")") + 2:].split()[1])
        parents.setdefault(ppid, []).append(pid)
    return parents


def _descendants(pid):
    parents = _children_by_parent()
    found, todo = [], [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def _alive(pid):
    try:
        state = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return state[state.rindex(")") + 2] != "Z"


def _command_line(pid):
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
    except OSError:
        return "?"


def _tail(log, lines=60):
    try:
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
    except OSError as e:
        return f"(no log: {e})"


class DevStack:
    def __init__(self, api, temporal, ui, data, log):
        self.api = api
        self.temporal = temporal
        self.ui = ui
        self.data = data
        self.log = log

    def request(self, method, path, body=None, token=None, headers=None):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.api + path, data=data, method=method)
        request.add_header("Accept", "application/json")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        if token:
            request.add_header("Authorization", "Bearer " + token)
        for name, value in (headers or {}).items():
            request.add_header(name, value)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                text = response.read().decode()
                return response.status, json.loads(text) if text else None
        except urllib.error.HTTPError as e:
            text = e.read().decode(errors="replace")
            raise AssertionError(f"{method} {path} answered {e.code}: {text}") from None

    def token(self, user_id, roles):
        return self.request("POST", "/api/dev/token", {"userId": user_id, "roles": roles})[1]["accessToken"]


@pytest.fixture(scope="session")
def out_dir():
    out = _path_setting("UI_TEST_OUT", ROOT / "target" / "ui-test")
    out.mkdir(parents=True, exist_ok=True)
    return out


@pytest.fixture(scope="session")
def screenshots():
    directory = _path_setting("UI_TEST_SCREENSHOTS", ROOT / "docs" / "images")
    directory.mkdir(parents=True, exist_ok=True)
    return directory


@pytest.fixture(scope="session")
def dev_stack(out_dir):
    cli = os.environ.get("STYLESHEPHERD_TEMPORAL_CLI")
    assert cli and os.access(cli, os.X_OK), "STYLESHEPHERD_TEMPORAL_CLI must name the Temporal CLI (tests/ui/run.sh)"
    jar = _path_setting("UI_TEST_JAR", ROOT / "devstack" / "target" / "style-shepherd-dev.jar")
    assert jar.is_file(), f"{jar} is missing: build it first (./mvnw -DskipTests package)"
    java = _path_setting("UI_TEST_JAVA", Path(os.environ.get("JAVA_HOME", "/usr")) / "bin" / "java")
    data = Path(tempfile.mkdtemp(prefix="style-shepherd-ui-test-"))
    log = out_dir / "dev-stack.log"
    port = _free_port()

    env = {k: v for k, v in os.environ.items()
           # The embedded servers, not whatever external ones this shell points at.
           if k not in ("TEMPORAL_ADDRESS", "TEMPORAL_NAMESPACE", "DATASOURCES_DEFAULT_URL", "REDIS_URI")}
    env.update({
        "MICRONAUT_ENVIRONMENTS": "dev",
        "MICRONAUT_SERVER_PORT": str(port),
        "DEV_TEMPORAL_PORT": "0",
        "DEV_TEMPORAL_UI_PORT": "0",
        "STYLESHEPHERD_DEV_DATA": str(data),
        "STYLESHEPHERD_TEMPORAL_CLI": cli,
        # A declined checkout waits this long for another card, then is CANCELLED (default 30 min).
        "STYLESHEPHERD_CHECKOUT_PAYMENT_RETRY_WINDOW": "5s",
    })
    command = [str(java), "--enable-native-access=ALL-UNNAMED"]
    if _java_major(java) >= 23:
        command.append("--sun-misc-unsafe-memory-access=allow")
    command += [
        # None of these is needed to see checkouts in the UI, and each would keep the two cores busy.
        "-Dstyleshepherd.models.training.train-on-start=false",
        "-Dstyleshepherd.embedding.embed-on-start=false",
        "-Dstyleshepherd.speech.local.warm-up=false",
        "-jar", str(jar),
    ]
    started = time.monotonic()
    with open(log, "wb") as log_file:
        app = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log_file, stderr=subprocess.STDOUT,
                               stdin=subprocess.DEVNULL)
    servers = {}
    try:
        banner = None
        deadline = time.monotonic() + START_PATIENCE_S
        while banner is None:
            if app.poll() is not None:
                raise AssertionError(f"the dev stack exited {app.returncode}:\n{_tail(log)}")
            if time.monotonic() > deadline:
                raise AssertionError(f"no startup line after {START_PATIENCE_S} s:\n{_tail(log)}")
            banner = BANNER.search(log.read_text(errors="replace"))
            if banner is None:
                time.sleep(0.5)
        ui = UI_URL.search(banner.group(3))
        assert ui, f"the dev stack does not run the Temporal dev server (no UI): {banner.group(0)}"
        print(f"\ndev stack ready in {time.monotonic() - started:.1f} s: {banner.group(0)}")
        # What it started, to check at the end that all of it is gone: its descendants (the Temporal dev
        # server, its watchdog, Redis) and PostgreSQL, which pg_ctl detaches (found by its pid file).
        for pid in _descendants(app.pid):
            servers[pid] = _command_line(pid)
        postmaster = data / "postgres" / "postmaster.pid"
        if postmaster.is_file():
            pid = int(postmaster.read_text().split()[0])
            servers[pid] = _command_line(pid)
        yield DevStack(banner.group(1), banner.group(2), ui.group(1), data, log)
    finally:
        _stop(app, servers, log)
        shutil.rmtree(data, ignore_errors=True)


def _stop(app, servers, log):
    if app.poll() is None:
        app.send_signal(signal.SIGTERM)
        try:
            app.wait(STOP_PATIENCE_S)
        except subprocess.TimeoutExpired:
            app.kill()
            app.wait()
            raise AssertionError(f"the dev stack did not stop within {STOP_PATIENCE_S} s of SIGTERM:\n{_tail(log)}")
    # Children are reaped an instant after their parent exits; PostgreSQL stops on its own schedule.
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in servers) and time.monotonic() < deadline:
        time.sleep(0.2)
    left = {pid: command for pid, command in servers.items() if _alive(pid) and _command_line(pid) == command}
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert not left, f"still running after the dev stack stopped (now killed): {left}\n{_tail(log)}"
    print(f"\ndev stack stopped (exit {app.returncode}); none of its {len(servers)} servers left running")


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


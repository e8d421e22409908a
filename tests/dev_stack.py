"""The dev stack for the tests under tests/: the dev launcher jar started as ./dev starts it, on the real
Temporal server of the Temporal CLI, on free ports, with a temporary data directory; SIGTERM at the end, and
nothing it started is left running. Used by the Temporal UI browser test (tests/ui/conftest.py) and the
contract check (tests/contract/contract.py).

    with dev_stack.started(cli, java, jar, log, env={...}) as stack:
        token = stack.token("ada", ["shopper"])
        status, body = stack.request("GET", "/api/me/profile", token=token)
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
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BANNER = re.compile(r"Style Shepherd dev stack ready: api (http://\S+) \| Temporal (\S+) \(([^)]*)\)")
UI_URL = re.compile(r"dev server, UI (http://\S+)")
START_PATIENCE_S = 150
STOP_PATIENCE_S = 60


def terminate_on_sigterm():
    """`timeout` sends SIGTERM: turn it into an interrupt, so that the stack is stopped on the way out."""
    def interrupt(signum, frame):
        raise KeyboardInterrupt(f"signal {signum}")

    signal.signal(signal.SIGTERM, interrupt)


def path_setting(name, default):
    return Path(os.environ.get(name) or default)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def java_major(java):
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


def tail(log, lines=60):
    try:
        return "\n".join(log.read_text(errors="replace").splitlines()[-lines:])
    except OSError as e:
        return f"(no log: {e})"


class DevStack:
    """A started dev stack: its api's base URL, the Temporal address and UI, its data directory and log."""

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
        """An access token from the dev stack's token endpoint (POST /api/dev/token)."""
        return self.request("POST", "/api/dev/token", {"userId": user_id, "roles": roles})[1]["accessToken"]


@contextmanager
def started(cli, java, jar, log, env=None, properties=None):
    """Starts the jar and yields a DevStack once its startup line is logged; stops it (and checks that every
    server it started is gone) on the way out.

    cli: the Temporal CLI binary; java: the java binary; jar: the dev launcher jar; log: the stack's log file;
    env: more environment variables; properties: more -D system properties (name -> value).
    """
    assert cli and os.access(cli, os.X_OK), f"the Temporal CLI is not executable: {cli}"
    assert Path(jar).is_file(), f"{jar} is missing: build it first (./mvnw -DskipTests package)"
    data = Path(tempfile.mkdtemp(prefix="style-shepherd-test-stack-"))
    port = free_port()

    stack_env = {k: v for k, v in os.environ.items()
                 # The embedded servers, not whatever external ones this shell points at.
                 if k not in ("TEMPORAL_ADDRESS", "TEMPORAL_NAMESPACE", "DATASOURCES_DEFAULT_URL", "REDIS_URI")}
    stack_env.update({
        "MICRONAUT_ENVIRONMENTS": "dev",
        "MICRONAUT_SERVER_PORT": str(port),
        "DEV_TEMPORAL_PORT": "0",
        "DEV_TEMPORAL_UI_PORT": "0",
        "STYLESHEPHERD_DEV_DATA": str(data),
        "STYLESHEPHERD_TEMPORAL_CLI": str(cli),
    })
    stack_env.update(env or {})
    command = [str(java), "--enable-native-access=ALL-UNNAMED"]
    if java_major(java) >= 23:
        command.append("--sun-misc-unsafe-memory-access=allow")
    command += [f"-D{name}={value}" for name, value in {
        # None of these is needed by the tests, and each would keep the two cores busy.
        "styleshepherd.models.training.train-on-start": "false",
        "styleshepherd.embedding.embed-on-start": "false",
        "styleshepherd.speech.local.warm-up": "false",
        **(properties or {}),
    }.items()]
    command += ["-jar", str(jar)]
    started_at = time.monotonic()
    with open(log, "wb") as log_file:
        app = subprocess.Popen(command, cwd=ROOT, env=stack_env, stdout=log_file, stderr=subprocess.STDOUT,
                               stdin=subprocess.DEVNULL)
    servers = {}
    try:
        banner = None
        deadline = time.monotonic() + START_PATIENCE_S
        while banner is None:
            if app.poll() is not None:
                raise AssertionError(f"the dev stack exited {app.returncode}:\n{tail(log)}")
            if time.monotonic() > deadline:
                raise AssertionError(f"no startup line after {START_PATIENCE_S} s:\n{tail(log)}")
            banner = BANNER.search(log.read_text(errors="replace"))
            if banner is None:
                time.sleep(0.5)
        ui = UI_URL.search(banner.group(3))
        assert ui, f"the dev stack does not run the Temporal dev server (no UI): {banner.group(0)}"
        print(f"\ndev stack ready in {time.monotonic() - started_at:.1f} s: {banner.group(0)}", flush=True)
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
            raise AssertionError(f"the dev stack did not stop within {STOP_PATIENCE_S} s of SIGTERM:\n{tail(log)}")
    # Children are reaped an instant after their parent exits; PostgreSQL stops on its own schedule.
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in servers) and time.monotonic() < deadline:
        time.sleep(0.2)
    left = {pid: command for pid, command in servers.items() if _alive(pid) and _command_line(pid) == command}
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert not left, f"still running after the dev stack stopped (now killed): {left}\n{tail(log)}"
    print(f"\ndev stack stopped (exit {app.returncode}); none of its {len(servers)} servers left running", flush=True)

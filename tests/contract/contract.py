"""The contract check's live part (tests/contract/run.sh runs it after the lint and the typed client's
compilation): starts the dev stack once (tests/dev_stack.py), then
  1. runs the typed TypeScript client's test (clients/typescript) against it, as a shopper and as ops;
  2. fuzzes every documented operation with Schemathesis (tests/contract/schemathesis.toml: a shopper's token,
     ops' on /api/ops/**), bounded by examples per operation and a time limit.
Exits non-zero when either fails.

    python3 tests/contract/contract.py            # both steps
    python3 tests/contract/contract.py --no-fuzz  # the client's test only
    python3 tests/contract/contract.py --serve    # only start the stack and print its URL and tokens

Settings (run.sh sets them): STYLESHEPHERD_TEMPORAL_CLI (required), CONTRACT_JAVA, CONTRACT_JAR, CONTRACT_OUT
(the stack's log and Schemathesis' reports; default target/contract), CONTRACT_MAX_EXAMPLES (per operation,
default 25), CONTRACT_MAX_TIME_S (Schemathesis' time limit, default 150), CONTRACT_SEED.
"""

import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import dev_stack as stack  # noqa: E402  (tests/dev_stack.py)

ROOT = stack.ROOT
HERE = Path(__file__).resolve().parent
CLIENT = ROOT / "clients" / "typescript"
SPEC = "/swagger/style-shepherd-0.1.yml"
SHOPPER = "contract-shopper"
OPS = "contract-ops"


def main(argv):
    stack.terminate_on_sigterm()
    out = stack.path_setting("CONTRACT_OUT", ROOT / "target" / "contract")
    out.mkdir(parents=True, exist_ok=True)
    cli = os.environ.get("STYLESHEPHERD_TEMPORAL_CLI")
    jar = stack.path_setting("CONTRACT_JAR", ROOT / "devstack" / "target" / "style-shepherd-dev.jar")
    java = stack.path_setting("CONTRACT_JAVA", Path(os.environ.get("JAVA_HOME", "/usr")) / "bin" / "java")
    env = {
        # The fuzzer sends a few thousand requests a minute: the limits stay on, far above that.
        "STYLESHEPHERD_RATE_LIMIT_PER_USER": "1000000",
        "STYLESHEPHERD_RATE_LIMIT_PER_IP": "1000000",
    }
    with stack.started(cli, java, jar, out / "dev-stack.log", env=env) as dev:
        shopper = dev.token(SHOPPER, ["shopper"])
        ops = dev.token(OPS, ["ops"])
        if "--serve" in argv:
            print(f"api {dev.api}\nspec {dev.api}{SPEC}\nshopper token {shopper}\nops token {ops}\n"
                  "Ctrl-C stops the stack", flush=True)
            while True:
                time.sleep(3600)
        failures = []
        if client_test(dev, shopper, ops) != 0:
            failures.append("the typed client's test")
        if "--no-fuzz" not in argv and fuzz(dev, shopper, ops, out) != 0:
            failures.append(f"Schemathesis (reports in {out})")
    if failures:
        print("FAILED: " + "; ".join(failures), file=sys.stderr)
        return 1
    print("API contract check passed: the typed client's test" + ("" if "--no-fuzz" in argv else " and Schemathesis"))
    return 0


def client_test(dev, shopper, ops):
    print("\n== The typed client (openapi-typescript + openapi-fetch) against the dev stack", flush=True)
    env = dict(os.environ, CONTRACT_API=dev.api, CONTRACT_SHOPPER_TOKEN=shopper, CONTRACT_OPS_TOKEN=ops)
    return subprocess.run(["node", "--test", "dist/test/"], cwd=CLIENT, env=env).returncode


def fuzz(dev, shopper, ops, out):
    print("\n== Schemathesis on the served OpenAPI document", flush=True)
    env = dict(os.environ, CONTRACT_SHOPPER_TOKEN=shopper, CONTRACT_OPS_TOKEN=ops)
    command = [
        sys.executable, "-m", "schemathesis.cli", "--config-file", str(HERE / "schemathesis.toml"), "run",
        dev.api + SPEC, "--url", dev.api,
        "--max-examples", os.environ.get("CONTRACT_MAX_EXAMPLES", "25"),
        "--max-time", os.environ.get("CONTRACT_MAX_TIME_S", "150"),
        "--report", "junit,ndjson", "--report-dir", str(out / "schemathesis"),
    ]
    if os.environ.get("CONTRACT_SEED"):
        command += ["--seed", os.environ["CONTRACT_SEED"]]
    # Schemathesis and Hypothesis keep their caches (.schemathesis/, .hypothesis/) in the working directory.
    return subprocess.run(command, cwd=out, env=env).returncode


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except KeyboardInterrupt:
        sys.exit(130)

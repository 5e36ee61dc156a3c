"""The bad-input corpus (Tests/Fixtures/bad/, described by expected.json): every malformed script,
import file (CSV, JSON, NDJSON), campaign spec, config file and other file wps reads (--steps,
open, --prospect) gives exit 2 and an error naming the file, line (and column where the format
has one) and what is wrong — and the sandbox's request log shows that nothing was sent."""
import json
import os
import re
import shutil
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import ROOT, Sandbox

BAD = ROOT / "Tests" / "Fixtures" / "bad"
MANIFEST = json.loads((BAD / "expected.json").read_text())
KEY = "bad-input-corpus-key"
# Formats whose errors carry a column as well as a line.
WITH_COLUMN = {"scripts", "specs", "config", "files"}


class LoggedSandbox:
    """A `wps sandbox --log` process whose request log is read as it is written. `requests_since`
    sends a probe request and waits until the log shows it: the sandbox logs a request before it
    answers it, and wps waits for its answers, so every request wps sent is logged before the probe."""

    def __init__(self, wps):
        self.box = Sandbox(wps, "--no-rate-limit", "--log")
        self.probes = 0

    @property
    def lines(self) -> list[str]:
        """Every complete line the sandbox wrote to stderr so far (the banner first)."""
        return self.box.stderr.complete_lines()

    @property
    def url(self):
        return self.box.url

    def requests_since(self, mark: int) -> tuple[list[str], int]:
        """The request lines logged after line `mark` (the probe left out), and the new mark."""
        self.probes += 1
        path = f"/bad-input-probe/{self.probes}"
        try:
            urllib.request.urlopen(f"{self.url}{path}", timeout=30)
        except urllib.error.HTTPError:
            pass  # an unknown path: 404, logged like any request
        window = self.box.stderr.wait_for(
            lambda lines: lines if any(line.startswith(f"GET {path} ") for line in lines) else None,
            f"the sandbox to log the probe {path}", start=mark)
        end = mark + next(i for i, line in enumerate(window) if line.startswith(f"GET {path} ")) + 1
        # `METHOD PATH STATUS`, without the server's processing time (`app;dur=MS`).
        requests = [re.sub(r" app;dur=\S+$", "", line) for line in window[:end - 1 - mark]
                    if re.match(r"^[A-Z]+ /", line)]
        return requests, end

    def stop(self):
        self.box.stop()


@pytest.fixture(scope="module")
def world(wps, tmp_path_factory):
    """One logging sandbox; wps's default profile (and a Saleshandy profile `sh`) point at it."""
    home = tmp_path_factory.mktemp("bad-input")
    box = LoggedSandbox(wps)
    config = home / "config" / "wps" / "config.yaml"
    config.parent.mkdir(parents=True)
    config.write_text(
        "default: sb\nprofiles:\n"
        f"  sb: {{ provider: woodpecker, base_url: '{box.url}/rest/v2', api_key_env: BAD_INPUT_KEY }}\n"
        f"  sh: {{ provider: saleshandy, base_url: '{box.url}/v1', api_key_env: BAD_INPUT_KEY }}\n")
    config.chmod(0o600)
    env = {k: v for k, v in os.environ.items() if not k.endswith("_API_KEY") and k not in ("WPS_CONFIG", "WPS_PROFILE")}
    env.update({"HOME": str(home), "XDG_CONFIG_HOME": str(home / "config"), "XDG_STATE_HOME": str(home / "state"), "BAD_INPUT_KEY": KEY})
    work = home / "work"
    work.mkdir()
    world = {"box": box, "env": env, "home": home, "work": work, "mark": len(box.lines)}
    yield world
    box.stop()


def run_case(wps, world, name: str, spec: dict):
    """Runs one corpus file as its manifest entry says; returns (process, the path wps was given)."""
    source = BAD / name
    env = dict(world["env"])
    path = source
    if name.startswith("config/"):
        # A config must be private to be read at all (git checks files out 0644), and points at the sandbox.
        path = world["home"] / "configs" / name.replace("/", "-")
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(source.read_bytes().replace(b"__SANDBOX__", world["box"].url.encode()))
        path.chmod(0o600)
        env["WPS_CONFIG"] = str(path)
    args = [arg.replace("{file}", str(path)) for arg in spec["run"]]
    out = subprocess.run([str(wps), "--output", "json", *args], cwd=world["work"], env=env,
                         capture_output=True, timeout=120)
    return out, path


@pytest.mark.parametrize("name", sorted(MANIFEST))
def test_bad_input_is_located_exits_2_and_sends_nothing(wps, world, name):
    spec = MANIFEST[name]
    out, path = run_case(wps, world, name, spec)
    stderr = out.stderr.decode("utf-8", "replace")
    stdout = out.stdout.decode("utf-8", "replace")
    assert out.returncode == 2, f"exit {out.returncode}\n{stderr}"
    assert stdout == "", stdout
    where = spec["where"].replace("{file}", str(path))
    assert where in stderr, f"expected {where!r} in:\n{stderr}"
    assert spec["message"] in stderr, f"expected {spec['message']!r} in:\n{stderr}"
    located = rf"{re.escape(str(path))}:\d+:\d+" if name.split("/")[0] in WITH_COLUMN else rf"{re.escape(str(path))}:\d+"
    assert re.search(located, stderr), f"no {located} in:\n{stderr}"
    assert "Traceback" not in stderr and "Fatal error" not in stderr
    if "secret" in spec:
        assert spec["secret"] not in stdout + stderr
    requests, world["mark"] = world["box"].requests_since(world["mark"])
    assert requests == [], f"{name} sent {requests}"


def test_the_request_log_sees_what_wps_sends(wps, world):
    """The control for the check above: a command that does send shows up in the same window."""
    out = subprocess.run([str(wps), "--output", "json", "-c", "campaign list | count"], cwd=world["work"], env=world["env"],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    requests, world["mark"] = world["box"].requests_since(world["mark"])
    assert requests == ["GET /rest/v2/campaigns 200"]


def test_the_manifest_covers_every_file_and_there_are_at_least_50():
    files = sorted(str(p.relative_to(BAD)) for p in BAD.rglob("*") if p.is_file() and p.name != "expected.json")
    assert sorted(MANIFEST) == files
    assert len(files) >= 50
    kinds = {}
    for name in files:
        kinds[name.split("/")[0]] = kinds.get(name.split("/")[0], 0) + 1
    assert set(kinds) == {"scripts", "csv", "json", "ndjson", "specs", "config", "files"}
    for name, spec in MANIFEST.items():
        assert spec["where"].startswith("{file}:"), name
        assert spec["message"], name
        assert any("{file}" in arg for arg in spec["run"]) or name.startswith("config/"), name

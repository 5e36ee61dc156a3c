"""Shared fixtures for the end-to-end tests: the built wps binary and a live sandbox."""
import os
import re
import socket
import subprocess
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def wps_binary() -> Path:
    """The debug binary `swift build` made (scripts/test builds it first); WPS_BIN overrides."""
    override = os.environ.get("WPS_BIN")
    if override:
        return Path(override)
    out = subprocess.run(["swift", "build", "--show-bin-path"], cwd=ROOT, capture_output=True, text=True, check=True)
    return Path(out.stdout.strip()) / "wps"


@pytest.fixture(scope="session")
def wps() -> Path:
    path = wps_binary()
    assert path.exists(), f"{path} not built: run swift build first"
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Sandbox:
    """A `wps sandbox` process on a free loopback port."""

    def __init__(self, wps: Path, *args: str):
        self.port = free_port()
        self.scheme = "https" if "--tls-cert" in args else "http"
        self.process = subprocess.Popen(
            [str(wps), "sandbox", "--port", str(self.port), *args],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.time() + 30
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("sandbox exited: " + self.process.stderr.read())
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("sandbox did not start")

    @property
    def url(self) -> str:
        return f"{self.scheme}://127.0.0.1:{self.port}"

    def stop(self) -> str:
        self.process.terminate()
        try:
            _, err = self.process.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            _, err = self.process.communicate()
        return err


@pytest.fixture
def sandbox(wps):
    box = Sandbox(wps, "--no-rate-limit")
    yield box
    box.stop()


def profile_environment(tmp_path: Path, box, key: str, ca_file: str | None = None) -> dict:
    """An environment whose default profile is Woodpecker on `box` (a Sandbox, or a base URL) with
    `key` (from an env variable) and an optional `ca_file`, config and state under `tmp_path`, and
    no *_API_KEY of the caller's."""
    base_url = box if isinstance(box, str) else box.url
    config = tmp_path / "config" / "wps" / "config.yaml"
    config.parent.mkdir(parents=True, exist_ok=True)
    extra = f", ca_file: '{ca_file}'" if ca_file else ""
    config.write_text(
        "default: sb\nprofiles:\n"
        f"  sb: {{ provider: woodpecker, base_url: '{base_url}/rest/v2', api_key_env: SANDBOX_KEY{extra} }}\n")
    config.chmod(0o600)
    env = {k: v for k, v in os.environ.items() if not k.endswith("_API_KEY")}
    env.update({"XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_STATE_HOME": str(tmp_path / "state"), "SANDBOX_KEY": key})
    return env

import json
"""Shared fixtures for the end-to-end tests: the built wps binary and a live sandbox."""
import os
import re
import socket
import subprocess
import threading
import time
from contextlib import contextmanager
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


# How long any wait below may take before it fails: a safety net only. Every wait ends as soon as
# its condition holds, so a loaded machine makes the tests slower, never wrong.
DEADLINE = 120.0


def wait_until(condition, what: str, timeout: float = DEADLINE, interval: float = 0.05):
    """Calls `condition` until it returns something truthy, and returns that. After `timeout`
    seconds fails with "timed out … waiting for WHAT" (and the last value, when it says more)."""
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            detail = "" if result in (None, False) else f" (last: {result!r})"
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}{detail}")
        time.sleep(interval)


def wait_for_file_text(path: Path, condition, what: str, timeout: float = DEADLINE) -> str:
    """Reads the file at `path` (absent counts as empty) until `condition(text)` holds; returns the
    text. For logs and journals another process appends to: never read once and assume."""
    def current():
        try:
            text = path.read_text(errors="replace")
        except FileNotFoundError:
            return None
        return text if condition(text) else None
    try:
        return wait_until(current, what, timeout)
    except AssertionError as error:
        shown = path.read_text(errors="replace")[-2000:] if path.exists() else "(no such file)"
        raise AssertionError(f"{error}; {path} holds: {shown!r}") from None


class StreamLines:
    """The lines a child process writes to a pipe, read on a thread as they come so the child never
    blocks on a full pipe. `wait_for` waits until a complete line (newline included) shows what the
    test needs: a line half-written when the test looks is not there yet."""

    def __init__(self, stream, name: str):
        self.name = name
        self.lines: list[str] = []
        self.closed = False
        self.condition = threading.Condition()
        self.thread = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self.thread.start()

    def _read(self, stream):
        try:
            for line in stream:
                with self.condition:
                    self.lines.append(line)
                    self.condition.notify_all()
        finally:
            with self.condition:
                self.closed = True
                self.condition.notify_all()

    def text(self) -> str:
        with self.condition:
            return "".join(self.lines)

    def complete_lines(self, start: int = 0) -> list[str]:
        """The lines read so far from index `start` on that are complete, without their newlines."""
        with self.condition:
            return [line.rstrip("\n") for line in self.lines[start:] if line.endswith("\n")]

    def wait_for(self, found, what: str, start: int = 0, timeout: float = DEADLINE):
        """Waits until `found(lines)` (the complete lines from index `start` on, without their
        newlines) returns something truthy, and returns it. Fails with a clear message, showing what
        was read, when the stream closes without it or after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        with self.condition:
            while True:
                result = found(self.complete_lines(start))
                if result:
                    return result
                if self.closed:
                    raise AssertionError(f"{self.name} closed before {what}; it wrote: {''.join(self.lines)[-3000:]!r}")
                left = deadline - time.monotonic()
                if left <= 0:
                    so_far = "".join(self.lines)[-3000:]
                    raise AssertionError(
                        f"timed out after {timeout:.0f} s waiting for {what}; {self.name} so far: {so_far!r}")
                self.condition.wait(left)

    def join(self, timeout: float = DEADLINE):
        self.thread.join(timeout)


def line_starting(prefix: str):
    """For `StreamLines.wait_for`: the first line starting with `prefix`."""
    return lambda lines: next((line for line in lines if line.startswith(prefix)), None)


class Sandbox:
    """A `wps sandbox` process on a port of its own choosing (`--port 0`, so no other process can
    take it between choosing and binding), ready when its start-up banner is complete: the banner is
    written after the port is bound, and its last line (`  rate limit: …`) ends it. Its stderr (the
    banner, warnings and the `--log` request lines) is read as it comes (`self.stderr`)."""

    BANNER = re.compile(r"^wps sandbox listening on (https?)://[^ ]*:(\d+)$")

    def __init__(self, wps: Path, *args: str):
        self.process = subprocess.Popen(
            [str(wps), "sandbox", "--port", "0", *args],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        self.stderr = StreamLines(self.process.stderr, "the sandbox's stderr")
        try:
            self.stderr.wait_for(line_starting("  rate limit: "), "the sandbox's start-up banner")
        except AssertionError as error:
            self.stop()
            raise RuntimeError(f"sandbox did not start: {error}") from None
        listening = self.stderr.wait_for(lambda lines: next(filter(None, map(self.BANNER.match, lines)), None),
                                         "the 'listening on' line")
        self.scheme = listening.group(1)
        self.port = int(listening.group(2))
        self.banner_end = len(self.stderr.complete_lines())
        self.log_position = self.banner_end

    @property
    def url(self) -> str:
        return f"{self.scheme}://127.0.0.1:{self.port}"

    def wait_for_log(self, found, what: str, start: int | None = None):
        """Waits until the lines the sandbox wrote after its banner (or after line `start`) satisfy
        `found`; returns what `found` returned."""
        return self.stderr.wait_for(found, what, self.banner_end if start is None else start)

    def new_log_lines(self) -> list[str]:
        """The complete lines the sandbox wrote to stderr since the last call (or its banner)."""
        lines = self.stderr.complete_lines(self.log_position)
        self.log_position += len(lines)
        return lines

    def stop(self) -> str:
        """Stops the sandbox and returns everything it wrote to stderr."""
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.stderr.join()
        return self.stderr.text()


@contextmanager
def running_sandbox(binary, *args):
    """A `wps sandbox` process for a `with` block; afterwards `box.log` holds what it printed."""
    box = Sandbox(binary, *args)
    try:
        yield box
    finally:
        box.log = box.stop()


def run_wps_json(binary, env, *args, timeout=900):
    """`wps --output json ARGS` in `env`, its output captured."""
    return subprocess.run([str(binary), "--output", "json", *args], capture_output=True, text=True, env=env,
                          timeout=timeout)


def json_runner(binary, env):
    """A function that runs `wps --output json -c SCRIPT` in `env`, asserts it succeeded and
    returns its output read as JSON (None when it printed nothing)."""
    def wps_run(script):
        out = run_wps_json(binary, env, "-c", script, timeout=300)
        assert out.returncode == 0, out.stderr
        return json.loads(out.stdout) if out.stdout.strip() else None
    return wps_run


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


def write_example_files(folder: Path, spec: str):
    """The files `help`'s examples name (pw.txt, first.html, followup.html, boxes.csv, q4.yaml with
    `spec`, leads.csv, microsoft.csv), as a new user's folder would hold them. (examples/boxes.csv
    has rows that fail on purpose; help's examples mean a file that connects.)"""
    (folder / "pw.txt").write_text("example-password\n")
    (folder / "first.html").write_text("<p>Hi {{FIRST_NAME}}</p>")
    (folder / "followup.html").write_text("<p>Following up</p>")
    (folder / "boxes.csv").write_text("email,password,host,port,imap_host,imap_port\n" + "".join(
        f"h{i}@example.com,pw-{i},smtp.example.com,465,imap.example.com,993\n" for i in range(3)))
    (folder / "q4.yaml").write_text(spec)
    (folder / "leads.csv").write_bytes(b"\xef\xbb\xbfEmail,First Name,Company\r\n" + b"".join(
        f"lead{i}@acme.com,Lead {i},Acme\r\n".encode() for i in range(3)))
    (folder / "microsoft.csv").write_text("mailbox_email,display_name\nann@contoso.com,Ann\nbob@contoso.com,Bob\n")


def free_udp_port() -> int:
    """A port free on 127.0.0.1 for both UDP and TCP (a DNS server takes both)."""
    while True:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as udp:
            udp.bind(("127.0.0.1", 0))
            port = udp.getsockname()[1]
            with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as tcp:
                try:
                    tcp.bind(("127.0.0.1", port))
                except OSError:
                    continue
                return port


def dns_answers(port: int, name: str = "wps-ready.test") -> bool:
    """Whether a DNS server on 127.0.0.1:port answers a query (any answer, even NXDOMAIN)."""
    query = b"\x12\x34\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00" + b"".join(
        bytes([len(label)]) + label.encode() for label in name.split(".")) + b"\x00\x00\x01\x00\x01"
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.settimeout(0.2)
        try:
            s.sendto(query, ("127.0.0.1", port))
            return s.recv(512)[:2] == b"\x12\x34"
        except OSError:
            return False


@contextmanager
def dnsmasq(*records: str, zones=("test",)):
    """dnsmasq on 127.0.0.1 at a free port, answering only from `records` (`--mx-host=…`,
    `--txt-record=…`, `--cname=…`, `--host-record=…`) for names under `zones` (others: REFUSED).
    Yields `127.0.0.1:PORT`, once the server answers."""
    import getpass
    import shutil
    # Debian puts it in /usr/sbin, which a user's PATH may not have.
    binary = shutil.which("dnsmasq") or "/usr/sbin/dnsmasq"
    # A port free when chosen may be taken before dnsmasq binds it (another test's connection):
    # then another port, a few times.
    for attempt in range(5):
        port = free_udp_port()
        args = [binary, "--keep-in-foreground", "--no-resolv", "--no-hosts", "--conf-file=/dev/null", "--pid-file",
                f"--port={port}", "--listen-address=127.0.0.1", "--bind-interfaces", f"--user={getpass.getuser()}",
                *[f"--local=/{zone}/" for zone in zones], *records]
        process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        wait_until(lambda: process.poll() is not None or dns_answers(port), "dnsmasq to answer")
        if process.poll() is None:
            break
        output = process.stdout.read() if process.stdout else ""
        assert "Address already in use" in output and attempt < 4, f"dnsmasq exited: {output}"
    try:
        yield f"127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=DEADLINE)

"""wps against a misbehaving server (`wps sandbox --faults stall…|malformed…`): a stalled answer
hits --timeout and the command fails cleanly (exit 1, the endpoint and the timeout named); a 200
whose body is not JSON fails with exit 1 naming the endpoint and showing the start of the body."""
import os
import subprocess
from pathlib import Path

import pytest

from conftest import Sandbox, profile_environment

KEY = "faults-e2e-key"


def environment(tmp_path: Path, box: Sandbox) -> dict:
    return profile_environment(tmp_path, box, KEY)


def run(wps, env, *args):
    return subprocess.run([str(wps), "--output", "json", *args], capture_output=True, text=True, env=env, timeout=120)


@pytest.fixture
def stalling(wps):
    box = Sandbox(wps, "--no-rate-limit", "--faults", "stall@60:1")
    yield box
    box.stop()


def test_a_stalled_get_times_out_after_its_retries_and_fails_cleanly(wps, stalling, tmp_path):
    out = run(wps, environment(tmp_path, stalling), "--timeout", "500ms", "-c", "campaign show 12")
    assert out.returncode == 1, out.stderr
    assert "GET campaigns/12: no answer within 500ms (timeout) (after 6 attempts)" in out.stderr
    assert "Fatal error" not in out.stderr and out.stdout == ""
    assert KEY not in out.stderr


def test_a_stalled_post_is_not_resent_and_says_the_outcome_is_unknown(wps, stalling, tmp_path):
    out = run(wps, environment(tmp_path, stalling), "--timeout", "1s", "-c", "campaign pause 12")
    assert out.returncode == 1, out.stderr
    assert "POST campaigns/12/pause: no answer within 1s (timeout); the server may or may not have acted" in out.stderr
    assert "retrying" not in out.stderr.lower()


def test_timeout_must_be_a_positive_duration(wps, tmp_path):
    for bad in ["0s", "soon", "-1s", "10", "0.0001s", "nans", "infs"]:
        out = subprocess.run([str(wps), f"--timeout={bad}", "-c", "print 1"], capture_output=True, text=True, timeout=60)
        assert out.returncode == 2, bad
        assert "--timeout must be a positive duration" in out.stderr


def test_a_malformed_json_answer_fails_naming_the_endpoint(wps, tmp_path):
    box = Sandbox(wps, "--no-rate-limit", "--faults", "malformed:1")
    try:
        out = run(wps, environment(tmp_path, box), "-c", "campaign show 12")
    finally:
        box.stop()
    assert out.returncode == 1, out.stderr
    assert 'GET campaigns/12: answered 200 with a body that is not valid JSON: "{\\"id\\": 1, \\"status\\": <html>' in out.stderr
    assert out.stdout == ""


def test_a_refused_connection_reads_as_one_sentence(wps, tmp_path):
    from conftest import free_port
    env = profile_environment(tmp_path, f"http://127.0.0.1:{free_port()}", KEY)
    out = run(wps, env, "-c", "campaign list")
    assert out.returncode == 1
    first = out.stderr.splitlines()[0]
    assert first.startswith("error: GET campaigns: cannot connect to 127.0.0.1:") and "(connection refused)" in first, first
    assert "errno" not in out.stderr and "error set" not in out.stderr

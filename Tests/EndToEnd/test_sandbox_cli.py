"""The built `wps` binary: --version and `wps sandbox` serving both providers over real HTTP."""
import json
import subprocess
import urllib.error
import urllib.request

from conftest import Sandbox, wait_until


def call(url, method="GET", body=None, key="e2e-key", headers=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method)
    if key is not None:
        request.add_header("x-api-key", key)
    request.add_header("content-type", "application/json")
    for name, value in (headers or {}).items():
        request.add_header(name, value)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            raw = response.read()
            return response.status, dict(response.headers), json.loads(raw) if raw else None
    except urllib.error.HTTPError as error:
        raw = error.read()
        return error.code, dict(error.headers), json.loads(raw) if raw else None


MAILBOX = {
    "smtp_email": "ann@example.com", "smtp_password": "pw", "smtp_server": "smtp.example.com", "smtp_port": 465,
    "imap_email": "ann@example.com", "imap_password": "pw", "imap_server": "imap.example.com", "imap_port": 993,
}


def test_version(wps):
    out = subprocess.run([str(wps), "--version"], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "wps 0.1.0"


def test_sandbox_help_lists_every_flag(wps):
    out = subprocess.run([str(wps), "sandbox", "--help"], capture_output=True, text=True, check=True)
    for flag in ["--port", "--host", "--tls-cert", "--tls-key", "--data", "--no-rate-limit", "--latency", "--faults", "--processing-delay"]:
        assert flag in out.stdout


def test_sandbox_rejects_a_bad_fault_plan(wps):
    out = subprocess.run([str(wps), "sandbox", "--port", "0", "--faults", "teapot:2"], capture_output=True, text=True)
    assert out.returncode == 2
    assert "fault" in out.stderr.lower()


def test_sandbox_serves_woodpecker_and_saleshandy(sandbox):
    status, _, body = call(sandbox.url + "/rest/v2/campaigns", key=None)
    assert status == 401 and body["detail"] == "Invalid api key"

    status, _, body = call(sandbox.url + "/rest/v2/mailboxes/manual_connection/bulk", "POST", {"mailboxes": [MAILBOX]})
    assert status == 202
    batch = body["batch_id"]
    def finished():
        status, _, summary = call(f"{sandbox.url}/rest/v2/mailboxes/manual_connection/bulk/{batch}/summary")
        assert status == 200
        return summary if summary["processing_finished"] else None
    summary = wait_until(finished, f"the sandbox to process batch {batch}")
    assert summary["connected_mailboxes_count"] == 1

    status, _, mailboxes = call(sandbox.url + "/rest/v2/mailboxes")
    smtp = [m["id"] for m in mailboxes if m["type"] == "SMTP"]
    assert len(smtp) == 1

    status, _, _ = call(f"{sandbox.url}/rest/v2/mailboxes/manual_connection/bulk/{batch}/summary", key="other-key")
    assert status == 404

    status, _, body = call(sandbox.url + "/v1/email-accounts/connect", "POST", [{
        "emailServiceProvider": "gsuite", "fromFirstName": "John", "smtpEmailAddress": "john@example.com",
        "smtpPassword": "pw", "smtpHost": "smtp.gmail.com", "smtpPort": 465, "smtpEncryption": "ssl",
        "imapEmailAddress": "john@example.com", "imapPassword": "pw", "imapHost": "imap.gmail.com", "imapPort": 993,
        "imapEncryption": "ssl"}])
    assert status == 200 and body["payload"]["requestId"]


def test_sandbox_data_survives_a_restart(wps, tmp_path):
    data = tmp_path / "state.sqlite"
    first = Sandbox(wps, "--no-rate-limit", "--data", str(data))
    try:
        status, _, body = call(first.url + "/rest/v2/mailboxes/manual_connection/bulk", "POST", {"mailboxes": [MAILBOX]})
        assert status == 202
        batch = body["batch_id"]
    finally:
        first.stop()
    second = Sandbox(wps, "--no-rate-limit", "--data", str(data))
    try:
        status, _, summary = call(f"{second.url}/rest/v2/mailboxes/manual_connection/bulk/{batch}/summary")
        assert status == 200 and summary["batch_size"] == 1
    finally:
        second.stop()


def test_sandbox_reports_a_taken_port(wps, sandbox):
    out = subprocess.run([str(wps), "sandbox", "--port", str(sandbox.port)], capture_output=True, text=True, timeout=20)
    assert out.returncode == 1
    assert "already in use" in out.stderr and str(sandbox.port) in out.stderr


def test_sandbox_log_never_shows_the_key(wps):
    box = Sandbox(wps, "--no-rate-limit", "--log")
    try:
        call(box.url + "/rest/v2/campaigns", key="very-secret-key-123")
    finally:
        err = box.stop()
    assert "GET /rest/v2/campaigns 200 app;dur=" in err  # with the server's processing time
    assert "very-secret-key-123" not in err


def test_the_sandbox_tour_example_runs(sandbox):
    from conftest import ROOT
    out = subprocess.run([str(ROOT / "examples" / "sandbox-tour.sh"), sandbox.url], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert '"failed_mailboxes":[{' in out.stdout and "cannot resolve host smtp.bad.invalid" in out.stdout
    assert "run: HTTP 200" in out.stdout
    assert "NOT_EDITABLE_STATUS" in out.stdout
    assert '"status":"RUNNING"' in out.stdout

"""Transport security end to end: `wps sandbox --tls-cert/--tls-key` serves HTTPS with a
certificate made here at test time (openssl CLI), the client verifies it by default, trusts a
CA given with --ca-file (or a profile's ca_file), refuses an untrusted certificate with one clear
line and exit 1, and the sandbox listens on loopback unless told otherwise."""
import json
import os
import shutil
import socket
import ssl
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import Sandbox, free_port, profile_environment, wait_until

KEY = "tls-e2e-key-Secret-4471"

pytestmark = pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl command")


def openssl(*args, cwd):
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True)


def make_ca(directory: Path, name: str):
    openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", f"{name}.key", "-out", f"{name}.pem", "-days", "2", "-subj", f"/CN=wps test {name}",
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
            cwd=directory)
    return directory / f"{name}.pem"


def make_server_cert(directory: Path, name: str, ca: str, names: str):
    (directory / f"{name}.ext").write_text(
        f"subjectAltName={names}\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n")
    openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", f"{name}.key", "-out", f"{name}.csr", "-subj", f"/CN={name}", cwd=directory)
    openssl("x509", "-req", "-in", f"{name}.csr", "-CA", f"{ca}.pem", "-CAkey", f"{ca}.key", "-CAcreateserial",
            "-out", f"{name}.pem", "-days", "2", "-extfile", f"{name}.ext", cwd=directory)
    return directory / f"{name}.pem", directory / f"{name}.key"


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    """A CA, a server certificate for 127.0.0.1 and localhost signed by it, an unrelated second CA,
    and a certificate signed by the right CA but for another name. Private keys live only here."""
    d = tmp_path_factory.mktemp("pki")
    ca = make_ca(d, "ca")
    other_ca = make_ca(d, "other-ca")
    cert, key = make_server_cert(d, "server", "ca", "IP:127.0.0.1,DNS:localhost")
    elsewhere_cert, elsewhere_key = make_server_cert(d, "elsewhere", "ca", "DNS:elsewhere.example")
    return {"dir": d, "ca": ca, "other_ca": other_ca, "cert": cert, "key": key, "other_key": d / "other-ca.key",
            "elsewhere_cert": elsewhere_cert, "elsewhere_key": elsewhere_key}


@pytest.fixture(scope="module")
def tls_sandbox(wps, pki):
    box = Sandbox(wps, "--no-rate-limit", "--log", "--tls-cert", str(pki["cert"]), "--tls-key", str(pki["key"]))
    yield box
    box.stop()


def environment(tmp_path: Path, base_url: str, ca_file: str | None = None) -> dict:
    return profile_environment(tmp_path, base_url, KEY, ca_file)


def run_wps(binary, env, *args):
    return subprocess.run([str(binary), "--output", "json", *args], capture_output=True, text=True, env=env, timeout=120)


def https_get(url: str, cafile: Path, key: str = KEY):
    context = ssl.create_default_context(cafile=str(cafile))
    request = urllib.request.Request(url, headers={"x-api-key": key})
    with urllib.request.urlopen(request, context=context, timeout=10) as response:
        return response.status, json.loads(response.read())


def make_campaign(box: Sandbox, cafile: Path, name: str) -> int:
    """Connects a mailbox and creates a campaign over HTTPS (Python's own TLS client)."""
    context = ssl.create_default_context(cafile=str(cafile))

    def call(method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(box.url + path, data=data, method=method,
                                         headers={"x-api-key": KEY, "content-type": "application/json"})
        with urllib.request.urlopen(request, context=context, timeout=10) as response:
            raw = response.read()
            return json.loads(raw) if raw else None

    mailbox = {"smtp_email": "tls@example.com", "smtp_password": "pw", "smtp_server": "smtp.example.com", "smtp_port": 465,
               "imap_email": "tls@example.com", "imap_password": "pw", "imap_server": "imap.example.com", "imap_port": 993}
    batch = call("POST", "/rest/v2/mailboxes/manual_connection/bulk", {"mailboxes": [mailbox]})["batch_id"]
    wait_until(lambda: call("GET", f"/rest/v2/mailboxes/manual_connection/bulk/{batch}/summary")["processing_finished"],
               f"the sandbox to process batch {batch}")
    smtp = [m["id"] for m in call("GET", "/rest/v2/mailboxes") if m["type"] == "SMTP"][0]
    window = {"MONDAY": [{"from": "08:00", "to": "18:00"}]}
    draft = {"name": name, "email_account_ids": [smtp], "settings": {"timezone": "Europe/Berlin", "daily_enroll": 10},
             "steps": {"type": "START", "followup": {"type": "EMAIL", "delivery_time": window,
                                                     "body": {"versions": [{"subject": "Hi", "message": "<p>Hi</p>", "signature": "SENDER", "track_opens": True}]}}}}
    return call("POST", "/rest/v2/campaigns", draft)["id"]


def requests_logged(box: Sandbox) -> list[str]:
    """Lines of the sandbox's --log output since the last call that record a request."""
    return [line for line in box.new_log_lines() if "/rest/" in line or "/v1/" in line]


# --- the sandbox serves TLS ---------------------------------------------------------------------

def test_the_sandbox_serves_https_with_the_given_certificate(tls_sandbox, pki):
    status, campaigns = https_get(tls_sandbox.url + "/rest/v2/campaigns", pki["ca"])
    assert status == 200 and campaigns == []
    # Python's own verification against the CA: the certificate is for 127.0.0.1 and localhost.
    context = ssl.create_default_context(cafile=str(pki["ca"]))
    with socket.create_connection(("127.0.0.1", tls_sandbox.port), timeout=5) as raw:
        with context.wrap_socket(raw, server_hostname="localhost") as tls:
            peer = tls.getpeercert()
    assert ("IP Address", "127.0.0.1") in peer["subjectAltName"]
    # and it refuses against the unrelated CA
    with pytest.raises(urllib.error.URLError) as refused:
        https_get(tls_sandbox.url + "/rest/v2/campaigns", pki["other_ca"])
    assert "CERTIFICATE_VERIFY_FAILED" in str(refused.value)


def test_plain_http_to_the_tls_sandbox_gets_no_answer(tls_sandbox):
    with pytest.raises((urllib.error.URLError, ConnectionError, OSError)):
        urllib.request.urlopen(f"http://127.0.0.1:{tls_sandbox.port}/rest/v2/campaigns", timeout=10)


def test_the_startup_line_says_https(wps, pki):
    box = Sandbox(wps, "--tls-cert", str(pki["cert"]), "--tls-key", str(pki["key"]))
    err = box.stop()
    assert f"wps sandbox listening on https://127.0.0.1:{box.port}" in err
    assert f"Woodpecker: https://127.0.0.1:{box.port}/rest/v2" in err
    assert "warning" not in err  # loopback: nothing to warn about


# --- the client -----------------------------------------------------------------------------------

def test_with_ca_file_commands_work(wps, tls_sandbox, pki, tmp_path):
    campaign = make_campaign(tls_sandbox, pki["ca"], "TLS campaign")
    env = environment(tmp_path, tls_sandbox.url)
    out = run_wps(wps, env, "--ca-file", str(pki["ca"]), "-c", "campaign list")
    assert out.returncode == 0, out.stderr
    assert {"id": campaign, "name": "TLS campaign", "status": "DRAFT"}.items() <= json.loads(out.stdout)[0].items()
    out = run_wps(wps, env, "--ca-file", str(pki["ca"]), "-c", f"campaign get {campaign}")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["name"] == "TLS campaign"


def test_a_profile_ca_file_relative_to_the_config_is_trusted(wps, tls_sandbox, pki, tmp_path):
    env = environment(tmp_path, tls_sandbox.url, ca_file="sandbox-ca.pem")
    shutil.copy(pki["ca"], tmp_path / "config" / "wps" / "sandbox-ca.pem")
    out = run_wps(wps, env, "-c", "campaign list")
    assert out.returncode == 0, out.stderr
    assert isinstance(json.loads(out.stdout), list)


def assert_only_the_next_request_is_logged(wps, box, pki, env):
    """Sends one trusted request and checks it is the only one the sandbox logged since the last
    drain: a request that got through earlier would have been logged before it."""
    out = run_wps(wps, env, "--ca-file", str(pki["ca"]), "-c", "mailbox list")
    assert out.returncode == 0, out.stderr
    # wps had its answer, so the request is logged (the sandbox logs before it answers); wait
    # until the line has been read.
    box.wait_for_log(lambda lines: any(line.startswith("GET /rest/v2/mailboxes ") for line in lines),
                     "the sandbox to log GET /rest/v2/mailboxes", start=box.log_position)
    logged = requests_logged(box)
    assert [line.split()[:2] for line in logged] == [["GET", "/rest/v2/mailboxes"]]


def test_without_ca_file_the_certificate_is_refused_in_one_clear_line(wps, tls_sandbox, pki, tmp_path):
    requests_logged(tls_sandbox)  # drain
    env = environment(tmp_path, tls_sandbox.url)
    out = run_wps(wps, env, "-c", "campaign list")
    assert out.returncode == 1
    assert out.stdout == ""
    assert (f"TLS: the certificate of 127.0.0.1:{tls_sandbox.port} is not trusted (certificate verify failed); "
            "pass --ca-file with the CA that signed it") in out.stderr
    assert "attempt" not in out.stderr  # refused at once, not retried
    assert KEY not in out.stderr
    # nothing reached the server: the handshake failed before any request was sent (a trusted
    # request afterwards is logged alone)
    assert_only_the_next_request_is_logged(wps, tls_sandbox, pki, env)


def test_with_the_wrong_ca_the_certificate_is_refused(wps, tls_sandbox, pki, tmp_path):
    requests_logged(tls_sandbox)
    env = environment(tmp_path, tls_sandbox.url)
    out = run_wps(wps, env, "--ca-file", str(pki["other_ca"]), "-c", "campaign list")
    assert out.returncode == 1
    assert f"TLS: the certificate of 127.0.0.1:{tls_sandbox.port} is not trusted" in out.stderr
    assert "neither the system's roots nor the --ca-file trust it" in out.stderr
    assert KEY not in out.stderr + out.stdout
    assert_only_the_next_request_is_logged(wps, tls_sandbox, pki, env)


def test_a_certificate_for_another_name_is_refused(wps, pki, tmp_path):
    box = Sandbox(wps, "--tls-cert", str(pki["elsewhere_cert"]), "--tls-key", str(pki["elsewhere_key"]))
    try:
        env = environment(tmp_path, box.url)
        out = run_wps(wps, env, "--ca-file", str(pki["ca"]), "-c", "campaign list")
    finally:
        box.stop()
    assert out.returncode == 1
    assert f"wps: TLS: the certificate of 127.0.0.1:{box.port} is not issued for 127.0.0.1" in out.stderr
    assert KEY not in out.stderr


def test_https_to_a_plain_http_sandbox_says_it_does_not_speak_tls(wps, sandbox, tmp_path):
    env = environment(tmp_path, sandbox.url.replace("http://", "https://"))
    out = run_wps(wps, env, "-c", "campaign list")
    assert out.returncode == 1
    assert f"TLS: 127.0.0.1:{sandbox.port} does not speak TLS" in out.stderr


@pytest.mark.parametrize("kind", ["missing", "directory", "not-pem"])
def test_an_unusable_ca_file_is_a_usage_error_naming_it(wps, tls_sandbox, tmp_path, kind):
    path = {"missing": tmp_path / "nope.pem", "directory": tmp_path, "not-pem": tmp_path / "junk.pem"}[kind]
    if kind == "not-pem":
        path.write_text("not a certificate\n")
    env = environment(tmp_path, tls_sandbox.url)
    out = run_wps(wps, env, "--ca-file", str(path), "-c", "campaign list")
    assert out.returncode == 2
    assert f"CA file {path}" in out.stderr
    assert {"missing": "no such file", "directory": "cannot read it", "not-pem": "no PEM certificate"}[kind] in out.stderr


# --- sandbox flag errors ------------------------------------------------------------------------

@pytest.mark.parametrize("case", ["cert-only", "key-only", "missing-cert", "missing-key", "not-pem", "wrong-key"])
def test_sandbox_tls_flag_errors_exit_2_with_a_clear_message(wps, pki, tmp_path, case):
    junk = tmp_path / "junk.pem"
    junk.write_text("hello\n")
    cert, key = str(pki["cert"]), str(pki["key"])
    args, expected = {
        "cert-only": (["--tls-cert", cert], "--tls-cert needs --tls-key"),
        "key-only": (["--tls-key", key], "--tls-key needs --tls-cert"),
        "missing-cert": (["--tls-cert", str(tmp_path / "no.pem"), "--tls-key", key], f"TLS certificate {tmp_path / 'no.pem'}: no such file"),
        "missing-key": (["--tls-cert", cert, "--tls-key", str(tmp_path / "no.key")], f"TLS key {tmp_path / 'no.key'}: no such file"),
        "not-pem": (["--tls-cert", str(junk), "--tls-key", key], f"TLS certificate {junk}: not a PEM certificate"),
        "wrong-key": (["--tls-cert", cert, "--tls-key", str(pki["other_key"])],
                      f"the key in {pki['other_key']} does not belong to the certificate in {cert}"),
    }[case]
    out = subprocess.run([str(wps), "sandbox", "--port", str(free_port()), *args], capture_output=True, text=True, timeout=30)
    assert out.returncode == 2
    assert expected in out.stderr


# --- loopback -------------------------------------------------------------------------------------

def listening_addresses(port: int) -> list[str]:
    """The local addresses of listening TCP sockets on `port`, from /proc/net/tcp and tcp6."""
    found = []
    for table in ["/proc/net/tcp", "/proc/net/tcp6"]:
        if not os.path.exists(table):
            continue
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            address, hex_port = fields[1].split(":")
            if int(hex_port, 16) == port and fields[3] == "0A":  # 0A = LISTEN
                if len(address) == 8:
                    found.append(socket.inet_ntop(socket.AF_INET, bytes.fromhex(address)[::-1]))
                else:
                    words = [bytes.fromhex(address[i:i + 8])[::-1] for i in range(0, 32, 8)]
                    found.append(socket.inet_ntop(socket.AF_INET6, b"".join(words)))
    return found


def own_non_loopback_address() -> str | None:
    """An IPv4 address of this machine other than 127.x, if it has one."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("192.0.2.1", 9))  # no packet is sent: this only picks the outgoing interface
            address = s.getsockname()[0]
        except OSError:
            return None
    return None if address.startswith("127.") or address == "0.0.0.0" else address


@pytest.mark.skipif(not os.path.exists("/proc/net/tcp"), reason="needs /proc/net/tcp")
def test_the_sandbox_listens_on_loopback_only_by_default(sandbox):
    assert listening_addresses(sandbox.port) == ["127.0.0.1"]
    other = own_non_loopback_address()
    if other is not None:
        with pytest.raises(ConnectionRefusedError):
            socket.create_connection((other, sandbox.port), timeout=5).close()


def test_a_non_loopback_host_prints_a_warning(wps):
    box = Sandbox(wps, "--host", "0.0.0.0")
    try:
        if os.path.exists("/proc/net/tcp"):
            assert listening_addresses(box.port) == ["0.0.0.0"]
    finally:
        err = box.stop()
    assert "warning: listening on 0.0.0.0, not loopback: the sandbox is reachable from the network and serves plain HTTP" in err


# --- profiles -------------------------------------------------------------------------------------

def test_profile_use_refuses_a_profile_that_needs_another_ca(wps, tls_sandbox, pki, tmp_path):
    env = environment(tmp_path, tls_sandbox.url, ca_file=str(pki["ca"]))
    config = tmp_path / "config" / "wps" / "config.yaml"
    config.write_text(config.read_text() + "  other: { provider: woodpecker, api_key_env: SANDBOX_KEY }\n")
    listed = run_wps(wps, env, "-c", "profile list")
    assert listed.returncode == 0, listed.stderr
    rows = {row["name"]: row for row in json.loads(listed.stdout)}
    assert rows["sb"]["ca_file"] == str(pki["ca"]) and "ca_file" not in rows["other"]
    out = run_wps(wps, env, "-c", "profile use other")
    assert out.returncode == 2
    assert f"profile 'other' trusts only the system's roots, this session the CA in {pki['ca']}" in out.stderr
    # --ca-file applies to every profile, so switching is fine then
    out = run_wps(wps, env, "--ca-file", str(pki["ca"]), "-c", "profile use other")
    assert out.returncode == 0, out.stderr

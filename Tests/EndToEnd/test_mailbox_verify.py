"""`mailbox verify` against real servers on loopback: Dovecot (IMAP, an IMAPS and a STARTTLS
listener) and aiosmtpd (SMTP with AUTH PLAIN/LOGIN, an implicit-TLS and a STARTTLS port), each with
a certificate made here by openssl, users from a file written here. Nothing is mocked at the
protocol level. The passwords are planted: none may reach stdout, stderr or the report."""
import asyncio
import base64
import json
import os
import pwd
import shutil
import socket
import ssl
import subprocess
import threading
import time
from pathlib import Path

import pytest

from conftest import free_port, wait_until
from planted_secrets import encodings, planted

aiosmtpd = pytest.importorskip("aiosmtpd", reason="needs aiosmtpd (scripts/test installs it)")
from aiosmtpd.controller import Controller  # noqa: E402
from aiosmtpd.smtp import AuthResult, LoginPassword  # noqa: E402

pytestmark = pytest.mark.skipif(
    shutil.which("openssl") is None or shutil.which("dovecot") is None,
    reason="needs openssl and dovecot (scripts/test installs dovecot-imapd)")

EMAIL = "ann@example.com"
PASSWORD = planted("mailbox-password")
OTHER_LOGIN = "bob.login"
OTHER_EMAIL = "bob@example.com"
OTHER_PASSWORD = planted("bob-password")


def openssl(*args, cwd):
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    """A CA and a server certificate for localhost and 127.0.0.1 signed by it."""
    d = tmp_path_factory.mktemp("mail-pki")
    openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=wps mail test CA",
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
            cwd=d)
    (d / "server.ext").write_text(
        "subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\n"
        "keyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n")
    openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost", cwd=d)
    openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
            "-out", "server.pem", "-days", "2", "-extfile", "server.ext", cwd=d)
    os.chmod(d, 0o755)
    for name in ("server.pem", "server.key", "ca.pem"):
        os.chmod(d / name, 0o644)
    return {"dir": d, "ca": d / "ca.pem", "cert": d / "server.pem", "key": d / "server.key"}


def port_answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


# Run as root (CI), the auth process runs as root too: the test's files sit under pytest's
# temporary folder, which only its owner may enter.
ROOT_SERVICES = """
service auth {
  user = root
}
service auth-worker {
  user = root
}
"""


@pytest.fixture(scope="module")
def dovecot(tmp_path_factory, pki):
    """Dovecot in the foreground with its own configuration: an IMAPS and a STARTTLS listener."""
    d = tmp_path_factory.mktemp("dovecot")
    os.chmod(d, 0o755)
    imaps, imap = free_port(), free_port()
    users = d / "users"
    users.write_text(f"{EMAIL}:{{PLAIN}}{PASSWORD}\n{OTHER_LOGIN}:{{PLAIN}}{OTHER_PASSWORD}\n")
    root = os.getuid() == 0
    # The mail process may not run as root: as root, it runs as Dovecot's own user.
    me = pwd.getpwnam("dovecot") if root else pwd.getpwuid(os.getuid())
    config = d / "dovecot.conf"
    config.write_text(f"""
protocols = imap
listen = 127.0.0.1
base_dir = {d}/run
state_dir = {d}/state
log_path = {d}/dovecot.log
ssl = yes
ssl_cert = <{pki['cert']}
ssl_key = <{pki['key']}
disable_plaintext_auth = yes
auth_mechanisms = plain login
# A refused login is answered at once (the default waits 2 s): the tests refuse many.
auth_failure_delay = 0
{ROOT_SERVICES if root else f"default_internal_user = {me.pw_name}"}
{"" if root else f"default_login_user = {me.pw_name}"}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {users}
}}
userdb {{
  driver = static
  args = uid={me.pw_uid} gid={me.pw_gid} home={d}/home/%u
}}
mail_location = maildir:~/Maildir
first_valid_uid = {me.pw_uid}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {imap}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {imaps}
    ssl = yes
  }}
}}
""")
    process = subprocess.Popen(["dovecot", "-F", "-c", str(config)], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    try:
        wait_until(lambda: process.poll() is not None or (port_answers(imaps) and port_answers(imap)),
                   "dovecot's listeners")
        if process.poll() is not None:
            log = (d / "dovecot.log").read_text() if (d / "dovecot.log").exists() else ""
            raise AssertionError(f"dovecot exited: {process.stdout.read()} {log}")
        yield {"imaps": imaps, "imap": imap, "dir": d}
    finally:
        process.terminate()
        process.wait(timeout=30)


class Authenticator:
    """AUTH PLAIN and LOGIN over the test users."""

    def __init__(self, users: dict[str, str]):
        self.users = users

    def __call__(self, server, session, envelope, mechanism, auth_data):
        if isinstance(auth_data, LoginPassword):
            login, password = auth_data.login.decode(), auth_data.password.decode()
            # handled=False: aiosmtpd then answers a refusal itself (535).
            return AuthResult(success=self.users.get(login) == password, handled=False)
        return AuthResult(success=False, handled=False)


class NoMail:
    async def handle_DATA(self, server, session, envelope):
        return "554 this test server takes no mail"


@pytest.fixture(scope="module")
def smtp(pki):
    """aiosmtpd on three ports: TLS from the first byte, STARTTLS (AUTH only after it), and plain
    text only (no STARTTLS offered, AUTH in clear)."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(pki["cert"], pki["key"])
    users = {EMAIL: PASSWORD, OTHER_LOGIN: OTHER_PASSWORD}
    implicit_port, starttls_port = free_port(), free_port()
    implicit = Controller(NoMail(), hostname="127.0.0.1", port=implicit_port, ssl_context=context,
                          authenticator=Authenticator(users), auth_require_tls=False)
    starttls = Controller(NoMail(), hostname="127.0.0.1", port=starttls_port, tls_context=context,
                          require_starttls=True, authenticator=Authenticator(users), auth_require_tls=True)
    plain_port = free_port()
    plain = Controller(NoMail(), hostname="127.0.0.1", port=plain_port, authenticator=Authenticator(users),
                       auth_require_tls=False)
    implicit.start()
    starttls.start()
    plain.start()
    try:
        yield {"implicit": implicit_port, "starttls": starttls_port, "plain": plain_port}
    finally:
        implicit.stop()
        starttls.stop()
        plain.stop()


class Silent:
    """A server that accepts connections and never says a word; `accepted` holds them."""

    def __init__(self, port: int, accepted: list):
        self.port = port
        self.accepted = accepted

    def connections_made_by_wps(self) -> int:
        """How many connections wps made, counted once the server accepted one of ours after
        them (connections are accepted in order): no wait on time."""
        with socket.create_connection(("127.0.0.1", self.port)) as probe:
            name = probe.getsockname()
            wait_until(lambda: any(c.getpeername() == name for c in list(self.accepted)), "the probe accepted")
        return len(self.accepted) - 1


@pytest.fixture
def silent_server():
    """A server that accepts connections and never says a word."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    held = []
    stop = threading.Event()

    def accept():
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(listener.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield Silent(listener.getsockname()[1], held)
    stop.set()
    thread.join()
    for connection in held:
        connection.close()
    listener.close()


@pytest.fixture
def silent_port(silent_server):
    return silent_server.port


def run(wps, tmp_path, script, *options, stdin=None):
    """wps -c SCRIPT with no profile file (an empty config folder), output as JSON."""
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_STATE_HOME": str(tmp_path / "state")}
    env.pop("WOODPECKER_API_KEY", None)
    started = time.monotonic()
    result = subprocess.run([str(wps), "--output", "json", *options, "-c", script], env=env, capture_output=True,
                            text=True, timeout=120, input=stdin)
    result.elapsed = time.monotonic() - started
    return result


def records(result):
    return json.loads(result.stdout)


def assert_no_password(*texts, secrets=(PASSWORD, OTHER_PASSWORD)):
    for text in texts:
        for secret in secrets:
            for form, leaked in encodings(secret).items():
                assert leaked not in text, f"the password ({form}) leaked: {text[:500]}"


def one(dovecot, smtp, *, smtp_port=None, imap_port=None, password_file, extra="--imap-tls implicit"):
    """One mailbox by flags: SMTP on the STARTTLS port, IMAP on the IMAPS port unless told."""
    return (f"mailbox verify --email {EMAIL} --password @{password_file} --smtp-server localhost "
            f"--smtp-port {smtp_port or smtp['starttls']} --imap-server localhost "
            f"--imap-port {imap_port or dovecot['imaps']} {extra}")


@pytest.fixture
def password_file(tmp_path):
    path = tmp_path / "pw.txt"
    path.write_text(PASSWORD + "\n")
    return path


def test_right_password_is_ok(wps, tmp_path, dovecot, smtp, pki, password_file):
    result = run(wps, tmp_path, one(dovecot, smtp, password_file=password_file), "--ca-file", str(pki["ca"]))
    assert result.returncode == 0, result.stderr
    [verdict] = records(result)
    assert verdict["smtp"] == "ok" and verdict["imap"] == "ok", verdict
    assert verdict["email"] == EMAIL and verdict["line"] == "flags" and verdict["hint"] is None
    assert "1 ok, 0 failed" in result.stderr
    assert_no_password(result.stdout, result.stderr)


def test_implicit_tls_smtp_and_starttls_imap_are_ok(wps, tmp_path, dovecot, smtp, pki, password_file):
    script = one(dovecot, smtp, smtp_port=smtp["implicit"], imap_port=dovecot["imap"], password_file=password_file,
                 extra="--smtp-tls implicit --imap-tls starttls")
    result = run(wps, tmp_path, script, "--ca-file", str(pki["ca"]))
    assert result.returncode == 0, result.stderr
    [verdict] = records(result)
    assert (verdict["smtp"], verdict["imap"]) == ("ok", "ok"), verdict


def test_wrong_password_is_auth_failed_and_never_shown(wps, tmp_path, dovecot, smtp, pki):
    wrong = planted("wrong-password")
    path = tmp_path / "wrong.txt"
    path.write_text(wrong)
    report = tmp_path / "report.csv"
    result = run(wps, tmp_path, one(dovecot, smtp, password_file=path, extra=f"--imap-tls implicit --report {report}"),
                 "--ca-file", str(pki["ca"]))
    assert result.returncode == 1, result.stderr
    [verdict] = records(result)
    assert (verdict["smtp"], verdict["imap"]) == ("auth_failed", "auth_failed"), verdict
    assert "535" in verdict["detail"] and "app password" in verdict["hint"]
    assert "1 failed" in result.stderr
    text = report.read_text()
    assert text.startswith("line,email,smtp,imap,detail,hint\n") and "auth_failed" in text
    assert_no_password(result.stdout, result.stderr, text, secrets=(wrong, PASSWORD))


def test_login_other_than_the_email(wps, tmp_path, dovecot, smtp, pki):
    path = tmp_path / "bob.txt"
    path.write_text(OTHER_PASSWORD)
    script = (f"mailbox verify --email {OTHER_EMAIL} --login {OTHER_LOGIN} --imap-login {OTHER_LOGIN} "
              f"--password @{path} --smtp-server localhost --smtp-port {smtp['starttls']} "
              f"--imap-server localhost --imap-port {dovecot['imaps']}  --imap-tls implicit")
    result = run(wps, tmp_path, script, "--ca-file", str(pki["ca"]))
    assert result.returncode == 0, result.stderr
    [verdict] = records(result)
    assert (verdict["smtp"], verdict["imap"]) == ("ok", "ok"), verdict
    assert_no_password(result.stdout, result.stderr)


def test_implicit_tls_against_a_starttls_port_is_a_tls_mismatch(wps, tmp_path, dovecot, smtp, pki, password_file):
    script = one(dovecot, smtp, imap_port=dovecot["imap"], password_file=password_file,
                 extra="--smtp-tls implicit --imap-tls implicit --allow-failures")
    result = run(wps, tmp_path, script, "--ca-file", str(pki["ca"]))
    assert result.returncode == 0, result.stderr  # --allow-failures
    [verdict] = records(result)
    assert (verdict["smtp"], verdict["imap"]) == ("tls_mismatch", "tls_mismatch"), verdict
    assert "expects TLS from the first byte, this server answered in plain SMTP" in verdict["hint"]
    assert "220" in verdict["detail"]  # the server's plain greeting, as said


def test_closed_port_is_unreachable_at_once(wps, tmp_path, password_file):
    closed = free_port()
    script = (f"mailbox verify --email {EMAIL} --password @{password_file} --smtp-server 127.0.0.1 "
              f"--smtp-port {closed} --imap-server 127.0.0.1 --imap-port {closed}")
    result = run(wps, tmp_path, script)
    assert result.returncode == 1
    [verdict] = records(result)
    # Refused, not waited on: a wait would have ended as `timeout`.
    assert (verdict["smtp"], verdict["imap"]) == ("unreachable", "unreachable"), verdict


def test_silent_server_is_a_timeout_within_the_limit(wps, tmp_path, silent_port, password_file):
    script = (f"mailbox verify --email {EMAIL} --password @{password_file} --smtp-server 127.0.0.1 "
              f"--smtp-port {silent_port} --imap-server 127.0.0.1 --imap-port {silent_port} --timeout 1s")
    result = run(wps, tmp_path, script)
    assert result.returncode == 1
    [verdict] = records(result)
    assert (verdict["smtp"], verdict["imap"]) == ("timeout", "timeout"), verdict
    assert "within 1s" in verdict["detail"]


def test_self_signed_without_ca_file_is_a_certificate_failure(wps, tmp_path, dovecot, smtp, password_file):
    result = run(wps, tmp_path, one(dovecot, smtp, password_file=password_file))
    assert result.returncode == 1
    [verdict] = records(result)
    assert (verdict["smtp"], verdict["imap"]) == ("certificate", "certificate"), verdict
    assert "--ca-file" in verdict["hint"]
    assert_no_password(result.stdout, result.stderr)


def test_a_file_of_rows_gives_one_record_per_row_and_a_report(wps, tmp_path, dovecot, smtp, pki):
    wrong = planted("row-wrong")
    boxes = tmp_path / "boxes.csv"
    boxes.write_text(
        "email;password;host;port;imap_host;imap_port;notes\n"
        f"{EMAIL};{PASSWORD};localhost;{smtp['starttls']};localhost;{dovecot['imap']};first\n"
        f"{EMAIL.replace('ann', 'cy')};{wrong};localhost;{smtp['starttls']};localhost;{dovecot['imap']};second\n")
    report = tmp_path / "verified.csv"
    result = run(wps, tmp_path,
                 f"mailbox verify {boxes} --delimiter ';' --ignore-column notes --report {report} --parallel 2",
                 "--ca-file", str(pki["ca"]))
    assert result.returncode == 1, result.stderr
    first, second = records(result)
    assert (first["line"], first["smtp"], first["imap"]) == ("2", "ok", "ok"), first
    assert (second["line"], second["smtp"], second["imap"]) == ("3", "auth_failed", "auth_failed"), second
    lines = report.read_text().splitlines()
    assert len(lines) == 3 and lines[2].startswith("3,cy@example.com,auth_failed,auth_failed,")
    assert_no_password(result.stdout, result.stderr, report.read_text(), secrets=(PASSWORD, wrong))


def test_a_bad_row_is_located_and_nothing_is_checked(wps, tmp_path, password_file):
    boxes = tmp_path / "bad.csv"
    boxes.write_text(f"email,password,host,port,imap_host,imap_port\nann@,{PASSWORD},localhost,587,localhost,993\n")
    result = run(wps, tmp_path, f"mailbox verify {boxes}")
    assert result.returncode == 2, result.stderr
    # The path names a file that exists: shown, though the command takes a secret.
    assert f"{boxes}:2: smtp_email: must be a valid email address, got 'ann@'" in result.stderr
    assert "1 of 1 rows" in result.stderr
    assert_no_password(result.stdout, result.stderr)


def test_piped_records_are_verified(wps, tmp_path, dovecot, smtp, pki):
    boxes = tmp_path / "boxes.json"
    boxes.write_text(json.dumps([{"smtp_email": EMAIL, "smtp_password": PASSWORD, "smtp_server": "localhost",
                                  "smtp_port": smtp["starttls"], "imap_server": "localhost",
                                  "imap_port": dovecot["imap"]}]))
    result = run(wps, tmp_path, f"open {boxes} | mailbox verify", "--ca-file", str(pki["ca"]))
    assert result.returncode == 0, result.stderr + result.stdout
    [verdict] = records(result)
    assert (verdict["line"], verdict["smtp"], verdict["imap"]) == ("1", "ok", "ok"), verdict
    assert_no_password(result.stdout, result.stderr)


def test_dry_run_lists_the_connections_and_makes_none(wps, tmp_path, silent_server, silent_port, password_file):
    script = (f"mailbox verify --email {EMAIL} --password @{password_file} --smtp-server 127.0.0.1 "
              f"--smtp-port {silent_port} --imap-server 127.0.0.1 --imap-port 993")
    result = run(wps, tmp_path, script, "--dry-run")
    assert result.returncode == 0, result.stderr
    planned = records(result)
    assert [entry["connection"] for entry in planned] == [
        f"smtp 127.0.0.1:{silent_port} (STARTTLS), login {EMAIL}",
        f"imap 127.0.0.1:993 (TLS from the first byte), login {EMAIL}"]
    assert "would connect" in result.stderr
    assert_no_password(result.stdout, result.stderr)
    assert silent_server.connections_made_by_wps() == 0


def test_plan_lists_the_connections_of_a_file_and_makes_none(wps, tmp_path, silent_server, silent_port):
    boxes = tmp_path / "boxes.csv"
    boxes.write_text("email,password,host,port,imap_host,imap_port\n"
                     f"ann@example.com,{PASSWORD},127.0.0.1,{silent_port},127.0.0.1,{silent_port}\n")
    result = run(wps, tmp_path, f"mailbox verify {boxes} --plan")
    assert result.returncode == 0, result.stderr
    assert [(entry["line"], entry["connection"]) for entry in records(result)] == [
        ("2", f"smtp 127.0.0.1:{silent_port} (STARTTLS), login ann@example.com"),
        ("2", f"imap 127.0.0.1:{silent_port} (STARTTLS), login ann@example.com")]
    assert_no_password(result.stdout, result.stderr)
    assert silent_server.connections_made_by_wps() == 0


def test_no_starttls_means_no_password_unless_plain_text_is_allowed(wps, tmp_path, smtp, password_file):
    script = (f"mailbox verify --email {EMAIL} --password @{password_file} --smtp-server 127.0.0.1 "
              f"--smtp-port {smtp['plain']}")
    refused = run(wps, tmp_path, script)
    assert refused.returncode == 1
    [verdict] = records(refused)
    assert verdict["smtp"] == "plaintext_refused" and verdict["imap"] == "skipped", verdict
    assert "--allow-plaintext" in verdict["hint"]
    allowed = run(wps, tmp_path, script + " --allow-plaintext")
    assert allowed.returncode == 0, allowed.stderr
    assert records(allowed)[0]["smtp"] == "ok"
    assert_no_password(refused.stdout, refused.stderr, allowed.stdout, allowed.stderr)


# --- Small fake servers, for what a real one does not do: go silent half-way, echo what it
# was sent, answer odd codes. Each is an asyncio server on loopback in its own thread.

class FakeServer:
    """`handler(reader, writer)` per connection; counts connections and the most open at once."""

    def __init__(self, handler):
        self.handler = handler
        self.connections = 0
        self.open = 0
        self.most_open = 0
        self.release = None
        self.loop = asyncio.new_event_loop()
        ready = threading.Event()

        def main():
            asyncio.set_event_loop(self.loop)

            async def start():
                self.release = asyncio.Event()
                self.server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
                self.port = self.server.sockets[0].getsockname()[1]

            self.loop.run_until_complete(start())
            ready.set()
            self.loop.run_forever()

        self.thread = threading.Thread(target=main, daemon=True)
        self.thread.start()
        ready.wait()

    async def _serve(self, reader, writer):
        self.connections += 1
        self.open += 1
        self.most_open = max(self.most_open, self.open)
        try:
            await self.handler(self, reader, writer)
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            self.open -= 1
            writer.close()

    def open_gate(self):
        self.loop.call_soon_threadsafe(self.release.set)

    def stop(self):
        async def close():
            self.server.close()
            for task in asyncio.all_tasks():
                if task is not asyncio.current_task():
                    task.cancel()

        asyncio.run_coroutine_threadsafe(close(), self.loop).result(timeout=30)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=30)


@pytest.fixture
def fake():
    """Starts fake servers for a test and stops them after it."""
    servers = []

    def start(handler):
        server = FakeServer(handler)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


async def lines_of(reader):
    while True:
        raw = await reader.readline()
        if not raw:
            return
        yield raw.decode(errors="replace").rstrip("\r\n")


async def forever():
    await asyncio.Event().wait()


def smtp_server(on_auth=None, mechanisms="PLAIN LOGIN", starttls=False):
    """A plain-text SMTP server: EHLO offers `mechanisms` (and STARTTLS: then it goes silent);
    `on_auth(line, lines, writer)` answers AUTH."""
    async def handler(server, reader, writer):
        writer.write(b"220 fake ESMTP\r\n")
        lines = lines_of(reader)
        async for line in lines:
            upper = line.upper()
            if upper.startswith("EHLO"):
                writer.write(b"250-fake\r\n" + (b"250-STARTTLS\r\n" if starttls else b"")
                             + f"250 AUTH {mechanisms}\r\n".encode())
            elif upper == "STARTTLS":
                writer.write(b"220 go ahead\r\n")
                await writer.drain()
                await forever()  # and never a TLS byte
            elif upper.startswith("AUTH"):
                await on_auth(line, lines, writer)
            elif upper == "QUIT":
                writer.write(b"221 bye\r\n")
                await writer.drain()
                return
            else:
                writer.write(f"500 unrecognized: {line}\r\n".encode())
            await writer.drain()
    return handler


def imap_server(on_login=None, starttls=False):
    """A plain-text IMAP server: STARTTLS refused (or accepted, then silence); `on_login(tag,
    rest, lines, writer)` answers LOGIN and AUTHENTICATE."""
    async def handler(server, reader, writer):
        writer.write(b"* OK fake IMAP ready\r\n")
        lines = lines_of(reader)
        async for line in lines:
            tag, _, rest = line.partition(" ")
            upper = rest.upper()
            if upper == "STARTTLS":
                if starttls:
                    writer.write(f"{tag} OK begin TLS\r\n".encode())
                    await writer.drain()
                    await forever()
                writer.write(f"{tag} NO no TLS here\r\n".encode())
            elif upper == "LOGOUT":
                writer.write(f"* BYE\r\n{tag} OK bye\r\n".encode())
                await writer.drain()
                return
            elif upper.startswith("LOGIN") or upper.startswith("AUTHENTICATE"):
                await on_login(tag, rest, lines, writer)
            else:
                writer.write(f"{tag} BAD what\r\n".encode())
            await writer.drain()
    return handler


def verify_one(wps, tmp_path, secret, *, smtp_port=None, imap_port=None, extra="--allow-plaintext --allow-failures",
               email=EMAIL, options=()):
    path = tmp_path / "secret.txt"
    path.write_text(secret)
    script = f"mailbox verify --email {email} --password @{path} "
    if smtp_port:
        script += f"--smtp-server 127.0.0.1 --smtp-port {smtp_port} "
    if imap_port:
        script += f"--imap-server 127.0.0.1 --imap-port {imap_port} "
    return run(wps, tmp_path, script + extra, *options)


def test_a_server_silent_after_starttls_is_a_timeout(wps, tmp_path, fake):
    smtp_silent = fake(smtp_server(starttls=True))
    imap_silent = fake(imap_server(starttls=True))
    result = verify_one(wps, tmp_path, PASSWORD, smtp_port=smtp_silent.port, imap_port=imap_silent.port,
                        extra="--timeout 1s")
    assert result.returncode == 1, result.stderr
    [verdict] = records(result)
    assert (verdict["smtp"], verdict["imap"]) == ("timeout", "timeout"), verdict
    assert "to the TLS handshake within 1s" in verdict["detail"], verdict
    # It said something: not a server that expects TLS first.
    assert verdict["hint"] is None, verdict


def test_a_silent_server_is_told_what_it_did_not_answer(wps, tmp_path, silent_port):
    result = verify_one(wps, tmp_path, PASSWORD, smtp_port=silent_port, extra="--timeout 1s")
    [verdict] = records(result)
    assert verdict["smtp"] == "timeout" and "within 1s" in verdict["detail"], verdict
    assert "--smtp-tls implicit" in verdict["hint"]


def echoing_auth(line, lines, writer):
    """Refuses AUTH quoting what it was sent (AUTH PLAIN's blob, AUTH LOGIN's lines)."""
    async def answer():
        if line.upper() == "AUTH LOGIN":
            writer.write(b"334 VXNlcm5hbWU6\r\n")
            await writer.drain()
            user = await anext(lines)
            writer.write(f"334 UGFzc3dvcmQ6 (user {user})\r\n".encode())
            await writer.drain()
            password = await anext(lines)
            writer.write(f"535 5.7.8 cannot decode: {password}\r\n".encode())
        else:
            writer.write(f"501 5.5.2 cannot decode: {line}\r\n".encode())
    return answer()


@pytest.mark.parametrize("mechanisms", ["PLAIN", "LOGIN"])
def test_an_smtp_server_echoing_the_credentials_never_shows_them(wps, tmp_path, fake, mechanisms):
    server = fake(smtp_server(echoing_auth, mechanisms=mechanisms))
    report = tmp_path / "report.csv"
    result = verify_one(wps, tmp_path, PASSWORD, smtp_port=server.port,
                        extra=f"--allow-plaintext --allow-failures --report {report}")
    [verdict] = records(result)
    # 501 is a syntax error, not a refused password; 535 is.
    assert verdict["smtp"] == ("protocol" if mechanisms == "PLAIN" else "auth_failed"), verdict
    assert "cannot decode: " in verdict["detail"] and verdict["detail"].endswith("••••; imap: no server given"), verdict
    assert_no_password(result.stdout, result.stderr, report.read_text(), secrets=(PASSWORD,))


def test_an_imap_server_echoing_the_quoted_password_never_shows_it(wps, tmp_path, fake):
    secret = planted("imap") + '-"quote\\back'
    quoted_inner = secret.replace("\\", "\\\\").replace('"', '\\"')

    async def echo(tag, rest, lines, writer):
        writer.write(f"{tag} BAD Error in IMAP command received: {rest}\r\n".encode())

    server = fake(imap_server(echo))
    result = verify_one(wps, tmp_path, secret, imap_port=server.port)
    [verdict] = records(result)
    assert verdict["imap"] == "protocol", verdict
    for text in (result.stdout, result.stderr):
        assert quoted_inner not in text and json.dumps(quoted_inner)[1:-1] not in text
    assert_no_password(result.stdout, result.stderr, secrets=(secret,))


def test_a_password_that_is_a_word_does_not_garble_the_detail(wps, tmp_path):
    path = tmp_path / "pw.txt"
    path.write_text("example")
    result = run(wps, tmp_path, f"mailbox verify --email {EMAIL} --password @{path} "
                 "--smtp-server smtp.example.invalid --smtp-port 1 --timeout 5s --allow-failures")
    [verdict] = records(result)
    assert "smtp.example.invalid" in verdict["detail"], verdict
    assert "••••" not in verdict["detail"], verdict


@pytest.mark.parametrize("reply, status", [
    ("454 4.7.0 Temporary authentication failure", "protocol"),
    ("535 5.7.8 Authentication credentials invalid", "auth_failed"),
    ("538 5.7.11 Encryption required", "tls_mismatch"),
])
def test_smtp_refusals_are_told_apart_by_their_code(wps, tmp_path, fake, reply, status):
    async def answer(line, lines, writer):
        writer.write(f"{reply}\r\n".encode())

    server = fake(smtp_server(answer, mechanisms="PLAIN"))
    [verdict] = records(verify_one(wps, tmp_path, PASSWORD, smtp_port=server.port))
    assert verdict["smtp"] == status, verdict


@pytest.mark.parametrize("completion, status", [
    ("NO [AUTHENTICATIONFAILED] Authentication failed.", "auth_failed"),
    ("NO [UNAVAILABLE] Try again later", "protocol"),
    ("NO [PRIVACYREQUIRED] Use TLS", "tls_mismatch"),
])
def test_imap_refusals_are_told_apart_by_their_response_code(wps, tmp_path, fake, completion, status):
    async def answer(tag, rest, lines, writer):
        writer.write(f"{tag} {completion}\r\n".encode())

    server = fake(imap_server(answer))
    [verdict] = records(verify_one(wps, tmp_path, PASSWORD, imap_port=server.port))
    assert verdict["imap"] == status, verdict


def test_imap_authenticate_plain_waits_for_the_servers_go_ahead(wps, tmp_path, fake):
    """A password a quoted string cannot carry goes by AUTHENTICATE PLAIN: the command alone,
    then the credentials after `+` (servers without SASL-IR take nothing else)."""
    secret = "Grüße-" + planted("sasl")
    seen = []

    async def answer(tag, rest, lines, writer):
        if rest.upper() != "AUTHENTICATE PLAIN":
            writer.write(f"{tag} BAD no initial response here\r\n".encode())
            return
        writer.write(b"+ \r\n")
        await writer.drain()
        blob = await anext(lines)
        seen.append(base64.b64decode(blob))
        ok = seen[-1] == b"\0" + EMAIL.encode() + b"\0" + secret.encode()
        writer.write(f"{tag} {'OK Logged in' if ok else 'NO [AUTHENTICATIONFAILED] no'}\r\n".encode())

    server = fake(imap_server(answer))
    result = verify_one(wps, tmp_path, secret, imap_port=server.port, extra="--allow-plaintext --timeout 5s")
    assert result.returncode == 0, result.stdout + result.stderr
    [verdict] = records(result)
    assert verdict["imap"] == "ok", verdict
    assert_no_password(result.stdout, result.stderr, secrets=(secret,))


def test_an_unexpected_go_ahead_fails_at_once(wps, tmp_path, fake):
    async def answer(tag, rest, lines, writer):
        writer.write(b"+ more please\r\n")

    server = fake(imap_server(answer))
    [verdict] = records(verify_one(wps, tmp_path, PASSWORD, imap_port=server.port, extra="--allow-plaintext "
                                   "--allow-failures --timeout 60s"))
    assert verdict["imap"] == "protocol" and "asked for more" in verdict["detail"], verdict


def test_an_unwritable_report_stops_the_run_before_any_connection(wps, tmp_path, silent_server, password_file):
    report = tmp_path / "no-such-folder" / "report.csv"
    script = (f"mailbox verify --email {EMAIL} --password @{password_file} --smtp-server 127.0.0.1 "
              f"--smtp-port {silent_server.port} --report {report}")
    result = run(wps, tmp_path, script)
    assert result.returncode == 2, result.stderr
    assert result.stderr.count("cannot write the report") == 1, result.stderr
    assert silent_server.connections_made_by_wps() == 0


def test_a_file_and_the_one_mailbox_flags_do_not_go_together(wps, tmp_path, password_file):
    boxes = tmp_path / "boxes.csv"
    boxes.write_text("email,password,host,port\nann@example.com,pw-1234567,localhost,587\n")
    for flags in (f"--email {EMAIL} --password @{password_file}", "--smtp-server localhost"):
        result = run(wps, tmp_path, f"mailbox verify {boxes} {flags}")
        assert result.returncode == 2, result.stderr
        assert "give one or the other" in result.stderr, result.stderr


def test_progress_and_messages_say_what_happened(wps, tmp_path, password_file):
    closed = free_port()
    result = run(wps, tmp_path, f"mailbox verify --email {EMAIL} --password @{password_file} "
                 f"--smtp-server 127.0.0.1 --smtp-port {closed} --report {tmp_path / 'r.csv'}")
    assert "checked 1 of 1 mailbox" in result.stderr and "verified 1" not in result.stderr, result.stderr
    assert "report: 1 mailbox →" in result.stderr, result.stderr
    boxes = tmp_path / "bad.csv"
    boxes.write_text("email,password,host,port\nann@,pw-1234567,localhost,587\n")
    bad = run(wps, tmp_path, f"mailbox verify {boxes}")
    assert "nothing was checked" in bad.stderr and "--skip-invalid" not in bad.stderr, bad.stderr


def test_smtp_auth_login_only(wps, tmp_path, pki):
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(pki["cert"], pki["key"])
    port = free_port()
    server = Controller(NoMail(), hostname="127.0.0.1", port=port, tls_context=context, require_starttls=True,
                        authenticator=Authenticator({EMAIL: PASSWORD}), auth_require_tls=True,
                        auth_exclude_mechanism=["PLAIN"])
    server.start()
    try:
        for secret, want in ((PASSWORD, "ok"), (planted("login-wrong"), "auth_failed")):
            path = tmp_path / "pw.txt"
            path.write_text(secret)
            result = run(wps, tmp_path, f"mailbox verify --email {EMAIL} --password @{path} --smtp-server localhost "
                         f"--smtp-port {port} --allow-failures", "--ca-file", str(pki["ca"]))
            [verdict] = records(result)
            assert verdict["smtp"] == want, verdict
            assert_no_password(result.stdout, result.stderr, secrets=(secret,))
    finally:
        server.stop()


def test_a_certificate_for_another_name_is_a_certificate_failure(wps, tmp_path, pki, password_file):
    d = pki["dir"]
    (d / "other.ext").write_text("subjectAltName=DNS:mail.test\nextendedKeyUsage=serverAuth\n")
    openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
            "-out", "other.pem", "-days", "2", "-extfile", "other.ext", cwd=d)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(d / "other.pem", pki["key"])
    port = free_port()
    server = Controller(NoMail(), hostname="127.0.0.1", port=port, ssl_context=context,
                        authenticator=Authenticator({EMAIL: PASSWORD}), auth_require_tls=False)
    server.start()
    try:
        result = run(wps, tmp_path, f"mailbox verify --email {EMAIL} --password @{password_file} "
                     f"--smtp-server localhost --smtp-port {port} --smtp-tls implicit", "--ca-file", str(pki["ca"]))
    finally:
        server.stop()
    [verdict] = records(result)
    assert verdict["smtp"] == "certificate" and "not issued for localhost" in verdict["detail"], verdict
    assert_no_password(result.stdout, result.stderr)


def test_per_host_bounds_the_connections_to_one_host(wps, tmp_path, fake):
    """Two mailboxes on 127.0.0.1 and one on localhost (the same servers by another name: another
    host to wps), --per-host 1: while the SMTP servers hold every connection, the localhost one
    is open and 127.0.0.1 has exactly one."""
    async def accept(line, lines, writer):
        writer.write(b"235 2.7.0 ok\r\n")

    def held(handler):
        async def wrapper(server, reader, writer):
            await server.release.wait()
            await handler(server, reader, writer)
        return wrapper

    async def logged_in(tag, rest, lines, writer):
        writer.write(f"{tag} OK Logged in\r\n".encode())

    one_host = fake(held(smtp_server(accept, mechanisms="PLAIN")))
    other_host = fake(held(smtp_server(accept, mechanisms="PLAIN")))
    imap = fake(imap_server(logged_in))
    boxes = tmp_path / "boxes.csv"
    boxes.write_text("email,password,host,port,imap_host,imap_port\n"
                     f"a1@example.com,{PASSWORD},127.0.0.1,{one_host.port},127.0.0.1,{imap.port}\n"
                     f"a2@example.com,{PASSWORD},127.0.0.1,{one_host.port},127.0.0.1,{imap.port}\n"
                     f"b@example.com,{PASSWORD},localhost,{other_host.port},localhost,{imap.port}\n")
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_STATE_HOME": str(tmp_path / "state")}
    process = subprocess.Popen([str(wps), "--output", "json", "-c",
                                f"mailbox verify {boxes} --per-host 1 --parallel 3 --allow-plaintext"],
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        wait_until(lambda: other_host.connections == 1, "the other host's connection")
        assert one_host.open == 1 and imap.connections == 0
        one_host.open_gate()
        other_host.open_gate()
        out, err = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, err
    assert [(verdict["smtp"], verdict["imap"]) for verdict in json.loads(out)] == [("ok", "ok")] * 3
    assert one_host.most_open == 1 and one_host.connections == 2


SHELL_PROMPT = r"wps[^\r\n]*> "


def test_ctrl_c_in_the_shell_stops_the_run_and_says_so(wps, tmp_path, silent_server, password_file):
    pexpect = pytest.importorskip("pexpect")
    report = tmp_path / "report.csv"
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_STATE_HOME": str(tmp_path / "state")}
    env.pop("WOODPECKER_API_KEY", None)
    child = pexpect.spawn(str(wps), ["--output", "json"], env=env, encoding="utf-8", timeout=60, cwd=str(tmp_path))
    try:
        child.expect(SHELL_PROMPT)
        child.sendline(f"mailbox verify --email {EMAIL} --password @{password_file} --smtp-server 127.0.0.1 "
                       f"--smtp-port {silent_server.port} --timeout 60s --report {report} | length")
        wait_until(lambda: len(silent_server.accepted) >= 1, "wps's connection")
        child.sendcontrol("c")
        child.expect("interrupted: 1 not checked")
        child.expect(SHELL_PROMPT)
        before = child.before
        assert "\r\n0\r\n" not in before
        child.sendline("exit")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert report.read_text() == "line,email,smtp,imap,detail,hint\n"


def import_run(wps, tmp_path, script, pki, *options):
    """`wps --sandbox` (Woodpecker unless told) trusting the test CA, with no profile file."""
    return run(wps, tmp_path, script, "--sandbox", "--ca-file", str(pki["ca"]), *options)


def sent_rows(result_records):
    """Rows the import's records say were sent (accepted in a batch or request)."""
    return sum(r["size"] for r in result_records if r.get("status") != "skipped" and not r.get("dry_run"))


def test_import_verify_sends_exactly_the_rows_that_log_in_and_a_resume_verifies_only_the_rest(
        wps, tmp_path, dovecot, smtp, pki):
    wrong = planted("import-wrong")
    bad = set(range(7, 200, 20))  # 10 rows
    boxes = tmp_path / "boxes.csv"
    rows = ["email,login,password,smtp_server,smtp_port,imap_email,imap_server,imap_port"]
    for i in range(200):
        password = wrong if i in bad else PASSWORD
        rows.append(f"u{i}@example.com,{EMAIL},{password},localhost,{smtp['starttls']},{EMAIL},localhost,"
                    f"{dovecot['imap']}")
    boxes.write_text("\n".join(rows) + "\n")
    # mailbox verify's report: one row per mailbox, exactly the 10 failing.
    verified = tmp_path / "verified.csv"
    checked = run(wps, tmp_path, f"mailbox verify {boxes} --report {verified}", "--ca-file", str(pki["ca"]))
    assert checked.returncode == 1, checked.stderr
    lines = verified.read_text().splitlines()[1:]
    assert len(lines) == 200
    assert {line.split(",")[1] for line in lines if ",ok,ok," not in line} == {f"u{i}@example.com" for i in bad}
    assert checked.stderr.count("checked ") <= 21  # a line every 5% in a log, not one per mailbox
    assert_no_password(checked.stdout, checked.stderr, verified.read_text(), secrets=(PASSWORD, wrong))

    journal, report = tmp_path / "boxes.journal", tmp_path / "problems.csv"
    script = f"mailbox import {boxes} --verify --journal {journal} --report {report}"
    first = import_run(wps, tmp_path, script, pki)
    assert first.returncode == 1, first.stderr
    result = records(first)
    assert sent_rows(result) == 190, result
    (skipped,) = [r for r in result if r.get("status") == "skipped"]
    assert set(skipped["emails"]) == {f"u{i}@example.com" for i in bad}
    assert all(reason.startswith("failed verification: smtp auth_failed") for reason in skipped["reasons"]), skipped
    reported = report.read_text().splitlines()
    assert reported[0] == "source,line,field,message" and len(reported) == 11, reported
    assert {line.split(",")[1] for line in reported[1:]} == {str(i + 2) for i in bad}
    assert "verify: 200 mailboxes: 190 ok, 10 failed" in first.stderr
    assert "10 rows of " in first.stderr and "boxes.csv failed verification and were not sent" in first.stderr
    assert_no_password(first.stdout, first.stderr, report.read_text(), journal.read_text(), secrets=(PASSWORD, wrong))

    # Run again: the 190 are in the journal and not logged in to again; the 10 still fail.
    again = import_run(wps, tmp_path, script, pki)
    assert again.returncode == 1, again.stderr
    assert "resuming: 190 of 200 rows were accepted by an earlier run" in again.stderr
    assert "verifying 10 mailboxes before sending" in again.stderr
    assert "verify: 10 mailboxes: 0 ok, 10 failed" in again.stderr
    assert sent_rows(records(again)) == 190  # the earlier run's batches, nothing new

    # Fixed, they are sent, and with --skip-invalid a run that keeps rows back exits 0.
    boxes.write_text(boxes.read_text().replace(wrong, PASSWORD))
    fixed = import_run(wps, tmp_path, f"mailbox import {boxes} --verify --journal {tmp_path / 'fixed.journal'}", pki)
    assert fixed.returncode == 0, fixed.stderr
    assert sent_rows(records(fixed)) == 200
    lenient = tmp_path / "lenient.csv"
    lenient.write_text(f"{rows[0]}\n{rows[1]}\n{rows[8]}\n")
    kept = import_run(wps, tmp_path, f"mailbox import {lenient} --verify --skip-invalid", pki)
    assert kept.returncode == 0, kept.stderr
    assert sent_rows(records(kept)) == 1
    assert_no_password(fixed.stdout, fixed.stderr, kept.stdout, kept.stderr, secrets=(PASSWORD, wrong))


def test_import_verify_of_saleshandy_rows_reads_their_encryption(wps, tmp_path, dovecot, smtp, pki):
    boxes = tmp_path / "sh.csv"
    boxes.write_text(
        "smtpEmailAddress,smtpUserName,smtpPassword,smtpHost,smtpPort,smtpEncryption,imapUserName,imapHost,imapPort,"
        "imapEncryption\n"
        f"a@example.com,{EMAIL},{PASSWORD},localhost,{smtp['implicit']},ssl,{EMAIL},localhost,{dovecot['imaps']},ssl\n"
        f"b@example.com,{EMAIL},{PASSWORD},localhost,{smtp['starttls']},tls,{EMAIL},localhost,{dovecot['imap']},tls\n"
        f"c@example.com,{EMAIL},{PASSWORD},localhost,{smtp['starttls']},ssl,{EMAIL},localhost,{dovecot['imap']},tls\n")
    result = import_run(wps, tmp_path, f"mailbox import {boxes} --verify", pki, "--provider", "saleshandy")
    assert result.returncode == 1, result.stderr
    out = records(result)
    assert sent_rows(out) == 2, out
    (skipped,) = [r for r in out if r.get("status") == "skipped"]
    assert skipped["emails"] == ["c@example.com"]
    assert skipped["reasons"][0].startswith("failed verification: smtp tls_mismatch"), skipped
    assert_no_password(result.stdout, result.stderr)


def test_import_verify_under_dry_run_lists_the_logins_and_makes_none(wps, tmp_path, silent_server, pki):
    boxes = tmp_path / "boxes.csv"
    boxes.write_text("email,password,smtp_server,smtp_port,imap_server,imap_port\n"
                     f"d@example.com,{PASSWORD},localhost,{silent_server.port},localhost,{silent_server.port}\n")
    result = import_run(wps, tmp_path, f"mailbox import {boxes} --verify", pki, "--dry-run")
    assert result.returncode == 0, result.stderr
    assert f"would verify: smtp localhost:{silent_server.port} (STARTTLS), login d@example.com (line 2)" in result.stderr
    assert silent_server.connections_made_by_wps() == 0
    assert_no_password(result.stdout, result.stderr)

"""The mail servers of the `verify` benchmark (Benchmarks/run.py), on loopback, in plain text:

  python3 mail_servers.py smtp LOGIN PASSWORD      aiosmtpd, AUTH PLAIN and LOGIN for one user, no TLS
  python3 mail_servers.py delay MS PORT [PORT…]    a TCP proxy in front of each 127.0.0.1:PORT that
                                                   holds every server→client chunk MS ms

Each binds free ports and then prints `listening: PORT…` (in the order given); SIGTERM stops it.
The proxy then prints `delays: COUNT MEAN_MS MAX_MS`: the delay each chunk actually got, from
its arrival to its write, by the proxy's own clock; and per PORT, `turns: PORT CONNECTIONS TURNS`:
the times the server spoke first or after the client had (a reply the client waited for: one
round trip through the proxy, however many chunks it came in).

IMAP is Dovecot's: run.py writes its configuration with `dovecot_config`.
"""
import asyncio
import grp
import signal
import sys


async def until_terminated():
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for number in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(number, stop.set)
    await stop.wait()


def say(line):
    print(line, flush=True)


# --- SMTP -------------------------------------------------------------------------------------

async def smtp(login, password):
    import logging
    from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

    # aiosmtpd logs a warning of its own deprecated attribute on every AUTH.
    logging.getLogger("mail.log").setLevel(logging.ERROR)

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == login \
            and auth_data.password.decode() == password
        return AuthResult(success=ok, handled=False)

    class NoMail:
        async def handle_DATA(self, server, session, envelope):
            return "554 this benchmark server takes no mail"

    loop = asyncio.get_running_loop()
    # A fixed host name: aiosmtpd would look up the machine's FQDN on every connection.
    server = await loop.create_server(
        lambda: SMTP(NoMail(), hostname="bench.localhost", authenticator=authenticator, auth_require_tls=False,
                     loop=loop),
        "127.0.0.1", 0)
    say(f"listening: {server.sockets[0].getsockname()[1]}")
    await until_terminated()
    server.close()


# --- the delaying proxy ------------------------------------------------------------------------

class Turns:
    """One connection's turns: the server's first chunk, and its first chunk after each time the client spoke."""

    def __init__(self):
        self.client_spoke = True


class Delays:
    def __init__(self):
        self.count, self.total, self.most = 0, 0.0, 0.0

    def add(self, seconds):
        self.count += 1
        self.total += seconds
        self.most = max(self.most, seconds)


async def forward(reader, writer, turns):
    """Client → server, at once; the client's end of stream is passed on."""
    try:
        while data := await reader.read(65536):
            turns.client_spoke = True
            writer.write(data)
            await writer.drain()
        if writer.can_write_eof():
            writer.write_eof()
    except (ConnectionError, OSError):
        pass


async def forward_delayed(reader, writer, delay, delays, turns, counts):
    """Server → client: each chunk (and the end of stream) written `delay` s after it arrived, in
    order. Reading goes on while a chunk waits, so a chunk's wait never adds to the next one's."""
    loop = asyncio.get_running_loop()
    queue = asyncio.Queue()

    async def read():
        try:
            while data := await reader.read(65536):
                queue.put_nowait((loop.time(), data))
                if turns.client_spoke:
                    turns.client_spoke = False
                    counts[1] += 1
        except (ConnectionError, OSError):
            pass
        queue.put_nowait((loop.time(), b""))

    reading = asyncio.create_task(read())
    try:
        while True:
            arrived, data = await queue.get()
            wait = arrived + delay - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            if not data:
                return
            writer.write(data)
            delays.add(loop.time() - arrived)
            await writer.drain()
    except (ConnectionError, OSError):
        pass
    finally:
        reading.cancel()


async def delay(milliseconds, targets):
    delays = Delays()
    seconds = milliseconds / 1000

    counts = {target: [0, 0] for target in targets}  # connections, turns

    def handler(target):
        async def connection(client_reader, client_writer):
            try:
                server_reader, server_writer = await asyncio.open_connection("127.0.0.1", int(target))
            except OSError:
                client_writer.close()
                return
            counts[target][0] += 1
            turns = Turns()
            upstream = asyncio.create_task(forward(client_reader, server_writer, turns))
            try:
                await forward_delayed(server_reader, client_writer, seconds, delays, turns, counts[target])
            finally:
                upstream.cancel()
                server_writer.close()
                client_writer.close()
        return connection

    servers = [await asyncio.start_server(handler(target), "127.0.0.1", 0) for target in targets]
    say("listening: " + " ".join(str(s.sockets[0].getsockname()[1]) for s in servers))
    await until_terminated()
    for server in servers:
        server.close()
    mean = delays.total / delays.count if delays.count else 0
    say(f"delays: {delays.count} {mean * 1000:.3f} {delays.most * 1000:.3f}")
    for target, (connections, turns) in counts.items():
        say(f"turns: {target} {connections} {turns}")


# --- IMAP: Dovecot's configuration ---------------------------------------------------------------

def dovecot_config(folder, port, users_file, root, user):
    """A Dovecot of its own (base, state and log under `folder`), plain-text IMAP on
    127.0.0.1:`port` only, users from a passwd-file. Run as root, its auth runs as root (the
    benchmark's temporary folder is its owner's only) and mail as Dovecot's user; otherwise
    everything as `user` (a pwd entry) and its group, without chroot (only root may). Logins:
    the high-performance mode (a login process serves many connections) and no per-user
    connection limit, as all logins are the one user's."""
    services = """
service auth {
  user = root
}
service auth-worker {
  user = root
}
""" if root else f"""
default_internal_user = {user.pw_name}
default_internal_group = {grp.getgrgid(user.pw_gid).gr_name}
default_login_user = {user.pw_name}
service anvil {{
  chroot =
}}
"""
    return f"""
protocols = imap
listen = 127.0.0.1
base_dir = {folder}/run
state_dir = {folder}/state
log_path = {folder}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
{services}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {users_file}
}}
userdb {{
  driver = static
  args = uid={user.pw_uid} gid={user.pw_gid} home={folder}/home/%u
}}
mail_location = maildir:~/Maildir
first_valid_uid = {user.pw_uid}
protocol imap {{
  mail_max_userip_connections = 1000
}}
service imap-login {{
  service_count = 0
  {"" if root else "chroot ="}
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
"""


def main():
    if len(sys.argv) >= 4 and sys.argv[1] == "smtp":
        asyncio.run(smtp(sys.argv[2], sys.argv[3]))
    elif len(sys.argv) >= 4 and sys.argv[1] == "delay":
        asyncio.run(delay(float(sys.argv[2]), sys.argv[3:]))
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main()

"""A logging server standing in for the real API: it forwards every request to a `wps sandbox` and
records what arrived — method, path and which key it carried (by the name the test gave that key,
never the key itself). Tests of what a run may send (a dry run sends no write; a profile never
borrows another's key or host) read `requests` afterwards."""
import http.client
import threading
import urllib.parse
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass(frozen=True)
class Arrived:
    method: str
    path: str
    key: str  # the name of the key the request carried ("unknown" for one the test did not give)

    def __str__(self):
        return f"{self.method} {self.path} (key: {self.key})"


class RecordingProxy:
    """Listens on a free loopback port; `url` is its root. `keys` maps each API key the test planted
    to a name, so a request is recorded with the name of the key it carried."""

    def __init__(self, upstream: str, keys: dict[str, str]):
        self.upstream = urllib.parse.urlsplit(upstream)
        self.keys = keys
        self.requests: list[Arrived] = []
        self.lock = threading.Lock()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # the test reads `requests`, not a log on stderr
                pass

            def forward(self):
                length = int(self.headers.get("content-length") or 0)
                body = self.rfile.read(length) if length else None
                key = self.headers.get("x-api-key")
                with proxy.lock:
                    proxy.requests.append(Arrived(self.command, self.path.split("?")[0],
                                                  proxy.keys.get(key, "none" if key is None else "unknown")))
                connection = http.client.HTTPConnection(proxy.upstream.hostname, proxy.upstream.port, timeout=120)
                try:
                    headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "connection")}
                    connection.request(self.command, self.path, body=body, headers=headers)
                    answer = connection.getresponse()
                    data = answer.read()
                    self.send_response(answer.status)
                    for name, value in answer.getheaders():
                        if name.lower() not in ("transfer-encoding", "connection", "content-length"):
                            self.send_header(name, value)
                    self.send_header("content-length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                finally:
                    connection.close()

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = forward

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def take(self) -> list[Arrived]:
        """What arrived since the last call."""
        with self.lock:
            taken, self.requests = self.requests, []
        return taken

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

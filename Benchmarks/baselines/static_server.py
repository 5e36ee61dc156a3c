"""Baseline for the server benchmark: Python's standard `ThreadingHTTPServer` answering every
GET with the same JSON bytes (what one writes as a quick mock of an API).

Usage: python3 static_server.py PORT FILE.json
"""
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def main():
    port, path = int(sys.argv[1]), sys.argv[2]
    body = open(path, "rb").read()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # Buffered writes, flushed once per answer, and no Nagle: otherwise headers and body go
        # out as separate small packets and delayed ACKs cap the server at ~40 requests/s.
        wbufsize = -1
        disable_nagle_algorithm = True

        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()


if __name__ == "__main__":
    main()

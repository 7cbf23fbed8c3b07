# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Local servers for tests: the SC simulator's dataset, throw-away HTTP(S) servers, and a port with none."""

import contextlib
import http.server
import socket
import threading

# The dataset of the simulator the tests share (tests/conftest.py): modest, and spanning several analysis pages.
SESSION_DATASET = dict(seed=7, hosts=300, repositories=4, findings_per_host=12)


class QuietHandler(http.server.BaseHTTPRequestHandler):
    """A request handler that answers in one call and keeps the test log clean."""

    def reply(self, status, body=b"", content_type=None, headers=()):
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serving(handler, tls_context=None):
    """A throw-away local HTTP(S) server; yields its port."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    if tls_context:
        server.socket = tls_context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


def closed_port():
    """A local port nothing listens on (bound for a moment, then released): a connection to it is refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]

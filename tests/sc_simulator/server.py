# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The HTTP(S) server: ThreadingHTTPServer with keep-alive, request recording, faults, latency, control API."""

import copy
import email.utils
import json
import shutil
import socket
import ssl
import struct
import tempfile
import threading
import time
import weakref
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from .accounts import ORGANIZATION, make_users
from .analysis import AnalysisEngine
from .assets import AssetStore
from .dataset import Dataset
from .endpoints import VERSION_HIDDEN_WITHOUT_KEYS, Answer, Application, version_tuple
from .envelope import encode
from .faults import PROXY_502_PAGE, SHORT_CIRCUIT, FaultPlan, Latency, shift_offsets
from .policies import PolicyStore
from .queries import SavedQueries
from .risk_rules import RiskRules
from .scans import ScanStore
from .timeline import DayPlan, advance_day

_CONTROL_PREFIX = "/_sim/"


@dataclass
class RequestRecord:
    """One request as the server saw it; ``status`` is None when the connection was dropped unanswered.

    ``fault`` is the kind of the injected fault that took the request, if one did.
    """

    method: str
    path: str
    query: str
    json_body: object = None
    status: int = None
    user: str = None
    user_agent: str = ""
    fault: str = None


class _Dropped(Exception):
    """The connection was closed on purpose; nothing more is sent."""


class _Handler(BaseHTTPRequestHandler):
    # recorded: sc_login_5_20_0.yaml (Connection: Keep-Alive, and Apache's Keep-Alive: timeout=15, max=100): an
    # idle connection is closed after 15 s, and a connection serves at most 100 requests.
    protocol_version = "HTTP/1.1"
    timeout = 15
    max_requests = 100

    def do_GET(self):  # pylint: disable=invalid-name
        self._serve()

    do_POST = do_PATCH = do_DELETE = do_PUT = do_GET

    def date_time_string(self, timestamp=None):
        # recorded: sc_login_5_20_0.yaml, alert.yaml (a Date header on every answer); the dataset's clock, which
        # tests move a day at a time, is SC's clock
        return email.utils.formatdate(self.server.simulator.dataset.now if timestamp is None else timestamp,
                                      usegmt=True)

    def version_string(self):
        # recorded: sc_login_5_20_0.yaml (Server: Apache)
        return "Apache"

    def setup(self):
        super().setup()
        # Headers and body go out in separate writes; without this Nagle's algorithm meets the client's
        # delayed ACK and every answer waits ~40 ms.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.requests_served = 0

    def log_message(self, format, *args):  # pylint: disable=redefined-builtin
        """Quiet: tests read sim.requests instead."""

    def finish(self):
        try:
            super().finish()
        except (OSError, ValueError):
            pass  # the connection was dropped on purpose

    def _serve(self):
        sim = self.server.simulator
        self.requests_served += 1
        url = urlsplit(self.path)
        if url.path.startswith(_CONTROL_PREFIX):
            self._send(sim.control(self.command, url.path, self._read_json(self._read_body())))
            return
        fault = sim.faults.take(self.command, url.path)
        record = RequestRecord(self.command, url.path, url.query, user_agent=self.headers.get("User-Agent", ""),
                               fault=fault.kind if fault else None)
        sim.arrived(record)
        try:
            self._process(sim, url, fault, record)
        except _Dropped:
            self.close_connection = True
        finally:
            sim.left()

    def _process(self, sim, url, fault, record):
        kind = fault.kind if fault else None
        raw_body = self._read_body()
        record.json_body = self._read_json(raw_body)
        if kind == "reset_before":
            self._drop()  # read but never processed; the record keeps what the client sent
        if kind == "slow":
            time.sleep(float(fault.params.get("delay", 1.0)))
        if kind == "day_passes":
            # reported: pySecurityCenter #60 (scan results imported while a client pages through analysis)
            sim.advance_day()
        if kind in SHORT_CIRCUIT:
            answer = (Answer(502, raw=PROXY_502_PAGE, content_type="text/html") if kind == "html502"
                      else Answer.error(fault.error()))
        else:
            body = copy.deepcopy(record.json_body)  # the record keeps what the client sent
            if url.path == "/rest/analysis" and sim.page_shift:
                shift_offsets(body, sim.page_shift)
            if kind == "extra_row":
                fault.widen(body)
            answer = sim.application.handle(self.command, url.path, url.query, self.headers, body, record)
        if kind in ("total_records_drift", "no_counts"):
            fault.drift(answer.document)
        if kind == "extra_row":
            fault.report_as_asked(answer.document)
            if not fault.repeats_extra_row:
                sim.page_shift += 1
        delay = sim.latency_plan.delay(url.path, answer.rows)
        if delay:
            time.sleep(delay)  # in this request's thread only: concurrent requests are not serialised
        if kind == "reset_after":
            self._drop()
        record.status = answer.status
        self._send(answer, truncate=kind == "truncated", retry_after=fault.retry_after() if fault else None,
                   version=sim.version)

    def _read_body(self):
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    @staticmethod
    def _read_json(raw):
        if not raw:
            return None
        try:
            return json.loads(raw)
        except ValueError:
            return None

    def _send(self, answer, truncate=False, retry_after=None, version=None):
        body = answer.raw if answer.raw is not None else encode(answer.document)
        self.send_response(answer.status)
        self.send_header("Content-Type", answer.content_type)
        self.send_header("Content-Length", str(len(body)))
        # recorded: sc_login_5_20_0.yaml (these five headers; 5.8 sent "no-store, no-cache, must-revalidate")
        self.send_header("Cache-Control", "no-cache, no-store")
        self.send_header("Pragma", "no-cache")
        self.send_header("Vary", "x-apikey")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("X-Frame-Options", "DENY")
        if version and version_tuple(version) < VERSION_HIDDEN_WITHOUT_KEYS:
            # recorded: sc_login.yaml (5.8) sends it; sc_login_5_20_0.yaml (5.20) no longer does.
            self.send_header("SecurityCenter", version)
        if retry_after is not None:
            self.send_header("Retry-After", retry_after)
        if self.requests_served >= self.max_requests:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        if truncate:
            # Valid headers and Content-Length, half the body, then the connection closes.
            self.wfile.write(body[:len(body) // 2])
            self.wfile.flush()
            self.close_connection = True
            return
        self.wfile.write(body)

    def _drop(self):
        """Reset the connection (RST, no TLS close_notify) without answering."""
        try:
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        except OSError:
            pass
        self.connection.close()
        raise _Dropped()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self, address, simulator):
        self.simulator = simulator
        super().__init__(address, _Handler)

    def handle_error(self, request, client_address):
        """Clients that hang up or refuse our certificate are part of the game; stay quiet."""


class Simulator:
    """A Tenable Security Center REST API over a Dataset, on 127.0.0.1 (see the package docstring)."""

    def __init__(self, dataset=None, tls=True, version="6.4.0", host="127.0.0.1", port=0, make_key=None):
        self.dataset = dataset if dataset is not None else Dataset()
        self.tls = tls
        self._initial_version = version
        self.version = version
        self.hide_version = False
        self.api_keys_enabled = True
        # Rows later analysis pages are moved by, after an extra_row fault whose row the next page does not repeat.
        self.page_shift = 0
        self.users = make_users(self.dataset.seed, [r["id"] for r in self.dataset.repositories], make_key)
        self.assets = AssetStore(self.dataset, self.users["secmanager"])
        self.queries = SavedQueries(self.dataset, self.users["secmanager"])
        self.policies = PolicyStore(self.dataset, self.users["secmanager"])
        self.scans = ScanStore(self.dataset, self.users["secmanager"], self.policies)
        self.risk_rules = RiskRules(self.dataset, ORGANIZATION, self.assets.members)
        self.analysis = AnalysisEngine(self.dataset, self.assets, self.scans, self.risk_rules)
        self.scans.on_change = self.risk_rules.on_change = self._data_changed
        self.application = Application(self)
        self.faults = FaultPlan()
        self.latency_plan = Latency()
        self.requests = []
        self.max_concurrency = 0
        self.ca_path = None
        self._address = (host, port)
        self._state_lock = threading.Lock()
        self._in_flight = 0
        self._server = None
        self._thread = None
        self._ca_dir = None

    # Lifecycle

    def start(self):
        if self._server is not None:
            return self
        server = _Server(self._address, self)
        if self.tls:
            server.socket = self._tls_context().wrap_socket(server.socket, server_side=True,
                                                            do_handshake_on_connect=False)
        self._server = server
        self._thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1},
                                        name="sc-simulator", daemon=True)
        self._thread.start()
        return self

    def _tls_context(self):
        # Imported here: only TLS needs it.
        import trustme  # pylint: disable=import-outside-toplevel
        authority = trustme.CA()
        self._ca_dir = tempfile.mkdtemp(prefix="sc-simulator-")
        # Removed by stop(); this also covers a simulator dropped without being stopped.
        weakref.finalize(self, shutil.rmtree, self._ca_dir, True)
        self.ca_path = "%s/ca.pem" % self._ca_dir
        authority.cert_pem.write_to_path(self.ca_path)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        authority.issue_cert("127.0.0.1", "localhost").configure_cert(context)
        return context

    def stop(self):
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._thread.join(timeout=10)
            self._server = None
        if self._ca_dir:
            shutil.rmtree(self._ca_dir, ignore_errors=True)
            self._ca_dir = self.ca_path = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.stop()

    @property
    def port(self):
        return self._server.server_address[1]

    @property
    def url(self):
        return "%s://%s:%d" % ("https" if self.tls else "http", self._server.server_address[0], self.port)

    # Test controls

    def key_string(self, username):
        return self.users[username].key_string

    def every_key(self):
        """Every access and secret key of every account: what must never leak."""
        return [key for user in self.users.values() for key in (user.access_key, user.secret_key)]

    def add_fault(self, kind, method="*", path="/rest/analysis", after=0, times=1, **params):
        return self.faults.add(kind, method, path, after, times, **params)

    def latency(self, per_request=0.0, per_row=0.0, paths=("/rest/analysis",)):
        self.latency_plan.set(per_request, per_row, paths)

    def advance_day(self, plan=None, seed=None):
        """A simulated day of scanning (timeline.advance_day); returns what changed, by finding identity."""
        changes = advance_day(self.dataset, plan, seed)
        self._data_changed()
        return changes

    def _data_changed(self):
        """Findings or SC's clock moved: answers built from them before are stale."""
        self.assets.data_changed()
        self.analysis.clear()

    def count(self, method=None, path=None):
        return sum(1 for record in list(self.requests)
                   if (method is None or record.method == method.upper()) and (path is None or record.path == path))

    def reset(self):
        """Back to the seed state: faults, records, latency, version (shown), API key switch, asset lists, scans and
        what they found, policies, risk rules."""
        self.faults.clear()
        self.latency_plan.set()
        with self._state_lock:
            self.requests.clear()
            self.max_concurrency = self._in_flight
        self.version = self._initial_version
        self.hide_version = False
        self.api_keys_enabled = True
        self.page_shift = 0
        self.assets.reset()
        self.policies.reset()
        self.scans.reset()
        self.risk_rules.reset()
        self.analysis.clear()

    # Bookkeeping called by the handler

    def arrived(self, record):
        with self._state_lock:
            self.requests.append(record)
            self._in_flight += 1
            self.max_concurrency = max(self.max_concurrency, self._in_flight)

    def left(self):
        with self._state_lock:
            self._in_flight -= 1

    # Control API for a simulator in another process (no auth, never recorded)

    def control(self, method, path, body):
        action = (method, path[len(_CONTROL_PREFIX):].strip("/"))
        if action == ("GET", "state"):
            return Answer(200, self.state())
        try:
            if action == ("POST", "faults"):
                specs = body if isinstance(body, list) else [body]
                for spec in specs:
                    self.add_fault(**spec)
                return Answer(200, {"added": len(specs)})
            if action == ("DELETE", "faults"):
                self.faults.clear()
                return Answer(200, {"cleared": True})
            if action == ("POST", "advance_day"):
                plan = DayPlan(**(body or {}))
                return Answer(200, {"changed": len(self.advance_day(plan)), "now": self.dataset.now})
            if action == ("POST", "machines"):
                # Findings as SC's rows name them: ip, pluginID and, for one port only, port.
                for mark in (body or {}).get("patched", []):
                    self.scans.machines.patch(mark["ip"], mark["pluginID"], mark.get("port"))
                for ip in (body or {}).get("down", []):
                    self.scans.machines.take_down(ip)
                return Answer(200, {"patched": len(self.scans.machines.patched), "down": len(self.scans.machines.down)})
            if action == ("POST", "latency"):
                self.latency(**(body or {}))
                return Answer(200, {"latency": "set"})
        except (TypeError, ValueError) as exc:
            return Answer(400, {"error": str(exc)})
        if action == ("POST", "reset"):
            self.reset()
            return Answer(200, {"reset": True})
        return Answer(404, {"error": "unknown control %s %s" % action})

    def state(self):
        counts = {}
        for record in list(self.requests):
            key = "%s %s" % (record.method, record.path)
            counts[key] = counts.get(key, 0) + 1
        return {"counts": counts, "requests": len(self.requests), "in_flight": self._in_flight,
                "max_concurrency": self.max_concurrency, "version": self.version,
                "api_keys_enabled": self.api_keys_enabled, "now": self.dataset.now}

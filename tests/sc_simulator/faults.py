# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Injected faults (what networks, proxies and a busy SC do to clients) and injected latency.

Resets, truncated bodies, delays and plain HTTP statuses are generic network and proxy failures (inferred); the
SC-specific faults say where they come from.
"""

import http.client
import threading

from .envelope import INVALID_PARAMETERS, SCError

# Faults answered instead of processing the request.
SHORT_CIRCUIT = ("status", "html502", "db_locked", "analysis_error")
# Faults applied around a normally processed request.
AROUND = ("reset_before", "reset_after", "truncated", "slow", "total_records_drift", "no_counts", "extra_row",
          "day_passes")
# reported: pyTenable #823, SC 6.3 answered startOffset 10000/endOffset 20000 with 10001 rows and
# returnedRecords 10000.0526. Whether the next page repeats the extra row is not known: the fault does either.
EXTRA_ROW_FRACTION = 0.0526
KINDS = SHORT_CIRCUIT + AROUND

# inferred: an nginx reverse proxy's 502 page in front of SC
PROXY_502_PAGE = (b"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway"
                  b"</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n")


class Fault:
    """Fires on matching requests after letting ``after`` of them through, ``times`` times, then disarms."""

    def __init__(self, kind, method="*", path="/rest/analysis", after=0, times=1, exact=False, **params):
        if kind not in KINDS:
            raise ValueError("unknown fault kind %r (known: %s)" % (kind, ", ".join(KINDS)))
        self.kind = kind
        self.method = method.upper()
        self.path = path
        self.exact = exact  # only ``path`` itself, not the paths below it
        self.after = int(after)
        self.times = int(times)
        self.params = params
        self.seen = 0
        self.fired = 0

    def matches(self, method, path):
        if self.method not in ("*", method):
            return False
        if self.path == "*" or path == self.path:
            return True
        return not self.exact and path.startswith(self.path.rstrip("/") + "/")

    @property
    def armed(self):
        return self.fired < self.times

    def error(self):
        """The SCError a short-circuit fault answers with (html502 is not an envelope: see PROXY_502_PAGE)."""
        params = self.params
        if self.kind == "status":
            status = int(params.get("status", 503))
            return SCError(status, int(params.get("error_code", 0)),
                           params.get("message", http.client.responses.get(status, "Error")))
        if self.kind == "db_locked":
            # client: Splunk SOAR's Tenable.sc connector retries "database locked" errors (any non-zero error_code)
            # inferred: the exact text, status and code (SC answers most application errors with 403, which no
            # client retries on its own)
            return SCError(int(params.get("status", 403)), int(params.get("error_code", 1)),
                           params.get("message", "database is locked\n"))
        return SCError(403, INVALID_PARAMETERS, params.get(
            "message", "Invalid parameters specified for vuln query.\n"))  # inferred: wording

    def retry_after(self):
        value = self.params.get("retry_after")
        return None if value is None else str(value)

    def drift(self, document):
        """total_records_drift: report totalRecords off by ``delta`` or (``missing``) not at all.

        inferred: a count that moves while imports land between pages, or is left out.
        no_counts: neither totalRecords nor returnedRecords (reported: pyTenable #736, on SC 6.2).
        """
        response = _analysis_response(document)
        if response is None or "totalRecords" not in response:
            return
        if self.kind == "no_counts":
            response.pop("returnedRecords", None)
            del response["totalRecords"]
        elif self.params.get("missing"):
            del response["totalRecords"]
        else:
            response["totalRecords"] = str(max(0, int(response["totalRecords"]) + int(self.params.get("delta", 1))))

    def widen(self, body):
        """extra_row, before SC answers: ask for one row more than the client did."""
        for holder in _offset_holders(body):
            if "endOffset" in holder:
                holder["endOffset"] = int(holder["endOffset"]) + 1

    def report_as_asked(self, document):
        """extra_row, after SC answered: the offsets the client sent, and returnedRecords as a float."""
        response = _analysis_response(document)
        if response is None or "endOffset" not in response:
            return
        asked = int(response["endOffset"]) - 1 - int(response["startOffset"])
        response["endOffset"] = str(int(response["endOffset"]) - 1)
        response["returnedRecords"] = asked + EXTRA_ROW_FRACTION

    @property
    def repeats_extra_row(self):
        """Whether the next page starts with the extra row again; if not, later pages start one row further on.

        inferred: pyTenable #823 does not say which, so a test chooses.
        """
        return bool(self.params.get("repeated", True))


def shift_offsets(body, shift):
    """Move the rows a page asks for by ``shift``: what SC does when a row before them was left out (inferred)."""
    for holder in _offset_holders(body):
        for name in ("startOffset", "endOffset"):
            if name in holder:
                holder[name] = int(holder[name]) + shift


def _offset_holders(body):
    """The root and the query of an analysis body: clients send offsets in either."""
    if not isinstance(body, dict):
        return []
    return [body] + ([body["query"]] if isinstance(body.get("query"), dict) else [])


def _analysis_response(document):
    if not isinstance(document, dict) or not isinstance(document.get("response"), dict):
        return None
    return document["response"]


class FaultPlan:
    """The armed faults, in the order they were added; the first that wants a request takes it."""

    def __init__(self):
        self._faults = []
        self._lock = threading.Lock()

    def add(self, kind, method="*", path="/rest/analysis", after=0, times=1, **params):
        fault = Fault(kind, method, path, after, times, **params)
        with self._lock:
            self._faults.append(fault)
        return fault

    def clear(self):
        with self._lock:
            self._faults.clear()

    def take(self, method, path):
        """Count this request against every matching armed fault; return the one that fires, if any."""
        chosen = None
        with self._lock:
            for fault in self._faults:
                if not fault.armed or not fault.matches(method, path):
                    continue
                fault.seen += 1
                if chosen is None and fault.seen > fault.after:
                    fault.fired += 1
                    chosen = fault
        return chosen


class Latency:
    """Sleep injected per request and per returned row on matching path prefixes."""

    def __init__(self):
        self.set()

    def set(self, per_request=0.0, per_row=0.0, paths=("/rest/analysis",)):
        self.per_request = float(per_request)
        self.per_row = float(per_row)
        self.paths = (paths,) if isinstance(paths, str) else tuple(paths)

    def delay(self, path, rows):
        if not any(path == prefix or path.startswith(prefix.rstrip("/") + "/") or prefix == "*"
                   for prefix in self.paths):
            return 0.0
        return self.per_request + self.per_row * rows

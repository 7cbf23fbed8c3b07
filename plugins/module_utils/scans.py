# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Scan results on SC: launching a scan definition, reading results, and waiting until SC has imported them.

A result is usable once its scan has ended and SC has imported what it found: until then its own data is refused
(pyTenable #417) and cumulative data does not show it yet. A launch whose answer is lost is never sent again: the
result it made, if any, is found in SC's list instead.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import time

from ansible_collections.secops.tenablesc.plugins.module_utils.connection import printable, table_argument_spec
from ansible_collections.secops.tenablesc.plugins.module_utils.errors import (
    APIError,
    ConfigurationError,
    ScanFailedError,
    ScanWaitTimeoutError,
    TransportError,
    HINT_SCAN_FAILED,
)
from ansible_collections.secops.tenablesc.plugins.module_utils.lookups import usable_or_manageable
from ansible_collections.secops.tenablesc.plugins.module_utils.rows import normalize_row

RESULT_FIELDS = ("id,name,status,importStatus,running,startTime,finishTime,createdTime,totalIPs,scannedIPs,"
                 "errorDetails,importErrorDetails,scan,repository")
# SC's statuses of a result whose scanning ended with something to import.
ENDED_WITH_RESULTS = ("Completed", "Partial")
# Import statuses after which SC holds all a result will ever hold.
IMPORT_ENDED = ("Finished", "No Results")
# The wait options of the scan modules, with their documentation (the scan_wait doc fragment is rendered from it by
# tools/generated_code.py).
WAIT_OPTIONS = {
    "wait_timeout": dict(
        type="int", default=3600,
        description=[
            "Seconds to wait for SC to finish the scan and import its results before the task fails.",
            "The scan goes on in SC after a timeout; the failure returns what SC last said of it.",
        ]),
    "poll_interval": dict(
        type="int", default=30,
        description=[
            "Seconds between two looks at the scan result while waiting: one light request each.",
        ]),
}
# SC's list of results covers 30 days unless asked for more (pyTenable #108); a lost launch looks back this far.
_LOST_LAUNCH_LOOKBACK = 3600


def wait_argument_spec():
    return table_argument_spec(WAIT_OPTIONS)


def result_view(detail):
    """A scan result as modules return it: snake_case names, numbers and epoch times typed, unknowns None."""
    typed = normalize_row(detail)
    scan = typed.get("scan") if isinstance(typed.get("scan"), dict) else {}
    repository = typed.get("repository") if isinstance(typed.get("repository"), dict) else {}
    return {
        "id": typed.get("id"), "name": typed.get("name"), "status": typed.get("status"),
        "import_status": typed.get("importStatus"), "started": typed.get("startTime"),
        "finished": typed.get("finishTime"), "created": typed.get("createdTime"),
        "total_ips": typed.get("totalIPs"), "scanned_ips": typed.get("scannedIPs"),
        "error_details": typed.get("errorDetails") or typed.get("importErrorDetails") or None,
        "scan": {"id": scan.get("id"), "name": scan.get("name")} if scan else None,
        "repository": {"id": repository.get("id"), "name": repository.get("name")} if repository else None,
    }


def scan_result(client, result_id):
    """One result, by ID."""
    return result_view(client.get("/scanResult/%s" % result_id, params={"fields": RESULT_FIELDS}) or {})


def scan_results(client, start=None, end=None):
    """Every result the account can see created in [start, end] (epoch seconds), or SC's last 30 days."""
    window = {} if start is None else dict(startTime=int(start), endTime=int(end))
    return sorted((result_view(detail) for detail in usable_or_manageable(client, "/scanResult", RESULT_FIELDS, **window)),
                  key=lambda view: (view["created"] or 0, view["id"]))


def launch(client, scan_id, warn):
    """Launch a scan definition; returns its new result. A lost answer is never sent again (see the docstring)."""
    before = client.server_time
    try:
        answer = client.post("/scan/%s/launch" % scan_id, {})
    except TransportError as exc:
        if not exc.maybe_applied or before is None:
            raise
        made = [view for view in scan_results(client, before - _LOST_LAUNCH_LOOKBACK, client.clock())
                if view["scan"] and str(view["scan"]["id"]) == str(scan_id) and (view["created"] or 0) >= before]
        if len(made) != 1:
            raise
        warn("SC's answer to the launch was lost; found scan result %s it had made." % made[0]["id"])
        return made[0]
    launched = answer.get("scanResult") if isinstance(answer, dict) else None
    if not isinstance(launched, dict) or not launched.get("id"):
        raise APIError("POST /scan/%s/launch: SC's answer names no scan result: %s" % (scan_id, printable(answer)),
                       hint=HINT_SCAN_FAILED)
    return scan_result(client, launched["id"])


def wait_for_import(client, result_id, timeout, poll_interval, debug, sleep=time.sleep, clock=time.monotonic):
    """Poll a result until its scan ended and SC imported it; ScanFailedError or ScanWaitTimeoutError otherwise."""
    if timeout < 0 or poll_interval < 1:
        raise ConfigurationError("wait_timeout must be 0 or more and poll_interval 1 or more.")
    deadline = clock() + timeout
    while True:
        view = scan_result(client, result_id)
        if imported(view):
            return view
        left = deadline - clock()
        if left <= 0:
            raise ScanWaitTimeoutError(
                "Scan result %s (%s) was not imported within %s seconds; SC last said status %s, import %s, %s of %s"
                " addresses scanned." % (view["id"], printable(view["name"]), timeout, view["status"],
                                         view["import_status"], view["scanned_ips"], view["total_ips"]),
                scan_result=view)
        debug("scan result %s: %s, import %s; next look in %ss" % (
            view["id"], view["status"], view["import_status"], min(poll_interval, left)))
        sleep(min(poll_interval, left))


def imported(view):
    """Whether SC holds all the result will hold; raises ScanFailedError for a result that ended without it."""
    status, import_status = view["status"], view["import_status"]
    if status == "Error" or import_status == "Error":
        raise ScanFailedError("Scan result %s (%s) ended in error%s: %s" % (
            view["id"], printable(view["name"]), "" if status == "Error" else " while importing",
            view["error_details"] or "SC gave no details."), scan_result=view)
    return status in ENDED_WITH_RESULTS and import_status in IMPORT_ENDED

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Scan definitions, launches and scan results: recorded shapes, statuses moving on the clock, refusals."""

import time

import pytest

from sc_simulator.scans import RUN_STATUSES, ScanTiming

MANAGER = "secmanager"
NEW_SCAN = {"name": "Verify patch", "type": "policy", "repository": {"id": 1}, "policy": {"id": 1000001},
            "ipList": "10.16.0.5", "schedule": {"type": "now"}}


def statuses_until_finished(api, result_id, limit=10.0):
    """Every (status, importStatus) a result showed, polled until its import ended."""
    seen = []
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        result = api.response("GET", "/rest/scanResult/%s" % result_id)
        state = (result["status"], result["importStatus"])
        if not seen or seen[-1] != state:
            seen.append(state)
        if state[1] == "Finished" or state[0] == "Error":
            return seen, result
        time.sleep(0.02)
    raise AssertionError("the result never finished: %s" % seen)


def test_a_created_scan_launches_into_a_result_that_moves_through_sc_statuses(api, sc):
    sc.scans.timing = ScanTiming(queued=0.1, preparing=0.1, initializing=0.1, running=0.2, importing=0.2)
    scan = api.response("POST", "/rest/scan", user=MANAGER, json=NEW_SCAN)
    assert (scan["type"], scan["ipList"], scan["policy"]["id"], scan["status"]) == ("policy", "10.16.0.5", "1000001", "0")
    launched = api.response("POST", "/rest/scan/%s/launch" % scan["id"], user=MANAGER)
    assert launched["scanID"] == scan["id"] and launched["scanResult"]["status"] == "Queued"
    seen, result = statuses_until_finished(api, launched["scanResult"]["id"])
    assert [status for status, _import in seen][:4] == list(RUN_STATUSES)
    assert seen[-2:] == [("Completed", "Importing"), ("Completed", "Finished")]
    assert result["running"] == "false" and result["scan"]["id"] == scan["id"]
    listed = api.response("GET", "/rest/scanResult")["usable"]
    assert {"id": result["id"], "name": "Verify patch", "description": "", "status": "Completed"} in listed


def test_a_result_that_ends_in_error_says_why(api, sc):
    sc.scans.timing = ScanTiming(queued=0, preparing=0, initializing=0, running=0.05, importing=0)
    sc.scans.outcome = {"status": "Error", "errorDetails": "Scanner unavailable"}
    launched = api.response("POST", "/rest/scan/1/launch", user=MANAGER)
    seen, result = statuses_until_finished(api, launched["scanResult"]["id"])
    assert seen[-1] == ("Error", "No Results") and result["errorDetails"] == "Scanner unavailable"


def test_the_results_list_covers_thirty_days_unless_told(api, sc):
    launched = api.response("POST", "/rest/scan/1/launch", user=MANAGER)["scanResult"]["id"]
    created = sc.dataset.now
    assert [r["id"] for r in api.response("GET", "/rest/scanResult")["usable"]] == [launched]
    sc.dataset.now += 31 * 86400
    try:
        assert api.response("GET", "/rest/scanResult")["usable"] == []
        told = api.response("GET", "/rest/scanResult", params={"startTime": created, "endTime": sc.dataset.now})
        assert [r["id"] for r in told["usable"]] == [launched]
    finally:
        sc.dataset.now = created


def test_a_deleted_definition_is_gone(api):
    scan = api.response("POST", "/rest/scan", user=MANAGER, json=NEW_SCAN)
    assert api.response("DELETE", "/rest/scan/%s" % scan["id"], user=MANAGER) == ""
    answer = api.call("DELETE", "/rest/scan/%s" % scan["id"], user=MANAGER)
    assert (answer.status_code, answer.json()["error_code"]) == (403, 147)
    assert "Unable to find existing Scan #%s to delete." % scan["id"] in answer.json()["error_msg"]


@pytest.mark.parametrize("version, plugin_scan_refused", [("5.19.1", False), ("5.20.0", True), ("6.4.0", True)])
def test_plugin_scans_are_refused_from_5_20(api, sc, version, plugin_scan_refused):
    sc.version = version
    body = dict(NEW_SCAN, type="plugin", plugin={"id": 19506})
    del body["policy"]
    answer = api.call("POST", "/rest/scan", user=MANAGER, json=body)
    refused = answer.json()["error_code"] != 0
    assert refused == plugin_scan_refused
    if refused:
        assert (answer.status_code, answer.json()["error_msg"]) == (403, "Please specify a valid Policy.\n")


@pytest.mark.parametrize("user, method, path, error_code", [
    ("vulnanalyst", "POST", "/rest/scan/1/launch", 1),
    ("vulnanalyst", "DELETE", "/rest/scan/1", 1),
    ("admin", "GET", "/rest/scan", 15),
    ("vulnanalyst", "GET", "/rest/scanResult/999", 147),
    ("vulnanalyst", "GET", "/rest/scan/999", 147),
])
def test_refusals(api, user, method, path, error_code):
    answer = api.call(method, path, user=user)
    assert (answer.status_code, answer.json()["error_code"]) == (403, error_code)

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Scan definitions, launches and scan results: recorded shapes, statuses moving on the clock, refusals."""

import time

import pytest

from sc_simulator.scans import RUN_STATUSES, ScanTiming

MANAGER = "secmanager"
NEW_SCAN = {"name": "Verify patch", "type": "policy", "repository": {"id": 1}, "policy": {"id": 1000001},
            "ipList": "10.16.0.7", "schedule": {"type": "now"}}


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
    assert (scan["type"], scan["ipList"], scan["policy"]["id"], scan["status"]) == ("policy", "10.16.0.7", "1000001", "0")
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
    listed = [r["id"] for r in api.response("GET", "/rest/scanResult")["usable"]]
    assert launched in listed and len(listed) == len(sc.dataset.scan_results) + 1
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


def test_a_policy_from_the_advanced_template_names_its_families_and_plugins(api):
    plugin = api.response("GET", "/rest/plugin/19506", params={"fields": "id,name,family"})
    assert plugin["family"] == {"id": "41", "name": "Settings", "type": "active"}
    body = {"name": "Remediation", "policyTemplate": {"id": 1},
            "families": [{"id": plugin["family"]["id"], "plugins": [{"id": "19506"}]}]}
    policy = api.response("POST", "/rest/policy", user=MANAGER, json=body)
    assert policy["policyTemplate"]["name"] == "Advanced Scan"
    assert policy["families"] == [{"id": "41", "name": "Settings", "type": "active", "plugins": [{"id": "19506"}]}]
    assert {"id": policy["id"], "name": "Remediation", "description": "", "status": "0"} in \
        api.response("GET", "/rest/policy")["usable"]
    assert api.response("DELETE", "/rest/policy/%s" % policy["id"], user=MANAGER) == ""
    again = api.call("DELETE", "/rest/policy/%s" % policy["id"], user=MANAGER).json()
    assert again["error_code"] == 147 and "Unable to find existing Policy #" in again["error_msg"]


@pytest.mark.parametrize("family, plugin", [("99999", "19506"), ("20", "19506")])
def test_a_policy_with_an_unknown_family_or_a_plugin_outside_it_is_refused(api, family, plugin):
    body = {"name": "Bad", "policyTemplate": {"id": 1}, "families": [{"id": family, "plugins": [{"id": plugin}]}]}
    answer = api.call("POST", "/rest/policy", user=MANAGER, json=body)
    assert (answer.status_code, answer.json()["error_code"]) == (403, 146)


def open_findings(sc, host):
    ds = sc.dataset
    return [index for index in range(ds.host_start[host.index], ds.host_start[host.index + 1])
            if not ds.f_mitigated[index] and not ds.plugins[ds.f_plugin[index]].was]


def test_a_finished_scan_fixes_patched_findings_sees_the_rest_again_and_skips_down_hosts(api, sc):
    sc.scans.timing = ScanTiming(queued=0, preparing=0, initializing=0, running=0.05, importing=0.3)
    ds = sc.dataset
    hosts = [host for host in ds.hosts if host.repository_id == "1" and len(open_findings(sc, host)) >= 2][:3]
    patched_host, unpatched_host, down_host = hosts
    patched, kept = open_findings(sc, patched_host)[:2]
    sc.scans.machines.patch(patched_host.ip, ds.plugins[ds.f_plugin[patched]].id)
    sc.scans.machines.take_down(down_host.ip)
    before = {index: (ds.f_last[index], ds.f_mitigated[index]) for index in range(len(ds.f_plugin))}
    scan = api.response("POST", "/rest/scan", user=MANAGER, json=dict(
        NEW_SCAN, ipList=",".join(host.ip for host in hosts)))
    result = api.response("POST", "/rest/scan/%s/launch" % scan["id"], user=MANAGER)["scanResult"]
    started = int(api.response("GET", "/rest/scanResult/%s" % result["id"])["startTime"])
    query = {"type": "vuln", "sourceType": "individual", "scanID": result["id"], "view": "all",
             "query": {"tool": "vulndetails", "type": "vuln", "scanID": result["id"], "view": "all", "filters": []}}
    seen, details = statuses_until_finished(api, result["id"])
    assert details["totalIPs"] == "3" and details["scannedIPs"] == "2" and int(details["finishTime"]) > started
    assert (ds.f_mitigated[patched], ds.f_last_mitigated[patched]) == (1, started + 1)
    assert ds.f_last[kept] == started + 1
    assert all(ds.f_last[index] == started + 1 for index in open_findings(sc, unpatched_host))
    assert all((ds.f_last[index], ds.f_mitigated[index]) == before[index] for index in range(
        ds.host_start[down_host.index], ds.host_start[down_host.index + 1]))
    own = api.response("POST", "/rest/analysis", json=query)
    assert {row["ip"] for row in own["results"]} == {patched_host.ip, unpatched_host.ip}
    query["view"] = query["query"]["view"] = "patched"
    fixed = api.response("POST", "/rest/analysis", json=query)["results"]
    assert [(row["ip"], row["pluginID"]) for row in fixed] == [(patched_host.ip, ds.plugins[ds.f_plugin[patched]].id_str)]
    sc.reset()
    assert all((ds.f_last[index], ds.f_mitigated[index]) == before[index] for index in range(len(ds.f_plugin)))


def test_a_result_is_refused_to_analysis_while_it_imports(api, sc):
    sc.scans.timing = ScanTiming(queued=0, preparing=0, initializing=0, running=0, importing=30)
    scan = api.response("POST", "/rest/scan", user=MANAGER, json=NEW_SCAN)
    launched = api.response("POST", "/rest/scan/%s/launch" % scan["id"], user=MANAGER)["scanResult"]["id"]
    query = {"type": "vuln", "sourceType": "individual", "scanID": launched, "view": "all",
             "query": {"tool": "vulndetails", "type": "vuln", "scanID": launched, "view": "all", "filters": []}}
    answer = api.call("POST", "/rest/analysis", json=query)
    assert (answer.status_code, answer.json()["error_code"]) == (403, 143)


def test_a_scan_of_hosts_that_are_all_down_imports_no_results(api, sc):
    sc.scans.timing = ScanTiming(queued=0, preparing=0, initializing=0, running=0.02, importing=0)
    sc.scans.machines.take_down("10.16.0.7")
    scan = api.response("POST", "/rest/scan", user=MANAGER, json=NEW_SCAN)
    result = api.response("POST", "/rest/scan/%s/launch" % scan["id"], user=MANAGER)["scanResult"]["id"]
    time.sleep(0.05)
    details = api.response("GET", "/rest/scanResult/%s" % result)
    assert (details["status"], details["importStatus"], details["scannedIPs"]) == ("Completed", "No Results", "0")

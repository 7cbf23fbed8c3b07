# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Scan results and remediation scans: reading SC's answers, when a result is done, what a finding's rows say."""

import pytest

from ansible_collections.secops.tenablesc.plugins.module_utils.errors import ConfigurationError, ScanFailedError
from ansible_collections.secops.tenablesc.plugins.module_utils.remediation import (
    Finding,
    counts,
    findings_from_rows,
    verdict,
)
from ansible_collections.secops.tenablesc.plugins.module_utils.scans import imported, result_view

# recorded: pyTenable test_scan_instances_details_success.yaml (the fields read; every value a string)
FINISHED = {"id": "8", "name": "Example Scan", "status": "Completed", "importStatus": "Finished", "running": "false",
            "startTime": "1550037606", "finishTime": "1550037839", "createdTime": "1550037603", "totalIPs": "2048",
            "scannedIPs": "2048", "errorDetails": "", "importErrorDetails": "",
            "scan": {"id": "34", "name": "Example Scan", "description": ""},
            "repository": {"id": "1", "name": "Default", "description": ""}}
# client: Cortex XSOAR's SC integration test data (test_get_scan_status_command.json)
FAILED = {"id": "3", "name": "Test", "status": "Error", "importStatus": "No Results", "running": "false",
          "startTime": "-1", "finishTime": "-1", "totalIPs": "-1", "scannedIPs": "0",
          "errorDetails": "Scan IPs are not within your accessible range."}


def test_a_result_is_typed_and_named_for_playbooks():
    assert result_view(FINISHED) == {
        "id": 8, "name": "Example Scan", "status": "Completed", "import_status": "Finished", "started": 1550037606,
        "finished": 1550037839, "created": 1550037603, "total_ips": 2048, "scanned_ips": 2048, "error_details": None,
        "scan": {"id": 34, "name": "Example Scan"}, "repository": {"id": 1, "name": "Default"}}


def test_unknown_times_and_counts_are_none():
    view = result_view(FAILED)
    assert (view["started"], view["finished"], view["scan"], view["repository"]) == (None, None, None, None)
    assert view["error_details"] == "Scan IPs are not within your accessible range."


@pytest.mark.parametrize("status, import_status, done", [
    ("Queued", "No Results", False),
    ("In Progress", "No Results", False),
    ("Running", "No Results", False),
    ("Completed", "Import Pending", False),
    ("Completed", "Importing", False),
    ("Completed", "Finished", True),
    ("Completed", "No Results", True),
    ("Partial", "Finished", True),
    ("Paused", "No Results", False),
])
def test_a_result_is_done_once_it_ended_and_was_imported(status, import_status, done):
    assert imported(result_view(dict(FINISHED, status=status, importStatus=import_status))) is done


def test_an_error_fails_with_scs_details_and_the_result():
    with pytest.raises(ScanFailedError) as raised:
        imported(result_view(FAILED))
    assert "ended in error: Scan IPs are not within your accessible range." in raised.value.message
    failed = raised.value.to_fail_json()
    assert failed["scan_result"]["id"] == 3 and "scan_result" not in failed["error"]


def test_an_import_error_fails_too():
    with pytest.raises(ScanFailedError, match="while importing: disk full"):
        imported(result_view(dict(FINISHED, importStatus="Error", importErrorDetails="disk full")))


ROW = {"ip": "10.0.0.5", "pluginID": 97833, "port": 445, "protocol": "TCP", "repository": {"id": 1, "name": "DMZ"}}


def test_rows_of_the_info_modules_become_findings_once_each():
    assert findings_from_rows([ROW, dict(ROW), {"ip": "10.0.0.6", "plugin_id": "19506", "repositoryID": "2"}]) == [
        Finding("1", "10.0.0.5", "97833", "445", "TCP"), Finding("2", "10.0.0.6", "19506", None, None)]


def test_a_given_repository_replaces_the_rows_own():
    assert findings_from_rows([ROW], repository_id="3") == [Finding("3", "10.0.0.5", "97833", "445", "TCP")]


@pytest.mark.parametrize("rows, message", [
    ("10.0.0.5", "findings must be a list"),
    (["10.0.0.5"], "findings item 1 is not a mapping"),
    ([dict(ROW, ip="web1")], "findings item 1 needs an ip address"),
    ([dict(ROW, pluginID="x")], "findings item 1 needs an ip address and a numeric pluginID"),
    ([{"ip": "10.0.0.5", "pluginID": 1}], "findings item 1 names no repository"),
])
def test_rows_that_name_no_finding_are_refused(rows, message):
    with pytest.raises(ConfigurationError, match=message):
        findings_from_rows(rows)


SCANNED = {"id": 8, "started": 1000}


@pytest.mark.parametrize("finding, seen, status", [
    (Finding("1", "10.0.0.5", "97833", "445", "TCP"), {"fixed": [dict(ROW, lastMitigated=1001)]}, "fixed"),
    (Finding("1", "10.0.0.5", "97833", "445", "TCP"), {"vulnerable": [dict(ROW, lastSeen=1001)]}, "vulnerable"),
    (Finding("1", "10.0.0.5", "97833", "445", "TCP"), {}, "not_checked"),
    # Another port of the plugin on the host does not decide this one.
    (Finding("1", "10.0.0.5", "97833", "139", "TCP"), {"fixed": [dict(ROW, lastMitigated=1001)]}, "not_checked"),
    # Any port: still open on one port is still vulnerable.
    (Finding("1", "10.0.0.5", "97833", None, None),
     {"fixed": [dict(ROW, lastMitigated=1001)], "vulnerable": [dict(ROW, port=139, lastSeen=1001)]}, "vulnerable"),
    (Finding("1", "10.0.0.5", "97833", "445", "UDP"), {"fixed": [dict(ROW, lastMitigated=1001)]}, "not_checked"),
])
def test_a_finding_is_decided_by_the_rows_that_match_it(finding, seen, status):
    assert verdict(finding, seen, SCANNED)["status"] == status


def test_a_verdict_says_when():
    fixed = verdict(Finding("1", "10.0.0.5", "97833", "445", "TCP"), {"fixed": [dict(ROW, lastMitigated=1001)]}, SCANNED)
    assert fixed == {"ip": "10.0.0.5", "plugin_id": 97833, "port": 445, "protocol": "TCP", "repository_id": 1,
                     "status": "fixed", "last_seen": None, "last_mitigated": 1001, "scan_result_id": 8}
    assert counts([fixed, dict(fixed, status="not_checked")]) == {"fixed": 1, "vulnerable": 0, "not_checked": 1}

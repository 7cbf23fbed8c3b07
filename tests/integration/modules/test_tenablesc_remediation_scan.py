# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""tenablesc_remediation_scan through ansible-playbook: patched, unpatched and down hosts behind the simulator."""

import pytest

from sc_simulator.catalog import PROTOCOL_NAMES
from sc_simulator.policies import FULL_SAFE_SCAN_ID
from sc_simulator.scans import ScanTiming

REPOSITORY = "2"  # DMZ


@pytest.fixture(autouse=True)
def quick_scans(sc):
    sc.scans.timing = ScanTiming(queued=0.1, preparing=0.1, initializing=0.1, running=0.2, importing=0.3)


def open_rows(sc, host):
    """A host's open findings as tenablesc_vulns_info returns them (the fields the module reads)."""
    ds = sc.dataset
    return [{"ip": host.ip, "pluginID": ds.plugins[ds.f_plugin[i]].id, "port": ds.f_port[i],
             "protocol": PROTOCOL_NAMES[ds.f_protocol[i]], "repository": {"id": int(host.repository_id), "name": "DMZ"}}
            for i in range(ds.host_start[host.index], ds.host_start[host.index + 1])
            if not ds.f_mitigated[i] and not ds.plugins[ds.f_plugin[i]].was]


@pytest.fixture
def three_hosts(sc):
    """(patched, unpatched, down) hosts of the DMZ, each with at least two open findings."""
    hosts = [host for host in sc.dataset.hosts if host.repository_id == REPOSITORY and len(open_rows(sc, host)) >= 2]
    return hosts[:3]


def verify(task, manager, check=False, **args):
    return task("tenablesc_remediation_scan", dict(manager, poll_interval=1, **args), check=check)


def leftovers(sc):
    """Scan definitions and policies beyond the seeded ones."""
    return ([scan["name"] for scan in sc.scans.definitions() if not scan["name"].startswith("Weekly scan")],
            [policy["name"] for policy in sc.policies.summaries() if policy["id"] != FULL_SAFE_SCAN_ID])


def test_patched_unpatched_and_down_hosts_are_classified_exactly(task, manager, sc, three_hosts):
    patched_host, unpatched_host, down_host = three_hosts
    fixed_row, still_open_row = open_rows(sc, patched_host)[:2]
    sc.scans.machines.patch(patched_host.ip, fixed_row["pluginID"], fixed_row["port"])
    sc.scans.machines.take_down(down_host.ip)
    findings = [fixed_row, still_open_row] + open_rows(sc, unpatched_host)[:2] + open_rows(sc, down_host)[:2]
    run = verify(task, manager, findings=findings)
    assert run.returncode == 0, run.output
    statuses = [(item["ip"], item["plugin_id"], item["port"], item["status"]) for item in run.result["results"]]
    expected = ["fixed", "vulnerable", "vulnerable", "vulnerable", "not_checked", "not_checked"]
    assert statuses == [(row["ip"], row["pluginID"], row["port"], status) for row, status in zip(findings, expected)]
    assert run.result["counts"] == {"fixed": 1, "vulnerable": 3, "not_checked": 2}
    [result] = run.result["scan_results"]
    assert (result["status"], result["import_status"], result["total_ips"], result["scanned_ips"]) == (
        "Completed", "Finished", 3, 2)
    fixed = run.result["results"][0]
    assert fixed["last_mitigated"] >= result["started"] and fixed["scan_result_id"] == result["id"]
    assert run.result["changed"] is True and leftovers(sc) == ([], [])


def test_targets_with_plugin_ids_verify_the_open_findings_sc_holds(task, manager, sc, three_hosts):
    host = three_hosts[0]
    row = open_rows(sc, host)[0]
    sc.scans.machines.patch(host.ip, row["pluginID"])
    absent = next(plugin.id for plugin in sc.dataset.plugins if plugin.id not in {r["pluginID"] for r in open_rows(sc, host)})
    expected = [(host.ip, r["pluginID"], r["port"], "fixed") for r in open_rows(sc, host) if r["pluginID"] == row["pluginID"]]
    run = verify(task, manager, targets=[host.ip], plugin_ids=[row["pluginID"], absent], repository="DMZ")
    assert run.returncode == 0, run.output
    assert [(item["ip"], item["plugin_id"], item["port"], item["status"]) for item in run.result["results"]] == expected
    assert run.result["not_open"] == [{"ip": host.ip, "plugin_id": absent}]


def test_a_scan_that_fails_still_cleans_up(task, manager, sc, three_hosts):
    sc.scans.outcome = {"status": "Error", "errorDetails": "Scan aborted: no scanners available in zone."}
    run = verify(task, manager, findings=open_rows(sc, three_hosts[0])[:1])
    assert run.failed and "no scanners available" in run.result["msg"] and "Traceback" not in run.output
    assert sc.count("DELETE") == 2 and leftovers(sc) == ([], [])


def test_a_wait_that_times_out_still_cleans_up(task, manager, sc, three_hosts):
    sc.scans.timing = ScanTiming(running=600)
    run = verify(task, manager, findings=open_rows(sc, three_hosts[0])[:1], wait_timeout=1)
    assert run.failed and "raise wait_timeout" in run.result["msg"]
    assert leftovers(sc) == ([], [])


def test_keep_scan_leaves_the_policy_and_scan(task, manager, sc, three_hosts):
    findings = open_rows(sc, three_hosts[0])[:2] + open_rows(sc, three_hosts[1])[:1]
    run = verify(task, manager, findings=findings, keep_scan=True)
    assert run.returncode == 0, run.output
    scans, policies = leftovers(sc)
    assert len(scans) == 1 and scans == policies and scans[0].startswith("secops.tenablesc remediation ")
    # The policy enables exactly the plugins asked about, each within its own family; the scan targets the hosts.
    [policy] = [p for p in sc.policies.summaries() if p["name"] == policies[0]]
    assert sc.policies.plugin_ids(policy["id"]) == {row["pluginID"] for row in findings}
    [scan] = [s for s in sc.scans.definitions() if s["name"] == scans[0]]
    assert scan["ipList"] == ",".join(host.ip for host in three_hosts[:2]) and scan["schedule"] == {"type": "template"}


@pytest.mark.parametrize("lost", ["/rest/policy", "/rest/scan"])
def test_a_create_whose_answer_is_lost_is_never_repeated(task, manager, sc, three_hosts, lost):
    sc.add_fault("reset_after", method="POST", path=lost)
    run = verify(task, manager, findings=open_rows(sc, three_hosts[0])[:1])
    assert run.returncode == 0, run.output
    assert any("was lost; found" in warning for warning in run.result.get("warnings", []))
    assert sc.count("POST", "/rest/policy") == 1 and sc.count("POST", "/rest/scan") == 1
    assert leftovers(sc) == ([], [])


def test_check_mode_creates_and_launches_nothing(task, manager, sc, three_hosts):
    findings = open_rows(sc, three_hosts[0])[:2]
    run = verify(task, manager, check=True, findings=findings)
    assert run.returncode == 0, run.output
    assert run.result["changed"] is True and run.result["results"] == []
    assert run.result["scans"] == [{"repository_id": 2, "ips": [three_hosts[0].ip],
                                    "plugin_ids": sorted({row["pluginID"] for row in findings})}]
    assert sc.count("POST", "/rest/policy") == sc.count("POST", "/rest/scan") == 0


@pytest.mark.parametrize("args, message", [
    (dict(findings=[{"ip": "10.0.0.1", "pluginID": 99999999, "repository": {"id": 2}}]),
     "Plugin 99999999 is not in SC's plugin feed."),
    (dict(findings=[{"ip": "not-an-ip", "pluginID": 19506}]), "findings item 1 needs an ip address"),
    (dict(findings=[{"ip": "10.0.0.1", "pluginID": 19506}]), "findings item 1 names no repository"),
    (dict(targets=["10.0.0.1"]), "parameters are required together: targets, plugin_ids"),
])
def test_bad_input_gets_one_clear_message(task, manager, sc, args, message):
    run = verify(task, manager, **args)
    assert run.failed and message in run.result["msg"] and "Traceback" not in run.output
    assert sc.count("POST", "/rest/scan") == 0

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""tenablesc_scan_launch and tenablesc_scan_result_info through ansible-playbook, against the simulator's scans."""

import pytest

from sc_simulator.scans import ScanTiming

DAY = 86400
WEEKLY = "Weekly scan: Corporate LAN"


@pytest.fixture
def quick_scans(sc):
    """Scans that end within about a second of the simulator's clock."""
    sc.scans.timing = ScanTiming(queued=0.1, preparing=0.1, initializing=0.1, running=0.3, importing=0.3)
    return sc.scans


def weekly_scan(sc):
    """The seeded weekly scan of the first repository, retargeted at three of its hosts, so it finds something."""
    scan = sc.scans.definitions()[0]
    scan["ipList"] = ",".join(host.ip for host in sc.dataset.hosts if host.repository_id == scan["repository"]["id"])
    return scan


def launch(task, manager, **args):
    return task("tenablesc_scan_launch", dict(manager, **args))


def test_launch_and_wait_returns_the_imported_result(task, manager, sc, quick_scans):
    scan = weekly_scan(sc)
    run = launch(task, manager, name=scan["name"], wait=True, poll_interval=1)
    assert run.returncode == 0, run.output
    result = run.result["scan_result"]
    assert run.result["changed"] is True and run.result["scan"] == {"id": int(scan["id"]), "name": scan["name"]}
    assert (result["status"], result["import_status"]) == ("Completed", "Finished")
    assert result["scanned_ips"] == result["total_ips"] > 0 and result["finished"] >= result["started"] > 0
    assert result["scan"]["id"] == int(scan["id"]) and result["error_details"] is None
    assert sc.count("POST", "/rest/scan/%s/launch" % scan["id"]) == 1
    # Imported: the result's own data is there to read.
    own = task("tenablesc_vulns_info", dict(manager, source_type="individual", scan_id=result["id"], view="all"))
    assert own.returncode == 0 and own.result["findings"], own.output


def test_launch_without_wait_returns_at_once(task, manager, sc, quick_scans):
    sc.scans.timing = ScanTiming(queued=60)
    run = launch(task, manager, id=1)
    assert run.returncode == 0, run.output
    assert run.result["scan_result"]["status"] == "Queued" and run.result["scan_result"]["finished"] is None


def test_a_scan_that_ends_in_error_fails_with_scs_details(task, manager, sc, quick_scans):
    sc.scans.outcome = {"status": "Error", "errorDetails": "Scanner 'Nessus DMZ' is unavailable."}
    run = launch(task, manager, name=weekly_scan(sc)["name"], wait=True, poll_interval=1)
    assert run.failed and "ended in error: Scanner 'Nessus DMZ' is unavailable." in run.result["msg"]
    assert "Scans > Scan Results" in run.result["msg"] and "Traceback" not in run.output
    assert run.result["scan_result"]["status"] == "Error"


def test_a_wait_that_times_out_fails_with_what_sc_last_said(task, manager, sc):
    sc.scans.timing = ScanTiming(running=600)
    run = launch(task, manager, name=weekly_scan(sc)["name"], wait=True, wait_timeout=2, poll_interval=1)
    assert run.failed, run.output
    assert "was not imported within 2 seconds; SC last said status Running, import No Results" in run.result["msg"]
    assert "raise wait_timeout" in run.result["msg"] and run.result["scan_result"]["status"] == "Running"
    assert sc.count("POST", "/rest/scan/1/launch") == 1


def test_check_mode_launches_nothing(task, manager, sc):
    run = task("tenablesc_scan_launch", dict(manager, name=WEEKLY), check=True)
    assert run.returncode == 0, run.output
    assert run.result["changed"] is True and run.result["scan_result"] is None
    assert sc.count("POST") == 0


def test_a_launch_whose_answer_is_lost_is_not_sent_again(task, manager, sc, quick_scans):
    sc.add_fault("reset_after", method="POST", path="/rest/scan/1/launch")
    before = len(sc.scans.results())
    run = launch(task, manager, id=1)
    assert run.returncode == 0, run.output
    assert any("answer to the launch was lost" in warning for warning in run.result.get("warnings", []))
    assert sc.count("POST", "/rest/scan/1/launch") == 1 and len(sc.scans.results()) == before + 1
    assert run.result["scan_result"]["id"] == max(int(found["id"]) for found in sc.scans.results())


def test_a_read_only_role_gets_the_role_to_use(task, connection):
    run = launch(task, connection, id=1)
    assert run.failed and "Security Manager or Security Analyst" in run.result["msg"]


def test_an_unknown_scan_name_lists_the_visible_ones(task, manager):
    run = launch(task, manager, name="No such scan")
    assert run.failed and "No scan 'No such scan' is visible" in run.result["msg"] and WEEKLY in run.result["msg"]


def test_result_info_waits_for_the_import(task, manager, sc, quick_scans):
    launched = launch(task, manager, name=weekly_scan(sc)["name"]).result["scan_result"]
    run = task("tenablesc_scan_result_info", dict(manager, id=launched["id"], wait_for_import=True, poll_interval=1),
               check=True)
    assert run.returncode == 0, run.output
    assert run.result["changed"] is False and run.result["scan_results"] == [run.result["scan_result"]]
    assert (run.result["scan_result"]["status"], run.result["scan_result"]["import_status"]) == ("Completed", "Finished")


def test_result_info_reaches_past_scs_thirty_days_with_since(task, connection, sc, quick_scans):
    launched = launch(task, dict(connection, api_keys=sc.key_string("secmanager")), id=1).result["scan_result"]
    created = sc.dataset.now
    sc.dataset.now += 45 * DAY
    try:
        by_default = task("tenablesc_scan_result_info", dict(connection, name=WEEKLY))
        assert by_default.returncode == 0 and by_default.result["scan_results"] == [], by_default.output
        since = task("tenablesc_scan_result_info", dict(connection, name=WEEKLY, since=str(created - DAY)))
        assert [found["id"] for found in since.result["scan_results"]] == [launched["id"]]
        iso = task("tenablesc_scan_result_info", dict(connection, since="2000-01-01"))
        assert launched["id"] in [found["id"] for found in iso.result["scan_results"]]
        assert len(iso.result["scan_results"]) == len(sc.scans.results(0, sc.dataset.now))
    finally:
        sc.dataset.now = created

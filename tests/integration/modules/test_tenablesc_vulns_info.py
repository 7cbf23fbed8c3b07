# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""tenablesc_vulns_info through ansible-playbook, checked against the simulator's own data."""

import csv
import json

import pytest

DAY = 86400


@pytest.fixture
def current(sc, sc_dataset):
    """Host findings (was_findings: exclude, the default) the Vulnerability Analyst sees in cumulative (unmitigated)
    data: the oracle."""
    visible = set(sc.users["vulnanalyst"].repository_ids)
    return [f for f in sc_dataset.findings if f.host.repository_id in visible and not f.mitigated and not f.plugin.was]


def vulns(task, connection, **args):
    run = task("tenablesc_vulns_info", dict(connection, **args))
    assert run.returncode == 0, run.output
    assert run.result["changed"] is False
    return run.result


def finding_keys(rows):
    return sorted((row["ip"], row["repository"]["id"], row["pluginID"], row["port"]) for row in rows)


def oracle_keys(findings):
    return sorted((f.host.ip, int(f.host.repository_id), f.plugin.id, f.port) for f in findings)


def test_critical_exploitable_recent_in_one_repository(task, connection, sc_dataset, current):
    repository = sc_dataset.repository(current[0].host.repository_id)
    result = vulns(task, connection, severity=["critical"], exploit_available=True, last_seen=30,
                   repository=[repository["name"]], page_size=7)
    expected = [f for f in current if f.plugin.severity == 4 and f.plugin.exploit_available
                and f.last_seen >= sc_dataset.now - 30 * DAY and f.host.repository_id == repository["id"]]
    assert expected, "the dataset has such findings"
    assert finding_keys(result["findings"]) == oracle_keys(expected)
    assert result["returned_records"] == result["total_records"] == len(expected)
    assert result["severity_counts"] == {"info": 0, "low": 0, "medium": 0, "high": 0, "critical": len(expected)}
    row = result["findings"][0]
    assert row["severity"]["id"] == 4 and row["exploitAvailable"] is True
    assert isinstance(row["pluginID"], int) and isinstance(row["lastSeen"], int) and isinstance(row["port"], int)


def test_which_hosts_still_have_a_cve(task, connection, current):
    cve = next(f.plugin.cve.split(",")[0] for f in current if f.plugin.cve)
    result = vulns(task, connection, tool="sumip", cve=[cve], fields=["ip", "repository", "severityCritical"])
    expected = {(f.host.ip, int(f.host.repository_id)) for f in current if cve in f.plugin.cve.split(",")}
    assert {(row["ip"], row["repository"]["id"]) for row in result["findings"]} == expected
    assert all(set(row) <= {"ip", "repository", "severityCritical"} for row in result["findings"])


@pytest.mark.parametrize("tool", ["vulndetails", "sumip"])
def test_fields_leave_out_what_the_severity_tally_reads_but_not_the_tally(task, connection, tool):
    whole = vulns(task, connection, tool=tool, severity=["high", "critical"])
    narrow = vulns(task, connection, tool=tool, severity=["high", "critical"], fields=["ip"])
    assert narrow["severity_counts"] == whole["severity_counts"]
    assert whole["severity_counts"]["critical"] and whole["severity_counts"]["high"]
    assert narrow["findings"] == [{"ip": row["ip"]} for row in whole["findings"]]
    # An empty list keeps every field, as leaving fields out does.
    assert vulns(task, connection, tool=tool, severity=["high", "critical"], fields=[])["findings"] == whole["findings"]


@pytest.mark.parametrize("options, predicate", [
    (dict(port=[443]), lambda f: f.port == 443),
    (dict(ip=["10.16.0.0/16"]), lambda f: f.host.ip.startswith("10.16.")),
    (dict(severity=["high", "medium"]), lambda f: f.plugin.severity in (2, 3)),
    (dict(protocol=["udp"]), lambda f: f.protocol == 17),
])
def test_each_filter_matches_the_data(task, connection, current, options, predicate):
    result = vulns(task, connection, page_size=500, **options)
    assert finding_keys(result["findings"]) == oracle_keys([f for f in current if predicate(f)])


def test_per_severity_counts(task, connection, current):
    result = vulns(task, connection, tool="sumseverity")
    expected = dict.fromkeys(["info", "low", "medium", "high", "critical"], 0)
    for finding in current:
        expected[["info", "low", "medium", "high", "critical"][finding.plugin.severity]] += 1
    assert result["severity_counts"] == expected


def test_limit_stops_early_and_concurrency_keeps_order(task, connection, sc):
    sequential = vulns(task, connection, page_size=9, concurrency=1)
    sc.reset()
    concurrent = vulns(task, connection, page_size=9, concurrency=4)
    assert concurrent["findings"] == sequential["findings"]
    sc.reset()
    limited = vulns(task, connection, page_size=3, limit=7)
    assert limited["findings"] == sequential["findings"][:7]
    assert sc.count("POST", "/rest/analysis") == 3


def test_sort(task, connection):
    result = vulns(task, connection, tool="vulndetails", sort_field="severity", sort_dir="DESC", limit=200)
    severities = [row["severity"]["id"] for row in result["findings"]]
    assert severities == sorted(severities, reverse=True)


@pytest.mark.parametrize("file_format", ["csv", "json", "jsonl"])
def test_export_to_a_file(task, connection, current, tmp_path, file_format):
    dest = tmp_path / ("findings." + file_format)
    result = vulns(task, connection, dest=str(dest), page_size=50, fields=["ip", "pluginID", "severity", "port"])
    assert result["findings"] == [] and result["dest"] == str(dest)
    assert result["returned_records"] == len(current)
    text = dest.read_text()
    if file_format == "csv":
        rows = list(csv.DictReader(text.splitlines()))
        assert set(rows[0]) == {"ip", "pluginID", "severity.id", "severity.name", "severity.description", "port"}
    elif file_format == "json":
        rows = json.loads(text)
    else:
        rows = [json.loads(line) for line in text.splitlines()]
    assert len(rows) == len(current)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_export_is_private_and_an_unwritable_dest_is_one_clear_message(task, connection, tmp_path):
    dest = tmp_path / "private.jsonl"
    vulns(task, connection, tool="sumseverity", dest=str(dest))
    assert dest.stat().st_mode & 0o777 == 0o600
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "out.csv").mkdir()
    run = task("tenablesc_vulns_info", dict(connection, tool="sumseverity", dest=str(locked / "out.csv")))
    assert run.failed and run.result["msg"].startswith("dest %s" % (locked / "out.csv"))
    assert "Traceback" not in run.output


def test_a_failing_page_fails_the_task_and_leaves_no_file(task, connection, sc, tmp_path):
    sc.add_fault("analysis_error", path="/rest/analysis", after=2)
    dest = tmp_path / "findings.jsonl"
    run = task("tenablesc_vulns_info", dict(connection, dest=str(dest), page_size=10))
    assert run.failed and "Traceback" not in run.output
    assert "findings" not in run.result or run.result["findings"] == []
    assert not dest.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".findings")] == []


@pytest.mark.parametrize("options, complaint", [
    (dict(severity=["urgent"]), "not a severity"),
    (dict(last_seen="last week"), "not a window"),
    (dict(repository=["Nowhere"]), "Nowhere"),
    (dict(filters=[{"filterName": "sevrity", "operator": "=", "value": "4"}]), "repositoryIDs"),
    (dict(format="csv"), "format applies only with dest"),
])
def test_bad_input_is_one_clear_message(task, connection, options, complaint):
    run = task("tenablesc_vulns_info", dict(connection, **options))
    assert run.failed and complaint in run.result["msg"]
    assert "Traceback" not in run.output


def test_check_mode_reads_as_usual(task, connection, sc):
    run = task("tenablesc_vulns_info", dict(connection, tool="sumseverity"), check=True)
    assert run.returncode == 0 and run.result["severity_counts"]
    assert {r.method for r in sc.requests} <= {"GET", "POST"}


@pytest.mark.parametrize("tool", ["vulndetails", "listvuln", "sumip", "sumid", "sumseverity", "sumasset", "listos",
                                  "sumcve", "sumdnsname", "sumfamily", "sumport", "sumprotocol"])
def test_every_tool_pages_to_the_end_with_typed_rows(task, connection, sc, tool):
    result = vulns(task, connection, tool=tool, page_size=20)
    assert result["findings"], "the dataset has rows for every tool"
    assert result["returned_records"] == len(result["findings"]) == result["total_records"]
    numbers = [value for row in result["findings"] for key, value in row.items()
               if key in ("pluginID", "port", "total", "hostTotal", "count", "score")]
    assert all(isinstance(value, int) for value in numbers)
    expected_pages = result["returned_records"] // 20 + 1
    assert sc.count("POST", "/rest/analysis") == expected_pages


def address_set(defined_ips):
    """Addresses of SC's 'a-b,c' definedIPs form, computed plainly for the oracle."""
    import ipaddress

    addresses = set()
    for part in defined_ips.split(","):
        first, _sep, last = part.strip().partition("-")
        low = int(ipaddress.ip_address(first))
        high = int(ipaddress.ip_address(last or first))
        addresses.update(str(ipaddress.ip_address(number)) for number in range(low, high + 1))
    return addresses


FRIENDLY = {
    "plugin_id": lambda ds, found: (dict(plugin_id=[found[0].plugin.id]), lambda f: f.plugin.id == found[0].plugin.id),
    "plugin_name": lambda ds, found: (dict(plugin_name="apache"), lambda f: "apache" in f.plugin.name.lower()),
    "dns_name": lambda ds, found: (
        dict(dns_name=[next(f.host.dns_name for f in found if f.host.dns_name).upper()]),
        lambda f: f.host.dns_name == next(g.host.dns_name for g in found if g.host.dns_name)),
    "first_seen": lambda ds, found: (dict(first_seen=90), lambda f: f.first_seen >= ds.now - 90 * DAY),
    "vpr_score": lambda ds, found: (dict(vpr_score="7-10"),
                                    lambda f: f.plugin.vpr_score != "" and 7 <= float(f.plugin.vpr_score) <= 10),
    "exploit_available": lambda ds, found: (dict(exploit_available=False), lambda f: not f.plugin.exploit_available),
    "asset": lambda ds, found: (
        dict(asset="DMZ Web Servers"),
        lambda f: f.host.ip in address_set(next(a for a in ds.asset_lists if a["name"] == "DMZ Web Servers")
                                           ["typeFields"]["definedIPs"])),
}


@pytest.mark.parametrize("name", sorted(FRIENDLY))
def test_each_friendly_filter_alone(task, connection, sc_dataset, current, name):
    options, predicate = FRIENDLY[name](sc_dataset, current)
    expected = [f for f in current if predicate(f)]
    assert expected and len(expected) < len(current), "the filter must select something, not everything"
    result = vulns(task, connection, page_size=500, **options)
    assert finding_keys(result["findings"]) == oracle_keys(expected)


def test_one_request_in_flight_by_default(task, connection, sc, current):
    sc.latency(per_request=0.01)
    result = vulns(task, connection, page_size=100)
    assert result["returned_records"] == len(current)
    assert sc.max_concurrency == 1


@pytest.mark.parametrize("was_findings, keep", [
    ("include", lambda f: True), ("only", lambda f: f.plugin.was), ("exclude", lambda f: not f.plugin.was)])
def test_web_application_findings(task, connection, sc, sc_dataset, was_findings, keep):
    # documented: SC 6.3 and later include web application findings unless wasVuln says otherwise.
    visible = set(sc.users["vulnanalyst"].repository_ids)
    findings = [f for f in sc_dataset.findings if f.host.repository_id in visible and not f.mitigated]
    result = vulns(task, connection, was_findings=was_findings, page_size=500)
    expected = [f for f in findings if keep(f)]
    assert any(f.plugin.was for f in findings) and expected
    assert finding_keys(result["findings"]) == oracle_keys(expected)


def test_a_server_before_6_2_answers_the_default_and_refuses_only(task, connection, sc, current):
    sc.version = "6.1.0"  # reported: SC before 6.2 refuses wasVuln
    result = vulns(task, connection, page_size=500)
    assert finding_keys(result["findings"]) == oracle_keys(current)
    assert [r.status for r in sc.requests if r.path == "/rest/analysis"].count(403) == 1
    run = task("tenablesc_vulns_info", dict(connection, was_findings="only"))
    assert run.failed and "was_findings: only" in run.result["msg"] and "Traceback" not in run.output


def test_plugin_name_is_contains_in_any_case(task, connection, current):
    result = vulns(task, connection, plugin_name="openssh", page_size=500)
    expected = [f for f in current if "openssh" in f.plugin.name.lower()]
    assert expected and finding_keys(result["findings"]) == oracle_keys(expected)


def test_several_asset_lists_are_their_union(task, connection, sc, current):
    one = {(row["ip"], row["repository"]["id"]) for row in vulns(
        task, connection, tool="sumip", asset="DMZ Web Servers")["findings"]}
    other = {(row["ip"], row["repository"]["id"]) for row in vulns(
        task, connection, tool="sumip", asset=["Windows Servers"])["findings"]}
    both = {(row["ip"], row["repository"]["id"]) for row in vulns(
        task, connection, tool="sumip", asset=["DMZ Web Servers", "Windows Servers"])["findings"]}
    assert one and other and both == one | other
    sent = [r.json_body["query"]["filters"][0] for r in sc.requests if r.path == "/rest/analysis"]
    assert [(f["operator"], "operand1" in f["value"]) for f in sent] == [("=", False), ("=", False), ("~", True)]


def test_an_operator_sc_refuses_is_named_with_its_filter(task, connection):
    run = task("tenablesc_vulns_info", dict(connection, filters=[
        {"filterName": "pluginName", "operator": "contains", "value": "SSL"}]))
    assert run.failed and "operator contains of filter pluginName" in run.result["msg"]
    assert run.result["error"]["kind"] == "invalid_filter" and "Traceback" not in run.output


def test_a_scan_result_is_read_from_the_scan_on_6x(task, connection, sc, sc_dataset, current):
    # reported: pyTenable #673, dropping scanID from the query would silently return cumulative data.
    scan = next(s for s in sc_dataset.scan_results if s["repository_id"] in sc.users["vulnanalyst"].repository_ids)
    result = vulns(task, connection, source_type="individual", scan_id=int(scan["id"]), view="all", tool="sumip")
    cumulative = {(row["ip"], row["repository"]["id"]) for row in vulns(task, connection, tool="sumip")["findings"]}
    scanned = {(row["ip"], row["repository"]["id"]) for row in result["findings"]}
    assert scanned and scanned < cumulative and {repository for _ip, repository in scanned} == {int(scan["repository_id"])}

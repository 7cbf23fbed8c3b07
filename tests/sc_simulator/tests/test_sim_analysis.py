# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Analysis tools: pagination math, row shapes, counts against the dataset, sorting and data sources."""

import ipaddress
from collections import Counter

import pytest

# Recorded key order (SC 5.8 sumip rows; vulndetails rows plus the vprScore/vprContext/operatingSystem of 6.x).
SUMIP_KEYS = ["ip", "uuid", "score", "total", "severityInfo", "severityLow", "severityMedium", "severityHigh",
              "severityCritical", "macAddress", "policyName", "pluginSet", "netbiosName", "dnsName", "osCPE",
              "biosGUID", "tpmID", "mcafeeGUID", "lastAuthRun", "lastUnauthRun", "uniqueness", "repository"]
VULNDETAILS_KEYS = [
    "pluginID", "severity", "hasBeenMitigated", "acceptRisk", "recastRisk", "ip", "uuid", "port", "protocol",
    "pluginName", "firstSeen", "lastSeen", "exploitAvailable", "exploitEase", "exploitFrameworks", "synopsis",
    "description", "solution", "seeAlso", "riskFactor", "stigSeverity", "vprScore", "vprContext", "baseScore",
    "temporalScore", "cvssVector", "cvssV3BaseScore", "cvssV3TemporalScore", "cvssV3Vector", "cpe", "vulnPubDate",
    "patchPubDate", "pluginPubDate", "pluginModDate", "checkType", "version", "cve", "bid", "xref", "pluginText",
    "dnsName", "macAddress", "netbiosName", "operatingSystem", "uniqueness", "hostUniqueness", "vulnUniqueness",
    "family", "repository", "pluginInfo"]
WEIGHTS = (0, 1, 3, 10, 40)


def finding_key(row):
    return (row["repository"]["id"], row["ip"], row["pluginID"], row["port"], row["protocol"])


def reference_key(finding):
    return (finding.host["repository_id"], finding.host["ip"], finding.plugin.id_str, str(finding.port),
            {1: "ICMP", 6: "TCP", 17: "UDP"}[finding.protocol])


def test_page_envelope_types_and_offsets(api, reference):
    page = api.analysis("vulndetails", start=0, end=5)
    assert list(page) == ["totalRecords", "returnedRecords", "startOffset", "endOffset", "matchingDataElementCount",
                          "results"]
    assert page["totalRecords"] == str(len(reference.findings()))
    assert (page["returnedRecords"], page["startOffset"], page["endOffset"]) == (5, "0", "5")
    assert page["matchingDataElementCount"] == "-1"
    assert [list(row) for row in page["results"]] == [VULNDETAILS_KEYS] * 5


@pytest.mark.parametrize("page_size", [1, 37, 500])
def test_pages_partition_the_findings(api, reference, page_size):
    everything = api.analysis("vulndetails")["results"]
    assert sorted(map(finding_key, everything)) == sorted(map(reference_key, reference.findings()))
    walked, start = [], 0
    while start < len(everything) and len(walked) < 3 * page_size + 1:
        page = api.analysis("vulndetails", start=start, end=start + page_size)
        walked += page["results"]
        start += page_size
    assert walked == everything[:len(walked)]


def test_start_included_end_excluded_and_end_echoed(api, reference):
    total = len(reference.findings())
    whole = api.analysis("listvuln")["results"]
    tail = api.analysis("listvuln", start=total - 3, end=total + 50)
    assert (tail["returnedRecords"], tail["endOffset"], tail["totalRecords"]) == (3, str(total + 50), str(total))
    assert tail["results"] == whole[-3:]
    assert api.analysis("listvuln", start=10, end=11)["results"] == whole[10:11]
    beyond = api.analysis("listvuln", start=total + 1, end=total + 10)
    assert (beyond["returnedRecords"], beyond["results"]) == (0, [])


def test_tenable_documented_body_with_offsets_and_sort_at_the_root(api):
    documented = api.response("POST", "/rest/analysis", json={
        "type": "vuln", "sourceType": "cumulative", "startOffset": 0, "endOffset": 20, "sortField": "severity",
        "sortDir": "DESC", "query": {"tool": "vulndetails", "type": "vuln", "filters": []}})
    in_query = api.analysis("vulndetails", start=0, end=20, sortField="severity", sortDir="DESC")
    assert documented["results"] == in_query["results"] and documented["returnedRecords"] == 20


def test_sumip_counts_match_the_findings(api, reference):
    rows = api.analysis("sumip")["results"]
    assert [list(row) for row in rows[:3]] == [SUMIP_KEYS] * 3
    per_host = {}
    for finding in reference.findings():
        key = (finding.host["repository_id"], finding.host["ip"])
        per_host.setdefault(key, Counter())[finding.plugin.severity] += 1
    assert {(row["repository"]["id"], row["ip"]) for row in rows} == set(per_host)
    for row in rows:
        counts = per_host[(row["repository"]["id"], row["ip"])]
        levels = [counts[level] for level in range(5)]
        assert [int(row[key]) for key in SUMIP_KEYS[4:9]] == levels
        assert int(row["total"]) == sum(levels)
        assert int(row["score"]) == sum(c * w for c, w in zip(levels, WEIGHTS))


def test_sumip_rows_are_distinct_repository_address_pairs_in_address_order(api, reference):
    rows = api.analysis("sumip")["results"]
    pairs = [(row["repository"]["id"], row["ip"]) for row in rows]
    assert len(pairs) == len(set(pairs)) == len({(h["repository_id"], h["ip"]) for h in reference.hosts()})
    order = [(ipaddress.IPv4Address(row["ip"]), int(row["repository"]["id"])) for row in rows]
    assert order == sorted(order)
    shared = [ip for ip, count in Counter(row["ip"] for row in rows).items() if count > 1]
    assert shared, "some addresses are in two repositories: two sumip rows"
    assert set(rows[0]["repository"]) == {"id", "name", "description", "dataFormat"}


def test_agent_repository_rows_are_unique_by_uuid(api, sc_dataset):
    agents = next(r for r in sc_dataset.repositories if r["dataFormat"] == "agent")
    rows = api.analysis("sumip", [{"filterName": "repositoryIDs", "operator": "=", "value": agents["id"]}],
                        user="secmanager")["results"]
    assert rows and all(row["uniqueness"] == "repositoryID,uuid" and row["uuid"] for row in rows)


def test_matching_data_element_count_sums_the_rows(api, reference):
    page = api.analysis("sumip")
    levels = Counter(f.plugin.severity for f in reference.findings())
    score = sum(levels[level] * WEIGHTS[level] for level in range(5))
    assert page["matchingDataElementCount"] == "%d:%d:%d:%d:%d:%d:%d" % (
        sum(levels.values()), levels[4], levels[3], levels[2], levels[1], levels[0], score)


def test_sumseverity(api, reference):
    rows = api.analysis("sumseverity")["results"]
    levels = Counter(f.plugin.severity for f in reference.findings())
    assert [row["severity"]["id"] for row in rows] == [str(level) for level in (4, 3, 2, 1, 0) if levels[level]]
    assert {row["severity"]["id"]: int(row["count"]) for row in rows} == {str(k): v for k, v in levels.items()}
    assert rows[0]["severity"] == {"id": "4", "name": "Critical", "description": "Critical Severity"}


def test_sumid_totals_and_host_totals(api, reference):
    rows = api.analysis("sumid")["results"]
    assert [int(row["pluginID"]) for row in rows] == sorted(int(row["pluginID"]) for row in rows)
    totals = Counter(f.plugin.id_str for f in reference.findings())
    hosts = Counter(pair[0] for pair in {(f.plugin.id_str, f.host.index) for f in reference.findings()})
    assert {row["pluginID"]: (int(row["total"]), int(row["hostTotal"])) for row in rows} == {
        plugin: (totals[plugin], hosts[plugin]) for plugin in totals}
    assert set(rows[0]) == {"pluginID", "total", "severity", "name", "hostTotal", "family"}


@pytest.mark.parametrize("tool, key", [
    ("sumport", lambda f: str(f.port)),
    ("sumprotocol", lambda f: {1: "ICMP(1)", 6: "TCP(6)", 17: "UDP(17)"}[f.protocol]),
    ("sumfamily", lambda f: f.plugin.family_ref["id"]),
])
def test_simple_summaries(api, reference, tool, key):
    rows = api.analysis(tool)["results"]
    field = {"sumport": "port", "sumprotocol": "protocol", "sumfamily": "family"}[tool]
    got = {(row[field]["id"] if tool == "sumfamily" else row[field]): int(row["total"]) for row in rows}
    assert got == Counter(key(f) for f in reference.findings())


def test_sumcve_and_sumdnsname(api, reference):
    cves = Counter(cve for f in reference.findings() for cve in f.plugin.cve.split(",") if cve)
    rows = api.analysis("sumcve")["results"]
    assert {row["cveID"]: int(row["total"]) for row in rows} == cves
    assert [int(row["total"]) for row in rows] == sorted((int(row["total"]) for row in rows), reverse=True)
    names = Counter((f.host["dns_name"], f.host["repository_id"]) for f in reference.findings() if f.host["dns_name"])
    rows = api.analysis("sumdnsname")["results"]
    assert {(row["dnsName"], row["repository"]["id"]): int(row["total"]) for row in rows} == names


def test_listos_counts_hosts(api, reference):
    rows = api.analysis("listos")["results"]
    hosts = {(f.host["os_name"], "Agent" if f.host["uuid"] else "Active", f.host.index) for f in reference.findings()}
    assert {(row["name"], row["detectionMethod"]): int(row["count"]) for row in rows} == Counter(
        host[:2] for host in hosts)
    assert set(rows[0]) == {"name", "count", "detectionMethod"}


def test_sumasset_rows(api, sc_dataset, reference):
    rows = api.analysis("sumasset")["results"]
    assert {row["asset"]["id"] for row in rows} == {a["id"] for a in sc_dataset.asset_lists if a.get("usable", True)} - {
        "0"}
    static = next(a for a in sc_dataset.asset_lists if a["id"] == "1")
    members = _static_members(static["typeFields"]["definedIPs"])
    expected = sum(1 for f in reference.findings() if ipaddress.IPv4Address(f.host["ip"]) in members)
    assert int(next(row for row in rows if row["asset"]["id"] == "1")["total"]) == expected


def _static_members(defined):
    addresses = set()
    for part in defined.split(","):
        first, last = part.partition("-")[::2]
        first = ipaddress.IPv4Address(first)
        last = ipaddress.IPv4Address(last) if last else first
        addresses.update(ipaddress.IPv4Address(value) for value in range(int(first), int(last) + 1))
    return addresses


def test_vulnip_tools_group_hosts_per_plugin(api, reference):
    summary = api.analysis("vulnipsummary")["results"]
    detail = api.analysis("vulnipdetail")["results"]
    hosts = {}
    for finding in reference.findings():
        hosts.setdefault(finding.plugin.id_str, set()).add((finding.host["repository_id"], finding.host["ip"]))
    assert {row["pluginID"]: int(row["total"]) for row in summary} == {k: len(v) for k, v in hosts.items()}
    assert {row["pluginID"]: {(group["repository"]["id"], item["ip"]) for group in row["hosts"]
                              for item in group["iplist"]} for row in detail} == hosts
    assert isinstance(summary[0]["hosts"][0]["iplist"], str)


def test_iplist_is_the_recorded_odd_shape(api, reference):
    answer = api.analysis("iplist")
    assert answer["results"] is None
    listed = set()
    for key, text in answer.items():
        if key != "results":
            listed |= _static_members(text)
    assert listed == {ipaddress.IPv4Address(f.host["ip"]) for f in reference.findings()}


def test_sort_by_last_seen_is_not_honoured(api):
    # reported: elastic/integrations #17164; a checkpoint must never come from the last row of such a walk.
    assert api.analysis("vulndetails", sortField="lastSeen", sortDir="DESC")["results"] == api.analysis(
        "vulndetails")["results"]


def test_sort_by_severity_descending_is_stable(api):
    default = api.analysis("vulndetails")["results"]
    rows = api.analysis("vulndetails", sortField="severity", sortDir="DESC")["results"]
    assert [int(row["severity"]["id"]) for row in rows] == sorted((int(r["severity"]["id"]) for r in rows),
                                                                  reverse=True)
    by_level = {}  # within one severity the default order is kept
    for row in default:
        by_level.setdefault(row["severity"]["id"], []).append(finding_key(row))
    assert [finding_key(row) for row in rows] == [key for level in "43210" for key in by_level.get(level, [])]


def test_default_vulndetails_order_is_address_plugin_port(api):
    rows = api.analysis("vulndetails")["results"]
    keys = [(int(ipaddress.IPv4Address(r["ip"])), int(r["repository"]["id"]), int(r["pluginID"]), int(r["port"]))
            for r in rows]
    assert keys == sorted(keys)


@pytest.mark.parametrize("tool, field, value", [("sumip", "score", lambda r: int(r["score"])),
                                                ("sumid", "hostTotal", lambda r: int(r["hostTotal"]))])
def test_summary_sorting(api, tool, field, value):
    rows = api.analysis(tool, sortField=field, sortDir="DESC")["results"]
    assert [value(row) for row in rows] == sorted((value(row) for row in rows), reverse=True)
    ascending = api.analysis(tool, sortField=field, sortDir="ASC")["results"]
    assert [value(row) for row in ascending] == sorted(value(row) for row in ascending)


def test_patched_source_holds_the_mitigated_findings(api, reference):
    page = api.analysis("vulndetails", sourceType="patched")
    assert sorted(map(finding_key, page["results"])) == sorted(map(reference_key, reference.findings(mitigated=True)))


def individual(scan_id, view="all", tool="sumip", in_query=True):
    """A scan result query with scanID and view at the root and, as 6.x needs, in the query too."""
    query = {"tool": tool, "type": "vuln", "filters": [], "startOffset": 0, "endOffset": 100000}
    body = {"type": "vuln", "sourceType": "individual", "scanID": scan_id, "query": query}
    if view:
        body["view"] = view
    if in_query:
        query.update({key: body[key] for key in ("scanID", "view") if key in body})
    return body


def test_individual_source_needs_a_view(api, sc_dataset):
    answer = api.call("POST", "/rest/analysis", json=individual(sc_dataset.scan_results[0]["id"], view=None))
    assert (answer.status_code, answer.json()["error_code"]) == (403, 142)
    assert answer.json()["error_msg"] == "Please specify a view for the individual data source.\n"


def test_individual_scan_result(api, sc_dataset, reference):
    scan = sc_dataset.scan_results[0]
    window = scan["finishTime"] - 7 * 86400
    rows = api.response("POST", "/rest/analysis", json=individual(scan["id"], tool="vulndetails"))["results"]
    expected = [f for f in reference.findings() if f.host["repository_id"] == scan["repository_id"]
                and f.host["last_scan"] >= window and not f.plugin.was]
    assert sorted(map(finding_key, rows)) == sorted(map(reference_key, expected))
    refused = api.call("POST", "/rest/analysis", json=individual(sc_dataset.scan_results[-1]["id"]))
    assert refused.json()["error_code"] == 146 and "does not have access" in refused.json()["error_msg"]


@pytest.mark.parametrize("version, scan_result", [("5.20.0", True), ("6.0.0", False), ("6.4.0", False)])
def test_6x_needs_scan_id_inside_the_query(api, sc, sc_dataset, reference, version, scan_result):
    # reported: pyTenable #673, SC 6.x answers cumulative data when scanID is only at the root.
    sc.version = version
    scan = sc_dataset.scan_results[0]
    rows = api.response("POST", "/rest/analysis", json=individual(scan["id"], in_query=False))["results"]
    cumulative = api.analysis("sumip")["results"]
    assert (rows != cumulative) is scan_result
    assert (rows == api.response("POST", "/rest/analysis", json=individual(scan["id"]))["results"]) is scan_result


def test_account_without_repositories_sees_nothing(api):
    page = api.analysis("sumip", user="norepo")
    assert (page["totalRecords"], page["returnedRecords"], page["results"]) == ("0", 0, [])


def test_broader_role_sees_every_repository(api, sc_dataset):
    rows = api.analysis("sumip", user="secmanager")["results"]
    assert len(rows) == len(sc_dataset.hosts)

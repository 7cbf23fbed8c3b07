# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Analysis filters against expectations computed from the dataset with plain Python."""

import ipaddress
import re

import pytest

DAY = 86400


def flt(name, value, operator="="):
    return {"filterName": name, "operator": operator, "value": value}


def keys_of(rows):
    return sorted((row["repository"]["id"], row["ip"], row["pluginID"], row["port"]) for row in rows)


def keys_of_findings(findings):
    return sorted((f.host["repository_id"], f.host["ip"], f.plugin.id_str, str(f.port)) for f in findings)


def in_network(text):
    network = ipaddress.IPv4Network(text)
    return lambda f: ipaddress.IPv4Address(f.host["ip"]) in network


def between(first, last):
    low, high = int(ipaddress.IPv4Address(first)), int(ipaddress.IPv4Address(last))
    return lambda f: low <= int(ipaddress.IPv4Address(f.host["ip"])) <= high


CASES = {
    "severity high and critical": ([flt("severity", "3,4")], lambda f, ds: f.plugin.severity in (3, 4)),
    "severity not info": ([flt("severity", "0", "!=")], lambda f, ds: f.plugin.severity != 0),
    "repository records": ([flt("repository", [{"id": "2"}])], lambda f, ds: f.host["repository_id"] == "2"),
    "repository numeric id": ([flt("repository", [{"id": 1}, {"id": "3"}])],
                              lambda f, ds: f.host["repository_id"] in ("1", "3")),
    "repositoryIDs": ([flt("repositoryIDs", "1,2")], lambda f, ds: f.host["repository_id"] in ("1", "2")),
    "ip cidr": ([flt("ip", "10.16.0.0/25")], lambda f, ds: in_network("10.16.0.0/25")(f)),
    "ip range and address": ([flt("ip", "10.16.0.5-10.16.0.40, 172.16.0.1")],
                             lambda f, ds: between("10.16.0.5", "10.16.0.40")(f) or f.host["ip"] == "172.16.0.1"),
    "ip excluded": ([flt("ip", "10.16.0.0/16", "!=")], lambda f, ds: not in_network("10.16.0.0/16")(f)),
    "dnsName exact, any case": ([flt("dnsName", "WKS00001.corp.example.com,srv00002.dc.example.com")],
                                lambda f, ds: f.host["dns_name"] in ("wks00001.corp.example.com",
                                                                     "srv00002.dc.example.com")),
    "pluginID single": ([flt("pluginID", "19506")], lambda f, ds: f.plugin.id == 19506),
    "pluginID list and range": ([flt("pluginID", "10107,185000-189999")],
                                lambda f, ds: f.plugin.id == 10107 or 185000 <= f.plugin.id <= 189999),
    "pluginID at least": ([flt("pluginID", "150000", ">=")], lambda f, ds: f.plugin.id >= 150000),
    "cveID": ([flt("cveID", "CVE-2016-2183")], lambda f, ds: "CVE-2016-2183" in f.plugin.cve.split(",")),
    "exploitable": ([flt("exploitAvailable", "true")], lambda f, ds: f.plugin.exploit_available),
    "not exploitable": ([flt("exploitAvailable", "false")], lambda f, ds: not f.plugin.exploit_available),
    "last seen this week": ([flt("lastSeen", "0:7")], lambda f, ds: ds.now - 7 * DAY <= f.last_seen <= ds.now),
    "last seen over 30 days ago": ([flt("lastSeen", "30:all")], lambda f, ds: f.last_seen <= ds.now - 30 * DAY),
    "first seen epochs": ([flt("firstSeen", "1760000000-1765000000")],
                          lambda f, ds: 1760000000 <= f.first_seen <= 1765000000),
    "vpr high": ([flt("vprScore", "9.0-10.0")], lambda f, ds: f.plugin.vpr_score != "" and
                 9.0 <= float(f.plugin.vpr_score) <= 10.0),
    "port 445": ([flt("port", "445")], lambda f, ds: f.port == 445),
    "udp": ([flt("protocol", "17")], lambda f, ds: f.protocol == 17),
    # client (UI captures, correction 3): "=" on pluginName is a case-insensitive "contains", "pcre" a regex.
    "plugin name contains": ([flt("pluginName", "ssl")], lambda f, ds: "ssl" in f.plugin.name.lower()),
    "plugin name does not contain": ([flt("pluginName", "ssl", "!=")], lambda f, ds: "ssl" not in f.plugin.name.lower()),
    "plugin name regex": ([flt("pluginName", "^Apache .*< [0-9.]+", "pcre")],
                          lambda f, ds: re.search("^Apache .*< [0-9.]+", f.plugin.name) is not None),
    "family records": ([flt("family", [{"id": "11"}])], lambda f, ds: f.plugin.family_ref["id"] == "11"),
    "familyID": ([flt("familyID", "10,20")], lambda f, ds: f.plugin.family_ref["id"] in ("10", "20")),
    "critical exploitable on the LAN": (
        [flt("severity", "4"), flt("exploitAvailable", "true"), flt("repositoryIDs", "1")],
        lambda f, ds: f.plugin.severity == 4 and f.plugin.exploit_available and f.host["repository_id"] == "1"),
    # documented: SC 6.3 and later include web application findings unless wasVuln says otherwise.
    "was included by default": ([], lambda f, ds: True),
    "was excluded": ([flt("wasVuln", "excludeWas")], lambda f, ds: not f.plugin.was),
    "was only": ([flt("wasVuln", "onlyWas")], lambda f, ds: f.plugin.was),
    "was included": ([flt("wasVuln", "includeWas")], lambda f, ds: True),
    "accepted risks": ([flt("acceptedRisk", "true")], lambda f, ds: False),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_filter(api, sc_dataset, reference, name):
    filters, predicate = CASES[name]
    expected = [f for f in reference.findings() if predicate(f, sc_dataset)]
    page = api.analysis("vulndetails", filters)
    assert page["totalRecords"] == str(len(expected))
    assert keys_of(page["results"]) == keys_of_findings(expected)


def test_filters_select_something(reference, sc_dataset):
    """Guard the table above: most cases must not be vacuous."""
    findings = reference.findings()
    empty = [name for name, case in CASES.items() if not any(case[1](f, sc_dataset) for f in findings)]
    assert empty == ["accepted risks"]


def test_static_asset_list_filter(api, sc_dataset, reference):
    static = next(a for a in sc_dataset.asset_lists if a["type"] == "static" and a["id"] != "0")
    members = set()
    for part in static["typeFields"]["definedIPs"].split(","):
        first, last = part.partition("-")[::2]
        members.update(range(int(ipaddress.IPv4Address(first)), int(ipaddress.IPv4Address(last or first)) + 1))
    expected = [f for f in reference.findings() if int(ipaddress.IPv4Address(f.host["ip"])) in members]
    page = api.analysis("vulndetails", [flt("asset", {"id": static["id"]})])
    assert expected and keys_of(page["results"]) == keys_of_findings(expected)


def test_dnsname_asset_list_and_combination(api, sc_dataset, reference):
    static = next(a for a in sc_dataset.asset_lists if a["id"] == "1")
    named = next(a for a in sc_dataset.asset_lists if a["type"] == "dnsname")
    names = set(named["typeFields"]["definedDNSNames"].split(","))
    by_name = [f for f in reference.findings() if f.host["dns_name"] in names]
    assert keys_of(api.analysis("vulndetails", [flt("asset", {"id": named["id"]})])["results"]) == \
        keys_of_findings(by_name)
    in_static = {row["ip"] for row in api.analysis("sumip", [flt("asset", {"id": static["id"]})])["results"]}
    union = api.analysis("sumip", [flt("asset", {"operator": "union", "operand1": {"id": static["id"]},
                                                 "operand2": {"id": named["id"]}}, "~")])["results"]
    assert {row["ip"] for row in union} == in_static | {f.host["ip"] for f in by_name}
    outside = api.analysis("sumip", [flt("asset", {"operator": "complement", "operand1": {"id": named["id"]}},
                                         "~")])["results"]
    assert {(row["repository"]["id"], row["ip"]) for row in outside} == {
        (f.host["repository_id"], f.host["ip"]) for f in reference.findings() if f.host["dns_name"] not in names}


def test_dynamic_asset_list_approximation(api, reference):
    rows = api.analysis("sumip", [flt("asset", {"id": "3"})])["results"]
    hosts = {}
    for finding in reference.findings():
        flags = hosts.setdefault((finding.host["repository_id"], finding.host["ip"]), set())
        if finding.plugin.was:
            continue  # rules look at host findings
        if finding.plugin.severity == 4:
            flags.add("critical")
        if finding.plugin.exploit_available:
            flags.add("exploitable")
    expected = {key for key, flags in hosts.items() if flags == {"critical", "exploitable"}}
    got = {(row["repository"]["id"], row["ip"]) for row in rows}
    # Membership is per host record; an address shared by two repositories joins through either record.
    assert {pair[1] for pair in expected} == {pair[1] for pair in got}


@pytest.mark.parametrize("filters, message", [
    ([flt("lastSeen", "yesterday")], "Filter 'lastSeen' must be in the following format: <end day>:<start day>"),
    ([flt("firstSeen", "0-")], "Filter 'firstSeen' must be in the following format: <end day>:<start day>"),
    ([flt("lastSeen", "30:7")], "End day must be later (i.e. less than) than start day. Filter 'lastSeen' must be in"
                                " the following format: <end day>:<start day>"),
    ([flt("repository", [{"name": "DMZ"}])],
     "The value for Filter \"repository\" contains a record without a numeric 'id' field."),
    ([flt("repository", [{"id": "x"}])],
     "The value for Filter \"repository\" contains a record without a numeric 'id' field."),
])
def test_malformed_values_get_sc_wording(api, filters, message):
    answer = api.call("POST", "/rest/analysis", json={"type": "vuln", "sourceType": "cumulative", "query": {
        "tool": "vulndetails", "type": "vuln", "filters": filters, "startOffset": 0, "endOffset": 5}})
    assert (answer.status_code, answer.json()["error_code"]) == (403, 146)
    assert answer.json()["error_msg"].rstrip("\n") == message


def test_asset_filter_on_a_missing_list(api):
    answer = api.call("POST", "/rest/analysis", json={"type": "vuln", "query": {
        "tool": "sumip", "type": "vuln", "filters": [flt("asset", {"id": "4040"})], "startOffset": 0,
        "endOffset": 5}})
    assert (answer.status_code, answer.json()["error_code"]) == (403, 147)


def test_filter_results_follow_asset_list_edits(api, sc_dataset):
    """Cached answers must not outlive an edit of a list they depend on."""
    first = api.analysis("sumip", [flt("asset", {"id": "5"})])["totalRecords"]
    api.response("PATCH", "/rest/asset/5", user="secmanager", json={"definedIPs": "10.16.0.1"})
    after = api.analysis("sumip", [flt("asset", {"id": "5"})])
    assert after["totalRecords"] != first
    assert {row["ip"] for row in after["results"]} <= {"10.16.0.1"}
    assert sc_dataset.asset_lists[5]["typeFields"]["definedIPs"].endswith("/24"), "the seed stays untouched"


@pytest.mark.parametrize("filters, operator", [
    ([flt("pluginName", "Detection", "contains")], "contains"),  # reported: pyTenable #278
    ([flt("pluginName", "ssl", "~")], "~"),  # client: pyTenable's docs keep "~" for the asset filter
    ([flt("dnsName", "dmz", "~")], "~"),
    ([flt("severity", "4", "pcre")], "pcre"),
])
def test_operators_sc_does_not_know_for_a_filter_get_143(api, filters, operator):
    answer = api.call("POST", "/rest/analysis", json={"type": "vuln", "sourceType": "cumulative", "query": {
        "tool": "vulndetails", "type": "vuln", "filters": filters, "startOffset": 0, "endOffset": 5}})
    assert (answer.status_code, answer.json()["error_code"]) == (403, 143)
    assert answer.json()["error_msg"] == ("Unable to process Vuln Query.\nAn error occurred when building the vuln"
                                          " query command.\nOperator \"%s\" is not recognized\n" % operator)


def test_tilde_with_a_bare_asset_id_means_not_in_the_list(api, reference):
    # client: a current SC 6.x client sends "~" with a bare {"id"} for "does not contain"; "=" is "in the list".
    inside = {(row["repository"]["id"], row["ip"]) for row in api.analysis("sumip", [flt("asset", {"id": "1"})])[
        "results"]}
    outside = {(row["repository"]["id"], row["ip"]) for row in api.analysis("sumip", [flt("asset", {"id": "1"}, "~")])[
        "results"]}
    everyone = {(f.host["repository_id"], f.host["ip"]) for f in reference.findings()}
    assert inside and outside and not inside & outside and inside | outside == everyone


@pytest.mark.parametrize("version, served", [("6.2.1", False), ("6.3.0", True)])
def test_web_application_findings_from_6_3(api, sc, reference, version, served):
    sc.version = version
    rows = api.analysis("vulndetails", [flt("wasVuln", "onlyWas")])["results"]
    expected = [f for f in reference.findings() if f.plugin.was] if served else []
    assert keys_of(rows) == keys_of_findings(expected) and (expected or not served)

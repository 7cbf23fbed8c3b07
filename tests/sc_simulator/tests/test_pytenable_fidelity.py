# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Tenable's own client, pyTenable, drives the simulator: what works against real SC works here."""

import pytest

tenable_sc = pytest.importorskip("tenable.sc")
tenable_errors = pytest.importorskip("tenable.errors")


@pytest.fixture
def connect(sc):
    """connect(user) -> TenableSC over HTTPS, verifying the simulator's CA.

    pyTenable hands ``ssl_verify`` to requests per request, which wins over REQUESTS_CA_BUNDLE."""
    def make(user="vulnanalyst", **options):
        account = sc.users[user]
        return tenable_sc.TenableSC(url=sc.url, access_key=account.access_key, secret_key=account.secret_key,
                                    ssl_verify=sc.ca_path, retries=1, **options)
    return make


def test_current_user(connect, sc):
    user = connect().current.user(fields=["id", "username", "role", "organization"])
    assert user["username"] == "vulnanalyst" and user["role"]["name"] == "Vulnerability Analyst"
    key_header = next(r for r in sc.requests if r.path == "/rest/currentUser")
    assert key_header.user == "vulnanalyst"


def test_sumip_iteration_covers_every_repository_address_pair(connect, reference, sc):
    rows = list(connect().analysis.vulns(tool="sumip", limit=40))
    expected = {(f.host["repository_id"], f.host["ip"]) for f in reference.findings()}
    assert len(rows) == len(expected)
    assert {(row["repository"]["id"], row["ip"]) for row in rows} == expected
    pages = [r for r in sc.requests if r.path == "/rest/analysis"]
    assert len(pages) == -(-len(expected) // 40)
    assert pages[0].json_body["query"]["filters"] == [{"filterName": "wasVuln", "operator": "=",
                                                       "value": "excludeWas"}]


def test_filtered_vulndetails_count(connect, reference):
    vulns = connect().analysis.vulns(("severity", "=", "3,4"), ("exploitAvailable", "=", "true"),
                                     ("repository", "=", [1, 2]), limit=25)
    rows = list(vulns)
    expected = [f for f in reference.findings() if f.plugin.severity >= 3 and f.plugin.exploit_available
                and f.host["repository_id"] in ("1", "2")]
    assert len(rows) == len(expected) == vulns.total
    assert {row["exploitAvailable"] for row in rows} == {"Yes"}


def test_asset_combination_filter(connect, sc_dataset, reference):
    rows = list(connect().analysis.vulns(("asset", "~", ("or", 1, 2)), tool="sumip"))
    static = next(a for a in sc_dataset.asset_lists if a["id"] == "1")["typeFields"]["definedIPs"]
    names = set(next(a for a in sc_dataset.asset_lists if a["id"] == "2")["typeFields"]["definedDNSNames"].split(","))
    in_static = {row["ip"] for row in connect().analysis.vulns(("asset", "=", 1), tool="sumip")}
    assert static and in_static
    assert {row["ip"] for row in rows} == in_static | {
        f.host["ip"] for f in reference.findings() if f.host["dns_name"] in names}


def test_asset_list_lifecycle(connect):
    manager = connect("secmanager")
    created = manager.asset_lists.create("Example", "static", ips=["192.168.0.1", "192.168.0.2", "10.0.0.0/31"],
                                         description="made by pyTenable")
    assert created["typeFields"] == {"definedIPs": "10.0.0.0-10.0.0.1,192.168.0.1-192.168.0.2"}
    details = manager.asset_lists.details(int(created["id"]), fields=["name", "description", "typeFields"])
    assert details == {"id": created["id"], "name": "Example", "description": "made by pyTenable",
                       "typeFields": created["typeFields"]}
    edited = manager.asset_lists.edit(int(created["id"]), name="Updated")
    assert (edited["name"], edited["typeFields"]) == ("Updated", created["typeFields"])
    assert manager.asset_lists.delete(int(created["id"])) == ""
    with pytest.raises(tenable_errors.APIError) as missing:
        manager.asset_lists.details(int(created["id"]))
    assert missing.value.code == 403 and "does not exist" in missing.value.response.text


def test_dynamic_asset_list_from_rule_tuples(connect):
    manager = connect("secmanager")
    created = manager.asset_lists.create("Dynamic", "dynamic", rules=("any", ("dns", "contains", "dmz"),
                                                                      ("severity", "eq", 4)))
    rules = created["typeFields"]["rules"]
    assert rules["type"] == "group" and {c["pluginIDConstraint"] for c in rules["children"]} == {"-1"}


def test_lists_and_repositories(connect, sc, sc_dataset):
    client = connect()
    repositories = client.repositories.list(fields=["id", "name", "dataFormat"])
    assert [r["id"] for r in repositories] == list(sc.users["vulnanalyst"].repository_ids)
    usable = client.asset_lists.list()["usable"]
    assert [a["id"] for a in usable] == [a["id"] for a in sc_dataset.asset_lists if a.get("usable", True)]


def test_bad_keys_and_old_versions_fail_as_pytenable_expects(sc):
    wrong = tenable_sc.TenableSC(url=sc.url, access_key="0" * 32, secret_key="1" * 32, ssl_verify=sc.ca_path)
    with pytest.raises(tenable_errors.APIError) as refused:
        wrong.current.user()
    assert refused.value.code == 403
    sc.version = "5.12.0"
    with pytest.raises(tenable_errors.ConnectionError, match="5.12.0"):
        tenable_sc.TenableSC(url=sc.url, access_key="0" * 32, secret_key="1" * 32, ssl_verify=sc.ca_path)


def test_risk_rules_as_pytenable_sends_them(connect):
    manager = connect("secmanager")
    accepted = manager.accept_risks.create(19506, [1, 2], comments="scanner noise", port=0, protocol=6)
    assert (accepted["repository"]["id"], accepted["port"], accepted["protocol"]) == ("1", "0", "TCP")
    assert manager.accept_risks.apply(int(accepted["id"]), 1) == ""
    assert {rule["repository"]["id"] for rule in manager.accept_risks.list(plugin_id=19506)} == {"1", "2"}
    assert manager.accept_risks.details(int(accepted["id"]), fields=["comments"])["comments"] == "scanner noise"
    recast = manager.recast_risks.create(19506, [1], 1, ips=["10.0.0.1"])
    assert (recast["newSeverity"], recast["hostValue"]) == ("1", "10.0.0.1")
    assert manager.recast_risks.delete(int(recast["id"])) == ""

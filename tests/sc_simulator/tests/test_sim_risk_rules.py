# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Accept and recast risk rules: recorded shapes, applying, the effect on analysis, refusals."""

import pytest

MANAGER = "secmanager"


def first_open_finding(reference):
    """An open finding above Info, and its repository."""
    finding = next(f for f in reference.findings() if f.plugin.severity >= 2)
    return finding, finding.host["repository_id"]


def accept(api, plugin_id, repository_ids, **fields):
    body = dict({"plugin": {"id": str(plugin_id)}, "repositories": [{"id": int(r)} for r in repository_ids],
                 "hostType": "all"}, **fields)
    return api.response("POST", "/rest/acceptRiskRule", user=MANAGER, json=body)


def flagged(api, kind, status):
    rows = api.analysis(filters=[{"filterName": kind, "operator": "=", "value": status}])["results"]
    return {(row["ip"], row["pluginID"], row["port"], row["repository"]["id"]) for row in rows}


def test_a_create_answers_one_rule_per_repository_and_the_list_leaves_out_comments(api, reference):
    finding, _repository = first_open_finding(reference)
    created = accept(api, finding.plugin.id, ["1", "2"], hostType="ip", hostValue=finding.host["ip"],
                     comments="compensating control")
    assert [rule["repository"]["id"] for rule in created] == ["1", "2"]
    assert {(rule["port"], rule["protocol"], rule["expires"], rule["comments"]) for rule in created} == {
        ("any", "any", "-1", "compensating control")}
    listed = api.response("GET", "/rest/acceptRiskRule")
    assert [rule["id"] for rule in listed] == [rule["id"] for rule in created]
    assert "comments" not in listed[0] and "createdTime" not in listed[0]
    chosen = api.response("GET", "/rest/acceptRiskRule?fields=id,comments&repositoryIDs=2")
    assert chosen == [{"id": created[1]["id"], "comments": "compensating control"}]
    assert api.response("DELETE", "/rest/acceptRiskRule/%s" % created[0]["id"], user=MANAGER) == ""
    missing = api.call("GET", "/rest/acceptRiskRule/%s" % created[0]["id"])
    assert (missing.status_code, missing.json()["error_code"]) == (403, 147)


def test_a_rule_changes_analysis_only_once_applied_and_a_deleted_one_until_applied_again(api, reference):
    finding, repository = first_open_finding(reference)
    key = (finding.host["ip"], str(finding.plugin.id), str(finding.port), repository)
    rule = accept(api, finding.plugin.id, [repository], hostType="ip", hostValue=finding.host["ip"],
                  port=str(finding.port))[0]
    assert flagged(api, "acceptRiskStatus", "accepted") == set()
    assert api.response("POST", "/rest/acceptRiskRule/%s/apply" % rule["id"], user=MANAGER,
                        json={"repository": {"id": int(repository)}}) == ""
    assert flagged(api, "acceptRiskStatus", "accepted") == {key}
    assert key not in flagged(api, "acceptRiskStatus", "nonAcceptedRisk")
    api.response("DELETE", "/rest/acceptRiskRule/%s" % rule["id"], user=MANAGER)
    assert flagged(api, "acceptRiskStatus", "accepted") == {key}
    api.response("POST", "/rest/acceptRiskRule/apply", user=MANAGER, json={"repository": {"id": int(repository)}})
    assert flagged(api, "acceptRiskStatus", "accepted") == set()


def test_a_recast_rule_moves_severity_counts_and_rows(api, reference):
    finding, repository = first_open_finding(reference)
    before = api.analysis(tool="sumseverity")["results"]
    rule = api.response("POST", "/rest/recastRiskRule", user=MANAGER, json={
        "plugin": {"id": str(finding.plugin.id)}, "repositories": [{"id": int(repository)}], "hostType": "ip",
        "hostValue": finding.host["ip"], "port": str(finding.port), "newSeverity": {"id": "0"}})[0]
    assert (rule["newSeverity"], rule["order"]) == ("0", "1")
    api.response("POST", "/rest/recastRiskRule/%s/apply" % rule["id"], user=MANAGER,
                 json={"repository": {"id": int(repository)}})
    after = api.analysis(tool="sumseverity")["results"]
    counts = {row["severity"]["id"]: int(row["count"]) for row in before}
    moved = {row["severity"]["id"]: int(row["count"]) for row in after}
    level = str(finding.plugin.severity)
    assert moved[level] == counts[level] - 1 and moved["0"] == counts.get("0", 0) + 1
    rows = api.analysis(filters=[{"filterName": "recastRiskStatus", "operator": "=", "value": "recast"}])["results"]
    assert [(row["ip"], row["severity"]["id"], row["recastRisk"]) for row in rows] == [(finding.host["ip"], "0", "1")]


def test_an_expired_rule_has_no_effect_and_is_gone(api, reference, sc):
    finding, repository = first_open_finding(reference)
    rule = accept(api, finding.plugin.id, [repository], expires=str(sc.dataset.now + 60))[0]
    api.response("POST", "/rest/acceptRiskRule/%s/apply" % rule["id"], user=MANAGER,
                 json={"repository": {"id": int(repository)}})
    assert flagged(api, "acceptRiskStatus", "accepted")
    sc.dataset.now += 120
    try:
        sc.risk_rules.on_change()
        assert flagged(api, "acceptRiskStatus", "accepted") == set()
        assert api.response("GET", "/rest/acceptRiskRule") == []
    finally:
        sc.dataset.now -= 120


@pytest.mark.parametrize("version, refused", [("6.0.0", True), ("5.23.1", False), ("6.4.0", False)])
def test_rules_by_address_are_refused_by_sc_6_0_as_reported(api, sc, version, refused):
    sc.version = version
    answer = api.call("POST", "/rest/acceptRiskRule", user=MANAGER, json={
        "plugin": {"id": "19506"}, "repositories": [{"id": 1}], "hostType": "ip", "hostValue": "10.0.0.1"})
    assert (answer.status_code == 403) == refused
    if refused:
        assert answer.json()["error_msg"] == ("Please specify ips for this Accept Risk Rule.\n"
                                              "Please specify an IP Range.\n")


def test_a_vulnerability_analyst_reads_rules_but_cannot_write_them(api):
    assert api.response("GET", "/rest/recastRiskRule") == []
    refused = api.call("POST", "/rest/acceptRiskRule", json={"plugin": {"id": "19506"}, "repositories": [{"id": 1}]})
    assert refused.status_code == 403 and "cannot manage Accept Risk Rules" in refused.json()["error_msg"]


def test_unknown_plugins_and_foreign_repositories_are_refused(api):
    unknown = api.call("POST", "/rest/acceptRiskRule", user=MANAGER,
                       json={"plugin": {"id": "99999999"}, "repositories": [{"id": 1}]})
    assert unknown.json()["error_code"] == 146
    foreign = api.call("POST", "/rest/acceptRiskRule", user=MANAGER,
                       json={"plugin": {"id": "19506"}, "repositories": [{"id": 99}]})
    assert foreign.json()["error_code"] == 146

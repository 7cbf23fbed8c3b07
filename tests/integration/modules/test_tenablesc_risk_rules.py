# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""tenablesc_accept_risk, tenablesc_recast_risk and tenablesc_risk_rule_info through ansible-playbook."""

import pytest
import requests

from sc_simulator.catalog import PROTOCOL_NAMES
from support.ansible_run import run_inventory, sc_environment

WRITES = ("POST", "PATCH", "DELETE")
RULE_PATHS = ("/rest/acceptRiskRule", "/rest/recastRiskRule")


def rule_writes(sc, since=0):
    return [(r.method, r.path) for r in sc.requests[since:]
            if r.method in WRITES and r.path.startswith(RULE_PATHS)]


def open_findings(sc, repository_id=None, plugin_index=None):
    ds = sc.dataset
    return [i for i in range(len(ds.f_plugin)) if not ds.f_mitigated[i] and not ds.plugins[ds.f_plugin[i]].was
            and (repository_id is None or ds.hosts[ds.f_host[i]].repository_id == repository_id)
            and (plugin_index is None or ds.f_plugin[i] == plugin_index)]


@pytest.fixture
def target(sc):
    """An open finding above Info on a host whose plugin also fires elsewhere: (ip, plugin id, port, repository)."""
    ds = sc.dataset
    for i in open_findings(sc, repository_id="1"):
        plugin = ds.plugins[ds.f_plugin[i]]
        if plugin.severity >= 2 and len(open_findings(sc, "1", ds.f_plugin[i])) > 1:
            return dict(ip=ds.hosts[ds.f_host[i]].ip, plugin_id=plugin.id, port=str(ds.f_port[i]),
                        protocol=PROTOCOL_NAMES[ds.f_protocol[i]].lower(), severity=plugin.severity, repository="1")
    raise AssertionError("no finding to accept")


def rule_args(target, **args):
    base = dict(plugin_id=target["plugin_id"], ips=[target["ip"]], port=target["port"], protocol=target["protocol"],
                repositories=[target["repository"]], comment="CHG-1 approved")
    base.update(args)
    return {key: value for key, value in base.items() if value is not None}


def flagged(task, options, **filters):
    run = task("tenablesc_vulns_info", dict(options, **filters))
    assert run.returncode == 0, run.output
    return {(row["ip"], row["pluginID"], str(row["port"])) for row in run.result["findings"]}


def test_accepting_shows_exactly_the_covered_finding_and_a_rerun_sends_no_write(task, manager, sc, target):
    created = task("tenablesc_accept_risk", dict(manager, **rule_args(target, expires="2099-12-31")))
    assert created.returncode == 0, created.output
    rule = created.result["rules"][0]
    assert created.result["changed"] is True and created.result["applied_repositories"] == [1]
    assert (rule["kind"], rule["ips"], rule["port"], rule["protocol"], rule["comment"], rule["expires_at"]) == (
        "accept", [target["ip"]], target["port"], target["protocol"], "CHG-1 approved", "2099-12-31T23:59:59Z")
    assert flagged(task, manager, accepted_risk=True) == {(target["ip"], target["plugin_id"], target["port"])}
    assert (target["ip"], target["plugin_id"], target["port"]) not in flagged(
        task, manager, accepted_risk=False, plugin_id=[target["plugin_id"]])
    mark = len(sc.requests)
    again = task("tenablesc_accept_risk", dict(manager, **rule_args(target, expires="2099-12-31")))
    assert again.returncode == 0 and again.result["changed"] is False, again.output
    assert again.result["rules"] == created.result["rules"] and rule_writes(sc, mark) == []


def test_a_changed_comment_creates_the_new_rule_before_deleting_the_old(task, manager, sc, target):
    first = task("tenablesc_accept_risk", dict(manager, **rule_args(target)))
    old_id = first.result["rules"][0]["id"]
    mark = len(sc.requests)
    changed = task("tenablesc_accept_risk", dict(manager, **rule_args(target, comment="CHG-2 renewed")), diff=True)
    assert changed.returncode == 0 and changed.result["changed"] is True, changed.output
    new_rule = changed.result["rules"][0]
    assert new_rule["id"] != old_id and new_rule["comment"] == "CHG-2 renewed"
    assert rule_writes(sc, mark) == [("POST", "/rest/acceptRiskRule"), ("DELETE", "/rest/acceptRiskRule/%s" % old_id),
                                     ("POST", "/rest/acceptRiskRule/%s/apply" % new_rule["id"])]
    assert changed.result["diff"]["before"]["rules"][0]["comment"] == "CHG-1 approved"
    assert changed.result["diff"]["after"]["rules"][0]["comment"] == "CHG-2 renewed"
    # Ansible's default output shows the diff (a list would break it: "Callback dispatch ... failed").
    assert '-            "comment": "CHG-1 approved",' in changed.stdout and "Callback dispatch" not in changed.output


def test_check_mode_plans_and_writes_nothing(task, manager, sc, target):
    mark = len(sc.requests)
    planned = task("tenablesc_accept_risk", dict(manager, **rule_args(target)), check=True, diff=True)
    assert planned.returncode == 0 and planned.result["changed"] is True, planned.output
    assert planned.result["rules"][0]["id"] is None
    assert planned.result["diff"]["after"]["rules"][0]["ips"] == [target["ip"]]
    assert rule_writes(sc, mark) == [] and planned.result["applied_repositories"] == []
    task("tenablesc_accept_risk", dict(manager, **rule_args(target)))
    mark = len(sc.requests)
    removal = task("tenablesc_accept_risk", dict(manager, state="absent", **rule_args(target)), check=True)
    assert removal.result["changed"] is True and rule_writes(sc, mark) == []


def test_absent_deletes_and_applies_so_analysis_shows_the_finding_again(task, manager, sc, target):
    task("tenablesc_accept_risk", dict(manager, **rule_args(target)))
    assert flagged(task, manager, accepted_risk=True)
    gone = task("tenablesc_accept_risk", dict(manager, state="absent", **rule_args(target)))
    assert gone.returncode == 0 and gone.result["changed"] is True and gone.result["rules"] == [], gone.output
    assert ("POST", "/rest/acceptRiskRule/apply") in rule_writes(sc)
    assert flagged(task, manager, accepted_risk=True) == set()
    again = task("tenablesc_accept_risk", dict(manager, state="absent", **rule_args(target)))
    assert again.result["changed"] is False


def test_without_apply_analysis_waits_for_sc(task, manager, sc, target):
    made = task("tenablesc_accept_risk", dict(manager, apply=False, **rule_args(target)))
    assert made.result["changed"] is True and made.result["applied_repositories"] == []
    assert flagged(task, manager, accepted_risk=True) == set()


def test_all_hosts_and_asset_list_cover_what_they_name(task, manager, sc, target):
    plugin_index = next(p.index for p in sc.dataset.plugins if p.id == target["plugin_id"])
    every = task("tenablesc_accept_risk", dict(manager, plugin_id=target["plugin_id"], all_hosts=True,
                                               repositories=["1"]))
    assert every.returncode == 0 and every.result["rules"][0]["host_type"] == "all", every.output
    assert len(flagged(task, manager, accepted_risk=True)) == len(open_findings(sc, "1", plugin_index))
    listed = task("tenablesc_asset", dict(manager, name="Accepted hosts", type="static", ips=[target["ip"]]))
    assert listed.returncode == 0, listed.output
    by_list = task("tenablesc_accept_risk", dict(manager, plugin_id=target["plugin_id"], asset_list="Accepted hosts",
                                                 repositories=["1"]))
    assert by_list.returncode == 0, by_list.output
    assert by_list.result["rules"][0]["asset_list"]["id"] == listed.result["asset"]["id"]


def test_recasting_changes_the_severity_analysis_counts(task, manager, sc, target):
    before = task("tenablesc_vulns_info", dict(manager, repository=["1"])).result["severity_counts"]
    recast = task("tenablesc_recast_risk", dict(manager, new_severity="info", **rule_args(target)))
    assert recast.returncode == 0 and recast.result["rules"][0]["new_severity"] == "info", recast.output
    after = task("tenablesc_vulns_info", dict(manager, repository=["1"])).result["severity_counts"]
    level = ("info", "low", "medium", "high", "critical")[target["severity"]]
    assert after[level] == before[level] - 1 and after["info"] == before["info"] + 1
    rows = task("tenablesc_vulns_info", dict(manager, recast_risk=True)).result["findings"]
    assert [(row["ip"], row["severity"]["name"], row["recastRisk"]) for row in rows] == [(target["ip"], "Info", True)]
    higher = task("tenablesc_recast_risk", dict(manager, new_severity="critical", **rule_args(target)))
    assert higher.result["changed"] is True and len(higher.result["rules"]) == 1


def test_the_info_module_lists_both_kinds(task, connection, manager, target):
    task("tenablesc_accept_risk", dict(manager, **rule_args(target)))
    task("tenablesc_recast_risk", dict(manager, new_severity="low", **rule_args(target)))
    listed = task("tenablesc_risk_rule_info", dict(connection, plugin_id=target["plugin_id"]), check=True)
    assert listed.returncode == 0 and listed.result["changed"] is False, listed.output
    assert [(rule["kind"], rule["comment"]) for rule in listed.result["rules"]] == [
        ("accept", "CHG-1 approved"), ("recast", "CHG-1 approved")]
    assert listed.result["rules"][1]["new_severity"] == "low"
    only = task("tenablesc_risk_rule_info", dict(connection, kind="recast", repositories=["2"]))
    assert only.result["rules"] == []


@pytest.mark.parametrize("args, message", [
    (dict(expires="2020-01-01"), "expires 2020-01-01 is already past on SC's clock"),
    (dict(expires="next tuesday"), "expires 'next tuesday' is neither epoch seconds nor an ISO 8601 time"),
    (dict(all_hosts=True), "Give exactly one of ips, asset_list and all_hosts: true"),
    (dict(plugin_id=99999999), "Plugin 99999999 is not in SC's plugin feed."),
    (dict(port="http"), "port must be a number from 0 to 65535 or any"),
    (dict(port="\u00b2"), "port must be a number from 0 to 65535 or any"),
    (dict(repositories=["Nowhere"]), "No repository 'Nowhere' is visible to this account"),
])
def test_bad_input_fails_once_clearly_and_writes_nothing(task, manager, sc, target, args, message):
    mark = len(sc.requests)
    run = task("tenablesc_accept_risk", dict(manager, **rule_args(target, **args)))
    assert run.returncode != 0 and message in run.result["msg"], run.output
    assert "Traceback" not in run.output and rule_writes(sc, mark) == []


def test_a_recast_without_a_severity_is_refused(task, manager, target):
    run = task("tenablesc_recast_risk", dict(manager, **rule_args(target)))
    assert run.returncode != 0 and run.result["msg"] == "new_severity is required to recast a risk (state present)."


def test_a_role_without_permission_fails_with_the_role_to_use(task, connection, sc, target):
    run = task("tenablesc_accept_risk", dict(connection, **rule_args(target)))
    assert run.returncode != 0 and run.result["error"]["kind"] == "permission", run.output
    assert "Accept Risk and Recast Risk permissions" in run.result["error"]["hint"]


def test_sc_6_0_refusing_rules_by_address_points_to_asset_lists(task, manager, sc, target):
    sc.version = "6.0.0"
    run = task("tenablesc_accept_risk", dict(manager, **rule_args(target)))
    assert run.returncode != 0 and run.result["error"]["kind"] == "configuration", run.output
    assert run.result["msg"].startswith("SC refused the accept risk rule by address: Please specify ips")
    assert "asset_list" in run.result["error"]["hint"]


def test_the_inventory_leaves_a_host_out_once_its_only_critical_is_accepted(task, manager, sc, tmp_path):
    ds = sc.dataset
    criticals = {}
    for i in open_findings(sc, repository_id="1"):
        if ds.plugins[ds.f_plugin[i]].severity == 4:
            criticals.setdefault(ds.f_host[i], []).append(i)
    shared = {h.ip for h in ds.hosts if sum(1 for other in ds.hosts if other.ip == h.ip) > 1}
    host_index, [only] = next((host, found) for host, found in sorted(criticals.items())
                              if len(found) == 1 and ds.hosts[host].ip not in shared)
    host = ds.hosts[host_index]
    source = tmp_path / "sc.tenablesc.yml"
    source.write_text("plugin: secops.tenablesc.tenablesc\nfilters:\n  severity: [critical]\n  accepted_risk: false\n")
    env = sc_environment(sc, "secmanager")
    assert host.ip in {v["sc_ip"] for v in run_inventory(source, tmp_path, env=env).listed["_meta"]["hostvars"].values()}
    accepted = task("tenablesc_accept_risk", dict(manager, plugin_id=ds.plugins[ds.f_plugin[only]].id, ips=[host.ip],
                                                  repositories=["1"]))
    assert accepted.returncode == 0, accepted.output
    assert host.ip not in {v["sc_ip"] for v in run_inventory(source, tmp_path, env=env).listed["_meta"]["hostvars"].values()}


def test_a_failed_apply_says_the_rule_changed_but_is_not_applied(task, manager, sc, target):
    applied = "/rest/acceptRiskRule/24/apply"  # the simulator's first accept rule is 24, as recorded
    sc.add_fault("status", method="POST", path=applied, times=10, status=503)
    run = task("tenablesc_accept_risk", dict(manager, **rule_args(target)))
    assert run.returncode != 0 and run.result["error"]["kind"] == "rules_not_applied", run.output
    assert run.result["changed"] is True and [rule["ips"] for rule in run.result["rules"]] == [[target["ip"]]]
    assert run.result["msg"].startswith("Applying the accept risk rules of repository 1 failed: POST")
    assert "Click Apply Rules" in run.result["msg"] and sc.count("POST", applied) > 1
    assert [rule["hostValue"] for rule in sc.risk_rules.listed("accept")] == [target["ip"]]


def test_rules_of_a_plugin_gone_from_the_feed_can_still_be_absent(task, manager, sc):
    gone = task("tenablesc_accept_risk", dict(manager, plugin_id=99999999, all_hosts=True, state="absent"))
    assert gone.returncode == 0 and gone.result["changed"] is False, gone.output
    assert sc.count("GET", "/rest/plugin/99999999") == 0


def test_a_rule_made_elsewhere_with_addresses_this_collection_does_not_parse_is_another_rule(task, manager, sc, target):
    # SC's own pages accept addresses separated by spaces; the collection's parser does not.
    elsewhere = {"plugin": {"id": str(target["plugin_id"])}, "repositories": [{"id": 1}], "hostType": "ip",
                 "hostValue": "%s 10.251.1.1" % target["ip"]}
    answer = requests.post(sc.url + "/rest/acceptRiskRule", json=elsewhere, verify=sc.ca_path, timeout=30,
                           headers={"x-apikey": sc.key_string("secmanager")})
    assert answer.status_code == 200, answer.text
    made = task("tenablesc_accept_risk", dict(manager, **rule_args(target)))
    assert made.returncode == 0 and made.result["changed"] is True, made.output
    assert len(sc.risk_rules.listed("accept")) == 2

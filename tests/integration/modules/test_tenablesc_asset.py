# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""tenablesc_asset and tenablesc_asset_info through ansible-playbook against the simulator."""


WRITES = ("POST", "PATCH", "DELETE")


def writes(sc, since=0):
    """Write requests SC received after the first ``since`` requests."""
    return len([r for r in sc.requests[since:] if r.method in WRITES])


def asset(task, options, **args):
    return task("tenablesc_asset", dict(options, **args))


def lists_named(task, options, name):
    run = task("tenablesc_asset_info", dict(options, name=name))
    assert run.returncode == 0, run.output
    return run.result["assets"]


STATIC = dict(name="PCI Scope (test)", type="static", description="Cardholder data",
              ips=["10.10.0.0/24", "10.10.1.5", "10.10.2.1-10.10.2.4"])


def test_create_then_rerun_changes_nothing_and_writes_nothing(task, manager, sc):
    created = asset(task, manager, **STATIC)
    assert created.returncode == 0, created.output
    assert created.result["changed"] is True
    view = created.result["asset"]
    assert isinstance(view["id"], int) and view["type"] == "static" and view["name"] == STATIC["name"]
    assert view["ips"] == ["10.10.0.0/24", "10.10.1.5", "10.10.2.1", "10.10.2.2/31", "10.10.2.4"]
    mark = len(sc.requests)
    same_addresses = dict(STATIC)
    same_addresses["ips"] = ["10.10.2.4", "10.10.2.2-10.10.2.3", "10.10.2.1", " 10.10.1.5", "10.10.0.0/24"]
    again = asset(task, manager, **same_addresses)
    assert again.returncode == 0 and again.result["changed"] is False
    assert writes(sc, since=mark) == 0


def test_update_shows_addresses_added_and_removed(task, manager, sc):
    asset(task, manager, **STATIC)
    fewer = dict(STATIC)
    fewer["ips"] = ["10.10.0.0/24", "10.10.9.9"]
    updated = task("tenablesc_asset", dict(manager, **fewer), diff=True)
    assert updated.returncode == 0 and updated.result["changed"] is True
    diff = updated.result["diff"]
    assert diff["before"]["ips"] == ["10.10.0.0/24", "10.10.1.5", "10.10.2.1", "10.10.2.2/31", "10.10.2.4"]
    assert diff["after"]["ips"] == ["10.10.0.0/24", "10.10.9.9"]
    assert "+    - 10.10.9.9" in updated.stdout or "+  - 10.10.9.9" in updated.stdout or "10.10.9.9" in updated.stdout
    assert sc.count("PATCH") == 1 and sc.count("POST", "/rest/asset") == 1


def test_purge_false_adds_to_what_is_there(task, manager):
    asset(task, manager, **STATIC)
    added = asset(task, manager, name=STATIC["name"], ips=["10.20.0.1"], purge=False)
    assert added.result["changed"] is True
    assert "10.20.0.1" in added.result["asset"]["ips"] and "10.10.1.5" in added.result["asset"]["ips"]
    assert asset(task, manager, name=STATIC["name"], ips=["10.20.0.1"], purge=False).result["changed"] is False


def test_check_mode_sends_no_write(task, manager, sc):
    run = task("tenablesc_asset", dict(manager, **STATIC), check=True)
    assert run.returncode == 0 and run.result["changed"] is True and run.result["asset"]["id"] is None
    assert writes(sc) == 0
    assert lists_named(task, manager, STATIC["name"]) == []


def test_absent_and_absent_again(task, manager, sc):
    asset(task, manager, **STATIC)
    gone = asset(task, manager, name=STATIC["name"], state="absent")
    assert gone.result["changed"] is True and gone.result["asset"] is None
    again = asset(task, manager, name=STATIC["name"], state="absent")
    assert again.returncode == 0 and again.result["changed"] is False
    assert lists_named(task, manager, STATIC["name"]) == []


def test_duplicate_names_are_never_guessed(task, manager, sc, sc_dataset):
    twins = [a["id"] for a in sc_dataset.asset_lists if a["name"] == "Datacenter Subnet"]
    assert len(twins) == 2, "SC allows two lists of one name; the seed data has such a pair"
    run = asset(task, manager, name="Datacenter Subnet", type="static", ips=["10.1.1.3"])
    assert run.failed and "give the ID instead" in run.result["msg"]
    assert all(str(asset_id) in run.result["msg"] for asset_id in twins)
    assert writes(sc) == 0
    by_id = asset(task, manager, id=int(twins[1]), description="the second one")
    assert by_id.returncode == 0 and by_id.result["asset"]["id"] == int(twins[1])


def test_type_change_needs_replace(task, manager, sc):
    asset(task, manager, **STATIC)
    refused = asset(task, manager, name=STATIC["name"], type="dnsname", dns_names=["www.example.com"])
    assert refused.failed and "replace: true" in refused.result["msg"]
    replaced = asset(task, manager, name=STATIC["name"], type="dnsname", dns_names=["www.example.com"], replace=True)
    assert replaced.returncode == 0 and replaced.result["replaced"] is True
    assert replaced.result["asset"]["type"] == "dnsname"
    assert len(lists_named(task, manager, STATIC["name"])) == 1


def test_a_replacement_that_cannot_be_created_keeps_the_old_list(task, manager, sc):
    original = asset(task, manager, **STATIC).result["asset"]
    refused = asset(task, manager, name=STATIC["name"], type="dnsname", replace=True)
    assert refused.failed and "needs dns_names" in refused.result["msg"]
    [kept] = lists_named(task, manager, STATIC["name"])
    assert kept["id"] == original["id"] and sc.count("DELETE") == 0


def test_dnsname_list_compares_without_case(task, manager, sc):
    first = asset(task, manager, name="Web (test)", type="dnsname", dns_names=["WWW.Example.com", "shop.example.com"])
    assert first.result["asset"]["dns_names"] == ["shop.example.com", "www.example.com"]
    mark = len(sc.requests)
    again = asset(task, manager, name="Web (test)", type="dnsname", dns_names=["shop.example.com", "www.example.com"])
    assert again.result["changed"] is False and writes(sc, since=mark) == 0


RULES = {"operator": "all", "children": [
    {"filter": "severity", "operator": "eq", "value": "4"},
    {"operator": "any", "children": [{"filter": "ip", "operator": "eq", "value": "10.0.0.0/8"},
                                     {"filter": "dnsname", "operator": "contains", "value": "example"}]},
]}


def test_dynamic_list_compares_after_scs_additions(task, manager, sc):
    first = asset(task, manager, name="Criticals (test)", type="dynamic", rules=RULES)
    assert first.returncode == 0, first.output
    assert first.result["asset"]["rules"]["children"][0] == {"filter": "severity", "operator": "eq", "value": "4"}
    mark = len(sc.requests)
    reordered = dict(RULES, children=list(reversed(RULES["children"])))
    again = asset(task, manager, name="Criticals (test)", type="dynamic", rules=reordered)
    assert again.result["changed"] is False and writes(sc, since=mark) == 0


def test_combination_list(task, manager, sc):
    asset(task, manager, **STATIC)
    asset(task, manager, name="Web (test)", type="dnsname", dns_names=["www.example.com"])
    combined = asset(task, manager, name="Audit (test)", type="combination",
                     combination={"operator": "union", "assets": [STATIC["name"], "Web (test)"]})
    assert combined.returncode == 0, combined.output
    assert combined.result["asset"]["combination"]["operator"] == "union"
    again = asset(task, manager, name="Audit (test)", type="combination",
                  combination={"operator": "union", "assets": [STATIC["name"], "Web (test)"]})
    assert again.result["changed"] is False


def test_a_role_that_may_not_manage_gets_the_role_guidance(task, connection, sc):
    run = asset(task, connection, **STATIC)
    assert run.failed and "Security Analyst" in run.result["msg"]
    assert "Traceback" not in run.output


def test_a_reset_during_create_never_leaves_two_lists(task, manager, sc):
    sc.add_fault("reset_after", method="POST", path="/rest/asset")
    run = asset(task, manager, **STATIC)
    assert run.returncode == 0, run.output
    assert any("lost" in warning for warning in run.result.get("warnings", []))
    assert sc.count("POST", "/rest/asset") == 1
    assert len(lists_named(task, manager, STATIC["name"])) == 1


def test_asset_info_lists_and_resolves_viewable_ips(task, connection, manager):
    asset(task, manager, **STATIC)
    everything = task("tenablesc_asset_info", connection)
    assert everything.returncode == 0 and everything.result["changed"] is False
    assert {"static", "dnsname", "dynamic"} <= {a["type"] for a in everything.result["assets"]}
    [one] = task("tenablesc_asset_info", dict(manager, name=STATIC["name"], viewable_ips=True)).result["assets"]
    assert one["ips"][0] == "10.10.0.0/24" and isinstance(one["viewable_ips"], list)


def test_severity_and_plugin_rules_are_sent_as_id_records(task, manager, sc):
    # client: pyTenable sends {"id": n} for these clauses, as SC needs; the simulator refuses a plain value.
    rules = {"operator": "any", "children": [{"filter": "severity", "operator": "eq", "value": "critical"},
                                             {"filter": "pluginid", "operator": "eq", "value": 19506}]}
    first = asset(task, manager, name="Exposed (test)", type="dynamic", rules=rules)
    assert first.returncode == 0, first.output
    [created] = [r.json_body for r in sc.requests if r.method == "POST"]
    assert [child["value"] for child in created["rules"]["children"]] == [{"id": 4}, {"id": 19506}]
    same = dict(rules, children=[dict(rules["children"][0], value=4), rules["children"][1]])
    assert asset(task, manager, name="Exposed (test)", type="dynamic", rules=same).result["changed"] is False


def test_a_list_it_manages_but_may_not_use_is_found_by_name_everywhere(task, manager, sc):
    # recorded: a list can be manageable without being usable; one lookup scope serves the list and the members.
    described = asset(task, manager, name="Decommissioned Servers", description="Retired in 2026")
    assert described.returncode == 0 and described.result["changed"] is True, described.output
    assert described.result["asset"]["id"] == 8
    combined = asset(task, manager, name="Retired or exposed (test)", type="combination",
                     combination={"assets": ["Decommissioned Servers", "DMZ Web Servers"]})
    assert combined.returncode == 0, combined.output
    assert combined.result["asset"]["combination"]["assets"] == ["8", "1"]
    refused = task("tenablesc_vulns_info", dict(manager, asset="Decommissioned Servers"))
    assert refused.failed and "managed but not used" in refused.result["msg"]

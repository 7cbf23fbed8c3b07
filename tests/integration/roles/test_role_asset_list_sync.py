# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""secops.tenablesc.asset_list_sync through ansible-playbook, checked against what the simulator stores."""

import json

import pytest
from role_runner import run_role, sc_environment
from sc_simulator.iputil import int_to_ip, parse_intervals

WRITES = ("POST", "PATCH", "DELETE")


def inventory(**groups):
    """An inventory of ``group=[(host, ansible_host or None), ...]``."""
    return {"all": {"children": {
        group: {"hosts": {host: ({"ansible_host": address} if address else None) for host, address in hosts}}
        for group, hosts in groups.items()}}}


WEB = [("web1", "10.1.0.11"), ("web2", "10.1.0.12"), ("10.1.0.40", None)]
DB = [("db1", "10.2.0.5"), ("db2", "10.2.0.6")]
LEGACY = [("old1", "10.3.0.1")]


def addresses(asset):
    """The addresses a stored static list holds, one by one."""
    return {int_to_ip(value) for first, last in parse_intervals(asset.type_fields["definedIPs"])
            for value in range(first, last + 1)}


def stored(sc):
    """Every asset list the simulator holds, as comparable tuples."""
    return sorted((asset.id, asset.name, asset.type, asset.description, json.dumps(asset.type_fields, sort_keys=True))
                  for asset in sc.assets.usable())


def lists_named(sc, prefix="ansible-"):
    return {asset.name: asset for asset in sc.assets.usable() if asset.name.startswith(prefix)}


def task_result(run, name):
    """The result of the role's task ``name``."""
    return next(entry["result"] for entry in run.results if entry["task"].endswith(" : " + name))


def writes(sc, since=0):
    return [(r.method, r.path) for r in sc.requests[since:] if r.method in WRITES]


@pytest.fixture
def sync(sc, tmp_path):
    """sync(groups_inventory, **variables) -> Run, as a Security Manager from the TENABLESC_* environment."""
    def run(groups_inventory, args=(), **variables):
        return run_role(tmp_path, "asset_list_sync", variables, inventory=groups_inventory, args=args,
                        env=sc_environment(sc, "secmanager"))
    return run


def test_one_list_per_group_then_a_second_run_changes_nothing(sync, sc):
    run = sync(inventory(web=WEB, db=DB), asset_list_sync_groups=["web", "db"])
    assert run.returncode == 0, run.output
    lists = lists_named(sc)
    assert sorted(lists) == ["ansible-db", "ansible-web"]
    assert addresses(lists["ansible-web"]) == {"10.1.0.11", "10.1.0.12", "10.1.0.40"}
    assert addresses(lists["ansible-db"]) == {"10.2.0.5", "10.2.0.6"}
    assert all(asset.type == "static" and "web" in lists["ansible-web"].description for asset in lists.values())

    mark, before = len(sc.requests), stored(sc)
    again = sync(inventory(web=WEB, db=DB), asset_list_sync_groups=["web", "db"])
    assert again.returncode == 0, again.output
    assert "changed=0" in again.stdout
    assert writes(sc, since=mark) == [] and stored(sc) == before


def seed(sc, **groups):
    """Static lists as an earlier run of the role left them: ``group=[address, ...]``; their IDs by name."""
    owner = sc.users["secmanager"]
    description = "Hosts of the Ansible inventory group %s, kept by secops.tenablesc.asset_list_sync."
    return {"ansible-" + group: sc.assets.create({"name": "ansible-" + group, "type": "static",
                                                  "description": description % group,
                                                  "definedIPs": ",".join(ips)}, owner).id
            for group, ips in groups.items()}


def test_a_changed_group_changes_only_its_list(sync, sc):
    ids = seed(sc, web=["10.1.0.11", "10.1.0.12", "10.1.0.40"], db=["10.2.0.5", "10.2.0.6"])
    fewer_web = [WEB[0], ("web9", "10.1.0.99")]
    run = sync(inventory(web=fewer_web, db=DB), asset_list_sync_groups=["web", "db"], args=["--diff"])
    assert run.returncode == 0, run.output
    assert addresses(lists_named(sc)["ansible-web"]) == {"10.1.0.11", "10.1.0.99"}
    assert writes(sc) == [("PATCH", "/rest/asset/%d" % ids["ansible-web"])]
    changed = task_result(run, "Keep each group's asset list")["results"]
    diff = next(item["diff"] for item in changed if item["item"]["group"] == "web")
    assert "10.1.0.99" in diff["after"]["ips"] and "10.1.0.99" not in diff["before"]["ips"]


def test_purge_deletes_the_lists_of_groups_gone_and_nothing_else(sync, sc):
    ids = seed(sc, web=["10.1.0.11"], db=["10.2.0.5"], legacy=["10.3.0.1"])
    owner = sc.users["secmanager"]
    # Lists the role does not own: no prefix, and the prefix on another type.
    sc.assets.create({"name": "Hand-made web list", "type": "static", "definedIPs": "10.1.0.11"}, owner)
    sc.assets.create({"name": "ansible-by-name", "type": "dnsname", "definedDNSNames": "www.example.com"}, owner)
    others = [entry for entry in stored(sc) if entry[1] not in ("ansible-web", "ansible-db", "ansible-legacy")]

    # db left the inventory; legacy is no longer chosen.
    run = sync(inventory(web=WEB, legacy=LEGACY), asset_list_sync_groups=["web", "db"], asset_list_sync_purge=True)
    assert run.returncode == 0, run.output
    assert sorted(lists_named(sc)) == ["ansible-by-name", "ansible-web"]
    assert [entry for entry in stored(sc) if entry[1] != "ansible-web"] == others
    assert "db (not in the inventory)" in run.stdout
    assert sorted(writes(sc)) == sorted([("DELETE", "/rest/asset/%d" % ids["ansible-db"]),
                                         ("DELETE", "/rest/asset/%d" % ids["ansible-legacy"]),
                                         ("PATCH", "/rest/asset/%d" % ids["ansible-web"])])


def test_check_mode_changes_nothing_in_sc(sync, sc):
    seed(sc, web=["10.1.0.11", "10.1.0.12"], db=["10.2.0.5"])
    before = stored(sc)
    run = sync(inventory(web=WEB[:1], legacy=LEGACY), asset_list_sync_groups=["web", "legacy"],
               asset_list_sync_purge=True, args=["--check", "--diff"])
    assert run.returncode == 0, run.output
    assert stored(sc) == before and writes(sc) == []
    # What it would have done: shrink web, create legacy, delete db.
    kept = task_result(run, "Keep each group's asset list")
    assert {item["item"]["name"]: item["changed"] for item in kept["results"]} == {
        "ansible-web": True, "ansible-legacy": True}
    web = next(item for item in kept["results"] if item["item"]["name"] == "ansible-web")
    assert web["diff"]["before"]["ips"] == ["10.1.0.11", "10.1.0.12"] and web["diff"]["after"]["ips"] == ["10.1.0.11"]
    deleted = task_result(run, "Delete the lists no chosen group keeps")
    assert [item["item"]["name"] for item in deleted["results"] if item["changed"]] == ["ansible-db"]


def test_a_host_without_an_address_fails_before_any_write(sync, sc):
    named = WEB + [("www.example.com", None), ("app1", "app1.example.com")]
    run = sync(inventory(web=named), asset_list_sync_groups=["web"])
    assert run.returncode != 0
    message = run.results[-1]["result"]["msg"]
    assert "www.example.com in web (www.example.com)" in message and "app1 in web (app1.example.com)" in message
    assert "asset_list_sync_hosts_without_address" in message and "ansible_host" in message
    assert writes(sc) == [] and lists_named(sc) == {}


def test_hosts_without_an_address_can_be_skipped_with_a_message(sync, sc):
    named = WEB + [("app1", "app1.example.com")]
    run = sync(inventory(web=named, names=[("app2", "app2.example.com")]), asset_list_sync_groups=["web", "names"],
               asset_list_sync_hosts_without_address="skip")
    assert run.returncode == 0, run.output
    assert addresses(lists_named(sc)["ansible-web"]) == {"10.1.0.11", "10.1.0.12", "10.1.0.40"}
    assert "ansible-names" not in lists_named(sc)
    said = " ".join(r["result"].get("msg", "") for r in run.results if " : Say which" in r["task"])
    assert "app1 in web (app1.example.com)" in said and "names (no host with an IP address)" in said


def test_role_variables_and_play_module_defaults_connect_and_the_key_never_shows(sc, tmp_path):
    """The key as a role variable, the URL and CA from the play's module_defaults, no TENABLESC_* at all."""
    defaults = {"group/secops.tenablesc.tenablesc": {"url": sc.url, "ca_path": sc.ca_path}}
    variables = {"asset_list_sync_groups": ["web"], "asset_list_sync_api_keys": sc.key_string("secmanager")}
    run = run_role(tmp_path, "asset_list_sync", variables, inventory=inventory(web=WEB), args=["-vvv"],
                   play={"module_defaults": defaults})
    assert run.returncode == 0, run.output
    assert "ansible-web" in lists_named(sc)
    user = sc.users["secmanager"]
    assert user.secret_key not in run.output and user.access_key not in run.output


def test_argument_specs_name_each_wrong_variable(sync, sc):
    run = sync(inventory(web=WEB), asset_list_sync_purge="maybe", asset_list_sync_hosts_without_address="ignore")
    assert run.returncode != 0
    message = run.results[-1]["result"]["msg"]
    for variable in ("asset_list_sync_purge", "asset_list_sync_hosts_without_address", "asset_list_sync_groups"):
        assert variable in message
    assert sc.requests == []


def test_an_empty_prefix_is_refused(sync, sc):
    run = sync(inventory(web=WEB), asset_list_sync_groups=["web"], asset_list_sync_prefix="")
    assert run.returncode != 0
    assert "asset_list_sync_prefix must not be empty" in run.results[-1]["result"]["msg"]
    assert sc.requests == []

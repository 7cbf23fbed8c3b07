# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Asset lists: input at the top level, output under typeFields, SC's rewrites, permissions and 147."""

import pytest

# Key order recorded for POST and PATCH answers (SC 5.8), and the sync fields 5.18 adds after modifiedTime.
ASSET_KEYS = ["id", "name", "type", "description", "tags", "context", "status", "createdTime", "modifiedTime",
              "typeFields", "repositories", "ipCount", "groups", "assetDataFields", "canUse", "canManage", "creator",
              "owner", "ownerGroup", "targetGroup", "template"]
IO_SYNC_KEYS = ["ioSyncStatus", "ioFirstSyncTime", "ioLastSyncSuccess", "ioLastSyncFailure", "ioSyncErrorDetails"]


def create(api, body, user="secmanager"):
    return api.response("POST", "/rest/asset", user=user, json=body)


def usable_ids(dataset):
    return [a["id"] for a in dataset.asset_lists if a.get("usable", True)]


def test_list_usable_and_manageable(api, sc_dataset):
    manager = api.response("GET", "/rest/asset", user="secmanager")
    assert [a["id"] for a in manager["usable"]] == usable_ids(sc_dataset)
    assert manager["usable"][0] == {"id": "0", "name": "All Defined Ranges", "description": sc_dataset.asset_lists[0][
        "description"], "type": "static", "status": "0"}
    # recorded (test_asset_lists_list_success_for_fields.yaml): a list can be manageable without being usable.
    assert [a["id"] for a in manager["manageable"]] == usable_ids(sc_dataset)[1:] + ["8"]
    analyst = api.response("GET", "/rest/asset")
    assert analyst["usable"] == manager["usable"] and analyst["manageable"] == []
    names = [a["name"] for a in analyst["usable"]]
    assert len(names) != len(set(names)), "SC does not make names unique"


def test_a_list_managed_but_not_used_is_hidden_from_others(api):
    assert api.response("GET", "/rest/asset/8", user="secmanager")["canUse"] == "false"
    assert api.call("GET", "/rest/asset/8").json()["error_code"] == 147


def test_administrators_get_one_assets_list(api, sc_dataset):
    # documented: an Administrator's GET /rest/asset answers {"assets": [...]}.
    answer = api.response("GET", "/rest/asset", user="admin")
    assert list(answer) == ["assets"]
    assert [a["id"] for a in answer["assets"]] == usable_ids(sc_dataset)


def test_list_with_fields(api):
    listed = api.response("GET", "/rest/asset?fields=id,name,ipCount")["usable"]
    assert all(list(item) == ["id", "name", "ipCount"] for item in listed)


@pytest.mark.parametrize("version, keys", [("5.13.0", ASSET_KEYS), ("6.4.0", ASSET_KEYS[:9] + IO_SYNC_KEYS + ASSET_KEYS[9:])])
def test_create_static_answers_under_type_fields_with_rewritten_ips(api, sc, version, keys):
    sc.version = version
    created = create(api, {"name": "Example", "type": "static",
                           "definedIPs": " 10.0.0.5,10.0.0.1-10.0.0.4 ,10.0.0.0/30,\n192.168.1.9, 192.168.1.8"})
    assert list(created) == keys
    assert created["typeFields"] == {"definedIPs": "10.0.0.0-10.0.0.5,192.168.1.8-192.168.1.9"}
    assert "definedIPs" not in created
    assert created["ipCount"] == -1 and {r["ipCount"] for r in created["repositories"]} == {"-1"}
    assert [r["repository"]["id"] for r in created["repositories"]] == list(sc.users["secmanager"].repository_ids)
    assert created["creator"] == {"id": "2", "username": "secmanager", "firstname": "Security", "lastname": "Manager"}
    assert created["targetGroup"] == {"id": -1, "name": "", "description": ""}
    assert (created["canUse"], created["canManage"], created["status"]) == ("true", "true", "0")


def test_ids_grow_and_names_repeat(api):
    first = create(api, {"name": "Twins", "type": "static", "definedIPs": "10.1.1.1"})
    second = create(api, {"name": "Twins", "type": "static", "definedIPs": "10.1.1.2"})
    assert int(second["id"]) == int(first["id"]) + 1
    api.response("DELETE", "/rest/asset/%s" % second["id"], user="secmanager")
    third = create(api, {"name": "Twins", "type": "static", "definedIPs": "10.1.1.3"})
    assert int(third["id"]) == int(second["id"]) + 1, "ids are not reused"


def test_patch_is_partial(api):
    created = create(api, {"name": "Before", "type": "static", "definedIPs": "10.2.0.1", "description": "kept"})
    renamed = api.response("PATCH", "/rest/asset/%s" % created["id"], user="secanalyst", json={"name": "After"})
    assert (renamed["name"], renamed["description"], renamed["typeFields"]) == ("After", "kept", created["typeFields"])
    moved = api.response("PATCH", "/rest/asset/%s" % created["id"], user="secanalyst",
                         json={"definedIPs": "10.2.0.3, 10.2.0.2"})
    assert moved["typeFields"]["definedIPs"] == "10.2.0.2-10.2.0.3" and moved["name"] == "After"
    assert api.response("GET", "/rest/asset/%s?fields=name,typeFields" % created["id"]) == {
        "id": created["id"], "name": "After", "typeFields": moved["typeFields"]}


def test_delete_then_missing(api):
    created = create(api, {"name": "Gone", "type": "dnsname", "definedDNSNames": "a.example.com"})
    path = "/rest/asset/%s" % created["id"]
    assert api.response("DELETE", path, user="secmanager") == ""
    again = api.call("DELETE", path, user="secmanager")
    assert (again.status_code, again.json()["error_code"]) == (403, 147)
    assert again.json()["error_msg"] == "Unable to find existing Asset #{0} to delete.\nAsset #{0} does not exist.\n" \
        .format(created["id"])
    for method in ("GET", "PATCH"):
        missing = api.call(method, path, user="secmanager", json={"name": "x"})
        assert (missing.status_code, missing.json()["error_code"]) == (403, 147)


@pytest.mark.parametrize("method, path, body", [
    ("POST", "/rest/asset", {"name": "x", "type": "static", "definedIPs": "10.0.0.1"}),
    ("PATCH", "/rest/asset/1", {"name": "x"}),
    ("DELETE", "/rest/asset/1", None),
])
def test_vulnerability_analyst_cannot_manage(api, method, path, body):
    answer = api.call(method, path, json=body)
    assert answer.status_code == 403
    assert "permission" in answer.json()["error_msg"].lower()
    assert "Vulnerability Analyst" in answer.json()["error_msg"]
    assert [a["name"] for a in api.response("GET", "/rest/asset")["usable"]][1] == "DMZ Web Servers"


@pytest.mark.parametrize("body", [
    {"name": "Bad", "type": "static", "definedIPs": "10.0.0.300"},
    {"name": "Bad", "type": "static", "definedIPs": "10.0.0.9-10.0.0.1"},
    {"name": "Bad", "type": "static"},
    {"name": "Bad", "type": "teleport"},
    {"type": "static", "definedIPs": "10.0.0.1"},
])
def test_invalid_definitions_are_refused(api, sc, body):
    answer = api.call("POST", "/rest/asset", user="secmanager", json=body)
    assert answer.status_code == 403 and answer.json()["error_code"] == 146
    assert len(api.response("GET", "/rest/asset")["usable"]) == len(usable_ids(sc.dataset))


def test_dynamic_rules_are_stored_the_way_sc_rewrites_them(api):
    rules = {"operator": "any", "children": [
        {"type": "clause", "filterName": "dns", "operator": "contains", "value": "dmz"},
        {"operator": "all", "children": [{"type": "clause", "filterName": "severity", "operator": "eq",
                                          "value": {"id": 4}, "pluginIDConstraint": "19506"}]}]}
    created = create(api, {"name": "Dyn", "type": "dynamic", "rules": rules})
    assert created["typeFields"] == {"rules": {"operator": "any", "children": [
        {"filterName": "dns", "operator": "contains", "value": "dmz", "pluginIDConstraint": "-1", "type": "clause"},
        {"operator": "all", "children": [{"filterName": "severity", "operator": "eq", "value": {"id": 4},
                                          "pluginIDConstraint": "19506", "type": "clause"}], "type": "group"}],
        "type": "group"}}
    assert list(created["typeFields"]["rules"]) == ["operator", "children", "type"]


def test_dynamic_membership_by_dns(api, reference):
    created = create(api, {"name": "DMZ names", "type": "dynamic", "rules": {"operator": "all", "children": [
        {"type": "clause", "filterName": "dns", "operator": "contains", "value": "dmz.example.com"}]}})
    rows = api.analysis("sumip", [{"filterName": "asset", "operator": "=", "value": {"id": created["id"]}}])
    assert {row["ip"] for row in rows["results"]} == {
        f.host["ip"] for f in reference.findings() if "dmz.example.com" in f.host["dns_name"]}


def test_combination_operands_come_back_described(api):
    created = create(api, {"name": "Combo", "type": "combination", "combinations": {
        "operator": "intersection", "operand1": {"id": "1"}, "operand2": {"id": "4"}}})
    combination = created["typeFields"]["combinations"]
    assert combination["operator"] == "intersection"
    assert combination["operand1"]["name"] == "DMZ Web Servers" and set(combination["operand1"]) == {
        "id", "name", "description", "uuid"}
    missing = api.call("POST", "/rest/asset", user="secmanager", json={
        "name": "Broken", "type": "combination", "combinations": {"operator": "union", "operand1": {"id": "1"},
                                                                  "operand2": {"id": "999"}}})
    assert missing.json()["error_code"] == 147


def test_details_fields_and_viewable_ips(api, sc, sc_dataset):
    details = api.response("GET", "/rest/asset/1?fields=name,ipCount,repositories,viewableIPs,tags,canManage")
    assert list(details) == ["id", "name", "ipCount", "repositories", "viewableIPs", "tags", "canManage"]
    assert details["canManage"] == "false" and details["tags"] == ""
    visible = [r["id"] for r in sc_dataset.repositories if r["id"] in sc.users["vulnanalyst"].repository_ids]
    assert [v["repository"]["id"] for v in details["viewableIPs"]] == visible
    listed = sum(int(v["ipCount"]) for v in details["viewableIPs"])
    assert listed == details["ipCount"] > 0
    for view, counted in zip(details["viewableIPs"], details["repositories"]):
        assert view["ipCount"] == counted["ipCount"]
        assert view["ipList"] == "" or view["ipList"].endswith("\n")


def test_viewable_ips_of_a_new_list_are_computed_though_its_count_is_not(api, sc_dataset):
    host = next(h for h in sc_dataset.hosts if h["repository_id"] == "1")
    created = create(api, {"name": "One", "type": "static", "definedIPs": host["ip"]})
    details = api.response("GET", "/rest/asset/%s?fields=ipCount,viewableIPs" % created["id"], user="secmanager")
    assert details["ipCount"] == -1
    assert details["viewableIPs"][0]["ipList"] == host["ip"] + "\n"


def test_reset_restores_the_seed_lists(api, sc, sc_dataset):
    create(api, {"name": "Temporary", "type": "static", "definedIPs": "10.9.9.9"})
    api.response("DELETE", "/rest/asset/1", user="secmanager")
    sc.reset()
    assert [a["id"] for a in api.response("GET", "/rest/asset")["usable"]] == usable_ids(sc_dataset)


def test_all_defined_ranges_cannot_be_changed(api):
    for method in ("PATCH", "DELETE"):
        answer = api.call(method, "/rest/asset/0", user="secmanager", json={"name": "x"})
        assert answer.status_code == 403 and "permission" in answer.json()["error_msg"].lower()


@pytest.mark.parametrize("filter_name, value", [("severity", "4"), ("pluginid", 19506), ("severity", {"id": "high"})])
def test_severity_and_plugin_clauses_need_an_id_record(api, filter_name, value):
    # client: pyTenable sends {"id": n} for these two clauses, "necessary for pluginid and severity filter names".
    answer = api.call("POST", "/rest/asset", user="secmanager", json={"name": "Plain", "type": "dynamic", "rules": {
        "operator": "all", "children": [{"type": "clause", "filterName": filter_name, "operator": "eq", "value": value}]}})
    assert answer.status_code == 403 and answer.json()["error_code"] == 146

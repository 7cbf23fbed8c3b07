# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The asset_list_plan filter on inventories given as plain groups and hostvars."""

import pytest
from ansible.errors import AnsibleFilterError

from ansible_collections.secops.tenablesc.plugins.filter.asset_list_plan import FilterModule, asset_list_plan


def inventory(**groups):
    """(groups, hostvars) for ``group=[(host, ansible_host or None), ...]``."""
    hostvars = {host: {} if address is None else {"ansible_host": address}
                for hosts in groups.values() for host, address in hosts}
    return {group: [host for host, address in hosts] for group, hosts in groups.items()}, hostvars


def plan(chosen, prefix="ansible-", **groups):
    return asset_list_plan(chosen, *inventory(**groups), prefix=prefix)


WEB = [("web1", "10.1.0.11"), ("web2", "10.1.0.12"), ("10.1.0.40", None)]
DB = [("db1", "2001:db8::5"), ("db2", "2001:db8::6")]


@pytest.mark.parametrize("chosen, groups, expected", [
    pytest.param(["web", "db"], dict(web=WEB, db=DB), dict(
        lists=[dict(group="web", name="ansible-web", ips=["10.1.0.11", "10.1.0.12", "10.1.0.40"]),
               dict(group="db", name="ansible-db", ips=["2001:db8::5", "2001:db8::6"])],
        groups_without_addresses=[], groups_not_in_inventory=[], hosts_without_address=[]), id="normal plan"),
    pytest.param(["web"], dict(web=WEB + [("www.example.com", None), ("app1", "app1.example.com"), ("app2", " ")]), dict(
        lists=[dict(group="web", name="ansible-web", ips=["10.1.0.11", "10.1.0.12", "10.1.0.40"])],
        groups_without_addresses=[], groups_not_in_inventory=[],
        hosts_without_address=["www.example.com in web (www.example.com)", "app1 in web (app1.example.com)",
                               "app2 in web (empty)"]), id="hosts without an address are left out"),
    pytest.param(["names", "pci", "empty"], dict(names=[("app1", "app1.example.com")], empty=[]), dict(
        lists=[], groups_without_addresses=["names", "empty"], groups_not_in_inventory=["pci"],
        hosts_without_address=["app1 in names (app1.example.com)"]), id="groups that get no list"),
    pytest.param([], dict(web=WEB), dict(
        lists=[], groups_without_addresses=[], groups_not_in_inventory=[], hosts_without_address=[]),
        id="no group chosen"),
])
def test_plan(chosen, groups, expected):
    assert plan(chosen, **groups) == expected


@pytest.mark.parametrize("address, kept", [
    ("10.0.0.1", True),
    (" 10.0.0.1 ", True),  # stripped, as the inventory's ansible_host may carry spaces
    ("2001:db8::1", True),
    ("::ffff:10.0.0.1", True),
    ("fe80::1%eth0", True),  # what the asset module's parser takes
    ("10.0.0.256", False),
    ("10.0.0.01", False),
    ("10.0.0", False),
    ("10.0.0.0/24", False),  # a network is not a host's address
    ("10.0.0.1-10.0.0.4", False),
    ("2001:db8::1::2", False),
    ("db01", False),
])
def test_only_one_ipv4_or_ipv6_address_is_a_hosts_address(address, kept):
    result = plan(["g"], g=[("h", address)])
    assert result["lists"] == ([dict(group="g", name="ansible-g", ips=[address.strip()])] if kept else [])
    assert result["hosts_without_address"] == ([] if kept else ["h in g (%s)" % address.strip()])


def test_a_host_without_ansible_host_is_its_inventory_hostname():
    result = asset_list_plan(["web"], {"web": ["10.0.0.1", "web1"]}, {}, "ansible-")
    assert result["lists"] == [dict(group="web", name="ansible-web", ips=["10.0.0.1"])]
    assert result["hosts_without_address"] == ["web1 in web (web1)"]


def test_ansible_host_that_is_not_a_string_is_read_as_text():
    result = asset_list_plan(["g"], {"g": ["a", "b"]}, {"a": {"ansible_host": None}, "b": {"ansible_host": 1}}, "p-")
    assert result["hosts_without_address"] == ["a in g (None)", "b in g (1)"]


@pytest.mark.parametrize("prefix, name", [("ansible-", "ansible-web"), ("SC ", "SC web"), ("", "web")])
def test_the_list_name_is_the_prefix_then_the_group(prefix, name):
    [entry] = plan(["web"], prefix=prefix, web=WEB)["lists"]
    assert (entry["group"], entry["name"]) == ("web", name)


@pytest.mark.parametrize("chosen, groups, lists", [
    pytest.param(["web", "db", "web"], dict(web=WEB[:1], db=DB[:1]),
                 [("web", ["10.1.0.11"]), ("db", ["2001:db8::5"])], id="a group chosen twice is planned once"),
    pytest.param(["web", "Web"], dict(web=WEB[:1], Web=DB[:1]),
                 [("web", ["10.1.0.11"]), ("Web", ["2001:db8::5"])], id="groups differing in case are two"),
    pytest.param(["g"], dict(g=[("a", "10.0.0.1"), ("b", "10.0.0.2"), ("c", "10.0.0.1")]),
                 [("g", ["10.0.0.1", "10.0.0.2"])], id="two hosts with one address"),
    pytest.param(["g"], dict(g=[("a", "2001:DB8::1"), ("b", "2001:db8:0::1"), ("c", "2001:db8::2")]),
                 [("g", ["2001:DB8::1", "2001:db8::2"])], id="one IPv6 address written two ways, kept as first written"),
    pytest.param(["a", "b"], dict(a=[("h", "10.0.0.1")], b=[("h", "10.0.0.1")]),
                 [("a", ["10.0.0.1"]), ("b", ["10.0.0.1"])], id="a host in two groups is in both lists"),
])
def test_duplicates(chosen, groups, lists):
    assert [(entry["group"], entry["ips"]) for entry in plan(chosen, **groups)["lists"]] == lists


@pytest.mark.parametrize("arguments, message", [
    (("web", {}, {}, "p-"), "its input must be a list of group names, not 'web'"),
    (([["web"]], {}, {}, "p-"), "its input must be a list of group names"),
    ((["web"], ["web"], {}, "p-"), "groups must be a mapping, such as the groups variable, not list"),
    ((["web"], {}, None, "p-"), "hostvars must be a mapping, such as the hostvars variable, not NoneType"),
    ((["web"], {}, {}, None), "prefix must be a string, not NoneType"),
    ((["web"], {"web": "web1"}, {}, "p-"), "the hosts of group web must be a list, not str"),
])
def test_bad_input_raises_a_filter_error(arguments, message):
    with pytest.raises(AnsibleFilterError, match="^asset_list_plan: ") as raised:
        asset_list_plan(*arguments)
    assert message in str(raised.value)


def test_the_filter_is_named_asset_list_plan():
    assert FilterModule().filters() == {"asset_list_plan": asset_list_plan}

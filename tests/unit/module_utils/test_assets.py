# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Asset list pieces without SC: the address parser, rule trees, combination trees and the asset view."""

import pytest

from ansible_collections.secops.tenablesc.plugins.module_utils.assets import (
    asset_view,
    combination_from_sc,
    combination_to_sc,
    dns_names,
    format_networks,
    ip_networks,
    ips_list,
    is_address,
    rules_from_sc,
    rules_to_sc,
    same_rules,
)
from ansible_collections.secops.tenablesc.plugins.module_utils.errors import ConfigurationError


@pytest.mark.parametrize("given, sc_form", [
    (["10.0.0.1"], "10.0.0.1"),
    (["10.0.0.0/24", "10.0.0.7"], "10.0.0.0/24"),
    (["10.0.0.1-10.0.0.4"], "10.0.0.1,10.0.0.2/31,10.0.0.4"),
    (["10.0.0.5/24"], "10.0.0.0/24"),  # a host bit set in a CIDR: SC takes the network, so do we
    ("10.0.1.2,\n10.0.1.1 , ,10.0.1.3", "10.0.1.1,10.0.1.2/31"),  # SC's own comma/newline string
    (["2001:db8::1", "10.0.0.1"], "10.0.0.1,2001:db8::1"),  # IPv4 first, then IPv6
    ([], ""),
])
def test_addresses_collapse_to_scs_form(given, sc_form):
    assert format_networks(ip_networks(given)) == sc_form


@pytest.mark.parametrize("item", ["10.0.0.256", "10.0.0.9-10.0.0.1", "10.0.0.1-2001:db8::1", "web01", "10.0.0.0/33"])
def test_a_bad_address_names_the_option_and_the_item(item):
    with pytest.raises(ConfigurationError) as raised:
        ip_networks(["10.0.0.1", item], option="filters.ip")
    assert raised.value.message.startswith("filters.ip: ") and "not an address, CIDR network or range" in raised.value.message


def test_ips_list_is_one_item_per_network():
    assert ips_list(ip_networks("10.0.0.3,10.0.0.2")) == ["10.0.0.2/31"]
    assert ips_list([]) == []


@pytest.mark.parametrize("text, address", [
    ("10.0.0.1", True), (" 2001:db8::1 ", True), ("web01.example.com", False), ("10.0.0", False),
    ("10.0.0.0/24", False), ("", False), ("fe80::1%eth0", True),
])
def test_is_address(text, address):
    assert is_address(text) is address


def test_dns_names_compare_without_case_or_final_dot():
    assert dns_names("Web01.Example.com.,\nweb02.example.com") == {"web01.example.com", "web02.example.com"}


READABLE = {"operator": "all", "children": [
    {"filter": "severity", "operator": "eq", "value": "critical"},
    {"filter": "pluginid", "operator": "eq", "value": 19506},
    {"operator": "any", "children": [{"filter": "dnsname", "operator": "contains", "value": "example.com",
                                      "plugin_id": 12053}]},
]}


def test_rules_become_scs_tree_with_id_records_for_severities_and_plugins():
    # client (correction in the API notes): severity and pluginid clauses carry {"id": n}, names become levels.
    assert rules_to_sc(READABLE) == {"operator": "all", "children": [
        {"type": "clause", "filterName": "severity", "operator": "eq", "value": {"id": 4}},
        {"type": "clause", "filterName": "pluginid", "operator": "eq", "value": {"id": 19506}},
        {"type": "group", "operator": "any", "children": [
            {"type": "clause", "filterName": "dnsname", "operator": "contains", "value": "example.com",
             "pluginIDConstraint": "12053"}]},
    ]}


def test_scs_tree_reads_back_without_what_sc_adds_and_compares_whatever_the_order():
    tree = rules_to_sc(READABLE)
    # SC adds pluginIDConstraint -1 to clauses without one.
    tree["children"][0]["pluginIDConstraint"] = "-1"
    back = rules_from_sc(tree)
    assert back == {"operator": "all", "children": [
        {"filter": "severity", "operator": "eq", "value": "4"},
        {"filter": "pluginid", "operator": "eq", "value": "19506"},
        {"operator": "any", "children": [{"filter": "dnsname", "operator": "contains", "value": "example.com",
                                          "plugin_id": "12053"}]},
    ]}
    assert same_rules(back, dict(back, children=list(reversed(back["children"]))))
    assert not same_rules(back, dict(back, operator="any"))
    assert same_rules(None, None) and not same_rules(None, back)


@pytest.mark.parametrize("rules, complaint", [
    ({"operator": "all", "children": []}, "non-empty children"),
    ({"operator": "some", "children": [{"filter": "ip", "value": "10.0.0.1"}]}, "any or all"),
    ({"children": [{"filter": "ip"}]}, "needs filter, operator and value"),
    ({"children": [{"filter": "severity", "value": "urgent"}]}, "whole number or a severity name"),
    ({"children": [{"filter": "pluginid", "value": True}]}, "needs a whole number"),
    ({"children": [{"filter": "pluginid", "value": "١٢"}]}, "needs a whole number"),  # other scripts' digits
])
def test_bad_rules_are_refused_before_sc_sees_them(rules, complaint):
    with pytest.raises(ConfigurationError) as raised:
        rules_to_sc(rules)
    assert complaint in raised.value.message


def test_combinations_are_a_left_fold_and_read_back():
    tree = combination_to_sc("union", [3, 5, 8])
    assert tree == {"operator": "union", "operand1": {"operator": "union", "operand1": {"id": "3"},
                                                      "operand2": {"id": "5"}}, "operand2": {"id": "8"}}
    assert combination_from_sc(tree) == {"operator": "union", "assets": ["3", "5", "8"]}


def test_a_combination_built_in_scs_ui_stays_as_sc_wrote_it():
    mixed = {"operator": "union", "operand1": {"operator": "intersection", "operand1": {"id": "1"},
                                               "operand2": {"id": "2"}}, "operand2": {"id": "3"}}
    nested_right = {"operator": "union", "operand1": {"id": "1"},
                    "operand2": {"operator": "union", "operand1": {"id": "2"}, "operand2": {"id": "3"}}}
    assert combination_from_sc(mixed) is mixed
    assert combination_from_sc(nested_right) is nested_right


@pytest.mark.parametrize("operator, ids, complaint", [
    ("xor", [1, 2], "one of union, intersection, complement"),
    ("union", [1], "at least two"),
])
def test_bad_combinations_are_refused(operator, ids, complaint):
    with pytest.raises(ConfigurationError) as raised:
        combination_to_sc(operator, ids)
    assert complaint in raised.value.message


# recorded: tests/conformance/corpus/asset_details.json (pyTenable test_asset_lists_details_success.yaml, SC 5.18):
# numbers as strings, except ipCount; definedIPs as SC's comma string.
STATIC_DETAIL = {
    "id": "35", "name": "DMZ Web Servers", "type": "static", "description": "", "tags": "dmz",
    "createdTime": "1643129213", "modifiedTime": "1643129213", "ipCount": -1,
    "typeFields": {"definedIPs": "10.0.0.2,10.0.0.1,10.0.1.0/24"},
    "repositories": [{"ipCount": "3", "repository": {"id": "1", "name": "DMZ", "description": ""}}],
    "owner": {"id": "2", "username": "secmanager", "firstname": "", "lastname": ""},
}


def test_the_asset_view_of_a_recorded_static_list():
    view = asset_view(STATIC_DETAIL)
    assert view == dict(
        id=35, name="DMZ Web Servers", type="static", description="", tags="dmz", ip_count=None,
        repositories=[dict(id=1, name="DMZ", ip_count=3)], owner="secmanager", created=1643129213,
        modified=1643129213, ips=["10.0.0.1", "10.0.0.2", "10.0.1.0/24"], dns_names=None, rules=None, combination=None)


@pytest.mark.parametrize("asset_type, type_fields, key, value", [
    ("dnsname", {"definedDNSNames": "B.example.com,a.example.com."}, "dns_names", ["a.example.com", "b.example.com"]),
    ("combination", {"combinations": {"operator": "complement", "operand1": {"id": "1"}, "operand2": {"id": "2"}}},
     "combination", {"operator": "complement", "assets": ["1", "2"]}),
    ("dynamic", {"rules": {"operator": "any", "children": [
        {"type": "clause", "filterName": "ip", "operator": "eq", "value": "10.0.0.1", "pluginIDConstraint": "-1"}]}},
     "rules", {"operator": "any", "children": [{"filter": "ip", "operator": "eq", "value": "10.0.0.1"}]}),
])
def test_each_type_fills_its_own_field_only(asset_type, type_fields, key, value):
    view = asset_view(dict(STATIC_DETAIL, type=asset_type, typeFields=type_fields))
    assert view[key] == value
    assert [name for name in ("ips", "dns_names", "rules", "combination") if view[name] is not None] == [key]

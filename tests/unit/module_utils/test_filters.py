# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Translation of the friendly filter vocabulary into SC filters (no SC needed)."""

import pytest
import yaml

from ansible_collections.secops.tenablesc.plugins.module_utils.errors import ConfigurationError
from ansible_collections.secops.tenablesc.plugins.module_utils.filters import (
    FILTER_OPTIONS,
    filter_argument_spec,
    translate_filters,
)
from ansible_collections.secops.tenablesc.plugins.module_utils.lookups import NameResolver
from support.catalog import RecordedCatalog


def asset_filter(value):
    [sc_filter] = translate_filters({"asset": value}, NameResolver(RecordedCatalog()))
    return sc_filter["operator"], sc_filter["value"]


def test_one_asset_list_is_equals_with_its_id():
    # client: UI payloads and scripts filter one list with "="; "~" with a bare id means "not in the list".
    assert asset_filter("PCI Scope") == ("=", {"id": "3"})
    assert asset_filter(7) == asset_filter(["Cardholder Data"]) == ("=", {"id": "7"})
    assert asset_filter("Servers, Linux") == ("=", {"id": "5"}), "a name is one name, commas and all"


def test_several_asset_lists_are_their_union_as_a_combination_tree():
    assert asset_filter(["PCI Scope", "7", "Servers, Linux"]) == ("~", {
        "operator": "union", "operand1": {"operator": "union", "operand1": {"id": "3"}, "operand2": {"id": "7"}},
        "operand2": {"id": "5"}})
    assert asset_filter(["PCI Scope", "3"]) == ("=", {"id": "3"}), "the same list twice is one list"


@pytest.mark.parametrize("value, complaint", [
    ("Decommissioned", "managed but not used"),
    ("Nowhere", "No asset list 'Nowhere' is visible"),
    ({"id": 3}, "names or IDs"),
    ([["PCI Scope"]], "names or IDs"),
])
def test_asset_filter_refusals(value, complaint):
    with pytest.raises(ConfigurationError) as caught:
        asset_filter(value)
    assert complaint in str(caught.value)


def one(name, value):
    [sc_filter] = translate_filters({name: value})
    return sc_filter["filterName"], sc_filter["operator"], sc_filter["value"]


@pytest.mark.parametrize("name, value, expected", [
    ("severity", ["critical", "high"], ("severity", "=", "3,4")),
    ("severity", ["Info", 4, "2"], ("severity", "=", "0,2,4")),
    ("severity", "high,critical", ("severity", "=", "3,4")),
    ("plugin_id", [19506, "10180"], ("pluginID", "=", "19506,10180")),
    ("plugin_name", "OpenSSL", ("pluginName", "=", "OpenSSL")),
    ("ip", ["10.0.0.1", "10.0.1.0/24", "10.0.2.1-10.0.2.9", "fe80::1"],
     ("ip", "=", "10.0.0.1,10.0.1.0/24,10.0.2.1-10.0.2.9,fe80::1")),
    ("dns_name", ["web01.example.com"], ("dnsName", "=", "web01.example.com")),
    ("cve", ["cve-2024-3400", "CVE-2021-44228"], ("cveID", "=", "CVE-2024-3400,CVE-2021-44228")),
    ("exploit_available", True, ("exploitAvailable", "=", "true")),
    ("exploit_available", False, ("exploitAvailable", "=", "false")),
    ("accepted_risk", True, ("acceptRiskStatus", "=", "accepted")),
    ("accepted_risk", False, ("acceptRiskStatus", "=", "nonAcceptedRisk")),
    ("recast_risk", True, ("recastRiskStatus", "=", "recast")),
    ("recast_risk", False, ("recastRiskStatus", "=", "notRecast")),
    ("last_seen", 30, ("lastSeen", "=", "0:30")),
    ("last_seen", "30", ("lastSeen", "=", "0:30")),
    ("last_seen", "0:7", ("lastSeen", "=", "0:7")),
    ("last_seen", "30:all", ("lastSeen", "=", "30:all")),
    ("first_seen", "1641727524-1641900324", ("firstSeen", "=", "1641727524-1641900324")),
    ("vpr_score", "7-10", ("vprScore", "=", "7-10")),
    ("vpr_score", [6.5, 9], ("vprScore", "=", "6.5-9")),
    ("vpr_score", {"min": 7}, ("vprScore", "=", "7-10")),
    ("vpr_score", 9, ("vprScore", "=", "9-10")),
    ("port", [443, "8443"], ("port", "=", "443,8443")),
    ("protocol", ["tcp", "UDP", 1], ("protocol", "=", "6,17,1")),
])
def test_each_friendly_filter(name, value, expected):
    assert one(name, value) == expected


@pytest.mark.parametrize("name, value, complaint", [
    ("severity", ["urgent"], "not a severity"),
    ("severity", [5], "not a severity"),
    ("plugin_id", ["ssl"], "not a plugin ID"),
    ("plugin_id", [True], "not a plugin ID"),
    ("ip", ["10.0.0.300"], "not an address"),
    ("ip", ["10.0.0.9-10.0.0.1"], "not an address"),
    ("dns_name", ["bad name"], "not a DNS name"),
    ("cve", ["2024-3400"], "not a CVE ID"),
    ("exploit_available", "yes", "true or false"),
    ("last_seen", "last week", "not a window"),
    ("last_seen", "30:0", "not a window"),
    ("last_seen", True, "not a window"),
    ("vpr_score", "7-11", "not a range"),
    ("vpr_score", "high", "not a range"),
    ("port", [70000], "not a port"),
    ("protocol", ["sctp"], "not a protocol"),
    ("repository", ["DMZ"], "need a connection"),
])
def test_bad_values_are_refused_before_sc_sees_them(name, value, complaint):
    with pytest.raises(ConfigurationError) as caught:
        translate_filters({name: value})
    assert complaint in str(caught.value)


def test_unset_filters_are_skipped_and_order_is_stable():
    filters = translate_filters({"port": [], "severity": None, "cve": ["CVE-2024-3400"], "last_seen": 7})
    assert [f["filterName"] for f in filters] == ["cveID", "lastSeen"]


def test_unknown_friendly_filter_lists_the_known_ones():
    with pytest.raises(ConfigurationError) as caught:
        translate_filters({"sevrity": ["high"]})
    assert "sevrity" in str(caught.value) and "severity" in str(caught.value)


def test_raw_filters_combine_with_friendly_ones():
    raw = [{"filterName": "pluginType", "operator": "=", "value": "active"}]
    filters = translate_filters({"severity": ["critical"]}, raw_filters=raw)
    assert filters == [
        {"filterName": "severity", "operator": "=", "value": "4"},
        {"filterName": "pluginType", "operator": "=", "value": "active"},
    ]


@pytest.mark.parametrize("raw, complaint", [
    ([{"filterName": "severity", "operator": "=", "value": "4"}], "also given by severity"),
    ([{"filterName": "port", "value": "1"}, {"filterName": "port", "value": "2"}], "also given by another raw filter"),
    ([{"operator": "=", "value": "4"}], "needs filterName"),
    (["severity=4"], "needs filterName"),
    ([{"filterName": "port", "value": "1", "op": "="}], "unknown keys: op"),
])
def test_raw_filter_conflicts_and_shapes(raw, complaint):
    with pytest.raises(ConfigurationError) as caught:
        translate_filters({"severity": ["high"]}, raw_filters=raw)
    assert complaint in str(caught.value)


def test_table_drives_argspec_and_doc_fragment():
    from ansible_collections.secops.tenablesc.plugins.doc_fragments.filters import ModuleDocFragment

    spec = filter_argument_spec()
    documented = yaml.safe_load(ModuleDocFragment.DOCUMENTATION)["options"]
    assert set(spec) == set(documented) == set(FILTER_OPTIONS)
    for name, option in documented.items():
        assert option["type"] == spec[name]["type"]
        assert option.get("elements") == spec[name].get("elements")

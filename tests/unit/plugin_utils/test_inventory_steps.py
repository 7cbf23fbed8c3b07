# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The inventory's pure steps: merging rows into hosts, host names, default groups."""

import pytest

from ansible_collections.secops.tenablesc.plugins.module_utils.rows import normalize_row
from ansible_collections.secops.tenablesc.plugins.plugin_utils.inventory import (
    HostMerger,
    assign_hostnames,
    choose_hostname,
    host_groups,
)


def sumip(ip, repository, dns="", netbios="", uuid="", critical="0", high="0", score="10", auth="", unauth="1700000000"):
    return normalize_row({
        "ip": ip, "uuid": uuid, "score": score, "total": "3", "severityInfo": "1", "severityLow": "0",
        "severityMedium": "0", "severityHigh": high, "severityCritical": critical, "macAddress": "",
        "netbiosName": netbios, "dnsName": dns, "osCPE": "cpe:/o:linux:linux_kernel", "lastAuthRun": auth,
        "lastUnauthRun": unauth, "repository": {"id": str(repository), "name": "Repo %s" % repository},
    })


def merge_host_rows(rows, separate_repositories=False):
    return HostMerger(separate_repositories).merge(rows)


def test_same_host_in_two_repositories_is_one_host_with_both():
    hosts = merge_host_rows([sumip("10.0.0.1", 1, dns="web01.example.com", critical="1", score="40"),
                             sumip("10.0.0.1", 2, dns="web01.example.com", high="2", score="25", auth="1700000500")])
    [host] = list(hosts.values())
    assert [r["id"] for r in host["sc_repositories"]] == [1, 2]
    assert host["sc_severity"] == {"info": 1, "low": 0, "medium": 0, "high": 2, "critical": 1}
    assert host["sc_score"] == 40
    assert host["ansible_host"] == host["sc_ip"] == "10.0.0.1"
    assert host["sc_last_auth_run"] == 1700000500 and host["sc_last_unauth_run"] == 1700000000


def test_one_address_under_two_names_is_one_host_named_by_the_latest_record():
    hosts = merge_host_rows([sumip("10.0.0.1", 1, dns="old.site1", netbios="OLD", unauth="1700000000"),
                             sumip("10.0.0.1", 2, dns="new.site2", unauth="1700009999"),
                             sumip("10.0.0.1", 3, dns="older.site3", netbios="OLDEST", unauth="1600000000")])
    [host] = list(hosts.values())
    assert [r["id"] for r in host["sc_repositories"]] == [1, 2, 3]
    # The latest record names the machine, also where it has no NetBIOS name: one record's names stay together.
    assert (host["sc_dns_name"], host["sc_netbios_name"]) == ("new.site2", None)
    assert assign_hostnames(list(hosts.values()), lambda v: v["sc_ip"]) == {"10.0.0.1": host}


def test_separate_repositories_keeps_one_address_in_two_repositories_apart():
    rows = [sumip("10.0.0.1", 1, dns="a.site1"), sumip("10.0.0.1", 2, dns="b.site2")]
    hosts = list(merge_host_rows(rows, separate_repositories=True).values())
    assert [(h["sc_dns_name"], [r["id"] for r in h["sc_repositories"]]) for h in hosts] == [
        ("a.site1", [1]), ("b.site2", [2])]
    assert sorted(assign_hostnames(hosts, lambda v: v["sc_ip"])) == ["10.0.0.1", "10.0.0.1_2"]


def test_agent_and_network_scan_of_one_machine_are_one_host():
    hosts = merge_host_rows([sumip("10.0.0.1", 1, dns="db.example.com", netbios="CORP\\DB"),
                             sumip("10.0.0.1", 4, dns="DB.example.com", netbios="CORP\\DB", uuid="u-1")])
    [host] = list(hosts.values())
    assert host["sc_uuid"] == "u-1" and [r["id"] for r in host["sc_repositories"]] == [1, 4]


def test_asset_list_members_are_found_by_the_same_identity():
    for separate in (False, True):
        merger = HostMerger(separate)
        rows = [sumip("10.0.0.1", 1, dns="a"), sumip("10.0.0.1", 2, dns="b"), sumip("10.0.0.2", 1)]
        hosts = merger.merge(rows)
        merger.add_asset_list(hosts, "PCI", [merger.identity(rows[1])])
        assert [h["sc_asset_lists"] for h in hosts.values()] == ([[], ["PCI"], []] if separate else [["PCI"], []])


def no_template(expression, variables):
    raise AssertionError("no template expected")


@pytest.mark.parametrize("preferences, options, expected", [
    (["dns_name", "netbios_name", "ip"], {}, "Web01.Example.com"),
    (["netbios_name", "ip"], {}, "WEB01"),
    (["dns_name"], dict(strip_domain=True, lowercase=True), "web01"),
    (["uuid", "ip"], {}, "10.0.0.1"),
    (["ip"], dict(strip_domain=True), "10.0.0.1"),
])
def test_first_non_empty_preference_wins(preferences, options, expected):
    variables = dict(sc_dns_name="Web01.Example.com", sc_netbios_name="CORP\\WEB01", sc_ip="10.0.0.1", sc_uuid=None)
    assert choose_hostname(variables, preferences, no_template, **options) == expected


def test_templates_are_rendered_over_host_vars():
    variables = dict(sc_netbios_name="WEB01", sc_ip="10.0.0.1")
    rendered = choose_hostname(variables, ["{{ custom }}", "dns_name", "ip"],
                               lambda expression, host: "%s-%s" % (host["sc_netbios_name"], host["sc_ip"]))
    assert rendered == "WEB01-10.0.0.1"


def test_colliding_names_are_kept_apart_never_merged():
    hosts = list(merge_host_rows([
        sumip("10.0.0.1", 1, netbios="WEB"), sumip("10.0.0.2", 1, netbios="WEB"),
        sumip("10.0.0.3", 1, dns="db.example.com"),
        sumip("10.0.0.4", 1, dns="x.one"), sumip("10.0.0.4", 2, dns="x.two"),
    ], separate_repositories=True).values())
    named = assign_hostnames(hosts, lambda v: v["sc_netbios_name"] or v["sc_ip"])
    assert sorted(named) == ["10.0.0.3", "10.0.0.4", "10.0.0.4_2", "WEB_10.0.0.1", "WEB_10.0.0.2"]
    assert named["WEB_10.0.0.2"]["sc_ip"] == "10.0.0.2"


def test_default_groups():
    [host] = list(merge_host_rows([sumip("10.0.0.1", 1, critical="2")]).values())
    host["sc_asset_lists"] = ["PCI Scope"]
    assert host_groups(host) == ["sc_repo_Repo 1", "sc_asset_PCI Scope", "sc_has_critical"]

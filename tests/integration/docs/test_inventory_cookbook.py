# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every inventory recipe of docs/inventory-cookbook.md, run with ansible-inventory against the simulator.

Each recipe promises groups in the cookbook's prose; PROMISES holds one check per recipe that compares them
with the simulator's data. A recipe without a check fails, so a new recipe cannot go untested.
"""

import pytest

from support.doc_pages import DOCS, file_blocks
from sc_truth import SEVERITY_LEVELS, Truth, list_inventory

RECIPES = {name: text for name, text in file_blocks(DOCS / "inventory-cookbook.md").items()
           if name.endswith(("tenablesc.yml", "tenablesc.yaml"))}
PROMISES = {}


def promise(recipe):
    def register(check):
        PROMISES[recipe] = check
        return check
    return register


class RecipeRun:
    """One recipe written to a file and listed; ``list()`` lists it again."""

    def __init__(self, sc, workdir, name):
        self.sc = sc
        self.workdir = workdir
        self.path = workdir / name
        self.path.write_text(RECIPES[name])
        self.truth = Truth(sc)
        self.listed = self.list()

    def list(self):
        return list_inventory(self.sc, self.workdir, self.path)


@promise("severity.tenablesc.yml")
def worst_severity_partitions_the_hosts(run):
    listed, truth = run.listed, run.truth
    for severity in ("low", "medium", "high", "critical"):
        expected = truth.ips(lambda finding, level=SEVERITY_LEVELS[severity]: finding.plugin.severity == level)
        assert expected and listed.ips("sc_has_" + severity) == expected, severity
    assert listed.hosts("worst_critical") == listed.hosts("sc_has_critical")
    assert listed.hosts("worst_high") == listed.hosts("sc_has_high") - listed.hosts("sc_has_critical")
    worst = [listed.hosts(group) for group in sorted(listed.groups("worst_"))]
    assert sum(len(hosts) for hosts in worst) == len(listed.hosts()) == len(set().union(*worst))
    urgent = {name for name, facts in listed.hostvars.items()
              if facts["sc_severity"]["critical"] > 0 or facts["sc_severity"]["high"] > 5}
    assert urgent and listed.hosts("patch_now") == urgent


@promise("critical-exploitable.tenablesc.yml")
def only_hosts_with_a_recent_exploitable_critical(run):
    listed, truth = run.listed, run.truth
    recent = truth.seen_within(30)
    expected = truth.ips(lambda finding: finding.plugin.severity == 4 and finding.plugin.exploit_available
                         and recent(finding))
    assert expected and listed.ips() == expected
    assert listed.hosts("sc_has_critical") == listed.hosts()
    assert not listed.groups("sc_has_high") | listed.groups("sc_has_medium") | listed.groups("sc_has_low")


@promise("repositories.tenablesc.yml")
def only_the_named_repositories(run):
    listed, truth = run.listed, run.truth
    assert listed.groups("sc_repo_") == {"sc_repo_DMZ", "sc_repo_Datacenter"}
    for name, keyed in (("DMZ", "repo_dmz"), ("Datacenter", "repo_datacenter")):
        repository = truth.repository_id(name)
        assert listed.ips("sc_repo_" + name) == truth.ips(lambda f, r=repository: f.host.repository_id == r)
        assert listed.hosts(keyed) == listed.hosts("sc_repo_" + name)
    assert listed.hosts() == listed.hosts("sc_repo_DMZ") | listed.hosts("sc_repo_Datacenter")


@promise("asset-lists.tenablesc.yml")
def a_group_per_asset_list_and_every_host_kept(run):
    listed, truth = run.listed, run.truth
    for name, group in (("DMZ Web Servers", "sc_asset_DMZ_Web_Servers"), ("Windows Servers", "sc_asset_Windows_Servers")):
        members = truth.asset_list_ips(name)
        assert members and listed.ips(group) == members, name
        assert all(name in listed.hostvars[host]["sc_asset_lists"] for host in listed.hosts(group))
    assert listed.ips() == truth.ips()


@promise("scope.tenablesc.yml")
def only_members_of_the_asset_lists(run):
    listed, truth = run.listed, run.truth
    expected = truth.asset_list_ips("DMZ Web Servers") | truth.asset_list_ips("Critical Exploitable Hosts")
    assert listed.ips() == expected
    assert all(facts["sc_asset_lists"] for facts in listed.hostvars.values())


@promise("hostnames.tenablesc.yml")
def short_lower_case_names_then_the_address(run):
    named_by = {"dns": 0, "netbios": 0, "ip": 0}
    for hostname, facts in run.listed.hostvars.items():
        if facts["sc_dns_name"]:
            expected, kind = facts["sc_dns_name"].split(".")[0].lower(), "dns"
        elif facts["sc_netbios_name"]:
            expected, kind = facts["sc_netbios_name"].rsplit("\\", 1)[-1].lower(), "netbios"
        else:
            expected, kind = facts["sc_ip"], "ip"
        # Hosts that end up with one name are told apart by a suffix: _<address>, then _2, _3...
        assert hostname == expected or hostname.startswith(expected + "_"), (hostname, facts)
        assert facts["ansible_host"] == facts["sc_ip"]
        named_by[kind] += 1
    assert all(named_by.values()), named_by


@promise("constructed.tenablesc.yml")
def groups_by_os_vendor_and_a_windows_group(run):
    listed = run.listed
    windows = {name for name, facts in listed.hostvars.items() if "microsoft:windows" in (facts["sc_os_cpe"] or "")}
    assert windows and listed.hosts("windows") == windows
    assert all(listed.hostvars[name]["ansible_connection"] == ("winrm" if name in windows else "ssh")
               for name in listed.hosts())
    vendors = listed.groups("vendor_")
    assert {"vendor_microsoft", "vendor_canonical", "vendor_redhat"} <= vendors
    for name, facts in listed.hostvars.items():
        vendor = (facts["sc_os_cpe"] or "cpe:/o:unknown").split(":")[2]
        assert facts["os_vendor"] == vendor
        assert [group for group in vendors if name in listed.hosts(group)] == ["vendor_" + vendor]


@promise("cached.tenablesc.yml")
def a_second_run_reads_the_cache_and_not_sc(run):
    assert run.listed.ips() == run.truth.ips()
    run.sc.reset()
    again = run.list()
    assert run.sc.count() == 0, "the second run asked SC again"
    assert again.data == run.listed.data
    cached = list((run.workdir / ".cache" / "tenablesc-inventory").iterdir())
    assert cached, "the cache is not where cache_connection says"


@promise("overlapping.tenablesc.yml")
def one_host_per_repository_record(run):
    records = {(finding.host.ip, finding.host.repository_id) for finding in run.truth.findings}
    hostvars = run.listed.hostvars
    assert len(hostvars) == len(records) > len(run.listed.ips())
    assert {(facts["sc_ip"], str(facts["sc_repositories"][0]["id"])) for facts in hostvars.values()} == records


@promise("cve.tenablesc.yml")
def only_hosts_with_the_cve_counting_only_its_findings(run):
    listed, truth = run.listed, run.truth
    expected = truth.ips(lambda finding: "CVE-2023-48795" in finding.plugin.cve.split(","))
    assert expected and listed.ips() == expected
    assert listed.hosts("sc_has_medium") == listed.hosts()
    assert not listed.groups("sc_has_critical")


@pytest.mark.parametrize("name", sorted(RECIPES))
def test_recipe_keeps_its_promise(name, sc, tmp_path):
    assert name in PROMISES, "the cookbook's %s has no check in PROMISES" % name
    PROMISES[name](RecipeRun(sc, tmp_path, name))


def test_every_checked_recipe_is_in_the_cookbook():
    assert len(RECIPES) >= 8
    assert sorted(set(PROMISES) - set(RECIPES)) == []

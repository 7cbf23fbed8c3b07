# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""secops.tenablesc.verify_remediation through ansible-playbook, against machines marked patched or down."""

import pytest
from role_runner import run_role, sc_environment
from sc_simulator.scans import ScanTiming

REPOSITORY = "2"  # DMZ, whose addresses no other repository holds


@pytest.fixture(autouse=True)
def quick_scans(sc):
    sc.scans.timing = ScanTiming(queued=0.1, preparing=0.1, initializing=0.1, running=0.2, importing=0.3)


def open_findings(sc, host, min_severity):
    ds = sc.dataset
    return [(ds.plugins[ds.f_plugin[i]].id, ds.f_port[i]) for i in range(ds.host_start[host.index], ds.host_start[host.index + 1])
            if not ds.f_mitigated[i] and not ds.plugins[ds.f_plugin[i]].was and ds.plugins[ds.f_plugin[i]].severity >= min_severity]


@pytest.fixture
def patched_hosts(sc):
    """Two DMZ hosts with open high or critical findings, as inventory hosts named web1 and web2."""
    hosts = [host for host in sc.dataset.hosts if host.repository_id == REPOSITORY and open_findings(sc, host, 3)][:2]
    return {"web%d" % number: host for number, host in enumerate(hosts, 1)}


@pytest.fixture
def verify(sc, tmp_path, patched_hosts):
    """verify(**variables) -> Run of the role on localhost for the inventory hosts, as a Security Manager."""
    inventory = {"all": {"hosts": {name: {"sc_ip": host.ip} for name, host in patched_hosts.items()}}}

    def run(args=(), **variables):
        variables.setdefault("verify_remediation_hosts", sorted(patched_hosts))
        variables.setdefault("verify_remediation_poll_interval", 1)
        return run_role(tmp_path, "verify_remediation", variables, inventory=inventory, args=args,
                        env=sc_environment(sc, "secmanager"))
    return run


def patch_everything(sc, hosts, min_severity):
    for host in hosts:
        for plugin_id, port in open_findings(sc, host, min_severity):
            sc.scans.machines.patch(host.ip, plugin_id, port)


def test_the_role_passes_when_every_finding_is_fixed(verify, sc, patched_hosts):
    count = sum(len(open_findings(sc, host, 3)) for host in patched_hosts.values())
    patch_everything(sc, patched_hosts.values(), 3)
    run = verify(verify_remediation_min_severity="high")
    assert run.returncode == 0, run.output
    assert "%d fixed, 0 still vulnerable, 0 not checked." % count in run.output
    assert sc.count("POST", "/rest/policy") == 1
    assert not [scan for scan in sc.scans.definitions() if "remediation" in scan["name"]]


def test_the_role_fails_listing_what_is_still_vulnerable_or_unchecked(verify, sc, patched_hosts):
    web1, web2 = patched_hosts["web1"], patched_hosts["web2"]
    patch_everything(sc, [web1], 3)
    sc.scans.machines.take_down(web2.ip)
    run = verify(verify_remediation_min_severity="high")
    assert run.returncode != 0
    unchecked = open_findings(sc, web2, 3)
    assert "Remediation not verified: %d of" % len(unchecked) in run.output
    plugin_id, port = unchecked[0]
    assert "%s plugin %s port %s/" % (web2.ip, plugin_id, port) in run.output and "not_checked" in run.output
    assert "reachable from SC's scanners" in run.output


def test_the_role_only_reports_when_told_not_to_fail(verify, sc, patched_hosts):
    web1 = patched_hosts["web1"]
    plugin_id, _port = open_findings(sc, web1, 3)[0]
    run = verify(verify_remediation_plugin_ids=[plugin_id], verify_remediation_fail=False)
    assert run.returncode == 0, run.output
    assert "0 fixed, " in run.output and "still vulnerable" in run.output


def test_the_role_refuses_both_or_neither_way_of_saying_what_to_verify(verify, sc):
    for variables in ({}, {"verify_remediation_plugin_ids": [19506], "verify_remediation_min_severity": "high"}):
        run = verify(**variables)
        assert run.returncode != 0 and "exactly one of verify_remediation_plugin_ids" in run.output
    assert sc.count("POST", "/rest/scan") == 0


def test_check_mode_launches_nothing(verify, sc):
    run = verify(args=["--check"], verify_remediation_min_severity="critical")
    assert run.returncode == 0, run.output
    assert sc.count("POST", "/rest/scan") == 0 and sc.count("POST", "/rest/policy") == 0

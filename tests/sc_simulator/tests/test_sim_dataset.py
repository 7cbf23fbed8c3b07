# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The generated dataset: deterministic, realistic in shape, and self-consistent."""

import ipaddress
from collections import Counter

import pytest

from sc_simulator import Dataset, Simulator


def fingerprint(dataset):
    return ([host.as_dict() for host in dataset.hosts[:50]], [tuple(f)[2:] for f in list(dataset.findings)[:200]],
            dataset.asset_lists)


def test_same_seed_same_data_other_seed_other_data(sc_dataset):
    again = Dataset(seed=7, hosts=300, repositories=4, findings_per_host=12)
    assert fingerprint(again) == fingerprint(sc_dataset) and again.now == sc_dataset.now
    assert fingerprint(Dataset(seed=8, hosts=300)) != fingerprint(sc_dataset)


def test_sizes(sc_dataset):
    assert len(sc_dataset.hosts) == 300 and len(sc_dataset.repositories) == 4
    assert 10 * 300 <= len(sc_dataset.findings) <= 14 * 300
    small = Dataset(seed=1, hosts=5, repositories=1, findings_per_host=1)
    assert len(small.hosts) == 5 and len(small.findings) >= 5


def test_repositories(sc_dataset):
    assert [r["name"] for r in sc_dataset.repositories] == ["Corporate LAN", "DMZ", "Datacenter", "Agents"]
    assert [r["dataFormat"] for r in sc_dataset.repositories] == ["IPv4", "IPv4", "IPv4", "agent"]
    per_repository = Counter(host["repository_id"] for host in sc_dataset.hosts)
    assert set(per_repository) == {"1", "2", "3", "4"}
    critical = {f.host["repository_id"] for f in sc_dataset.findings if f.plugin.severity == 4 and not f.mitigated}
    assert critical == {"1", "2", "3", "4"}


def test_hosts_look_real(sc_dataset):
    hosts = sc_dataset.hosts
    assert [(int(ipaddress.IPv4Address(h["ip"])), int(h["repository_id"])) for h in hosts] == sorted(
        (int(ipaddress.IPv4Address(h["ip"])), int(h["repository_id"])) for h in hosts)
    assert len({(h["repository_id"], h["ip"]) for h in hosts}) == len(hosts)
    assert len({h["ip"] for h in hosts}) < len(hosts), "some addresses live in two repositories"
    assert any(not h["dns_name"] for h in hosts) and any(h["dns_name"] for h in hosts)
    assert all(h["os_cpe"].startswith("cpe:/") for h in hosts)
    assert all(h["uuid"] for h in hosts if h["repository_id"] == "4")
    assert all(bool(h["last_auth_run"]) != bool(h["last_unauth_run"]) for h in hosts)
    assert any(h["netbios_name"].startswith("CORP\\") for h in hosts)


def test_findings_are_ordered_and_dated(sc_dataset):
    findings = list(sc_dataset.findings)
    order = [(f.host.index, f.plugin.id, f.port) for f in findings]
    assert order == sorted(order)
    assert len(set(order)) == len(order)
    # Hosts were last scanned up to 200 days ago, fixed findings up to 180 days before that, first seen up to a
    # year before their last sighting.
    earliest = sc_dataset.now - (200 + 180 + 365) * 86400
    assert all(earliest <= f.first_seen <= f.last_seen <= sc_dataset.now for f in findings)
    mitigated = sum(f.mitigated for f in findings) / len(findings)
    assert 0.04 < mitigated < 0.12
    assert len({f.plugin.id for f in findings}) > 100
    assert sc_dataset.findings[-1] == findings[-1]


def test_seed_asset_lists_match_hosts(sc_dataset):
    kinds = {a["type"] for a in sc_dataset.asset_lists}
    assert {"static", "dnsname", "dynamic", "combination"} <= kinds
    dns_names = {h["dns_name"] for h in sc_dataset.hosts}
    named = next(a for a in sc_dataset.asset_lists if a["type"] == "dnsname")
    assert set(named["typeFields"]["definedDNSNames"].split(",")) <= dns_names
    every_range = sc_dataset.asset_lists[0]["typeFields"]["definedIPs"]
    blocks = [tuple(int(ipaddress.IPv4Address(p)) for p in part.split("-")) for part in every_range.split(",")]
    assert all(any(low <= int(ipaddress.IPv4Address(h["ip"])) <= high for low, high in blocks)
               for h in sc_dataset.hosts)


@pytest.mark.parametrize("arguments", [{"repositories": 0}, {"repositories": 9}, {"hosts": 0},
                                       {"findings_per_host": 0}])
def test_refuses_impossible_sizes(arguments):
    with pytest.raises(ValueError):
        Dataset(**arguments)


def test_users_keys_are_deterministic_and_distinct(sc_dataset):
    first, second = Simulator(dataset=sc_dataset, tls=False), Simulator(dataset=sc_dataset, tls=False)
    assert {u.key_string for u in first.users.values()} == {u.key_string for u in second.users.values()}
    keys = [u.access_key for u in first.users.values()] + [u.secret_key for u in first.users.values()]
    assert len(set(keys)) == len(keys) and all(len(key) == 32 for key in keys)
    assert first.users["norepo"].repository_ids == () and first.users["locked"].locked
    assert first.users["admin"].org_id == 0 and first.users["vulnanalyst"].org_id == "1"

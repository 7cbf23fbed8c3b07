# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The inventory plugin through `ansible-inventory`, against the simulator, compared with golden files.

After a deliberate change, `make goldens` rewrites the golden files: review the diff.
"""

import subprocess

import pytest

from sc_simulator import Dataset, Simulator
from support.ansible_run import BIN, ansible_environment, run_inventory, sc_environment
from support.goldens import INVENTORY_DATASET, assert_matches, inventory_golden_path, inventory_sources, listed_inventory


@pytest.fixture(scope="module")
def small_sc():
    with Simulator(dataset=Dataset(**INVENTORY_DATASET), tls=True) as simulator:
        yield simulator


def ansible_inventory(sc, tmp_path):
    """inventory(path, user="vulnanalyst", env=None, args=()) -> (returncode, listed inventory or None, output)."""
    def run(path, user="vulnanalyst", env=None, args=()):
        listed = run_inventory(path, tmp_path, args=["--list"] + list(args),
                               env=dict(sc_environment(sc, user), TENABLESC_RETRIES="1", **(env or {})))
        return listed.returncode, listed.listed, listed.output
    return run


@pytest.fixture
def inventory(sc, tmp_path):
    return ansible_inventory(sc, tmp_path)


@pytest.mark.parametrize("source", inventory_sources(), ids=lambda source: source.name.split(".")[0])
def test_golden(small_sc, tmp_path, source):
    assert_matches(inventory_golden_path(source), listed_inventory(small_sc, source, tmp_path))


def test_requests_grow_with_pages_and_asset_lists_not_hosts(inventory, sc, tmp_path):
    config = tmp_path / "paged.tenablesc.yml"
    config.write_text("plugin: secops.tenablesc.tenablesc\npage_size: 50\nasset_lists: [DMZ Web Servers, Linux Hosts]\n")
    returncode, listed, output = inventory(config)
    assert returncode == 0, output
    hosts = len(listed["_meta"]["hostvars"])
    analysis = sc.count("POST", "/rest/analysis")
    assert hosts > 100
    # sumip pages for the hosts, then one walk per asset list; never a request per host.
    assert analysis <= (hosts * 2) // 50 + 2 + 2 * 2
    assert sc.count("GET") <= 3


@pytest.mark.parametrize("concurrency", [2, 3])
def test_asset_lists_are_walked_with_the_hosts_within_concurrency(inventory, sc, tmp_path, concurrency):
    config = tmp_path / "overlap.tenablesc.yml"
    config.write_text("plugin: secops.tenablesc.tenablesc\nconcurrency: %d\n"
                      "asset_lists: [DMZ Web Servers, Linux Hosts]\n" % concurrency)
    sc.latency(per_request=0.3)
    returncode, listed, output = inventory(config)
    assert returncode == 0, output
    assert listed["sc_asset_Linux_Hosts"]["hosts"]
    # One page each for the hosts and the two lists: one after the other, one request would be in flight.
    assert sc.count("POST", "/rest/analysis") == 3
    assert sc.max_concurrency == concurrency


def test_one_request_in_flight_by_default_and_one_list_is_asked_for_with_equals(inventory, sc, tmp_path):
    config = tmp_path / "default.tenablesc.yml"
    config.write_text("plugin: secops.tenablesc.tenablesc\nasset_lists: [DMZ Web Servers, Linux Hosts]\n")
    sc.latency(per_request=0.05)
    returncode, listed, output = inventory(config)
    assert returncode == 0, output
    assert listed["sc_asset_Linux_Hosts"]["hosts"] and sc.max_concurrency == 1
    # client (correction 2): one list is "=" with {"id"}; "~" with a bare id means "not in the list".
    asset_filters = [f for r in sc.requests if r.path == "/rest/analysis" for f in r.json_body["query"]["filters"]
                     if f["filterName"] == "asset"]
    assert sorted(f["value"]["id"] for f in asset_filters) == ["1", "4"]
    assert {f["operator"] for f in asset_filters} == {"="}


def hosts_named_by_address(inventory, tmp_path, options=""):
    """Host variables of every host the Security Analyst (every repository) sees, named by address."""
    config = tmp_path / "by_ip.tenablesc.yml"
    config.write_text("plugin: secops.tenablesc.tenablesc\nhostnames: [ip]\n" + options)
    returncode, listed, output = inventory(config, user="secanalyst")
    assert returncode == 0, output
    return listed["_meta"]["hostvars"]


def test_one_host_per_address_by_default(inventory, sc_dataset, tmp_path):
    hostvars = hosts_named_by_address(inventory, tmp_path)
    addresses = [host["ansible_host"] for host in hostvars.values()]
    assert sorted(addresses) == sorted(hostvars) == sorted(set(addresses)), "no address is two hosts"
    shared = {}
    for host in sc_dataset.hosts:
        shared.setdefault(host.ip, set()).add(host.dns_name)
    renamed = next(ip for ip, names in shared.items() if len(names) > 1)
    assert len(hostvars[renamed]["sc_repositories"]) > 1, "the dataset has one address under two DNS names"


def test_separate_repositories_keeps_overlapping_addresses_apart(inventory, sc_dataset, tmp_path):
    hostvars = hosts_named_by_address(inventory, tmp_path, "separate_repositories: true\n")
    assert len(hostvars) == len(sc_dataset.hosts)
    assert all(len(host["sc_repositories"]) == 1 for host in hostvars.values())
    assert any(name.endswith("_2") for name in hostvars)


@pytest.mark.parametrize("was_findings", ["exclude", "include"])
def test_web_application_findings_in_host_counts(inventory, sc, sc_dataset, tmp_path, was_findings):
    config = tmp_path / "was.tenablesc.yml"
    config.write_text("plugin: secops.tenablesc.tenablesc\nhostnames: [ip]\nwas_findings: %s\n" % was_findings)
    returncode, listed, output = inventory(config)
    assert returncode == 0, output
    visible = set(sc.users["vulnanalyst"].repository_ids)
    web_application = {}
    for finding in sc_dataset.findings:
        if finding.plugin.was and not finding.mitigated and finding.host.repository_id in visible:
            web_application[finding.host.ip] = web_application.get(finding.host.ip, 0) + 1
    assert web_application
    expected_totals = {}
    for finding in sc_dataset.findings:
        if not finding.mitigated and finding.host.repository_id in visible and (
                was_findings == "include" or not finding.plugin.was):
            key = (finding.host.ip, finding.host.repository_id)
            expected_totals[key] = expected_totals.get(key, 0) + 1
    records = {}
    for address, _repository in expected_totals:
        records[address] = records.get(address, 0) + 1
    one_record = [ip for ip in web_application if records[ip] == 1]
    assert one_record
    for ip in one_record:
        assert sum(listed["_meta"]["hostvars"][ip]["sc_severity"].values()) == next(
            total for (address, _repository), total in expected_totals.items() if address == ip)


def test_cache_hit_sends_nothing_and_flush_refetches(inventory, sc, tmp_path, secrets):
    config = tmp_path / "cached.tenablesc.yml"
    config.write_text("plugin: secops.tenablesc.tenablesc\ncache: true\ncache_plugin: ansible.builtin.jsonfile\n"
                      "cache_connection: %s\ncache_timeout: 600\n" % (tmp_path / "cache"))
    first = inventory(config)
    assert first[0] == 0, first[2]
    sc.reset()
    second = inventory(config)
    assert second[1] == first[1]
    assert sc.count() == 0
    # ansible-inventory on 2.16 has no --flush-cache; ansible-playbook has it on every core.
    (tmp_path / "noop.yml").write_text("- hosts: all\n  gather_facts: false\n  tasks: []\n")
    flushed = subprocess.run(
        [str(BIN / "ansible-playbook"), "-i", str(config), "--flush-cache", "--list-hosts", str(tmp_path / "noop.yml")],
        env=ansible_environment(tmp_path, sc_environment(sc)),
        capture_output=True, text=True, check=False)
    assert flushed.returncode == 0, flushed.stdout + flushed.stderr
    assert sc.count("POST", "/rest/analysis") >= 1
    cached = "".join(p.read_text() for p in (tmp_path / "cache").iterdir())
    assert "sc_ip" in cached and not [s for s in secrets if s in cached]


def test_inline_vault_keys(inventory, sc, tmp_path):
    password = tmp_path / "vault-password"
    password.write_text("inventory-test-password\n")
    encrypted = subprocess.run(
        [str(BIN / "ansible-vault"), "encrypt_string", "--vault-password-file", str(password), "--name", "api_keys",
         sc.key_string("vulnanalyst")], capture_output=True, text=True, check=True,
        env=ansible_environment(tmp_path)).stdout
    config = tmp_path / "vaulted.tenablesc.yml"
    config.write_text("plugin: secops.tenablesc.tenablesc\nurl: %s\nca_path: %s\n%s" % (sc.url, sc.ca_path, encrypted))
    returncode, listed, output = inventory(config, env=dict(TENABLESC_API_KEYS="", TENABLESC_URL=""),
                                           args=["--vault-password-file", str(password)])
    assert returncode == 0, output
    assert listed["_meta"]["hostvars"]


@pytest.mark.parametrize("user, env, expected", [
    ("vulnanalyst", dict(TENABLESC_API_KEYS="accesskey=%s; secretkey=%s;" % ("a" * 32, "b" * 32)), "Users > Users > API Keys"),
    ("admin", {}, "organization service account"),
    ("vulnanalyst", dict(TENABLESC_API_KEYS="accesskey=abc"), "secretkey is missing"),
    ("vulnanalyst", dict(TENABLESC_URL="ftp://sc.example.com"), "not an http(s) URL"),
])
def test_failures_fail_the_source_with_the_fix(inventory, user, env, expected, secrets):
    returncode, listed, output = inventory(inventory_sources()[0], user=user, env=env)
    assert returncode != 0 and listed is None
    assert expected in output
    assert "Traceback" not in output
    assert not [s for s in secrets if s in output]


def test_a_bad_filter_fails_before_any_host_is_listed(inventory, tmp_path):
    config = tmp_path / "bad.tenablesc.yml"
    config.write_text("plugin: secops.tenablesc.tenablesc\nfilters:\n  sevrity: [high]\n")
    returncode, listed, output = inventory(config)
    assert returncode != 0 and listed is None and "sevrity" in output


def test_files_that_are_not_ours_are_left_alone(inventory, tmp_path):
    other = tmp_path / "hosts.yml"
    other.write_text("all:\n  hosts:\n    web01:\n")
    returncode, listed, output = inventory(other, env=dict(ANSIBLE_INVENTORY_ENABLED="secops.tenablesc.tenablesc,yaml"))
    assert returncode == 0 and listed["ungrouped"]["hosts"] == ["web01"] and "tenablesc" not in output


def test_progress_only_when_verbose(inventory, tmp_path):
    config = tmp_path / "progress.tenablesc.yml"
    config.write_text("plugin: secops.tenablesc.tenablesc\npage_size: 100\n")
    quiet = inventory(config)
    verbose = inventory(config, args=["-v"])
    assert quiet[0] == verbose[0] == 0
    assert "tenablesc:" not in quiet[2]
    assert "tenablesc: hosts: 1 pages" in verbose[2] and "tenablesc: hosts: 3 pages" in verbose[2]

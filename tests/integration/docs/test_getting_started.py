# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""docs/getting-started.md followed from step 6 on, against the simulator instead of tenablesc.example.com.

The files the page spells out are written as they stand (with the simulator's URL), the key string goes
through ansible-vault from standard input as the page says, and the commands the page gives are run with a
vault password file in place of the prompt. TENABLESC_CA_PATH stands for the CA a private SC would need.
"""

import re
import subprocess

import pytest

from sc_truth import SEVERITY_LEVELS, Truth, list_inventory
from support.ansible_run import BIN, ansible_environment, run_inventory, run_playbook
from support.doc_pages import DOCS, file_blocks

PAGE = DOCS / "getting-started.md"
EXAMPLE_URL = "https://tenablesc.example.com"


@pytest.fixture
def project(sc, tmp_path):
    """A project directory made of the page's files, the key string in group_vars/all/vault.yml."""
    for name, text in file_blocks(PAGE).items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text.replace(EXAMPLE_URL, sc.url))
    (tmp_path / "vault-password").write_text("getting-started\n")
    encrypt_key_string(sc, tmp_path, "tenablesc_api_keys", tmp_path / "group_vars" / "all" / "vault.yml")
    return tmp_path


def encrypt_key_string(sc, project, name, target):
    """``ansible-vault encrypt_string --stdin-name NAME >> TARGET``, the key string pasted with a final Enter."""
    encrypted = subprocess.run(
        [str(BIN / "ansible-vault"), "encrypt_string", "--vault-password-file", "vault-password", "--stdin-name", name],
        input=sc.key_string("vulnanalyst") + "\n", env=environment(sc, project), cwd=str(project),
        capture_output=True, text=True, check=True).stdout
    with target.open("a") as handle:
        handle.write(encrypted)


def environment(sc, project):
    """The test's Ansible settings and the simulator's CA; no TENABLESC_URL or key: the page's files give them."""
    return ansible_environment(project, dict(TENABLESC_CA_PATH=sc.ca_path, HOME=str(project)))


def run_page_playbook(sc, project, name):
    run = run_playbook(project / name, project, args=["--vault-password-file", "vault-password"],
                       env=dict(TENABLESC_CA_PATH=sc.ca_path, HOME=str(project)))
    assert run.returncode == 0, run.output
    assert sc.users["vulnanalyst"].secret_key not in run.output
    return run


def test_the_page_spells_out_its_files():
    assert sorted(file_blocks(PAGE)) == [
        "ansible.cfg", "check_keys.yml", "first_query.yml", "group_vars/all/tenablesc.yml", "sc.tenablesc.yml"]


def test_check_keys_passes_with_the_vaulted_key_string(sc, project):
    run = run_page_playbook(sc, project, "check_keys.yml")
    checks = run.results[0]["result"]["checks"]
    assert [check["ok"] for check in checks] == [True] * 9
    assert "SC accepted the keys of user vulnanalyst." in run.results[-1]["result"]["msg"]


def test_first_query_finds_the_exploitable_critical_hosts(sc, project):
    run = run_page_playbook(sc, project, "first_query.yml")
    truth = Truth(sc)
    recent = truth.seen_within(30)
    expected = truth.ips(lambda finding: finding.plugin.severity == 4 and finding.plugin.exploit_available
                         and recent(finding))
    by_severity, exposed = run.results[0]["result"], run.results[1]["result"]
    assert by_severity["severity_counts"]["critical"] == sum(
        1 for finding in truth.findings if finding.plugin.severity == SEVERITY_LEVELS["critical"])
    assert expected and {row["ip"] for row in exposed["findings"]} == expected
    assert set(exposed["findings"][0]) == {"ip", "dnsName", "severityCritical", "repository"}
    shown = run.results[-1]["result"]["msg"][1]
    assert sorted(shown.split(": ", 1)[1].split(", ")) == sorted(expected)


def test_inventory_with_the_vaulted_key_string_and_the_limit_the_page_gives(sc, project):
    encrypt_key_string(sc, project, "api_keys", project / "sc.tenablesc.yml")
    quiet = dict(TENABLESC_API_KEYS="", TENABLESC_URL="", TENABLESC_CA_PATH=sc.ca_path)
    listed = list_inventory(sc, project, project / "sc.tenablesc.yml", args=["--vault-password-file", "vault-password"],
                            env=quiet)
    truth = Truth(sc)
    recent, dmz = truth.seen_within(30), truth.repository_id("DMZ")
    expected = truth.ips(lambda f: f.host.repository_id == dmz and f.plugin.severity == 4 and recent(f))
    targeted = listed.hosts("sc_repo_DMZ") & listed.hosts("sc_has_critical")
    assert expected and {listed.hostvars[name]["sc_ip"] for name in targeted} == expected

    completed = subprocess.run(
        [str(BIN / "ansible-playbook"), "secops.tenablesc.patch_critical", "-i", "sc.tenablesc.yml",
         "--limit", "sc_repo_DMZ:&sc_has_critical", "--list-hosts", "--vault-password-file", "vault-password"],
        env=dict(environment(sc, project), **quiet), cwd=str(project), capture_output=True, text=True, timeout=300,
        check=False)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    listed_hosts = re.search(r"^ +hosts \(\d+\):\n((?: {6}\S+\n?)*)", completed.stdout, re.M).group(1).split()
    assert sorted(listed_hosts) == sorted(targeted)


def test_a_failing_inventory_source_fails_the_run_with_the_page_ansible_cfg(sc, project):
    """The ansible.cfg of step 7 turns a refused key into a failed run instead of an empty inventory."""
    (project / "sc.tenablesc.yml").write_text(
        (project / "sc.tenablesc.yml").read_text() + "api_keys: accesskey=%s; secretkey=%s;\n" % ("a" * 32, "b" * 32))
    run = run_inventory("sc.tenablesc.yml", project, strict=False, env=dict(TENABLESC_CA_PATH=sc.ca_path, HOME=str(project)))
    assert run.returncode != 0 and run.listed is None
    assert "SC refused the API keys" in run.output

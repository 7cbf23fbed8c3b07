# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""An inventory update and jobs run through ansible-runner as AWX runs them, against the simulator over TLS.

The connection comes only from a credential of awx/credential_type.yml, its injectors rendered as AWX
renders them: no TENABLESC_* or ANSIBLE_* variable of the test process, no vars file, no extra vars.
"""

import json
import os
import re
from pathlib import Path

import pytest
import yaml

from sc_simulator.dataset import DAY
from support.ansible_run import REPO

from support.awx_emulation import (
    INVENTORY_SOURCE_PATH, execution_environment, files_holding, inject_credential, load_credential_type,
    private_data_dir, run_inventory_update, run_job, validate_credential,
)

# A job template's inventory that holds no host: the play targets the implicit localhost.
NO_HOSTS = {"_meta": {"hostvars": {}}}
CRITICAL = 4  # SC's severity id


@pytest.fixture
def node(monkeypatch, tmp_path):
    """A work directory on an execution node whose environment holds no Ansible or collection settings."""
    for name in list(os.environ):
        if name.startswith(("ANSIBLE_", "TENABLESC_")):
            monkeypatch.delenv(name)
    return tmp_path


def credential(sc, user="vulnanalyst", **inputs):
    """The inputs of a credential for ``user``, with SC's CA certificate pasted in."""
    return dict(dict(url=sc.url, api_keys=sc.key_string(user), ca_cert=Path(sc.ca_path).read_text()), **inputs)


def job_environment(workdir, data_dir, inputs=None, **extra):
    """The execution environment's variables plus what the credential injects (AWX's order: credentials last)."""
    env = dict(execution_environment(workdir), **extra)
    if inputs is not None:
        credential_type = load_credential_type()
        validate_credential(credential_type, inputs)
        env.update(inject_credential(credential_type, inputs, data_dir)[0])
    return env


def plain(value):
    """A string of `ansible-inventory --list` output (ansible-core 2.19 writes {"__ansible_unsafe": ...})."""
    return value["__ansible_unsafe"] if isinstance(value, dict) else value


def expected_addresses(sc, user="vulnanalyst", severity=None):
    """Addresses with an open host finding the inventory source's filters keep, from the simulator's dataset."""
    days = yaml.safe_load((REPO / INVENTORY_SOURCE_PATH).read_text())["filters"]["last_seen"]
    dataset, repositories = sc.dataset, set(sc.users[user].repository_ids)
    return {finding.host.ip for finding in dataset.findings
            if not finding.mitigated and finding.host.repository_id in repositories and not finding.plugin.was
            and dataset.now - days * DAY <= finding.last_seen <= dataset.now
            and (severity is None or finding.plugin.severity == severity)}


def addresses(listed, hosts=None):
    hostvars = listed["_meta"]["hostvars"]
    return {plain(hostvars[name]["sc_ip"]) for name in (hostvars if hosts is None else hosts)}


def assert_keys_kept_out(data_dir, user):
    """Neither key is in the job's events, stdout or any other file, but in runner's record of its environment.

    ansible-runner writes the environment a job ran with to artifacts/<ident>/command; AWX removes the whole
    private data directory once the job is over.
    """
    assert list((data_dir / "artifacts").glob("*/stdout"))
    for key in (user.access_key, user.secret_key):
        holding = files_holding(data_dir, key)
        assert all(re.fullmatch(r"artifacts/[^/]+/command", path) for path in holding), holding
        for path in holding:
            recorded = json.loads((data_dir / path).read_text())
            recorded["env"].pop("TENABLESC_API_KEYS")
            assert key not in json.dumps(recorded)


def task_results(run, task):
    return {event["event_data"]["host"]: event["event_data"]["res"] for event in run.events
            if event["event"] == "runner_on_ok" and event["event_data"].get("task") == task}


def test_check_api_keys_job(sc, node):
    data_dir = private_data_dir(node / "job")
    run = run_job(data_dir, "1", job_environment(node, data_dir, credential(sc)), "playbooks/check_api_keys.yml",
                  NO_HOSTS)
    assert run.status == "successful", run.stdout.read()
    said = task_results(run, "Say who the keys belong to")
    assert [result["msg"] for result in said.values()] == ["The keys work: vulnanalyst (Vulnerability Analyst)."]
    assert_keys_kept_out(data_dir, sc.users["vulnanalyst"])


def test_inventory_update_then_patch_job_in_check_mode(sc, node):
    update_dir = private_data_dir(node / "update")
    rc, listed, output = run_inventory_update(update_dir, "2", job_environment(node, update_dir, credential(sc)))
    assert rc == 0, output
    assert addresses(listed) == expected_addresses(sc)
    critical = listed["sc_has_critical"]["hosts"]
    assert addresses(listed, critical) == expected_addresses(sc, severity=CRITICAL)
    assert_keys_kept_out(update_dir, sc.users["vulnanalyst"])

    # The patch job template reads what SC found from the imported inventory: it carries no SC credential.
    job_dir = private_data_dir(node / "job")
    run = run_job(job_dir, "3", job_environment(node, job_dir), "playbooks/patch_critical.yml", listed,
                  job_type="check")
    assert run.status == "successful", run.stdout.read()
    found = task_results(run, "Say what SC found")
    assert sorted(found) == sorted(critical)
    assert all(" 0 critical" not in result["msg"] for result in found.values())
    assert run.stats["skipped"].keys() == set(critical)


def test_inventory_update_without_a_ca_certificate_trusts_the_system_store(sc, node):
    """No CA certificate in the credential: SC's certificate is checked against the trust store (here SC's CA)."""
    update_dir = private_data_dir(node / "update")
    inputs = credential(sc)
    del inputs["ca_cert"]
    rc, listed, output = run_inventory_update(
        update_dir, "4", job_environment(node, update_dir, inputs, REQUESTS_CA_BUNDLE=sc.ca_path))
    assert rc == 0, output
    assert addresses(listed) == expected_addresses(sc)


def test_inventory_update_with_keys_sc_refuses_names_the_fix(sc, node):
    update_dir = private_data_dir(node / "update")
    rc, listed, output = run_inventory_update(
        update_dir, "5", job_environment(node, update_dir, credential(sc, user="locked")))
    assert rc != 0 and listed is None
    # Older cores wrap long warnings.
    output = " ".join(output.split())
    assert "Traceback" not in output
    assert "the account is locked" in output and "an Administrator must unlock it" in output, output
    assert_keys_kept_out(update_dir, sc.users["locked"])

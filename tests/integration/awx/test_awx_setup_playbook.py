# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""playbooks/awx_setup.yml sends AWX a credential type and a credential AWX accepts, and objects that fit together.

awx.awx cannot be installed here, so a stand-in collection takes its place: each module declares the options
the playbook uses, with the names and types awx.awx gives them (an option it does not know fails the task, as
awx.awx's would), and records what it would send to AWX.
"""

import json
from pathlib import Path

import pytest
import yaml

from support.ansible_run import REPO, run_playbook

from support.awx_emulation import load_credential_type, validate_credential, validate_credential_type

STAND_IN_OPTIONS = {
    "credential_type": dict(name=dict(required=True), description=dict(),
                            kind=dict(choices=["ssh", "vault", "net", "scm", "cloud", "insights"]),
                            inputs=dict(type="dict"), injectors=dict(type="dict")),
    "credential": dict(name=dict(required=True), organization=dict(), credential_type=dict(required=True),
                       inputs=dict(type="dict", no_log=True)),
    "execution_environment": dict(name=dict(required=True), image=dict(required=True), organization=dict(),
                                  pull=dict(choices=["always", "missing", "never"])),
    "project": dict(name=dict(required=True), organization=dict(), scm_type=dict(choices=["manual", "git", "svn", "insights"]),
                    scm_url=dict(), scm_branch=dict(), default_environment=dict(), wait=dict(type="bool")),
    "inventory": dict(name=dict(required=True), organization=dict()),
    "inventory_source": dict(name=dict(required=True), inventory=dict(required=True), organization=dict(),
                             source=dict(choices=["scm", "ec2", "gce", "azure_rm", "vmware", "satellite6", "openstack",
                                                  "rhv", "controller", "insights"]),
                             source_project=dict(), source_path=dict(), credential=dict(),
                             execution_environment=dict(), overwrite=dict(type="bool"), update_on_launch=dict(type="bool")),
    "job_template": dict(name=dict(required=True), organization=dict(), job_type=dict(choices=["run", "check"]),
                         inventory=dict(), project=dict(), playbook=dict(),
                         credentials=dict(type="list", elements="str", aliases=["credential"]),
                         execution_environment=dict(), ask_job_type_on_launch=dict(type="bool"),
                         ask_limit_on_launch=dict(type="bool")),
}
STAND_IN_MODULE = '''#!/usr/bin/python
import json
import os

from ansible.module_utils.basic import AnsibleModule

SPEC = json.loads(%r)
SPEC.update(controller_host=dict())
module = AnsibleModule(argument_spec=SPEC)
with open(os.environ["AWX_STAND_IN_RECORD"], "a") as record:
    record.write(json.dumps(dict(module=%r, params=module.params)) + "\\n")
module.exit_json(changed=True)
'''
SETUP_VARS = dict(
    awx_host="https://awx.example.com",
    tenablesc_url="https://tenablesc.example.com",
    tenablesc_api_keys="accesskey=0123456789abcdef0123456789abcdef; secretkey=fedcba9876543210fedcba9876543210;",
    tenablesc_ee_image="registry.example.com/tenablesc-ee:0.1.0",
)


@pytest.fixture(scope="module")
def sent(tmp_path_factory):
    """{module: [params, ...]} the playbook sent, in order."""
    workdir = tmp_path_factory.mktemp("awx-setup")
    stand_in = workdir / "collections"
    modules = stand_in / "ansible_collections" / "awx" / "awx" / "plugins" / "modules"
    modules.mkdir(parents=True)
    for name, options in STAND_IN_OPTIONS.items():
        (modules / (name + ".py")).write_text(STAND_IN_MODULE % (json.dumps(options), name))
    (workdir / "setup-vars.yml").write_text(yaml.safe_dump(SETUP_VARS))
    record = workdir / "sent.jsonl"
    run = run_playbook(REPO / "playbooks" / "awx_setup.yml", workdir, args=["-e", "@setup-vars.yml"],
                       env=dict(AWX_STAND_IN_RECORD=str(record)), more_collections=[stand_in])
    assert run.returncode == 0, run.output
    calls = {}
    for line in record.read_text().splitlines():
        call = json.loads(line)
        calls.setdefault(call["module"], []).append(call["params"])
    return calls


def test_every_task_reaches_the_controller_given(sent):
    assert sent.keys() == STAND_IN_OPTIONS.keys()
    assert {params["controller_host"] for calls in sent.values() for params in calls} == {SETUP_VARS["awx_host"]}


def test_the_credential_type_arrives_as_shipped_and_awx_accepts_it(sent):
    shipped = load_credential_type()
    [credential_type] = sent["credential_type"]
    assert {key: credential_type[key] for key in shipped} == shipped
    validate_credential_type(credential_type)


def test_awx_accepts_the_credential(sent):
    [credential] = sent["credential"]
    assert credential["credential_type"] == load_credential_type()["name"]
    validate_credential(load_credential_type(), credential["inputs"])
    assert credential["inputs"]["api_keys"] == SETUP_VARS["tenablesc_api_keys"]
    assert credential["inputs"]["skip_tls_verify"] is False


def test_the_inventory_source_reads_the_plugins_file_with_the_credential(sent):
    [source], [project], [hosts, dummy], [credential], [ee] = (
        sent[name] for name in ("inventory_source", "project", "inventory", "credential", "execution_environment"))
    assert (source["source"], source["source_project"], source["inventory"], source["credential"]) == (
        "scm", project["name"], hosts["name"], credential["name"])
    assert source["execution_environment"] == project["default_environment"] == ee["name"]
    assert yaml.safe_load((REPO / source["source_path"]).read_text())["plugin"] == "secops.tenablesc.tenablesc"


def test_the_job_templates_run_playbooks_of_the_project(sent):
    [hosts, key_check], [project], [credential], [ee] = (
        sent[name] for name in ("inventory", "project", "credential", "execution_environment"))
    templates = {Path(template["playbook"]).name: template for template in sent["job_template"]}
    assert sorted(templates) == ["check_api_keys.yml", "patch_critical.yml"]
    for template in templates.values():
        assert (REPO / template["playbook"]).is_file()
        assert (template["project"], template["execution_environment"]) == (project["name"], ee["name"])
    # The key check runs on localhost and must not wait for (or fail with) an update of the SC inventory.
    assert templates["check_api_keys.yml"]["inventory"] == key_check["name"] != hosts["name"]
    assert not [source for source in sent["inventory_source"] if source["inventory"] == key_check["name"]]
    assert templates["patch_critical.yml"]["inventory"] == hosts["name"]
    assert templates["check_api_keys.yml"]["credentials"] == [credential["name"]]
    # Patching reads what SC found from the inventory: SC's keys stay out of that job.
    assert templates["patch_critical.yml"]["credentials"] == []
    assert templates["patch_critical.yml"]["job_type"] == "check"

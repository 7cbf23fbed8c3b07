# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every documented option, given a value of the wrong type or outside its choices, fails naming the option.

The cases come from the plugins' own documentation, doc fragments included, so a new option (or a new
module) is covered without writing a case. The connection options come from one table and one code
path, so each of them runs on one module, in turn, rather than on all of them.
"""

import json
import re

import pytest
import yaml
from ansible.errors import AnsibleError
from ansible.inventory.data import InventoryData
from ansible.parsing.dataloader import DataLoader
from ansible.plugins.loader import fragment_loader, inventory_loader, module_loader
from ansible.utils.plugin_docs import get_docstring

from ansible_collections.secops.tenablesc.plugins.module_utils.connection import CONNECTION_OPTIONS
from support.ansible_run import REPO, run_playbook
from support.servers import closed_port

COLLECTION = "secops.tenablesc"
INVENTORY = COLLECTION + ".tenablesc"
MODULES = sorted(path.stem for path in (REPO / "plugins" / "modules").glob("tenablesc_*.py"))
# For each documented type, a value Ansible cannot (or must not) turn into it.
WRONG_BY_TYPE = {
    "bool": "maybe",
    "boolean": "maybe",
    "int": "many",
    "integer": "many",
    "float": "soon",
    "list": {"not": "a list"},
    "dict": "not a mapping",
    "str": {"not": "a string"},
    "path": {"not": "a path"},
    "raw": {"not": ["a", "value"]},
}
NOT_A_CHOICE = "none-of-the-choices"
# What a module needs besides the connection for a call to be valid, so only the wrong value is wrong.
VALID_CALL = {"tenablesc_accept_risk": dict(plugin_id=19506, all_hosts=True),
              "tenablesc_asset": dict(name="Wrong values"),
              "tenablesc_recast_risk": dict(plugin_id=19506, all_hosts=True, new_severity="low"),
              "tenablesc_remediation_scan": dict(findings=[{"ip": "10.0.0.1", "pluginID": 19506, "repository": {"id": 1}}]),
              "tenablesc_scan_launch": dict(id=1)}
# Valid enough for a required sibling of the option under test.
PLACEHOLDER_BY_TYPE = {"list": ["placeholder"], "dict": {}, "bool": True, "int": 1, "float": 1.0}


def documented_options(loader, name, is_module):
    """The plugin's options as ansible-doc shows them, doc fragments included, as plain data."""
    path = loader.find_plugin_with_context(name).plugin_resolved_path
    doc = get_docstring(path, fragment_loader, collection_name=COLLECTION, is_module=is_module)[0]
    return json.loads(json.dumps(doc["options"]))


def wrong_value(option):
    if option.get("choices"):
        return NOT_A_CHOICE
    return WRONG_BY_TYPE[option.get("type") or "str"]


def option_cases(options, suboptions=True):
    """(dotted option name, {option: wrong value}) for every option and, if asked, every suboption."""
    for name, option in sorted(options.items()):
        yield name, {name: wrong_value(option)}
        for sub_name, sub_option in sorted((option.get("suboptions") or {}).items() if suboptions else ()):
            value = dict((sibling, PLACEHOLDER_BY_TYPE.get(spec.get("type"), "placeholder"))
                         for sibling, spec in option["suboptions"].items() if spec.get("required"))
            value[sub_name] = wrong_value(sub_option)
            yield "%s.%s" % (name, sub_name), {name: [value] if option.get("type") == "list" else value}


def module_cases():
    """(module, dotted option name, arguments with the wrong value) for every module option."""
    cases, turn = [], 0
    for module in MODULES:
        for dotted, args in option_cases(documented_options(module_loader, "%s.%s" % (COLLECTION, module), True)):
            if dotted in CONNECTION_OPTIONS:
                continue
            cases.append((module, dotted, args))
    for dotted, args in option_cases(dict((name, dict(type=option["type"])) for name, option in CONNECTION_OPTIONS.items())):
        cases.append((MODULES[turn % len(MODULES)], dotted, args))
        turn += 1
    return cases


def names_option(message, dotted):
    return re.search(r"\b%s\b" % re.escape(dotted.rsplit(".", 1)[-1]), message) is not None


def test_every_module_option(sc, tmp_path):
    """One playbook, one task per option; read-only keys, so a value wrongly accepted changes nothing."""
    cases = module_cases()
    connection = dict(url=sc.url, api_keys=sc.key_string("vulnanalyst"), ca_path=sc.ca_path, retries=0, timeout=10)
    tasks = [{"name": "%s %s" % (module, dotted), "ignore_errors": True,
              "secops.tenablesc." + module: dict(connection, **dict(VALID_CALL.get(module, {}), **args))}
             for module, dotted, args in cases]
    playbook = tmp_path / "wrong_values.yml"
    playbook.write_text(yaml.safe_dump([dict(hosts="localhost", gather_facts=False, tasks=tasks)]))
    run = run_playbook(playbook, tmp_path)
    results = dict((entry["task"], entry) for entry in run.results)
    assert len(results) == len(cases) and {case[0] for case in cases} == set(MODULES)
    wrong = []
    for module, dotted, _args in cases:
        entry = results["%s %s" % (module, dotted)]
        message = str(entry["result"].get("msg", ""))
        if entry["status"] != "failed" or not names_option(message, dotted) or "module_stderr" in entry["result"]:
            wrong.append((module, dotted, entry["status"], message[:200]))
    assert not wrong, "\n".join(str(case) for case in wrong)
    assert "Traceback" not in run.output


# Suboptions are left out: the only ones are keyed_groups', from ansible-core's constructed feature, which by
# design skips an invalid entry unless strict is set.
INVENTORY_CASES = list(option_cases(documented_options(inventory_loader, INVENTORY, False), suboptions=False))


@pytest.mark.parametrize("dotted, config", INVENTORY_CASES, ids=[dotted for dotted, _config in INVENTORY_CASES])
def test_every_inventory_option(dotted, config, tmp_path, monkeypatch):
    """The plugin loaded through Ansible's loader parses a source file into a real InventoryData.

    Nothing listens at the URL: a wrong value that is not refused shows as a connection failure.
    """
    monkeypatch.setenv("TENABLESC_URL", "https://127.0.0.1:%d" % closed_port())
    monkeypatch.setenv("TENABLESC_API_KEYS", "accesskey=%s; secretkey=%s;" % ("a" * 32, "b" * 32))
    monkeypatch.setenv("TENABLESC_RETRIES", "0")
    source = tmp_path / "wrong.tenablesc.yml"
    source.write_text(json.dumps(dict({"plugin": INVENTORY}, **config)))
    with pytest.raises(AnsibleError) as caught:
        inventory_loader.get(INVENTORY).parse(InventoryData(), DataLoader(), str(source), cache=False)
    assert names_option(str(caught.value), dotted), str(caught.value)


# From the environment every value is text, so only options whose type text can miss are concerned.
ENVIRONMENT_CASES = [(name, env["name"], wrong_value(option))
                     for name, option in sorted(documented_options(inventory_loader, INVENTORY, False).items())
                     if option.get("type") in ("bool", "boolean", "int", "integer", "float")
                     for env in option.get("env") or []]


@pytest.mark.parametrize("name, variable, value", ENVIRONMENT_CASES, ids=[case[1] for case in ENVIRONMENT_CASES])
def test_every_inventory_option_from_the_environment(name, variable, value, tmp_path, monkeypatch):
    monkeypatch.setenv("TENABLESC_URL", "https://127.0.0.1:%d" % closed_port())
    monkeypatch.setenv("TENABLESC_API_KEYS", "accesskey=%s; secretkey=%s;" % ("a" * 32, "b" * 32))
    monkeypatch.setenv("TENABLESC_RETRIES", "0")
    monkeypatch.setenv(variable, value)
    source = tmp_path / "wrong.tenablesc.yml"
    source.write_text(json.dumps({"plugin": INVENTORY}))
    with pytest.raises(AnsibleError) as caught:
        inventory_loader.get(INVENTORY).parse(InventoryData(), DataLoader(), str(source), cache=False)
    assert names_option(str(caught.value), name), str(caught.value)

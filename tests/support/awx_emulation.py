# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What AWX does with the collection's credential type, inventory source and playbooks, reproduced for the tests.

- ``validate_credential_type``: AWX's checks of a custom credential type (CredentialTypeInputField and
  CredentialTypeInjectorField in awx/main/fields.py); ``validate_credential``: a credential's inputs.
- ``inject_credential``: CredentialType.inject_credential (awx/main/models/credential/__init__.py): file
  injectors written under the private data directory's env/, env injectors rendered in a Jinja2 sandbox,
  and the copy AWX stores with secret fields masked.
- ``run_inventory_update`` and ``run_job``: RunInventoryUpdate and RunJob (awx/main/tasks/jobs.py) as an
  execution node runs them on ansible-runner. The "execution environment" is this virtualenv with the
  collection on the collections path. ansible-runner writes no env/ files (suppress_env_files), but records
  each run's environment in artifacts/<ident>/command.
"""

import json
import os
import shutil
import stat
import sys
import tempfile
from pathlib import Path

import ansible_runner
import jsonschema
import yaml
from jinja2 import StrictUndefined, UndefinedError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from support.ansible_run import BIN
from support.collection import REPO, collections_path

CREDENTIAL_TYPE_FILE = REPO / "awx" / "credential_type.yml"
INVENTORY_SOURCE_PATH = "playbooks/inventory/sc.tenablesc.yml"

INPUTS_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "required": {"type": "array", "items": {"type": "string"}},
        "fields": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "type": {"enum": ["string", "boolean"]},
                    "format": {"enum": ["ssh_private_key", "url"]},
                    "choices": {"type": "array", "minItems": 1, "items": {"type": "string"}, "uniqueItems": True},
                    "id": {"type": "string", "pattern": "^[a-zA-Z_]+[a-zA-Z0-9_]*$"},
                    "label": {"type": "string"},
                    "help_text": {"type": "string"},
                    "multiline": {"type": "boolean"},
                    "secret": {"type": "boolean"},
                    "ask_at_runtime": {"type": "boolean"},
                    "default": {},
                },
                "additionalProperties": False,
                "required": ["id", "label"],
            },
        },
    },
}
INJECTORS_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "file": {"type": "object", "additionalProperties": False,
                 "patternProperties": {r"^template(\.[a-zA-Z_]+[a-zA-Z0-9_]*)?$": {"type": "string"}}},
        "env": {"type": "object", "additionalProperties": False,
                "patternProperties": {"^[a-zA-Z_]+[a-zA-Z0-9_]*$": {"type": "string", "pattern": "^[\x00-\x7F]*$"}}},
        "extra_vars": {"type": "object", "additionalProperties": False,
                       "patternProperties": {"^[a-zA-Z_]+[a-zA-Z0-9_]*$": {"type": "string"}}},
    },
}
# What AWX sets for every inventory update (awx/main/constants.py).
STANDARD_INVENTORY_UPDATE_ENV = {
    "ANSIBLE_INVENTORY_UNPARSED_FAILED": "True",
    "ANSIBLE_INVENTORY_EXPORT": "True",
    "ANSIBLE_VERBOSE_TO_STDERR": "True",
}


def load_credential_type():
    return yaml.safe_load(CREDENTIAL_TYPE_FILE.read_text())


def validate_credential_type(credential_type):
    """Raise ValueError (or jsonschema's ValidationError) where AWX would refuse the credential type."""
    inputs, injectors = credential_type["inputs"], credential_type["injectors"]
    jsonschema.validate(inputs, INPUTS_SCHEMA)
    jsonschema.validate(injectors, INJECTORS_SCHEMA)
    ids = [field["id"] for field in inputs["fields"]]
    if "tower" in ids or len(set(ids)) != len(ids):
        raise ValueError("field ids must be unique and not 'tower': %s" % ids)
    for field in inputs["fields"]:
        kind = field.get("type", "string")
        if "default" in field and not isinstance(field["default"], {"string": str, "boolean": bool}[kind]):
            raise ValueError("%s: the default is not a %s" % (field["id"], kind))
        misplaced = [key for key in ("choices", "multiline", "format", "secret") if key in field and kind != "string"]
        if misplaced:
            raise ValueError("%s: %s not allowed for a %s field" % (field["id"], misplaced, kind))
    for name in injectors.get("env", {}):
        if name.startswith("ANSIBLE_"):
            raise ValueError("AWX refuses to inject %s" % name)
    # Every template must render with only the defined fields and the declared files (StrictUndefined).
    tower = _Namespace()
    tower.filename = _UnnamedFile()
    for label in injectors.get("file", {}):
        if label == "template":
            tower.filename = "EXAMPLE_FILENAME"
        else:
            setattr(tower.filename, label.split(".", 1)[1], "EXAMPLE_FILENAME")
    namespace = dict({field_id: "EXAMPLE" for field_id in ids}, tower=tower)
    sandbox = ImmutableSandboxedEnvironment(undefined=StrictUndefined)
    for templates in injectors.values():
        for template in templates.values():
            sandbox.from_string(template).render(namespace)


def validate_credential(credential_type, inputs):
    """Raise ValueError where AWX would refuse a credential's inputs."""
    fields = {field["id"]: field for field in credential_type["inputs"]["fields"]}
    unknown = sorted(set(inputs) - set(fields))
    missing = [name for name in credential_type["inputs"].get("required", []) if not inputs.get(name)]
    mistyped = [name for name, value in inputs.items() if name in fields and not isinstance(
        value, bool if fields[name].get("type") == "boolean" else str)]
    if unknown or missing or mistyped:
        raise ValueError("unknown fields %s, missing %s, wrong type %s" % (unknown, missing, mistyped))


class _Namespace:
    """AWX's TowerNamespace: attributes only."""


class _UnnamedFile(_Namespace):
    """``tower.filename`` while validating: only a single ``template`` file injector may be named directly."""

    def __str__(self):
        raise UndefinedError("Must define unnamed file injector in order to reference `tower.filename`.")


def inject_credential(credential_type, inputs, private_data_dir):
    """(env, safe_env) of a credential, as CredentialType.inject_credential builds them for a job."""
    secret_fields = {field["id"] for field in credential_type["inputs"]["fields"] if field.get("secret")}
    tower = _Namespace()
    namespace, safe_namespace = {"tower": tower}, {"tower": tower}
    for name, value in inputs.items():
        if isinstance(value, bool):
            namespace[name] = safe_namespace[name] = value
            continue
        if name in secret_fields:
            safe_namespace[name] = "**********"
        elif len(value):
            safe_namespace[name] = value
        if len(value):
            namespace[name] = value
    for field in credential_type["inputs"]["fields"]:
        if field.get("type") == "boolean" and field["id"] not in inputs:
            namespace[field["id"]] = safe_namespace[field["id"]] = False

    sandbox = ImmutableSandboxedEnvironment()
    injectors = credential_type["injectors"]
    for label, template in injectors.get("file", {}).items():
        handle, path = tempfile.mkstemp(dir=os.path.join(str(private_data_dir), "env"))
        with os.fdopen(handle, "w") as written:
            written.write(sandbox.from_string(template).render(**namespace))
        os.chmod(path, stat.S_IRUSR | stat.S_IWUSR | stat.S_IRGRP | stat.S_IWGRP)
        # AWX names the container's path (/runner/env/...); here the job runs where the file is.
        if "." not in label:
            tower.filename = path
        else:
            if not hasattr(tower, "filename"):
                tower.filename = _Namespace()
            setattr(tower.filename, label.split(".", 1)[1], path)
    env, safe_env = {}, {}
    for name, template in injectors.get("env", {}).items():
        env[name] = sandbox.from_string(template).render(**namespace)
        safe_env[name] = sandbox.from_string(template).render(**safe_namespace)
    return env, safe_env


def private_data_dir(path):
    """A job's private data directory as AWX lays it out: the project checkout under project/, env/, inventory/."""
    path = Path(path)
    (path / "env").mkdir(parents=True, mode=0o700)
    (path / "inventory").mkdir()
    shutil.copytree(REPO / "playbooks", path / "project" / "playbooks")
    return path


def execution_environment(workdir):
    """The variables the execution environment itself provides: its ansible and the collection installed."""
    return {
        "PATH": "%s%s%s" % (BIN, os.pathsep, os.environ["PATH"]),
        "ANSIBLE_COLLECTIONS_PATH": str(collections_path()),
        "ANSIBLE_PYTHON_INTERPRETER": sys.executable,
        "ANSIBLE_LOCAL_TEMP": str(Path(workdir) / "ansible-tmp"),
        "ANSIBLE_NOCOLOR": "1",
    }


def run_inventory_update(data_dir, ident, env):
    """ansible-inventory on the project's source file as RunInventoryUpdate runs it -> (rc, output.json or None, output)."""
    source = data_dir / "project" / INVENTORY_SOURCE_PATH
    output_file = data_dir / "artifacts" / ident / "output.json"
    args = ["--list", "--export", "-i", str(source), "--output", str(output_file), "--playbook-dir", str(source.parent)]
    env = dict(env, INVENTORY_UPDATE_ID=ident, **STANDARD_INVENTORY_UPDATE_ENV)
    output, error, rc = ansible_runner.run_command(
        "ansible-inventory", args, private_data_dir=str(data_dir), ident=ident, envvars=env, quiet=True,
        suppress_env_files=True, timeout=300)
    listed = json.loads(output_file.read_text()) if rc == 0 else None
    return rc, listed, output + error


def run_job(data_dir, ident, env, playbook, inventory, job_type="run"):
    """ansible-playbook as RunJob runs it: ``inventory`` (the imported hosts) written as AWX's inventory script."""
    script = data_dir / "inventory" / "hosts"
    script.write_text("#! /usr/bin/env python3\n# -*- coding: utf-8 -*-\nprint(%r)\n" % json.dumps(inventory))
    script.chmod(stat.S_IRUSR | stat.S_IXUSR | stat.S_IWUSR)
    cmdline = ("--check " if job_type == "check" else "") + "-u root"
    return ansible_runner.run(
        private_data_dir=str(data_dir), ident=ident, playbook=playbook, inventory=str(script), cmdline=cmdline,
        envvars=dict(env, JOB_ID=ident, ANSIBLE_RETRY_FILES_ENABLED="False"), suppress_env_files=True,
        settings={"suppress_ansible_output": True, "job_timeout": 300}, quiet=True)


def files_holding(directory, text):
    """Paths under ``directory`` (relative) whose content holds ``text``."""
    return sorted(str(path.relative_to(directory)) for path in Path(directory).rglob("*")
                  if path.is_file() and text.encode() in path.read_bytes())

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Run the collection through Ansible's own commands and read back what they returned.

ansible-playbook (a task or a playbook: every task result is recorded) and ansible-inventory (the listed
inventory, comparable across ansible-core versions).
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import yaml

from support.collection import REPO, collections_path

BIN = Path(sys.executable).parent


class CommandRun:
    """One Ansible command: exit code and output."""

    def __init__(self, returncode, stdout, stderr):
        self.returncode = returncode
        self.stdout = stdout
        self.stderr = stderr


class Run(CommandRun):
    """One ansible-playbook run: exit code, every recorded task result, and the raw output."""

    def __init__(self, returncode, results, stdout, stderr):
        super().__init__(returncode, stdout, stderr)
        self.results = results

    @property
    def result(self):
        """The last task's result."""
        return self.results[-1]["result"]

    @property
    def failed(self):
        return self.results[-1]["status"] == "failed"

    @property
    def output(self):
        return self.stdout + self.stderr + json.dumps(self.results)


def ansible_environment(workdir, extra=None, more_collections=()):
    """The environment of an Ansible command a test runs: this checkout's collection, results recorded.

    ``more_collections``: collections paths searched before this checkout (stand-ins for other collections).
    """
    env = {name: value for name, value in os.environ.items() if not name.startswith(("ANSIBLE_", "TENABLESC_"))}
    env.update(
        ANSIBLE_COLLECTIONS_PATH=os.pathsep.join([str(path) for path in more_collections] + [str(collections_path())]),
        ANSIBLE_PYTHON_INTERPRETER=sys.executable,
        ANSIBLE_CALLBACK_PLUGINS=str(REPO / "tests" / "support" / "callback"),
        ANSIBLE_CALLBACKS_ENABLED="record_results",
        ANSIBLE_LOCAL_TEMP=str(Path(workdir) / "ansible-tmp"),
        ANSIBLE_REMOTE_TEMP=str(Path(workdir) / "ansible-remote-tmp"),
        ANSIBLE_NOCOLOR="1",
        ANSIBLE_RETRY_FILES_ENABLED="0",
        ANSIBLE_DEPRECATION_WARNINGS="0",
        RECORD_RESULTS_FILE=str(Path(workdir) / "results.jsonl"),
    )
    env.update(extra or {})
    return env


def run_playbook(playbook, workdir, args=(), env=None, more_collections=()):
    """Run ``playbook`` (a path) and return a Run."""
    environment = ansible_environment(workdir, env, more_collections)
    results_file = Path(environment["RECORD_RESULTS_FILE"])
    if results_file.exists():
        results_file.unlink()
    completed = subprocess.run(
        [str(BIN / "ansible-playbook"), "-i", "localhost,", "-c", "local", str(playbook)] + list(args),
        env=environment, cwd=str(workdir), capture_output=True, text=True, timeout=600, check=False)
    results = [json.loads(line) for line in results_file.read_text().splitlines()] if results_file.exists() else []
    return Run(completed.returncode, results, completed.stdout, completed.stderr)


def run_task(module, args, workdir, check=False, diff=False, env=None, module_defaults=None):
    """Run one task of ``module`` (short name in secops.tenablesc) with ``args``; return a Run."""
    play = dict(hosts="localhost", gather_facts=False, tasks=[{"name": "task under test", "secops.tenablesc." + module: args}])
    if module_defaults:
        play["module_defaults"] = module_defaults
    playbook = Path(workdir) / "play.yml"
    playbook.write_text(yaml.safe_dump([play]))
    options = (["--check"] if check else []) + (["--diff"] if diff else [])
    return run_playbook(playbook, workdir, options, env)


class InventoryRun(CommandRun):
    """One ansible-inventory run: exit code, output, and the inventory it listed."""

    # normalize_inventory() of what --list wrote; None when it wrote nothing.
    listed = None

    @property
    def output(self):
        """stdout and stderr with line breaks folded away: older cores wrap long warnings."""
        return " ".join((self.stdout + self.stderr).split())

    def hosts(self, group):
        return (self.listed or {}).get(group, {}).get("hosts", [])


def sc_environment(sc, user="vulnanalyst"):
    """The TENABLESC_* variables that point the collection at the simulator ``sc`` as ``user``."""
    return dict(TENABLESC_URL=sc.url, TENABLESC_API_KEYS=sc.key_string(user), TENABLESC_CA_PATH=sc.ca_path)


# Ansible's default turns a source that failed into a warning and an empty inventory; tests want the failure.
STRICT_INVENTORY = dict(ANSIBLE_INVENTORY_UNPARSED_FAILED="1", ANSIBLE_INVENTORY_ENABLED="secops.tenablesc.tenablesc")


def run_inventory(sources, workdir, args=("--list",), env=None, strict=True):
    """``ansible-inventory -i SOURCE... ARGS`` from ``workdir``; return an InventoryRun.

    The listing is written to a file, so that verbose output (``-vvvv`` in ``args``) cannot mix with it.
    ``strict`` makes a source that fails fail the run (STRICT_INVENTORY).
    """
    workdir = Path(workdir)
    listing = workdir / "inventory.json"
    if listing.exists():
        listing.unlink()
    environment = ansible_environment(workdir, dict(STRICT_INVENTORY if strict else {}, **(env or {})))
    command = [str(BIN / "ansible-inventory")]
    for source in [sources] if isinstance(sources, (str, Path)) else sources:
        command += ["-i", str(source)]
    completed = subprocess.run(command + list(args) + ["--output", str(listing)], env=environment,
                               cwd=str(workdir), capture_output=True, text=True, timeout=300, check=False)
    run = InventoryRun(completed.returncode, completed.stdout, completed.stderr)
    # Read even after a failure: a failed run that still wrote a listing would be partial data.
    if "--list" in args and listing.exists():
        run.listed = normalize_inventory(json.loads(listing.read_text()))
    return run


def plain(value):
    """``value`` with 2.19's {"__ansible_unsafe": ...} wrappers taken off, at any depth."""
    if isinstance(value, dict):
        if set(value) == {"__ansible_unsafe"}:
            return plain(value["__ansible_unsafe"])
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


def normalize_inventory(inventory):
    """``ansible-inventory --list`` output as every supported core shows it: plain values, members sorted."""
    inventory = plain(inventory)
    # 2.19 names the serialization profile it used; older cores do not.
    inventory.get("_meta", {}).pop("profile", None)
    for name, group in inventory.items():
        if name != "_meta" and isinstance(group, dict):
            for key in ("hosts", "children"):
                if key in group:
                    # Their order carries no meaning.
                    group[key] = sorted(group[key])
    return inventory

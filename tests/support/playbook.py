# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Run a task or a playbook of the collection through ansible-playbook and read back what it returned."""

import json
import os
import subprocess
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


class Run:
    """One ansible-playbook run: exit code, every recorded task result, and the raw output."""

    def __init__(self, returncode, results, stdout, stderr):
        self.returncode = returncode
        self.results = results
        self.stdout = stdout
        self.stderr = stderr

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


def collections_root(workdir):
    """An ansible_collections tree whose secops/tenablesc is this checkout."""
    root = Path(workdir) / "collections"
    link = root / "ansible_collections" / "secops" / "tenablesc"
    if not link.exists():
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(REPO, target_is_directory=True)
    return root


def ansible_environment(workdir, extra=None):
    env = {name: value for name, value in os.environ.items() if not name.startswith(("ANSIBLE_", "TENABLESC_"))}
    env.update(
        ANSIBLE_COLLECTIONS_PATH=str(collections_root(workdir)),
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


def run_playbook(playbook, workdir, args=(), env=None):
    """Run ``playbook`` (a path) and return a Run."""
    environment = ansible_environment(workdir, env)
    results_file = Path(environment["RECORD_RESULTS_FILE"])
    if results_file.exists():
        results_file.unlink()
    completed = subprocess.run(
        [str(BIN / "ansible-playbook"), "-i", "localhost,", "-c", "local", str(playbook)] + list(args),
        env=environment, cwd=str(workdir), capture_output=True, text=True, timeout=600, check=False)
    results = [json.loads(line) for line in results_file.read_text().splitlines()] if results_file.exists() else []
    return Run(completed.returncode, results, completed.stdout, completed.stderr)


def run_task(module, args, workdir, check=False, diff=False, verbosity=0, env=None, module_defaults=None):
    """Run one task of ``module`` (short name in secops.tenablesc) with ``args``; return a Run."""
    play = dict(hosts="localhost", gather_facts=False, tasks=[{"name": "task under test", "secops.tenablesc." + module: args}])
    if module_defaults:
        play["module_defaults"] = module_defaults
    playbook = Path(workdir) / "play.yml"
    playbook.write_text(yaml.safe_dump([play]))
    options = (["--check"] if check else []) + (["--diff"] if diff else []) + (["-" + "v" * verbosity] if verbosity else [])
    return run_playbook(playbook, workdir, options, env)

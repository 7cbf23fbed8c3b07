# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""python -m sc_simulator: prints where it listens and the keys, serves, and cleans up on SIGTERM."""

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import requests

TESTS = Path(__file__).resolve().parents[2]


@pytest.fixture
def start_cli():
    started = []

    def start(*arguments):
        # Not a with block: the process outlives this call and is reaped below.
        process = subprocess.Popen(  # pylint: disable=consider-using-with
            [sys.executable, "-m", "sc_simulator", *arguments], stdout=subprocess.PIPE, text=True,
            env=dict(os.environ, PYTHONPATH=str(TESTS)))
        started.append(process)
        return process, json.loads(process.stdout.readline())

    yield start
    for process in started:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_cli_serves_https_and_cleans_up(start_cli, tmp_path):
    state_file = tmp_path / "state.json"
    process, state = start_cli("--tls", "--hosts", "40", "--seed", "3", "--version", "6.3.0",
                               "--state-file", str(state_file))
    assert json.loads(state_file.read_text()) == state
    assert state["pid"] == process.pid and state["url"].startswith("https://127.0.0.1:")
    assert set(state["users"]) == {"admin", "secmanager", "secanalyst", "vulnanalyst", "norepo", "locked"}
    key_string = state["users"]["vulnanalyst"]["key_string"]
    assert key_string.startswith("accesskey=") and key_string.endswith(";")
    answer = requests.get(state["url"] + "/rest/currentUser", headers={"x-apikey": key_string},
                          verify=state["ca_path"], timeout=10)
    assert answer.json()["response"]["username"] == "vulnanalyst"
    assert requests.get(state["url"] + "/rest/system", headers={"x-apikey": key_string}, verify=state["ca_path"],
                        timeout=10).json()["response"]["version"] == "6.3.0"
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=20) == 0
    assert not os.path.exists(state["ca_path"])


def test_cli_plain_http_with_latency(start_cli):
    process, state = start_cli("--no-tls", "--hosts", "20", "--latency-request", "0.2")
    assert state["url"].startswith("http://") and state["ca_path"] is None
    body = {"type": "vuln", "query": {"tool": "sumip", "type": "vuln", "filters": [], "startOffset": 0,
                                      "endOffset": 5}}
    answer = requests.post(state["url"] + "/rest/analysis", json=body, timeout=10,
                           headers={"x-apikey": state["users"]["secmanager"]["key_string"]})
    assert answer.elapsed.total_seconds() >= 0.2 and answer.json()["response"]["returnedRecords"] == 5
    control = requests.get(state["url"] + "/_sim/state", timeout=10).json()
    assert control["counts"] == {"POST /rest/analysis": 1}
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=20) == 0

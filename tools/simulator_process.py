# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Run the SC simulator as a separate process (TLS, its own CA) for the tools under tools/ and the benchmark."""

import contextlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


@contextlib.contextmanager
def simulator_process(state_file, startup_timeout=60, arguments=()):
    """Start ``python -m sc_simulator --tls`` (with more CLI ``arguments``, such as a dataset's size) and yield
    its state (url, ca_path, pid, users with their key strings)."""
    state_file = Path(state_file)
    env = dict(os.environ, PYTHONPATH=str(REPO / "tests"))
    simulator = subprocess.Popen(
        [sys.executable, "-m", "sc_simulator", "--tls", "--state-file", str(state_file)] + list(arguments),
        env=env, stdout=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + startup_timeout
        while not state_file.exists() or not state_file.read_text().strip():
            if simulator.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("the SC simulator did not start")
            time.sleep(0.2)
        yield json.loads(state_file.read_text())
    finally:
        simulator.terminate()
        try:
            simulator.wait(timeout=30)
        except subprocess.TimeoutExpired:
            simulator.kill()

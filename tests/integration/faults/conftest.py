# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Each fault kind is observed once per test run, by whichever test process asks for it first."""

import fcntl
import json
import os
from contextlib import contextmanager

import pytest

from fault_matrix import observe


@pytest.fixture(scope="session")
def fault_observations(tmp_path_factory, sc_server):
    """observed(fault) -> {fires: {target name: cell}}, shared by the pytest-xdist workers through files."""
    base = tmp_path_factory.getbasetemp()
    # Each xdist worker has its own basetemp inside the run's, which they all share.
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base

    def observed(fault):
        path = shared / ("fault-matrix-%s.json" % fault.name)
        with _locked(path.with_suffix(".lock")):
            if not path.exists():
                path.write_text(json.dumps(observe(sc_server, fault, tmp_path_factory.mktemp(fault.name))))
        return json.loads(path.read_text())
    return observed


@contextmanager
def _locked(path):
    """Hold an exclusive lock on ``path``: one process observes a fault kind while the others wait for it."""
    with open(path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)

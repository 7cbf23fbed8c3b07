# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Simulated SCs whose users have keys that are easy to find in any output."""

import pytest

from leak_search import WRONG_KEYS, Needles, leak_key
from sc_simulator import Dataset, Simulator


@pytest.fixture(scope="session")
def leak_dataset():
    """Small, but with several analysis pages at the page sizes the tests use."""
    return Dataset(seed=23, hosts=60, repositories=3, findings_per_host=4)


@pytest.fixture(scope="session")
def leaky_sims(leak_dataset):
    """leaky_sims(tls=True, host="127.0.0.1") -> a started simulator with leak keys; all stop at the end.

    Every simulator serves the same dataset and the same accounts with the same keys.
    """
    started = []

    def start(tls=True, host="127.0.0.1"):
        simulator = Simulator(dataset=leak_dataset, tls=tls, host=host, make_key=leak_key).start()
        started.append(simulator)
        return simulator

    yield start
    for simulator in started:
        simulator.stop()


@pytest.fixture(scope="session")
def leaky_server(leaky_sims):
    return leaky_sims()


@pytest.fixture
def leaky_sc(leaky_server):
    """The session's leaky simulator back in its seed state."""
    leaky_server.reset()
    return leaky_server


@pytest.fixture
def needles(leaky_server):
    """Every key of every account, and the wrong keys tests send."""
    return Needles(leaky_server.every_key() + list(WRONG_KEYS))

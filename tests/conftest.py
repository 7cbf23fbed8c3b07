# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Shared fixtures: one simulated Tenable Security Center per test session, reset before every test."""

import pytest

from sc_simulator import Dataset, Simulator


@pytest.fixture(scope="session")
def sc_dataset():
    """A modest dataset spanning several analysis pages."""
    return Dataset(seed=7, hosts=300, repositories=4, findings_per_host=12)


@pytest.fixture(scope="session")
def sc_server(sc_dataset):
    with Simulator(dataset=sc_dataset, tls=True) as simulator:
        yield simulator


@pytest.fixture
def sc(sc_server):
    """The session's simulator back in its seed state (faults, records, latency, version, asset lists)."""
    sc_server.reset()
    return sc_server


@pytest.fixture
def sc_key(sc):
    return sc.key_string("vulnanalyst")

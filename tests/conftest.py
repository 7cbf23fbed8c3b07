# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Loaded before every other conftest: the collection becomes importable, and the shared fixtures.

The fixtures that start the simulator are only set up for the tests that ask for them: tests/unit
asks for none.
"""

import pytest

from support.collection import install_collection_loader

install_collection_loader()

# Imported after the loader: they import the collection.
# pylint: disable=wrong-import-position
from ansible_collections.secops.tenablesc.plugins.module_utils.client import Client  # noqa: E402
from ansible_collections.secops.tenablesc.plugins.module_utils.connection import ConnectionSettings  # noqa: E402
from sc_simulator import Dataset, Simulator  # noqa: E402
from support.ansible_run import run_task  # noqa: E402
from support.servers import SESSION_DATASET  # noqa: E402


@pytest.fixture(scope="session")
def sc_dataset():
    return Dataset(**SESSION_DATASET)


@pytest.fixture(scope="session")
def sc_server(sc_dataset):
    with Simulator(dataset=sc_dataset, tls=True) as simulator:
        yield simulator


@pytest.fixture
def moving_sc():
    """A simulator of the test's own, for tests that move its clock: the days they simulate change its data."""
    with Simulator(dataset=Dataset(seed=23, hosts=150, repositories=4, findings_per_host=8)) as simulator:
        yield simulator


@pytest.fixture
def sc(sc_server):
    """The session's simulator back in its seed state (faults, records, latency, version, asset lists)."""
    sc_server.reset()
    return sc_server


@pytest.fixture
def sc_key(sc):
    return sc.key_string("vulnanalyst")


@pytest.fixture
def secrets(sc):
    """Every key the simulator knows, to prove none leaks."""
    return sc.every_key()


@pytest.fixture
def client_warnings():
    """Warnings every client of the test gave."""
    return []


@pytest.fixture
def make_client(sc, client_warnings):
    """make_client(user="vulnanalyst", **options) -> Client in this process, closed after the test."""
    made = []

    def make(user="vulnanalyst", **options):
        given = dict(url=sc.url, api_keys=sc.key_string(user), ca_path=sc.ca_path, retries=3, timeout=10)
        given.update(options)
        client = Client(ConnectionSettings.from_options(given.get), warn=client_warnings.append)
        made.append(client)
        return client

    yield make
    for client in made:
        client.close()


@pytest.fixture
def client(make_client):
    return make_client()


@pytest.fixture
def connection(sc):
    """Module connection options for the Vulnerability Analyst service account."""
    return dict(url=sc.url, api_keys=sc.key_string("vulnanalyst"), ca_path=sc.ca_path, retries=1, timeout=10)


@pytest.fixture
def manager(connection, sc):
    """Module connection options of an account that may manage asset lists and launch scans (Security Manager)."""
    return dict(connection, api_keys=sc.key_string("secmanager"))


@pytest.fixture
def task(tmp_path):
    """task(module, args, **run_options) -> Run of one task through ansible-playbook."""
    def run(module, args, **options):
        return run_task(module, args, tmp_path, **options)
    return run

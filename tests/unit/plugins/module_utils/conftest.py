# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Clients of the collection pointed at the simulator."""

import pytest


@pytest.fixture
def client_warnings():
    """Warnings every client of the test gave."""
    return []


@pytest.fixture
def make_client(sc, client_warnings):
    """make_client(user="vulnanalyst", **options) -> Client, closed after the test."""
    # Imported here: pytest loads a conftest named on the command line before the collection is importable.
    from ansible_collections.secops.tenablesc.plugins.module_utils.client import Client
    from ansible_collections.secops.tenablesc.plugins.module_utils.connection import ConnectionSettings

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
def secrets(sc):
    """Every key the simulator knows, to prove none leaks into an error."""
    return [value for user in sc.users.values() for value in (user.access_key, user.secret_key)]

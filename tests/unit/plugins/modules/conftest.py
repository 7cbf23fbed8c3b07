# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Modules run through ansible-playbook against the simulator."""

import pytest

from support.playbook import run_task


@pytest.fixture
def connection(sc):
    """Connection options for the Vulnerability Analyst service account."""
    return dict(url=sc.url, api_keys=sc.key_string("vulnanalyst"), ca_path=sc.ca_path, retries=1, timeout=10)


@pytest.fixture
def task(tmp_path):
    """task(module, args, **run_options) -> Run."""
    def run(module, args, **options):
        return run_task(module, args, tmp_path, **options)
    return run


@pytest.fixture
def secrets(sc):
    return [value for user in sc.users.values() for value in (user.access_key, user.secret_key)]

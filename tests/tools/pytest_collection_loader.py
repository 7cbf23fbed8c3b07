# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""pytest plugin: make ``ansible_collections.*`` importable before any conftest.py is loaded.

pytest-ansible installs Ansible's collection loader in ``pytest_configure``,
which runs after pytest has imported the conftest.py files next to the paths
given on the command line.  ``pytest tests/unit/plugins/module_utils`` would
then fail in that directory's conftest.py with ``No module named
'ansible_collections'``.  Loaded with ``-p pytest_collection_loader`` (the
Makefile puts tests/tools on PYTHONPATH), this plugin installs the loader for
the paths in ANSIBLE_COLLECTIONS_PATH as soon as pytest imports it.
"""

from __future__ import annotations

import os
import sys


def install_collection_loader():
    """Install Ansible's collection finder for ANSIBLE_COLLECTIONS_PATH."""
    paths = [path for path in os.environ.get('ANSIBLE_COLLECTIONS_PATH', '').split(os.pathsep) if path]

    if not paths:
        return

    # pylint: disable-next=import-outside-toplevel
    from ansible.utils.collection_loader._collection_finder import _AnsibleCollectionFinder

    for path in reversed(paths):
        if path not in sys.path:
            sys.path.insert(0, path)

    _AnsibleCollectionFinder(paths=paths)._install()  # pylint: disable=protected-access


install_collection_loader()

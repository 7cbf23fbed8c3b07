# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The one way tests reach the collection: a link to this checkout, so what runs is what was just edited.

Ansible finds a collection at ``<path>/ansible_collections/<namespace>/<name>``; the checkout is not
such a path, so ``build/checkout`` holds a link of that shape to it.  In-process tests import
``ansible_collections.secops.tenablesc`` through it, and every ansible-playbook and ansible-inventory
a test starts gets it as ANSIBLE_COLLECTIONS_PATH.
"""

import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
COLLECTIONS_PATH = REPO / "build" / "checkout"


def collections_path():
    """The collections path whose secops.tenablesc is this checkout; the link is made on first use."""
    link = COLLECTIONS_PATH / "ansible_collections" / "secops" / "tenablesc"
    if not link.is_symlink():
        link.parent.mkdir(parents=True, exist_ok=True)
        try:
            link.symlink_to(os.path.relpath(REPO, link.parent), target_is_directory=True)
        except FileExistsError:
            pass  # another pytest-xdist worker made it first
    return COLLECTIONS_PATH


def install_collection_loader():
    """Make ``ansible_collections.secops.tenablesc`` importable in this process (Ansible's own loader)."""
    # pylint: disable-next=import-outside-toplevel
    from ansible.utils.collection_loader._collection_finder import _AnsibleCollectionFinder

    path = str(collections_path())
    if path not in sys.path:
        sys.path.insert(0, path)
    _AnsibleCollectionFinder(paths=[path])._install()  # pylint: disable=protected-access

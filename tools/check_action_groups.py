# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Check that the ``tenablesc`` action group in meta/runtime.yml matches plugins/modules.

Usage: python tools/check_action_groups.py [COLLECTION_ROOT]

Every module under plugins/modules must be listed in the action group (so that
``module_defaults: {group/secops.tenablesc.tenablesc: ...}`` applies to it), and
every entry of the group must name an existing module.  Exits non-zero and lists
the differences otherwise.
"""

from __future__ import annotations

import os
import sys

import yaml

GROUP = 'tenablesc'
COLLECTION = 'secops.tenablesc'


def module_names(root):
    """Return the names of the modules shipped in plugins/modules."""
    modules_dir = os.path.join(root, 'plugins', 'modules')

    if not os.path.isdir(modules_dir):
        return set()

    return {
        os.path.splitext(name)[0]
        for name in os.listdir(modules_dir)
        if name.endswith('.py') and not name.startswith('_') and name != '__init__.py'
    }


def group_entries(root):
    """Return the short module names listed in the action group."""
    with open(os.path.join(root, 'meta', 'runtime.yml'), encoding='utf-8') as runtime_file:
        runtime = yaml.safe_load(runtime_file) or {}

    entries = set()

    for entry in (runtime.get('action_groups') or {}).get(GROUP) or []:
        if isinstance(entry, dict):  # a ``metadata`` entry, not a module
            continue

        if entry.startswith(COLLECTION + '.'):
            entry = entry[len(COLLECTION) + 1:]

        entries.add(entry)

    return entries


def main():
    """Main entry point."""
    root = sys.argv[1] if len(sys.argv) > 1 else os.getcwd()
    modules = module_names(root)
    entries = group_entries(root)
    errors = []

    for name in sorted(modules - entries):
        errors.append('plugins/modules/%s.py is not listed in action_groups.%s of meta/runtime.yml' % (name, GROUP))

    for name in sorted(entries - modules):
        errors.append('meta/runtime.yml: action_groups.%s lists %s, but plugins/modules/%s.py does not exist' % (GROUP, name, name))

    for error in errors:
        print('ERROR: %s' % error)

    if errors:
        return 1

    print('action_groups.%s matches plugins/modules (%d modules)' % (GROUP, len(modules)))

    return 0


if __name__ == '__main__':
    sys.exit(main())

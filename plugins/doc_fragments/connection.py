# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Connection options, rendered from the one table in module_utils/connection.py."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.secops.tenablesc.plugins.module_utils.connection import connection_doc_fragment


class ModuleDocFragment:
    # Modules: each option falls back to its TENABLESC_* environment variable.
    DOCUMENTATION = connection_doc_fragment(with_env=False)

    # Plugins (inventory): the same options, read through Ansible's configuration with env entries.
    PLUGINS = connection_doc_fragment(with_env=True)

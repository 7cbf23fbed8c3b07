# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Plugins' side of the client: options from Ansible's configuration, errors as AnsibleError."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.errors import AnsibleError
from ansible.module_utils.common.text.converters import to_text

from ansible_collections.secops.tenablesc.plugins.module_utils.client import Client
from ansible_collections.secops.tenablesc.plugins.module_utils.connection import CONNECTION_OPTIONS, ConnectionSettings
from ansible_collections.secops.tenablesc.plugins.module_utils.errors import TenableSCError


def plugin_option_getter(plugin):
    """``get(name)`` over a plugin's options, with vault-encrypted strings decrypted.

    Inline ``!vault`` values arrive as a different type on each ansible-core
    (AnsibleVaultEncryptedUnicode up to 2.18, EncryptedString from 2.19);
    converting to text decrypts both.
    """
    def get(name):
        value = plugin.get_option(name)
        if value is not None and CONNECTION_OPTIONS.get(name, {}).get("type") in ("str", "path"):
            value = to_text(value)
        return value
    return get


def plugin_client(plugin, warn, debug, pool_size=10):
    """A client for a plugin's connection options; raises TenableSCError on bad ones."""
    return Client(ConnectionSettings.from_options(plugin_option_getter(plugin)), warn=warn, debug=debug,
                  pool_size=pool_size)


def as_ansible_error(error, error_class=AnsibleError):
    """The one conversion of a collection error for plugins: message and hint, no traceback."""
    if isinstance(error, TenableSCError):
        return error_class(str(error))
    return error_class(to_text(error))

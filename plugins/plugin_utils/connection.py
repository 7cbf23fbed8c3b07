# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Plugins' side of the client: options from Ansible's configuration, errors as AnsibleError."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os

from ansible import constants as C
from ansible.errors import AnsibleError, AnsibleParserError
from ansible.module_utils.common.text.converters import to_text
from ansible.module_utils.parsing.convert_bool import boolean
from ansible.utils.path import unfrackpath

from ansible_collections.secops.tenablesc.plugins.module_utils.client import Client
from ansible_collections.secops.tenablesc.plugins.module_utils.connection import (
    CONNECTION_OPTIONS,
    ConnectionSettings,
    printable,
)
from ansible_collections.secops.tenablesc.plugins.module_utils.errors import TenableSCError


def plugin_option_getter(plugin):
    """``get(name)`` over a plugin's options, with vault-encrypted strings decrypted.

    Inline ``!vault`` values arrive as a different type on each ansible-core
    (AnsibleVaultEncryptedUnicode up to 2.18, EncryptedString from 2.19);
    converting to text decrypts both.

    An empty path is not set, as for modules. Ansible's configuration hands
    plugins an empty path as the working directory, and AWX injects an empty
    TENABLESC_CA_PATH for a credential without a CA certificate.
    """
    def get(name):
        value = plugin.get_option(name)
        option_type = CONNECTION_OPTIONS.get(name, {}).get("type")
        if value is not None and option_type in ("str", "path"):
            value = to_text(value)
        if option_type == "path" and value == unfrackpath("", follow=False):
            return None
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


def refuse_loose_values(plugin, config):
    """Refuse what Ansible's configuration would quietly take for a plugin option.

    It reads a boolean that is neither true nor false as false (for validate_certs: verification off),
    and passes a mapping or list on for an option without a type. ``config`` is the source file's
    content; an option it does not set is checked in its environment variable.
    """
    definitions = C.config.get_configuration_definitions(plugin_type=plugin.plugin_type, name=plugin._load_name)
    for name, definition in definitions.items():
        option_type = definition.get("type")
        if option_type not in ("bool", "boolean", None):
            continue
        given = [(config[name], name)] if name in config else [
            (os.environ[env["name"]], "%s (from %s)" % (name, env["name"]))
            for env in definition.get("env") or [] if env.get("name") in os.environ]
        for value, source in given[-1:]:
            if option_type is None and isinstance(value, (dict, list)):
                raise AnsibleParserError("%s must be a string, not a %s." % (
                    source, "mapping" if isinstance(value, dict) else "list"))
            if option_type is not None and not _is_boolean(value):
                raise AnsibleParserError("%s must be true or false, not %s." % (source, printable(to_text(value))))


def _is_boolean(value):
    try:
        boolean(value if isinstance(value, (bool, int)) else to_text(value), strict=True)
    except TypeError:
        return False
    return True

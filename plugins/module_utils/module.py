# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What every module does the same way: argument spec, connecting, and the one error path."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.module_utils.basic import AnsibleModule

from ansible_collections.secops.tenablesc.plugins.module_utils.client import Client
from ansible_collections.secops.tenablesc.plugins.module_utils.connection import (
    ConnectionSettings,
    connection_argument_spec,
)
from ansible_collections.secops.tenablesc.plugins.module_utils.errors import TenableSCError


def build_module(argument_spec, **module_kwargs):
    """An AnsibleModule with the connection options plus the module's own."""
    spec = connection_argument_spec()
    spec.update(argument_spec)
    module_kwargs.setdefault("supports_check_mode", True)
    return AnsibleModule(argument_spec=spec, **module_kwargs)


def connect(module, pool_size=10):
    """A client for the module's connection options; raises ConfigurationError on bad ones."""
    settings = ConnectionSettings.from_options(module.params.get)
    return Client(settings, warn=module.warn, debug=module.debug, pool_size=pool_size)


def run_module(argument_spec, run, **module_kwargs):
    """Build the module, connect, call ``run(module, client)`` and exit with the dict it returns.

    Any collection error becomes one failed task with the error's message and hint.
    """
    module = build_module(argument_spec, **module_kwargs)
    try:
        with connect(module, pool_size=module.params.get("concurrency") or 10) as client:
            result = run(module, client)
    except TenableSCError as exc:
        module.fail_json(**exc.to_fail_json())
    module.exit_json(**result)

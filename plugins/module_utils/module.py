# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What every module does the same way: argument spec, connecting, and the one error path."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

# _load_params is meant for modules that inspect their parameters as given (see its docstring).
from ansible.module_utils.basic import AnsibleModule, _load_params
from ansible.module_utils.common.validation import check_type_dict

from ansible_collections.secops.tenablesc.plugins.module_utils.client import Client
from ansible_collections.secops.tenablesc.plugins.module_utils.connection import (
    ConnectionSettings,
    connection_argument_spec,
    credentials_from_options,
    redact_url,
)
from ansible_collections.secops.tenablesc.plugins.module_utils.errors import TenableSCError

_TEXT_TYPES = ("str", "path")


def build_module(argument_spec, **module_kwargs):
    """An AnsibleModule with the connection options plus the module's own."""
    spec = connection_argument_spec()
    spec.update(argument_spec)
    module_kwargs.setdefault("supports_check_mode", True)
    misfit = _misfit(spec, _load_params())
    if misfit:
        name, message = misfit
        # Taken as given and without the checks across options, so that this message is the one reported:
        # Ansible's own, for some misfits, names no option.
        spec[name] = dict(type="raw", no_log=spec[name].get("no_log", False))
        AnsibleModule(argument_spec=spec, supports_check_mode=True).fail_json(msg=message)
    module = AnsibleModule(argument_spec=spec, **module_kwargs)
    url = module.params.get("url")
    if url and redact_url(url) != url:
        # user:password@ makes url a credential (connecting refuses it): hidden like a no_log option's value.
        module.no_log_values.add(url)
    return module


def _misfit(spec, given, prefix=""):
    """(top-level option, message) for a value of the wrong kind that Ansible would not report clearly, or None.

    A mapping or list given for a text option would become its Python repr ("{'a': 1}"), almost always
    a YAML slip; for a non-mapping given to an option with suboptions, Ansible's message names no option.
    """
    for name, option in spec.items():
        value = given.get(name) if isinstance(given, dict) else None
        label = prefix + name
        problem = None
        if option.get("type", "str") in _TEXT_TYPES and isinstance(value, (dict, list)):
            problem = "%s must be a string, not a %s." % (label, "mapping" if isinstance(value, dict) else "list")
        elif option.get("elements") in _TEXT_TYPES and isinstance(value, list) and any(
                isinstance(item, (dict, list)) for item in value):
            problem = "%s must be a list of strings; it holds a mapping or a list." % label
        elif option.get("type") == "dict" and option.get("options") and value is not None and not _is_mapping(value):
            problem = "%s must be a mapping with %s." % (label, ", ".join(sorted(option["options"])))
        elif option.get("options") and isinstance(value, (dict, list)):
            for item in value if isinstance(value, list) else [value]:
                nested = _misfit(option["options"], item, label + ".")
                if nested:
                    problem = nested[1]
                    break
        if problem:
            return name, problem
    return None


def _is_mapping(value):
    """Whether Ansible can read ``value`` as a mapping (a dict, JSON or key=value text)."""
    try:
        check_type_dict(value)
    except TypeError:
        return False
    return True


def connect(module, pool_size=10):
    """A client for the module's connection options; raises ConfigurationError on bad ones."""
    # Ansible hides the whole value of a no_log option wherever it appears in the result; the two keys of
    # a key string are hidden on their own as well, before anything (even a bad url) can be reported.
    module.no_log_values.update(credentials_from_options(module.params.get))
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

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The asset_list_plan filter; its documentation is asset_list_plan.yml."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ipaddress
from collections.abc import Mapping

from ansible.errors import AnsibleFilterError

from ansible_collections.secops.tenablesc.plugins.module_utils.assets import is_address


def asset_list_plan(chosen_groups, groups, hostvars, prefix):
    """The static list each chosen group needs, the chosen groups that get none, and the hosts without an address."""
    _check_arguments(chosen_groups, groups, hostvars, prefix)
    plan = dict(lists=[], groups_without_addresses=[], groups_not_in_inventory=[], hosts_without_address=[])
    # dict.fromkeys keeps the first of repeated groups, in order; group names are case-sensitive, so no case folding.
    for group in dict.fromkeys(chosen_groups):
        if group not in groups:
            plan["groups_not_in_inventory"].append(group)
            continue
        hosts = groups[group]
        if not isinstance(hosts, (list, tuple)):
            raise AnsibleFilterError("asset_list_plan: the hosts of group %s must be a list, not %s." % (
                group, type(hosts).__name__))
        # Keyed by the address, so one written two ways (2001:DB8::1, 2001:db8:0::1) is kept once, as first written.
        addresses = {}
        for host in hosts:
            address = str(hostvars.get(host, {}).get("ansible_host", host)).strip()
            if is_address(address):
                addresses.setdefault(ipaddress.ip_address(address), address)
            else:
                plan["hosts_without_address"].append("%s in %s (%s)" % (host, group, address or "empty"))
        if addresses:
            plan["lists"].append(dict(group=group, name=prefix + group, ips=list(addresses.values())))
        else:
            plan["groups_without_addresses"].append(group)
    return plan


def _check_arguments(chosen_groups, groups, hostvars, prefix):
    if not isinstance(chosen_groups, (list, tuple)) or not all(isinstance(group, str) for group in chosen_groups):
        raise AnsibleFilterError("asset_list_plan: its input must be a list of group names, not %r." % (chosen_groups,))
    for name, value in (("groups", groups), ("hostvars", hostvars)):
        if not isinstance(value, Mapping):
            raise AnsibleFilterError("asset_list_plan: %s must be a mapping, such as the %s variable, not %s." % (
                name, name, type(value).__name__))
    if not isinstance(prefix, str):
        raise AnsibleFilterError("asset_list_plan: prefix must be a string, not %s." % type(prefix).__name__)


class FilterModule(object):
    def filters(self):
        return {"asset_list_plan": asset_list_plan}

#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: tenablesc_risk_rule_info
short_description: List Tenable Security Center accept and recast risk rules
version_added: 0.1.0
description:
  - Lists the accept and recast risk rules the account sees, typed, with their comments and expiry, for audits and
    for comparing SC with the exceptions kept in version control.
  - SC deletes expired rules by itself (every hour), so an expired rule may still be listed for up to an hour.
  - Never changes anything on SC.
author:
  - secops.tenablesc contributors (@secops)
extends_documentation_fragment:
  - secops.tenablesc.connection
  - secops.tenablesc.attributes.READ_ONLY
options:
  kind:
    description: Which rules to list.
    type: str
    choices: [accept, recast, all]
    default: all
  plugin_id:
    description: Keep only the rules of this plugin.
    type: int
  repositories:
    description: Keep only the rules in these repositories, by name or ID.
    type: list
    elements: raw
seealso:
  - module: secops.tenablesc.tenablesc_accept_risk
  - module: secops.tenablesc.tenablesc_recast_risk
"""

EXAMPLES = r"""
- name: Every exception in SC
  secops.tenablesc.tenablesc_risk_rule_info:
  register: exceptions

- name: Accepted risks that end within 30 days
  ansible.builtin.debug:
    msg: "{{ item.plugin_id }} in {{ item.repository.name }} ends {{ item.expires_at }}"
  loop: "{{ exceptions.rules | selectattr('expires') | selectattr('expires', 'lt', now().timestamp() + 30 * 86400) }}"

- name: Recast rules of one plugin
  secops.tenablesc.tenablesc_risk_rule_info:
    kind: recast
    plugin_id: 42873
"""

RETURN = r"""
rules:
  description:
    - The rules, accept rules first, in the shape M(secops.tenablesc.tenablesc_accept_risk) and
      M(secops.tenablesc.tenablesc_recast_risk) return them; C(kind) says which.
  returned: always
  type: list
  elements: dict
  sample:
    - {kind: accept, id: 31, plugin_id: 51192, plugin_name: SSL Certificate Cannot Be Trusted,
       repository: {id: 1, name: DMZ}, host_type: ip, ips: [10.20.0.0/24], asset_list: null, port: "443",
       protocol: tcp, expires: 1806537599, expires_at: "2027-03-31T23:59:59Z", comment: "CHG-1234",
       created: 1767225600, modified: 1767225600, creator: svc-ansible}
"""

from ansible_collections.secops.tenablesc.plugins.module_utils.lookups import NameResolver
from ansible_collections.secops.tenablesc.plugins.module_utils.module import run_module
from ansible_collections.secops.tenablesc.plugins.module_utils.risk_rules import KINDS, list_rules

ARGUMENT_SPEC = dict(
    kind=dict(type="str", choices=["accept", "recast", "all"], default="all"),
    plugin_id=dict(type="int"),
    repositories=dict(type="list", elements="raw"),
)


def run(module, client):
    params = module.params
    repository_ids = NameResolver(client).repository_ids(params["repositories"]) if params["repositories"] else None
    kinds = list(KINDS) if params["kind"] == "all" else [params["kind"]]
    rules = [rule for kind in kinds for rule in list_rules(client, kind, params["plugin_id"], repository_ids)]
    return dict(changed=False, rules=rules)


def main():
    run_module(ARGUMENT_SPEC, run)


if __name__ == "__main__":
    main()

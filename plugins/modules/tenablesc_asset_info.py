#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: tenablesc_asset_info
short_description: Read Tenable Security Center asset lists
version_added: 0.1.0
description:
  - Lists the asset lists the account can use or manage, or one by O(name) or O(id),
    in the same shape M(secops.tenablesc.tenablesc_asset) returns.
  - Never changes anything on SC.
author:
  - secops.tenablesc contributors (@secops)
extends_documentation_fragment:
  - secops.tenablesc.connection
  - secops.tenablesc.attributes.READ_ONLY
options:
  name:
    description:
      - Only asset lists with this exact name (SC allows several lists of one name).
    type: str
  id:
    description: Only the asset list with this ID.
    type: int
  viewable_ips:
    description:
      - Include the addresses SC resolves for each repository (RV(assets[].viewable_ips)).
      - SC computes them per list, which is slow for large lists.
    type: bool
    default: false
"""

EXAMPLES = r"""
- name: Every asset list the service account can use
  secops.tenablesc.tenablesc_asset_info:
  register: sc_assets

- name: The addresses SC resolves for one list
  secops.tenablesc.tenablesc_asset_info:
    name: PCI Scope
    viewable_ips: true
  register: pci

- name: Show them
  ansible.builtin.debug:
    msg: "{{ pci.assets[0].viewable_ips | map(attribute='ips') | flatten }}"
"""

RETURN = r"""
assets:
  description: The asset lists, in SC's order; empty when none matches.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: Asset list ID.
      type: int
    name:
      description: Name (not unique in SC).
      type: str
    type:
      description: static, dnsname, dynamic, combination, or another SC type.
      type: str
    description:
      description: Description.
      type: str
    tags:
      description: SC's tag string.
      type: str
    ips:
      description: For static lists, the defined addresses as SC stores them (single addresses and CIDRs).
      type: list
      elements: str
    dns_names:
      description: For dnsname lists, the defined names, lowercased and sorted.
      type: list
      elements: str
    rules:
      description: For dynamic lists, the rule tree as {operator, children} with clauses {filter, operator, value}.
      type: dict
    combination:
      description: For combination lists, {operator, assets} (asset list IDs).
      type: dict
    ip_count:
      description: How many addresses SC counted; null when SC has not computed it.
      type: int
    repositories:
      description: Repositories with their ip_count.
      type: list
      elements: dict
    owner:
      description: Owner's user name.
      type: str
    created:
      description: Creation time, epoch seconds.
      type: int
    modified:
      description: Last change, epoch seconds.
      type: int
    viewable_ips:
      description: With O(viewable_ips=true), per repository the addresses SC resolves.
      type: list
      elements: dict
      returned: when O(viewable_ips=true)
  sample:
    - {id: 12, name: PCI Scope, type: static, description: "", tags: "", ips: [10.10.0.0/24, 10.10.1.5],
       dns_names: null, rules: null, combination: null, ip_count: 257, repositories: [{id: 1, name: DMZ, ip_count: 257}],
       owner: secmanager, created: 1763856000, modified: 1763856000}
"""

from ansible_collections.secops.tenablesc.plugins.module_utils.assets import asset_details
from ansible_collections.secops.tenablesc.plugins.module_utils.lookups import NameResolver
from ansible_collections.secops.tenablesc.plugins.module_utils.module import run_module

ARGUMENT_SPEC = dict(
    name=dict(type="str"),
    id=dict(type="int"),
    viewable_ips=dict(type="bool", default=False),
)


def run(module, client):
    params = module.params
    summaries = NameResolver(client).matching_asset_lists(name=params["name"], asset_id=params["id"])
    assets = [asset_details(client, summary["id"], params["viewable_ips"]) for summary in summaries]
    return dict(changed=False, assets=assets)


def main():
    run_module(ARGUMENT_SPEC, run)


if __name__ == "__main__":
    main()

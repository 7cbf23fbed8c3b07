#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: tenablesc_accept_risk
short_description: Manage Tenable Security Center accept risk rules as code
version_added: 0.1.0
description:
  - Makes sure findings of one plugin on some hosts are accepted, until a date or for good, in each repository,
    or that no such rule is left (O(state=absent)).
  - A rule is identified by its plugin, hosts, port and protocol in a repository; its expiry and comment are its
    settings. A second run with the same arguments changes nothing and sends no write.
  - SC cannot edit a rule. Changed settings are a new rule, created first; the old one is deleted only once SC has
    made the new one, so a refused create leaves the old rule in place.
  - With O(apply) (the default), the rules of every changed repository are applied when the task ends, so analysis
    (M(secops.tenablesc.tenablesc_vulns_info) with O(secops.tenablesc.tenablesc_vulns_info#module:accepted_risk))
    shows the change at once.
  - Needs an account whose role may accept risks (Security Manager or Security Analyst).
author:
  - secops.tenablesc contributors (@secops)
extends_documentation_fragment:
  - secops.tenablesc.connection
  - secops.tenablesc.attributes.RISK_RULE
  - secops.tenablesc.risk_rule
notes:
  - A create is never sent twice. If the connection breaks after SC may have made the rules, the module looks for
    them before failing.
  - SC 6.0 refused rules by address (pyTenable #677); there, use O(asset_list).
seealso:
  - module: secops.tenablesc.tenablesc_recast_risk
  - module: secops.tenablesc.tenablesc_risk_rule_info
  - name: Exceptions as code
    description: The collection's guide to keeping accepted and recast risks in version control.
    link: https://github.com/secops/tenablesc/blob/main/docs/exceptions-as-code.md
"""

EXAMPLES = r"""
- name: Accept the self-signed certificate finding on the lab hosts until the end of March
  secops.tenablesc.tenablesc_accept_risk:
    plugin_id: 51192
    ips: [10.20.0.0/24]
    port: "443"
    protocol: tcp
    expires: "2027-03-31"
    comment: "CHG-1234: lab hosts, internal CA planned (approved by J. Doe)"

- name: Accept an informational plugin everywhere, in two repositories
  secops.tenablesc.tenablesc_accept_risk:
    plugin_id: 19506
    all_hosts: true
    repositories: [DMZ, Datacenter]
    comment: Scan information, not a finding

- name: Accept a finding on an asset list's members
  secops.tenablesc.tenablesc_accept_risk:
    plugin_id: 57582
    asset_list: Appliances (vendor managed)
    comment: Vendor appliance, patched by the vendor

- name: The exception ended
  secops.tenablesc.tenablesc_accept_risk:
    plugin_id: 51192
    ips: [10.20.0.0/24]
    port: "443"
    protocol: tcp
    state: absent
"""

RETURN = r"""
rules:
  description:
    - The rules after the task, one per repository; empty after O(state=absent).
    - In check mode, the rules that would be made have C(id) null.
  returned: always
  type: list
  elements: dict
  contains:
    kind:
      description: C(accept).
      type: str
    id:
      description: The rule's ID in SC.
      type: int
    plugin_id:
      description: The plugin.
      type: int
    plugin_name:
      description: The plugin's name.
      type: str
    repository:
      description: The repository the rule is in, with C(id) and C(name).
      type: dict
    host_type:
      description: C(ip), C(asset) or C(all); SC's C(uuid) and C(hostUUID) for rules made elsewhere.
      type: str
    ips:
      description: The addresses of an C(ip) rule as SC holds them; else null.
      type: list
      elements: str
    asset_list:
      description: The asset list of an C(asset) rule, with C(id) and C(name); else null.
      type: dict
    uuids:
      description: The agent or host UUIDs of a C(uuid) or C(hostUUID) rule made elsewhere; only for those.
      type: list
      elements: str
      returned: for rules by UUID
    port:
      description: The port, or C(any).
      type: str
    protocol:
      description: C(tcp), C(udp), C(icmp) or C(any).
      type: str
    expires:
      description: When the rule ends, in epoch seconds; null for never.
      type: int
    expires_at:
      description: The same time in ISO 8601, UTC; null for never.
      type: str
    comment:
      description: The rule's comment.
      type: str
    created:
      description: When SC made the rule, in epoch seconds.
      type: int
    modified:
      description: When SC last changed the rule, in epoch seconds.
      type: int
    creator:
      description: The user name of the rule's creator.
      type: str
  sample:
    - {kind: accept, id: 31, plugin_id: 51192, plugin_name: SSL Certificate Cannot Be Trusted,
       repository: {id: 1, name: DMZ}, host_type: ip, ips: [10.20.0.0/24], asset_list: null, port: "443",
       protocol: tcp, expires: 1806537599, expires_at: "2027-03-31T23:59:59Z", comment: "CHG-1234",
       created: 1767225600, modified: 1767225600, creator: svc-ansible}
applied_repositories:
  description: IDs of the repositories whose rules were applied; empty when nothing changed, in check mode or with O(apply=false).
  returned: always
  type: list
  elements: int
  sample: [1]
"""

import functools

from ansible_collections.secops.tenablesc.plugins.module_utils.module import run_module
from ansible_collections.secops.tenablesc.plugins.module_utils.risk_rules import rule_argument_spec, run_rule_module


def main():
    run_module(rule_argument_spec("accept"), functools.partial(run_rule_module, "accept"))


if __name__ == "__main__":
    main()

#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: tenablesc_recast_risk
short_description: Manage Tenable Security Center recast risk rules as code
version_added: 0.1.0
description:
  - Makes sure findings of one plugin on some hosts have another severity (O(new_severity)), for example because a
    compensating control lowers the risk, in each repository; or that no such rule is left (O(state=absent)).
  - A rule is identified by its plugin, hosts, port and protocol in a repository; its new severity, expiry and comment
    are its settings. A second run with the same arguments changes nothing and sends no write.
  - SC cannot edit a rule. Changed settings are a new rule, created first; the old one is deleted only once SC has
    made the new one.
  - With O(apply) (the default), the rules of every changed repository are applied when the task ends, so analysis
    shows recast findings with their new severity at once, and the O(secops.tenablesc.tenablesc_vulns_info#module:severity)
    filter selects on it.
  - Needs an account whose role may recast risks (Security Manager or Security Analyst).
author:
  - secops.tenablesc contributors (@secops)
extends_documentation_fragment:
  - secops.tenablesc.connection
  - secops.tenablesc.attributes.RISK_RULE
  - secops.tenablesc.risk_rule
  - secops.tenablesc.risk_rule.RECAST
notes:
  - A create is never sent twice. If the connection breaks after SC may have made the rules, the module looks for
    them before failing.
seealso:
  - module: secops.tenablesc.tenablesc_accept_risk
  - module: secops.tenablesc.tenablesc_risk_rule_info
  - name: Exceptions as code
    description: The collection's guide to keeping accepted and recast risks in version control.
    link: https://github.com/secops/tenablesc/blob/main/docs/exceptions-as-code.md
"""

EXAMPLES = r"""
- name: The WAF in front of the shop lowers this finding to low
  secops.tenablesc.tenablesc_recast_risk:
    plugin_id: 42873
    ips: [10.30.1.10, 10.30.1.11]
    port: "443"
    protocol: tcp
    new_severity: low
    comment: "RISK-77: behind the WAF, reviewed quarterly"

- name: Treat a plugin as informational on every host, until the end of the year
  secops.tenablesc.tenablesc_recast_risk:
    plugin_id: 10114
    all_hosts: true
    new_severity: info
    expires: "2027-12-31"

- name: Undo the recast
  secops.tenablesc.tenablesc_recast_risk:
    plugin_id: 10114
    all_hosts: true
    state: absent
"""

RETURN = r"""
rules:
  description:
    - The rules after the task, one per repository, in the shape of M(secops.tenablesc.tenablesc_accept_risk)'s
      RV(secops.tenablesc.tenablesc_accept_risk#module:rules) plus C(new_severity); empty after O(state=absent).
    - In check mode, the rules that would be made have C(id) null.
  returned: always
  type: list
  elements: dict
  contains:
    kind:
      description: C(recast).
      type: str
    id:
      description: The rule's ID in SC.
      type: int
    new_severity:
      description: The severity findings get, one of C(info), C(low), C(medium), C(high) and C(critical).
      type: str
  sample:
    - {kind: recast, id: 4, plugin_id: 42873, plugin_name: SSL Medium Strength Cipher Suites Supported,
       repository: {id: 1, name: DMZ}, host_type: ip, ips: [10.30.1.10, 10.30.1.11], asset_list: null, port: "443",
       protocol: tcp, new_severity: low, expires: null, expires_at: null, comment: "RISK-77",
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
    run_module(rule_argument_spec("recast"), functools.partial(run_rule_module, "recast"))


if __name__ == "__main__":
    main()

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The options of the modules that manage accept and recast risk rules.

Generated from RULE_OPTIONS and RECAST_OPTIONS in module_utils/risk_rules.py by tools/generated_code.py; edit the table, then run `make goldens`.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment:
    DOCUMENTATION = r"""
options:
  plugin_id:
    description:
      - 'The Nessus plugin whose findings the rule covers, such as V(19506).'
    type: int
    required: true
  ips:
    description:
      - 'The rule covers these hosts: addresses, CIDR networks or ranges.'
      - 'Give exactly one of O(ips), O(asset_list) and O(all_hosts=true).'
    type: list
    elements: str
  asset_list:
    description:
      - 'The rule covers the members of this asset list, by name or ID, as SC evaluates it.'
    type: raw
  all_hosts:
    description:
      - 'The rule covers every host of its repositories.'
    type: bool
    default: false
  port:
    description:
      - 'The port the rule covers, V(0) to V(65535), or V(any).'
    type: str
    default: any
  protocol:
    description:
      - 'The protocol the rule covers.'
    type: str
    choices: [any, tcp, udp, icmp]
    default: any
  repositories:
    description:
      - 'Repositories, by name or ID, to hold the rule; SC keeps one rule per repository.'
      - 'Default is every repository the account is assigned to.'
    type: list
    elements: raw
  expires:
    description:
      - >-
        When the rule ends: an ISO date (V(2027-03-31), the rule lasts through that day, UTC), an ISO date and time
        (V(2027-03-31T12:00:00Z), UTC unless it gives an offset), epoch seconds, or V(never).
      - 'A time already past on SC''s clock is refused: SC deletes expired rules by itself, every hour.'
    type: str
    default: never
  comment:
    description:
      - 'Why the rule exists: a ticket, an approver, a compensating control. Shown in SC.'
      - 'Not given is no comment: a rule with one is replaced by one without.'
    type: str
  state:
    description:
      - >-
        V(present) makes sure the rule exists in each repository with these settings; V(absent) deletes every rule for
        this plugin, these hosts, port and protocol in the repositories.
    type: str
    choices: [present, absent]
    default: present
  apply:
    description:
      - 'Apply the rules of each changed repository at once, so analysis shows the change when the task ends.'
      - >-
        With V(false), SC applies a new rule after a delay of its own, and a deleted rule keeps its effect until rules
        are applied again.
    type: bool
    default: true
"""

    RECAST = r"""
options:
  new_severity:
    description:
      - 'The severity the covered findings get. Required unless O(state=absent).'
    type: str
    choices: [info, low, medium, high, critical]
"""

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The friendly analysis filters.

Generated from FILTER_OPTIONS in module_utils/filters.py by tools/generated_code.py; edit the table, then run `make goldens`.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment:
    DOCUMENTATION = r"""
options:
  severity:
    description:
      - 'Severities to keep: names V(info), V(low), V(medium), V(high), V(critical), or numbers V(0) to V(4).'
      - 'Sent to SC as the C(severity) filter.'
    type: list
    elements: raw
  plugin_id:
    description:
      - 'Nessus plugin IDs to keep, such as V(19506).'
      - 'Sent to SC as the C(pluginID) filter.'
    type: list
    elements: raw
  plugin_name:
    description:
      - 'Keep plugins whose name contains this text, in any case (SC''s V(=) on C(pluginName)).'
      - 'Sent to SC as the C(pluginName) filter.'
    type: str
  ip:
    description:
      - 'Addresses, CIDR networks (V(10.0.0.0/24)) or ranges (V(10.0.0.1-10.0.0.20)) to keep.'
      - 'Sent to SC as the C(ip) filter.'
    type: list
    elements: str
  dns_name:
    description:
      - 'DNS names to keep.'
      - 'Sent to SC as the C(dnsName) filter.'
    type: list
    elements: str
  repository:
    description:
      - 'Repositories to keep, by name or ID. A name that matches none or several is an error.'
      - 'Sent to SC as the C(repository) filter.'
    type: list
    elements: raw
  asset:
    description:
      - >-
        Asset lists, by name or ID, whose members to keep: one list, or a list of them for their union (a host in any
        of them).
      - 'A name that matches none or several lists is an error; the account must be able to use each list.'
      - 'Sent to SC as the C(asset) filter.'
    type: raw
  cve:
    description:
      - 'CVE IDs to keep, such as V(CVE-2024-3400).'
      - 'Sent to SC as the C(cveID) filter.'
    type: list
    elements: str
  exploit_available:
    description:
      - 'Keep only findings with (V(true)) or without (V(false)) a known exploit.'
      - 'Sent to SC as the C(exploitAvailable) filter.'
    type: bool
  last_seen:
    description:
      - >-
        Keep findings last seen in this window: a number of days (V(30) is the last 30 days), SC's V(<end day>:<start
        day>) form (V(0:30), V(30:all)), or an epoch range V(<from>-<to>).
      - 'Sent to SC as the C(lastSeen) filter.'
    type: raw
  first_seen:
    description:
      - 'Keep findings first seen in this window; same forms as O(last_seen).'
      - 'Sent to SC as the C(firstSeen) filter.'
    type: raw
  vpr_score:
    description:
      - >-
        Keep findings whose Vulnerability Priority Rating is in this range: V(7-10), a list V([7, 10]), a dictionary
        with C(min) and C(max), or one number as the minimum.
      - 'Sent to SC as the C(vprScore) filter.'
    type: raw
  port:
    description:
      - 'Ports to keep.'
      - 'Sent to SC as the C(port) filter.'
    type: list
    elements: int
  protocol:
    description:
      - 'Protocols to keep: V(tcp), V(udp), V(icmp) or IP protocol numbers.'
      - 'Sent to SC as the C(protocol) filter.'
    type: list
    elements: raw
  accepted_risk:
    description:
      - 'Keep only findings an accept risk rule covers (V(true)), or leave them out (V(false)).'
      - >-
        SC includes accepted findings unless a query says otherwise; V(false) is how reports and inventories leave
        exceptions out (see M(secops.tenablesc.tenablesc_accept_risk)).
      - 'Sent to SC as the C(acceptRiskStatus) filter.'
    type: bool
  recast_risk:
    description:
      - 'Keep only findings whose severity a recast risk rule changed (V(true)), or leave them out (V(false)).'
      - 'A recast finding carries its new severity, which the O(severity) filter selects on.'
      - 'Sent to SC as the C(recastRiskStatus) filter.'
    type: bool
"""

#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: tenablesc_scan_result_info
short_description: Read Tenable Security Center scan results, and wait until one is imported
version_added: 0.1.0
description:
  - Reads one scan result by O(id), or the list of scan results, by O(name) and created after O(since).
  - SC lists only the last 30 days of results unless asked for a window; with O(since) the window starts there
    and ends at SC's clock now, however long ago that is.
  - With O(wait_for_import), waits until each result returned has ended and SC has imported it, so that its own
    data (C(source_type=individual) of M(secops.tenablesc.tenablesc_vulns_info)) can be read. SC refuses to query
    a result that is still importing.
  - Never changes anything on SC.
author:
  - secops.tenablesc contributors (@secops)
extends_documentation_fragment:
  - secops.tenablesc.connection
  - secops.tenablesc.attributes.READ_ONLY
  - secops.tenablesc.scan_wait
options:
  id:
    description: ID of one scan result. Not with O(name) or O(since).
    type: int
  name:
    description: Keep only results of scans with this exact name.
    type: str
  since:
    description:
      - Keep only results created at or after this time, as epoch seconds or ISO 8601 (V(2026-03-01),
        V(2026-03-01T06:00:00Z)); a time without a zone is UTC.
      - Without it, SC's default of the last 30 days applies.
    type: str
  wait_for_import:
    description:
      - Wait until each result returned has ended (status C(Completed) or C(Partial)) and SC has imported it
        (import C(Finished) or C(No Results)). A result that ends in error fails the task.
    type: bool
    default: false
seealso:
  - module: secops.tenablesc.tenablesc_scan_launch
  - name: Verify remediation
    description: The collection's guide to scans that verify a patch.
    link: https://github.com/secops/tenablesc/blob/main/docs/verify-remediation.md
"""

EXAMPLES = r"""
- name: Results of the weekly DMZ scan in the last 90 days
  secops.tenablesc.tenablesc_scan_result_info:
    name: "Weekly DMZ scan"
    since: "{{ '%Y-%m-%d' | strftime(now().timestamp() - 90 * 86400) }}"
  register: dmz_results

- name: Wait until a result launched earlier has been imported
  secops.tenablesc.tenablesc_scan_result_info:
    id: "{{ dmz_scan.scan_result.id }}"
    wait_for_import: true
    wait_timeout: 10800

- name: Then read what it found
  secops.tenablesc.tenablesc_vulns_info:
    source_type: individual
    scan_id: "{{ dmz_scan.scan_result.id }}"
    view: new
"""

RETURN = r"""
scan_results:
  description:
    - The scan results, oldest first, each described as in RV(scan_result).
  returned: always
  type: list
  elements: dict
  sample:
    - {id: 8, name: Weekly DMZ scan, status: Completed, import_status: Finished, started: 1767312000,
       finished: 1767315600, created: 1767312000, total_ips: 254, scanned_ips: 254, error_details: null,
       scan: {id: 12, name: Weekly DMZ scan}, repository: {id: 1, name: DMZ}}
scan_result:
  description: The scan result asked for by O(id).
  returned: when O(id) is given
  type: dict
  contains:
    id:
      description: The scan result's ID.
      type: int
    name:
      description: The scan's name.
      type: str
    status:
      description: SC's status, such as V(Queued), V(Running), V(Completed), V(Partial) or V(Error).
      type: str
    import_status:
      description: SC's import status, such as V(No Results), V(Importing) or V(Finished).
      type: str
    started:
      description: When the scan started, in epoch seconds on SC's clock.
      type: int
    finished:
      description: When the scan finished, in epoch seconds; V(null) while it runs.
      type: int
    created:
      description: When the result was created, in epoch seconds.
      type: int
    total_ips:
      description: Addresses the scan targets.
      type: int
    scanned_ips:
      description: Addresses scanned so far.
      type: int
    error_details:
      description: SC's explanation of an error, or V(null).
      type: str
    scan:
      description: The scan definition, as C(id) and C(name).
      type: dict
    repository:
      description: The repository the results go to, as C(id) and C(name).
      type: dict
  sample: {id: 8, name: Weekly DMZ scan, status: Completed, import_status: Finished, started: 1767312000,
           finished: 1767315600, created: 1767312000, total_ips: 254, scanned_ips: 254, error_details: null,
           scan: {id: 12, name: Weekly DMZ scan}, repository: {id: 1, name: DMZ}}
"""

from ansible_collections.secops.tenablesc.plugins.module_utils.module import run_module
from ansible_collections.secops.tenablesc.plugins.module_utils.scans import (
    imported,
    scan_result,
    scan_results,
    wait_argument_spec,
    wait_for_import,
)
from ansible_collections.secops.tenablesc.plugins.module_utils.sync import parse_since

ARGUMENT_SPEC = dict(
    wait_argument_spec(),
    id=dict(type="int"),
    name=dict(type="str"),
    since=dict(type="str"),
    wait_for_import=dict(type="bool", default=False),
)
MODULE_OPTIONS = dict(mutually_exclusive=[("id", "name"), ("id", "since")])


def run(module, client):
    params = module.params
    if params["id"] is not None:
        found = [scan_result(client, params["id"])]
    else:
        start = parse_since(params["since"]) if params["since"] else None
        found = [view for view in scan_results(client, start, client.clock() if start is not None else None)
                 if params["name"] is None or view["name"] == params["name"]]
    if params["wait_for_import"]:
        found = [view if imported(view) else wait_for_import(
            client, view["id"], params["wait_timeout"], params["poll_interval"], module.debug) for view in found]
    result = dict(changed=False, scan_results=found)
    if params["id"] is not None:
        result["scan_result"] = found[0]
    return result


def main():
    run_module(ARGUMENT_SPEC, run, **MODULE_OPTIONS)


if __name__ == "__main__":
    main()

#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: tenablesc_scan_launch
short_description: Launch a Tenable Security Center scan and, if asked, wait until its results are imported
version_added: 0.1.0
description:
  - Launches an existing scan definition (Scans > Active Scans), found by O(name) or O(id), and returns the scan
    result it made.
  - With O(wait), polls the result until SC has finished scanning and imported what it found, so the next task
    (M(secops.tenablesc.tenablesc_vulns_info), M(secops.tenablesc.tenablesc_findings_sync)) sees the new data.
    SC refuses queries of a result that is still importing.
  - A scan that ends in error fails the task with SC's C(errorDetails); a timeout fails with what SC last said.
    Either way the result is returned in RV(scan_result).
  - >-
    A launch whose answer is lost on the way back is never sent again: the result it made is found in SC's list of
    results instead, so one task never starts two scans.
  - Needs an account whose role may launch scans (Security Manager or Security Analyst) and that can use the scan.
author:
  - secops.tenablesc contributors (@secops)
extends_documentation_fragment:
  - secops.tenablesc.connection
  - secops.tenablesc.scan_wait
attributes:
  check_mode:
    support: full
    description: Finds the scan definition and reports C(changed), but launches nothing.
  diff_mode:
    support: none
    description: A launch changes no stored object, so there is no diff.
options:
  name:
    description:
      - Name of the scan definition. A name that several definitions share is an error naming their IDs.
      - Exactly one of O(name) and O(id) is required.
    type: str
  id:
    description: ID of the scan definition.
    type: int
  wait:
    description:
      - Wait until the scan has ended and SC has imported its results (status C(Completed) or C(Partial), import
        C(Finished) or C(No Results)).
    type: bool
    default: false
seealso:
  - module: secops.tenablesc.tenablesc_scan_result_info
  - module: secops.tenablesc.tenablesc_remediation_scan
  - name: Verify remediation
    description: The collection's guide to scans that verify a patch.
    link: https://github.com/secops/tenablesc/blob/main/docs/verify-remediation.md
"""

EXAMPLES = r"""
- name: Launch the weekly DMZ scan and go on
  secops.tenablesc.tenablesc_scan_launch:
    name: "Weekly DMZ scan"

- name: Launch it and wait for its results, for up to two hours
  secops.tenablesc.tenablesc_scan_launch:
    name: "Weekly DMZ scan"
    wait: true
    wait_timeout: 7200
    poll_interval: 60
  register: dmz_scan

- name: Read the findings of that very scan
  secops.tenablesc.tenablesc_vulns_info:
    source_type: individual
    scan_id: "{{ dmz_scan.scan_result.id }}"
    view: all
    severity: [high, critical]
"""

RETURN = r"""
scan:
  description: The scan definition launched.
  returned: always
  type: dict
  sample: {id: 12, name: Weekly DMZ scan}
scan_result:
  description:
    - The scan result the launch made, as SC last described it; V(null) in check mode.
    - With O(wait), the result once imported; on a failure it is in the failed task's result too.
  returned: success, and failures after the launch
  type: dict
  contains:
    id:
      description: The scan result's ID, for M(secops.tenablesc.tenablesc_scan_result_info) and C(scan_id) of
        M(secops.tenablesc.tenablesc_vulns_info).
      type: int
      sample: 8
    name:
      description: The scan's name.
      type: str
      sample: Weekly DMZ scan
    status:
      description: SC's status, such as V(Queued), V(Running), V(Completed), V(Partial) or V(Error).
      type: str
      sample: Completed
    import_status:
      description: SC's import status, such as V(No Results), V(Importing) or V(Finished).
      type: str
      sample: Finished
    started:
      description: When the scan started, in epoch seconds on SC's clock.
      type: int
      sample: 1767312000
    finished:
      description: When the scan finished, in epoch seconds; V(null) while it runs.
      type: int
      sample: 1767315600
    created:
      description: When the result was created, in epoch seconds.
      type: int
      sample: 1767312000
    total_ips:
      description: Addresses the scan targets.
      type: int
      sample: 254
    scanned_ips:
      description: Addresses scanned so far.
      type: int
      sample: 254
    error_details:
      description: SC's explanation of an error, or V(null).
      type: str
      sample: null
    scan:
      description: The scan definition, as C(id) and C(name).
      type: dict
      sample: {id: 12, name: Weekly DMZ scan}
    repository:
      description: The repository the results go to, as C(id) and C(name).
      type: dict
      sample: {id: 1, name: DMZ}
"""

from ansible_collections.secops.tenablesc.plugins.module_utils.lookups import scan_definition
from ansible_collections.secops.tenablesc.plugins.module_utils.module import run_module
from ansible_collections.secops.tenablesc.plugins.module_utils.scans import launch, wait_argument_spec, wait_for_import

ARGUMENT_SPEC = dict(
    wait_argument_spec(),
    name=dict(type="str"),
    id=dict(type="int"),
    wait=dict(type="bool", default=False),
)
MODULE_OPTIONS = dict(mutually_exclusive=[("name", "id")], required_one_of=[("name", "id")])


def run(module, client):
    params = module.params
    found = scan_definition(client, params["id"] if params["id"] is not None else params["name"])
    scan = dict(id=int(found["id"]), name=found.get("name"))
    if module.check_mode:
        return dict(changed=True, scan=scan, scan_result=None)
    result = launch(client, found["id"], module.warn)
    if params["wait"]:
        result = wait_for_import(client, result["id"], params["wait_timeout"], params["poll_interval"], module.debug)
    return dict(changed=True, scan=scan, scan_result=result)


def main():
    run_module(ARGUMENT_SPEC, run, **MODULE_OPTIONS)


if __name__ == "__main__":
    main()

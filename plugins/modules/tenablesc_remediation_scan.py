#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: tenablesc_remediation_scan
short_description: Verify a fix with a Tenable Security Center remediation scan, finding by finding
version_added: 0.1.0
description:
  - Scans the plugins of some findings on their hosts, waits until SC has imported the results, and tells for each
    finding whether it is V(fixed), still V(vulnerable), or V(not_checked).
  - >-
    What to verify is either O(findings), rows of M(secops.tenablesc.tenablesc_vulns_info) or
    M(secops.tenablesc.tenablesc_findings_sync), or O(targets) with O(plugin_ids): the findings SC holds open for
    those hosts and plugins, looked up first.
  - >-
    SC 5.20 and later refuse a scan of type C(plugin), so, as SC's own "Launch Remediation Scan" does, the module
    builds a policy from the C(Advanced Scan) template that enables only those plugins (within their families) and a
    policy scan of the hosts, one per repository, and launches it. Both are deleted when the task ends, whether it
    succeeds or fails, unless O(keep_scan) is set.
  - >-
    A finding is V(vulnerable) if SC's cumulative data saw it at or after the scan's start, V(fixed) if SC's
    mitigated data has it mitigated at or after the start (the plugin no longer reported it), and V(not_checked)
    otherwise: the host did not answer, or the scan did not reach it.
  - >-
    A create or launch whose answer is lost on the way back is never sent again: what SC made is found by its unique
    name instead, so one task never leaves two scans behind.
  - Needs an account whose role may create policies and scans (Security Manager or Security Analyst), assigned to
    the repositories of the findings.
author:
  - secops.tenablesc contributors (@secops)
extends_documentation_fragment:
  - secops.tenablesc.connection
  - secops.tenablesc.scan_wait
attributes:
  check_mode:
    support: full
    description: Looks up the findings, plugins and families and returns the scans it would run, creating nothing.
  diff_mode:
    support: none
    description: The policies and scans live only while the task runs, so there is no diff.
options:
  findings:
    description:
      - Findings to verify, each a mapping with C(ip) and C(pluginID) (or C(plugin_id)), and optionally C(port),
        C(protocol) and C(repository) (a mapping with C(id), as SC's rows carry it). Without C(port) and
        C(protocol), any port of the plugin on the host is meant.
      - The rows of M(secops.tenablesc.tenablesc_vulns_info) and M(secops.tenablesc.tenablesc_findings_sync) can be
        given as they are.
      - Exactly one of O(findings) and O(targets) is required.
    type: list
    elements: dict
  targets:
    description:
      - Hosts to verify, as addresses, CIDR networks or ranges; with O(plugin_ids). The findings of those plugins
        that SC holds open on those hosts are verified.
    type: list
    elements: str
  plugin_ids:
    description: Plugin IDs to verify on O(targets).
    type: list
    elements: int
  repository:
    description:
      - Repository, by name or ID, that the scans import into and whose data tells the outcome.
      - By default each finding's own repository (one scan per repository). With O(targets), only findings in this
        repository are looked up.
    type: raw
  name:
    description:
      - Start of the names of the policies and scans created, such as a change ticket's number; a random token and
        the repository ID follow it, so that each run's objects are its own.
    type: str
    default: secops.tenablesc remediation
  keep_scan:
    description:
      - Keep the policies and scan definitions the task created, to look at them in SC. By default they are deleted
        when the task ends, also when it fails. The scan results stay in SC either way.
    type: bool
    default: false
notes:
  - The scan uses the default settings of the C(Advanced Scan) template and no credentials, so it verifies what an
    uncredentialed scan can see. Plugins that need credentials (local security checks) show V(not_checked) or keep
    their old state unless the hosts are reachable that way; verify those with the scan that found them
    (M(secops.tenablesc.tenablesc_scan_launch)).
seealso:
  - module: secops.tenablesc.tenablesc_scan_launch
  - module: secops.tenablesc.tenablesc_vulns_info
  - name: Verify remediation
    description: The collection's guide, with the role C(secops.tenablesc.verify_remediation).
    link: https://github.com/secops/tenablesc/blob/main/docs/verify-remediation.md
"""

EXAMPLES = r"""
- name: Critical findings of the web servers
  secops.tenablesc.tenablesc_vulns_info:
    ip: [10.0.0.5, 10.0.0.6]
    severity: [critical]
  register: critical

# ... patch the hosts ...

- name: Verify that the patch fixed them
  secops.tenablesc.tenablesc_remediation_scan:
    findings: "{{ critical.findings }}"
    wait_timeout: 7200
  register: verified

- name: Fail on what is still vulnerable or was not checked
  ansible.builtin.assert:
    that: verified.counts.fixed == verified.results | length
    fail_msg: "{{ verified.results | rejectattr('status', 'eq', 'fixed') | list }}"

- name: Verify two plugins on a network, keeping the scan to look at it in SC
  secops.tenablesc.tenablesc_remediation_scan:
    targets: [10.0.1.0/24]
    plugin_ids: [97833, 156032]
    repository: Servers
    keep_scan: true

- name: Name the scan after the change it verifies
  secops.tenablesc.tenablesc_remediation_scan:
    findings: "{{ critical.findings }}"
    name: "CHG0012345 verify"
"""

RETURN = r"""
results:
  description: One entry per finding verified, in the order given (with O(targets), in SC's order).
  returned: always
  type: list
  elements: dict
  contains:
    ip:
      description: The host's address.
      type: str
    plugin_id:
      description: The plugin.
      type: int
    port:
      description: The port, or V(null) for any port.
      type: int
    protocol:
      description: The protocol, such as V(TCP), or V(null) for any.
      type: str
    repository_id:
      description: The repository the scan imported into.
      type: int
    status:
      description: V(fixed), V(vulnerable) or V(not_checked).
      type: str
    last_seen:
      description: When the scan saw it, for a V(vulnerable) finding, in epoch seconds.
      type: int
    last_mitigated:
      description: When SC marked it mitigated, for a V(fixed) finding, in epoch seconds.
      type: int
    scan_result_id:
      description: The scan result that decided it.
      type: int
  sample:
    - {ip: 10.0.0.5, plugin_id: 97833, port: 445, protocol: TCP, repository_id: 1, status: fixed,
       last_seen: null, last_mitigated: 1767315601, scan_result_id: 8}
counts:
  description: How many findings are in each state.
  returned: always
  type: dict
  sample: {fixed: 3, vulnerable: 1, not_checked: 0}
not_open:
  description: With O(targets), the host and plugin pairs for which SC held no open finding, so nothing was verified.
  returned: always
  type: list
  elements: dict
  sample: [{ip: 10.0.1.7, plugin_id: 156032}]
scans:
  description: The scans run (or, in check mode, that would run), one per repository.
  returned: always
  type: list
  elements: dict
  sample: [{repository_id: 1, ips: [10.0.0.5, 10.0.0.6], plugin_ids: [97833]}]
scan_results:
  description: The scan results, described as by M(secops.tenablesc.tenablesc_scan_result_info).
  returned: always
  type: list
  elements: dict
"""

from ansible_collections.secops.tenablesc.plugins.module_utils.errors import ConfigurationError
from ansible_collections.secops.tenablesc.plugins.module_utils.lookups import NameResolver
from ansible_collections.secops.tenablesc.plugins.module_utils.module import run_module
from ansible_collections.secops.tenablesc.plugins.module_utils.remediation import (
    NAME_PREFIX,
    RemediationScan,
    counts,
    findings_from_rows,
    open_findings,
)
from ansible_collections.secops.tenablesc.plugins.module_utils.scans import wait_argument_spec

ARGUMENT_SPEC = dict(
    wait_argument_spec(),
    findings=dict(type="list", elements="dict"),
    targets=dict(type="list", elements="str"),
    plugin_ids=dict(type="list", elements="int"),
    repository=dict(type="raw"),
    name=dict(type="str", default=NAME_PREFIX),
    keep_scan=dict(type="bool", default=False),
)
MODULE_OPTIONS = dict(mutually_exclusive=[("findings", "targets")], required_one_of=[("findings", "targets")],
                      required_together=[("targets", "plugin_ids")])


def run(module, client):
    params = module.params
    repository_id = None
    if isinstance(params["repository"], (bool, dict, list)):
        raise ConfigurationError("repository must be one repository's name or ID.")
    if params["repository"] is not None:
        repository_id = NameResolver(client).repository_ids([params["repository"]])[0]
    not_open = []
    if params["targets"] is not None:
        findings = open_findings(client, params["targets"], params["plugin_ids"],
                                 [repository_id] if repository_id else None, module.debug)
        found = {(finding.ip, int(finding.plugin_id)) for finding in findings}
        not_open = [dict(ip=ip, plugin_id=plugin_id) for ip in params["targets"] for plugin_id in params["plugin_ids"]
                    if (ip, plugin_id) not in found and "/" not in ip and "-" not in ip]
    else:
        findings = findings_from_rows(params["findings"], repository_id)
    remediation = RemediationScan(client, findings, module.warn, module.debug, keep_scan=params["keep_scan"],
                                  name=params["name"])
    plans = [dict(repository_id=int(plan["repository_id"]), ips=plan["ips"], plugin_ids=[int(p) for p in plan["plugin_ids"]])
             for plan in remediation.plans()]
    result = dict(changed=bool(findings), results=[], counts=counts([]), not_open=not_open, scans=plans,
                  scan_results=[])
    if module.check_mode or not findings:
        remediation.families()
        return result
    results, scan_results = remediation.run(params["wait_timeout"], params["poll_interval"])
    return dict(result, results=results, counts=counts(results), scan_results=scan_results)


def main():
    run_module(ARGUMENT_SPEC, run, **MODULE_OPTIONS)


if __name__ == "__main__":
    main()

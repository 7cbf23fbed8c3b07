#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: tenablesc_findings_sync
short_description: Findings that changed on Tenable Security Center since the last run, open, reopened and fixed
version_added: 0.1.0
description:
  - >-
    Reads what changed on SC in a time window: findings fixed in it (SC's mitigated data, by C(lastMitigated)),
    and findings seen in it (cumulative data, by C(lastSeen)), C(reopened) when SC flags them C(hasBeenMitigated).
  - With O(checkpoint_file), each run starts where the last successful one ended, so successive runs deliver
    every change once, to feed a ticket system, a CMDB or a data lake on a schedule.
  - The window is cut on SC's clock (the C(Date) of its answers), never from a row, so a host clock that differs
    from SC's loses nothing. Fixed findings are read first, so the last state delivered for a finding is SC's.
  - Never changes anything on SC.
author:
  - secops.tenablesc contributors (@secops)
extends_documentation_fragment:
  - secops.tenablesc.connection
  - secops.tenablesc.attributes.READ_ONLY
  - secops.tenablesc.analysis
options:
  filters:
    description:
      - >-
        Keep only findings that match these filters, in the vocabulary of the
        M(secops.tenablesc.tenablesc_vulns_info) options, such as C({severity: [high, critical], repository: [DMZ]}).
      - Keys are C(severity), C(plugin_id), C(plugin_name), C(ip), C(dns_name), C(repository), C(asset), C(cve),
        C(exploit_available), C(first_seen), C(vpr_score), C(port), C(protocol), C(accepted_risk), C(recast_risk).
      - C(last_seen) is refused, because the sync sets the time window itself.
    type: dict
    default: {}
  query:
    description:
      - A saved SC query (C(/rest/query)), by name or ID, whose filters apply too; O(filters) add to them.
      - Its filters are read and sent with each request, because SC 6.7 and later no longer run a query by its ID.
      - SC keeps one filter per name, so a filter in both the query and O(filters) is an error, as is a query
        filter on C(lastSeen) or C(lastMitigated).
    type: str
  states:
    description:
      - Which changes to read. V(open) includes reopened findings.
    type: list
    elements: str
    choices: [open, fixed]
    default: [open, fixed]
  since:
    description:
      - Start of the window, as epoch seconds or ISO 8601 (V(2026-03-01), V(2026-03-01T06:00:00Z)); a time without
        a zone is UTC.
      - Given, it wins over the checkpoint in O(checkpoint_file); the file is still written after the run.
    type: str
  checkpoint_file:
    description:
      - A file on the host that runs the task (use C(delegate_to=localhost) for the controller) keeping where the
        last successful run ended. When it exists, the window starts just after that point.
      - Written only after a fully successful run and replaced at once; created with mode V(0600), a replaced file
        keeps its mode. It holds the window, the counts and SC's URL, never a key. After any failure it is left as
        it was, so the next run reads the same window again. It is never written in check mode.
      - A file written for another SC URL is refused, so that one SC's checkpoint never skips another's data.
    type: path
  first_run_days:
    description:
      - Without O(since) and without a checkpoint, the window starts this many days before SC's clock.
    type: int
    default: 30
  overlap:
    description:
      - Seconds read again before the checkpoint, for scans that SC imports after the next run began (a
        finding's C(lastSeen) is when its scan ran, not when SC imported it).
      - A finding read twice in one run is delivered once; one read again in the overlap of the next run is
        delivered again there.
    type: int
    default: 0
  page_size:
    description:
      - Rows per analysis request (1 to 10000). Larger pages mean fewer requests.
    type: int
    default: 5000
  dest:
    description:
      - Write the rows to this file instead of returning them; RV(rows) is then not returned.
      - Written on the host that runs the task, page by page so memory stays flat; the file appears only when
        every row has been written. Not written in check mode.
    type: path
  format:
    description:
      - Format of O(dest). Defaults to the extension of O(dest), else V(jsonl).
    type: str
    choices: [json, jsonl, csv]
notes:
  - A run that fails on any page fails the task; O(dest) and O(checkpoint_file) are left as they were.
  - SC keeps C(hasBeenMitigated) once a finding was fixed and found again, so a reopened finding is reported as
    V(reopened) in every run that sees it while it stays open, as Tenable's Jira integration does.
  - Findings are keyed by the fields SC names in each row's C(vulnUniqueness) (SC 6.x), such as
    C(repositoryID,ip,port,protocol,pluginID); on older SC, by the host's uniqueness fields without its DNS name,
    then port, protocol and plugin ID, which gives the same key.
seealso:
  - module: secops.tenablesc.tenablesc_vulns_info
  - name: Sync findings (docs/sync-findings.md)
    description: Schedules in AWX, checkpoints on persistent storage, and the event source for Event-Driven Ansible.
    link: https://github.com/secops/tenablesc/blob/main/docs/sync-findings.md
"""

EXAMPLES = r"""
- name: What changed since the last run, into a file for the data lake
  secops.tenablesc.tenablesc_findings_sync:
    checkpoint_file: /var/lib/tenablesc/findings.checkpoint
    dest: /var/lib/tenablesc/changes.jsonl
    filters:
      severity: [medium, high, critical]
  delegate_to: localhost
  register: sync

- name: New and reopened critical findings since the last run
  secops.tenablesc.tenablesc_findings_sync:
    checkpoint_file: /var/lib/tenablesc/critical.checkpoint
    states: [open]
    filters:
      severity: [critical]
  delegate_to: localhost
  register: critical

- name: One line per finding, keyed for a ticket system
  ansible.builtin.debug:
    msg: "{{ item.finding_key }}: {{ item.pluginName }} on {{ item.ip }} ({{ item.state }})"
  loop: "{{ critical.rows }}"
  loop_control:
    label: "{{ item.finding_key }}"

- name: Fixed findings of a saved query in the last day, back in the result
  secops.tenablesc.tenablesc_findings_sync:
    query: Weekly review
    states: [fixed]
    first_run_days: 1
  register: fixed

- name: Everything that changed since a given time, without touching any checkpoint
  secops.tenablesc.tenablesc_findings_sync:
    since: "2026-03-01T00:00:00Z"
    filters:
      repository: [DMZ]
  register: since_march
"""

RETURN = r"""
rows:
  description:
    - The changed findings, when O(dest) is not given.
    - Each is a C(vulndetails) row typed as M(secops.tenablesc.tenablesc_vulns_info) types it, plus
      C(finding_key) (the same text for the same finding in every run and state) and C(state)
      (V(open), V(reopened) or V(fixed)).
  returned: when O(dest) is not given
  type: list
  elements: dict
  sample:
    - {pluginID: 19506, pluginName: Nessus Scan Information, ip: 10.0.0.5, port: 0, protocol: TCP,
       severity: {id: 0, name: Info, description: Informative}, lastSeen: 1763856000, hasBeenMitigated: false,
       finding_key: "repositoryID=1,ip=10.0.0.5,port=0,protocol=TCP,pluginID=19506", state: open}
dest:
  description: The file written, when O(dest) was given (not in check mode).
  returned: when O(dest) was given
  type: str
  sample: /var/lib/tenablesc/changes.jsonl
checkpoint:
  description: The end of the window read, in epoch seconds on SC's clock; the next run starts just after it.
  returned: always
  type: int
  sample: 1767312000
window:
  description: The window read, in epoch seconds on SC's clock, both ends included.
  returned: always
  type: dict
  contains:
    start:
      description: The first second of the window.
      type: int
    end:
      description: The last second of the window, the new checkpoint.
      type: int
  sample: {start: 1767225601, end: 1767312000}
counts:
  description: How many findings of each state were delivered.
  returned: always
  type: dict
  contains:
    open:
      description: Findings seen in the window, never fixed before.
      type: int
    reopened:
      description: Findings seen in the window that SC had found fixed before.
      type: int
    fixed:
      description: Findings found fixed in the window.
      type: int
  sample: {open: 1200, reopened: 14, fixed: 96}
"""

from contextlib import nullcontext

from ansible_collections.secops.tenablesc.plugins.module_utils.analysis import analysis_argument_spec
from ansible_collections.secops.tenablesc.plugins.module_utils.errors import ConfigurationError
from ansible_collections.secops.tenablesc.plugins.module_utils.export import AtomicRowWriter, format_for
from ansible_collections.secops.tenablesc.plugins.module_utils.module import run_module
from ansible_collections.secops.tenablesc.plugins.module_utils.sync import SYNC_OPTIONS, Checkpoint, FindingsSync

ARGUMENT_SPEC = dict(
    SYNC_OPTIONS,
    **analysis_argument_spec(),
    dest=dict(type="path"),
    format=dict(type="str", choices=["json", "jsonl", "csv"]),
)


def run(module, client):
    params = module.params
    if params["format"] and not params["dest"]:
        raise ConfigurationError("format applies only with dest.")
    checkpoint = Checkpoint(params["checkpoint_file"], client.settings.url)
    sync = FindingsSync(client, filters=params["filters"], query=params["query"], states=params["states"],
                        was_findings=params["was_findings"], page_size=params["page_size"],
                        concurrency=params["concurrency"], debug=module.debug)
    window = sync.window(since=params["since"], checkpoint=checkpoint.read(), first_run_days=params["first_run_days"],
                         overlap=params["overlap"])
    rows = []
    writer = None
    if params["dest"] and not module.check_mode:
        writer = AtomicRowWriter(params["dest"], format_for(params["dest"], params["format"]))
    with writer or nullcontext():
        counts = sync.run(window, _sink(params["dest"], writer, rows))
    if params["checkpoint_file"] and not module.check_mode:
        checkpoint.write(window, counts)
    result = dict(changed=False, checkpoint=window.end, window=window._asdict(), counts=counts)
    if params["dest"]:
        result["dest"] = params["dest"]
    else:
        result["rows"] = rows
    return result


def _sink(dest, writer, rows):
    """Where each page goes: the file, the result, or nowhere (check mode with dest: counted only)."""
    if writer:
        return writer.write_rows
    return (lambda page: None) if dest else rows.extend


def main():
    run_module(ARGUMENT_SPEC, run)


if __name__ == "__main__":
    main()

#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: tenablesc_vulns_info
short_description: Query Tenable Security Center findings through the analysis API
version_added: 0.1.0
description:
  - Runs one of SC's vulnerability analysis tools (C(vulndetails), C(sumip), C(sumid), ...) with friendly
    filters, pages through every result, and returns the rows or streams them to a file.
  - Rows keep SC's field names; counts, IDs, ports, scores and epoch times are numbers,
    C(exploitAvailable), C(hasBeenMitigated), C(acceptRisk) and C(recastRisk) are booleans,
    and values SC leaves empty or sets to V(-1) for "unknown" are V(null).
  - Never changes anything on SC.
author:
  - secops.tenablesc contributors (@secops)
extends_documentation_fragment:
  - secops.tenablesc.connection
  - secops.tenablesc.attributes.READ_ONLY
  - secops.tenablesc.filters
  - secops.tenablesc.analysis
options:
  tool:
    description:
      - SC's analysis tool.
      - V(vulndetails) gives one row per finding; V(listvuln) a shorter one; V(sumip) one row per host
        and repository with severity counts; V(sumid) one row per plugin; V(sumseverity) one row per severity;
        V(sumasset) one row per asset list; V(listos) operating systems.
    type: str
    default: vulndetails
    choices: [cceipdetail, cveipdetail, iavmipdetail, listmailclients, listos, listservices, listsoftware,
              listsshservers, listvuln, listwebclients, listwebservers, sumasset, sumcce, sumclassa, sumclassb,
              sumclassc, sumcve, sumdnsname, sumfamily, sumiavm, sumid, sumip, summsbulletin, sumport, sumprotocol,
              sumremediation, sumseverity, sumuserresponsibility, trend, vulndetails, vulnipdetail, vulnipsummary]
  source_type:
    description:
      - V(cumulative) is the current state; V(patched) the mitigated findings;
        V(individual) one scan result, given by O(scan_id) and O(view).
    type: str
    default: cumulative
    choices: [cumulative, patched, individual]
  scan_id:
    description: ID of the scan result to read, with O(source_type=individual).
    type: int
  view:
    description: Which findings of the scan result, with O(source_type=individual).
    type: str
    choices: [all, new, patched]
  filters:
    description:
      - Raw SC analysis filters, for anything the friendly options do not cover.
      - They combine with the friendly options; naming the same SC filter twice is an error.
      - An unknown filter name fails with the list of names SC accepts.
    type: list
    elements: dict
    default: []
  sort_field:
    description: Field SC sorts the rows by, such as V(severity) or V(ip).
    type: str
  sort_dir:
    description: Sort direction.
    type: str
    choices: [ASC, DESC, asc, desc]
  limit:
    description:
      - Return at most this many rows; fetching stops as soon as they have come.
      - Unset means every row.
    type: int
  page_size:
    description:
      - Rows per analysis request (1 to 10000).
      - Larger pages mean fewer requests, which is where the speed comes from with one request in flight;
        memory holds about two pages at a time (three with O(concurrency=2)...).
    type: int
    default: 5000
  fields:
    description:
      - Keep only these keys of each row; C(vulndetails) rows are large.
    type: list
    elements: str
  dest:
    description:
      - Write the rows to this file instead of returning them; RV(findings) is then empty.
      - The file is written on the host that runs the task (use C(localhost) for the controller),
        row by row so memory stays flat, and appears only when every row has been written.
    type: path
  format:
    description:
      - Format of O(dest). Defaults to the extension of O(dest), else V(jsonl).
      - V(json) is one array, V(jsonl) one object per line, V(csv) a header then one line per row with
        nested fields as C(parent.child) columns.
    type: str
    choices: [json, jsonl, csv]
notes:
  - Web application findings are left out unless O(was_findings) asks for them, so that counts mean host findings.
  - SC's counts are not trusted for paging; rows are compared instead, so a page that holds a row more than asked
    neither loses nor doubles a row.
  - In check mode the module still writes O(dest), which is on the controller side of the task, not SC.
  - A failure on any page fails the task; partial results are never returned as success, and O(dest) is left as it was.
"""

EXAMPLES = r"""
- name: Critical findings with a known exploit seen in the last 30 days in the DMZ repository
  secops.tenablesc.tenablesc_vulns_info:
    severity: [critical]
    exploit_available: true
    last_seen: 30
    repository: [DMZ]
  register: urgent

- name: Which hosts still have CVE-2024-3400
  secops.tenablesc.tenablesc_vulns_info:
    tool: sumip
    cve: [CVE-2024-3400]
    fields: [ip, dnsName, repository]
  register: exposed

- name: Export all current findings to a CSV for the audit
  secops.tenablesc.tenablesc_vulns_info:
    dest: /srv/audit/findings.csv
    fields: [ip, dnsName, pluginID, pluginName, severity, port, protocol, firstSeen, lastSeen, solution]
  delegate_to: localhost

- name: Per-plugin counts for the dashboard
  secops.tenablesc.tenablesc_vulns_info:
    tool: sumid
    severity: [high, critical]
    sort_field: total
    sort_dir: DESC
    limit: 20
  register: top_plugins

- name: Any SC filter the friendly options do not cover
  secops.tenablesc.tenablesc_vulns_info:
    filters:
      - filterName: pluginType
        operator: "="
        value: active
    severity: [high]
"""

RETURN = r"""
findings:
  description:
    - The rows, with SC's field names and typed values; empty when O(dest) is given.
    - "C(vulndetails) rows: C(pluginID) (int), C(pluginName), C(severity) ({id (int), name, description}),
      C(ip), C(dnsName), C(netbiosName), C(macAddress), C(port) (int), C(protocol), C(firstSeen)/C(lastSeen)
      (int epoch), C(exploitAvailable) (bool), C(vprScore), C(baseScore), C(cvssV3BaseScore) (float or null),
      C(cve), C(solution), C(synopsis), C(description), C(repository) ({id (int), name, ...}), C(family), ..."
    - "C(sumip) rows: C(ip), C(dnsName), C(netbiosName), C(macAddress), C(osCPE), C(uuid), C(score) (int),
      C(total) (int), C(severityInfo) ... C(severityCritical) (int), C(lastAuthRun)/C(lastUnauthRun) (int epoch or null),
      C(repository)."
    - "C(sumid) rows: C(pluginID), C(name), C(severity), C(total), C(hostTotal), C(family)."
  returned: always
  type: list
  elements: dict
  sample:
    - {pluginID: 19506, pluginName: Nessus Scan Information, ip: 10.0.0.5, port: 0, protocol: TCP,
       severity: {id: 0, name: Info, description: Informative}, exploitAvailable: false, lastSeen: 1763856000}
total_records:
  description: How many rows SC said the query matches (before O(limit)); null if SC did not say.
  returned: always
  type: int
  sample: 1629
returned_records:
  description: How many rows were returned or written.
  returned: always
  type: int
  sample: 1629
severity_counts:
  description:
    - Findings per severity over what was returned (per-host counts summed for C(sumip),
      C(count) or C(total) for summary tools); null for tools whose rows carry no severity.
  returned: always
  type: dict
  sample: {info: 120, low: 14, medium: 60, high: 21, critical: 4}
dest:
  description: The file written, when O(dest) was given.
  returned: when O(dest) was given
  type: str
  sample: /srv/audit/findings.csv
"""

from contextlib import nullcontext

from ansible_collections.secops.tenablesc.plugins.module_utils.analysis import (
    SORT_DIRECTIONS,
    SOURCE_TYPES,
    VIEWS,
    VULN_TOOLS,
    AnalysisPages,
    AnalysisQuery,
    analysis_argument_spec,
)
from ansible_collections.secops.tenablesc.plugins.module_utils.errors import ConfigurationError
from ansible_collections.secops.tenablesc.plugins.module_utils.export import FORMATS, AtomicRowWriter, format_for
from ansible_collections.secops.tenablesc.plugins.module_utils.filters import (
    FILTER_OPTIONS,
    filter_argument_spec,
    translate_filters,
)
from ansible_collections.secops.tenablesc.plugins.module_utils.lookups import NameResolver
from ansible_collections.secops.tenablesc.plugins.module_utils.module import run_module
from ansible_collections.secops.tenablesc.plugins.module_utils.rows import (
    SEVERITY_FIELDS,
    SEVERITY_NAMES,
    normalize_row,
    severity_counts,
)

ARGUMENT_SPEC = dict(
    filter_argument_spec(),
    **analysis_argument_spec(),
    tool=dict(type="str", default="vulndetails", choices=list(VULN_TOOLS)),
    source_type=dict(type="str", default="cumulative", choices=list(SOURCE_TYPES)),
    scan_id=dict(type="int"),
    view=dict(type="str", choices=list(VIEWS)),
    filters=dict(type="list", elements="dict", default=[]),
    sort_field=dict(type="str"),
    sort_dir=dict(type="str", choices=list(SORT_DIRECTIONS) + [direction.lower() for direction in SORT_DIRECTIONS]),
    limit=dict(type="int"),
    page_size=dict(type="int", default=5000),
    fields=dict(type="list", elements="str"),
    dest=dict(type="path"),
    format=dict(type="str", choices=list(FORMATS)),
)


class Findings:
    """Collects or writes rows a page at a time, keeping only the wanted fields, and tallies severities."""

    def __init__(self, fields, sink):
        self._fields = fields
        # Only what is kept, and what the severity tally reads, is typed.
        self._typed_fields = list(dict.fromkeys(list(fields) + list(SEVERITY_FIELDS))) if fields else None
        self._sink = sink
        self.severity_counts = None
        self.count = 0

    def add(self, page):
        rows = [normalize_row(row, self._typed_fields) for row in page]
        for counts in filter(None, map(severity_counts, rows)):
            self.severity_counts = self.severity_counts or dict.fromkeys(SEVERITY_NAMES, 0)
            for name, count in counts.items():
                self.severity_counts[name] += count
        if self._fields:
            rows = [dict((field, row[field]) for field in self._fields if field in row) for row in rows]
        self._sink(rows)
        self.count += len(rows)


def run(module, client):
    params = module.params
    if params["format"] and not params["dest"]:
        raise ConfigurationError("format applies only with dest.")
    filters = translate_filters(
        dict((name, params[name]) for name in FILTER_OPTIONS), NameResolver(client), params["filters"])
    query = AnalysisQuery(tool=params["tool"], source_type=params["source_type"], filters=filters,
                          sort_field=params["sort_field"], sort_dir=params["sort_dir"], scan_id=params["scan_id"],
                          view=params["view"], was_findings=params["was_findings"])
    pages = AnalysisPages(client, query, page_size=params["page_size"], concurrency=params["concurrency"],
                          limit=params["limit"], progress=lambda count, rows: module.debug("page %d, %d rows" % (count, rows)))
    rows = []
    writer = AtomicRowWriter(params["dest"], format_for(params["dest"], params["format"])) if params["dest"] else None
    with writer or nullcontext():
        findings = Findings(params["fields"], writer.write_rows if writer else rows.extend)
        for page in pages.pages():
            findings.add(page)
    result = dict(changed=False, findings=rows, total_records=pages.total_records, returned_records=findings.count,
                  severity_counts=findings.severity_counts)
    if params["dest"]:
        result["dest"] = params["dest"]
    return result


def main():
    run_module(ARGUMENT_SPEC, run)


if __name__ == "__main__":
    main()

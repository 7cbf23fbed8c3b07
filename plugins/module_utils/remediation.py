# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Remediation scans: scan the plugins of some findings on their hosts, then tell fixed from still vulnerable.

SC 5.20 and later refuse a scan of type "plugin" (pyTenable #544), so a remediation scan is built as Cortex XSOAR's
SC integration and Tenable's API guide build it: a policy from the advanced template that enables only the plugins
to verify, each within its family (looked up first), and a policy scan of the hosts with it, launched at once. One
policy and one scan per repository, made for one run and named with a random token, so that a create whose answer
was lost is found by its name rather than sent again. They are deleted when the run ends, however it ends, unless
kept.

After SC has imported the results, each finding asked about is ``vulnerable`` if cumulative data saw it at or after
the scan's start, ``fixed`` if mitigated data has it mitigated at or after the start, and ``not_checked`` otherwise:
the host did not answer, or the scan did not reach it.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import binascii
import os
from collections import namedtuple

from ansible_collections.secops.tenablesc.plugins.module_utils.analysis import AnalysisPages, AnalysisQuery
from ansible_collections.secops.tenablesc.plugins.module_utils.assets import is_address
from ansible_collections.secops.tenablesc.plugins.module_utils.connection import printable
from ansible_collections.secops.tenablesc.plugins.module_utils.errors import (
    ConfigurationError,
    NotFoundError,
    TransportError,
)
from ansible_collections.secops.tenablesc.plugins.module_utils.filters import translate_filters
from ansible_collections.secops.tenablesc.plugins.module_utils.lookups import NameResolver, plugin, usable_or_manageable
from ansible_collections.secops.tenablesc.plugins.module_utils.rows import normalize_row
from ansible_collections.secops.tenablesc.plugins.module_utils.scans import launch, wait_for_import

STATUSES = ("fixed", "vulnerable", "not_checked")
# recorded: scan_policy.yaml (template 1 is "Advanced Scan", the one a policy names its own plugins in)
ADVANCED_TEMPLATE_ID = 1
NAME_PREFIX = "secops.tenablesc remediation"
_ROW_FIELDS = ("ip", "pluginID", "port", "protocol", "repository", "lastSeen", "lastMitigated")

# One finding to verify. port and protocol are None when any port or protocol of the plugin on the host is meant.
Finding = namedtuple("Finding", "repository_id ip plugin_id port protocol")


def findings_from_rows(rows, repository_id=None):
    """Findings to verify from rows of tenablesc_vulns_info or tenablesc_findings_sync (ip, pluginID, port,
    protocol, repository); ``repository_id`` replaces each row's repository when given."""
    if not isinstance(rows, list):
        raise ConfigurationError("findings must be a list of rows, each with ip and pluginID.")
    found = []
    for number, row in enumerate(rows, 1):
        if not isinstance(row, dict):
            raise ConfigurationError("findings item %d is not a mapping with ip and pluginID." % number)
        ip, plugin_id = str(row.get("ip") or "").strip(), str(row.get("pluginID", row.get("plugin_id", ""))).strip()
        if not is_address(ip) or not plugin_id.isdigit():
            raise ConfigurationError("findings item %d needs an ip address and a numeric pluginID (got ip %s,"
                                     " pluginID %s)." % (number, printable(row.get("ip")), printable(plugin_id)))
        repository = row.get("repository") if isinstance(row.get("repository"), dict) else {}
        row_repository = repository.get("id", row.get("repositoryID"))
        if repository_id is None and row_repository in (None, ""):
            raise ConfigurationError("findings item %d names no repository; give repository." % number)
        port = row.get("port")
        protocol = row.get("protocol")
        found.append(Finding(str(repository_id if repository_id is not None else row_repository), ip, plugin_id,
                             None if port in (None, "") else str(port),
                             None if protocol in (None, "") else str(protocol).upper()))
    return list(dict.fromkeys(found))


def open_findings(client, ips, plugin_ids, repository_ids=None, debug=None):
    """The findings SC holds open for these hosts and plugins (what a check of ``targets`` verifies)."""
    values = {"ip": list(ips), "plugin_id": list(plugin_ids)}
    if repository_ids:
        values["repository"] = list(repository_ids)
    rows = AnalysisPages(client, AnalysisQuery(filters=translate_filters(values, NameResolver(client))),
                         progress=_progress(debug))
    return findings_from_rows([normalize_row(row, _ROW_FIELDS) for row in rows])


class RemediationScan:
    """The scans that verify ``findings``, run and cleaned up, and what they showed."""

    def __init__(self, client, findings, warn, debug, keep_scan=False, name=NAME_PREFIX):
        self._client = client
        self._findings = findings
        self._warn = warn
        self._debug = debug
        self._keep = keep_scan
        self._name = name
        self._token = binascii.hexlify(os.urandom(4)).decode()
        self.created = []  # (path, id) of what this run made, in order

    def plans(self):
        """One scan per repository: {repository_id, ips, plugin_ids, name}, in a stable order."""
        grouped = {}
        for finding in self._findings:
            plan = grouped.setdefault(finding.repository_id, {"ips": set(), "plugin_ids": set()})
            plan["ips"].add(finding.ip)
            plan["plugin_ids"].add(finding.plugin_id)
        return [{"repository_id": repository_id, "ips": sorted(plan["ips"], key=_address_order),
                 "plugin_ids": sorted(plan["plugin_ids"], key=int),
                 "name": "%s %s repository %s" % (self._name, self._token, repository_id)}
                for repository_id, plan in sorted(grouped.items())]

    def families(self):
        """{family id: [plugin ids]} for every plugin to verify; an unknown plugin is an error."""
        families = {}
        for plugin_id in sorted({finding.plugin_id for finding in self._findings}, key=int):
            family = plugin(self._client, plugin_id, fields="id,name,family").get("family") or {}
            if not str(family.get("id", "")).isdigit():
                raise ConfigurationError("SC names no family for plugin %s." % plugin_id)
            families.setdefault(str(family["id"]), []).append(plugin_id)
        return families

    def run(self, wait_timeout, poll_interval):
        """Create, launch and wait for each scan, then classify; returns (results, scan results)."""
        families = self.families()
        try:
            launched = [(plan, self._launch(plan, families)) for plan in self.plans()]
            finished = [(plan, wait_for_import(self._client, result["id"], wait_timeout, poll_interval, self._debug))
                        for plan, result in launched]
        finally:
            if not self._keep:
                self.clean_up()
        results = []
        for plan, result in finished:
            if result["status"] == "Partial":
                self._warn("Scan result %s ended Partial: SC scanned only part of it; unscanned findings are"
                           " not_checked." % result["id"])
            results.extend(self._classify(plan, result))
        return results, [result for _plan, result in finished]

    def _launch(self, plan, families):
        wanted = set(plan["plugin_ids"])
        families_body = [{"id": family_id, "plugins": [{"id": plugin_id} for plugin_id in plugin_ids if plugin_id in wanted]}
                         for family_id, plugin_ids in sorted(families.items(), key=lambda item: int(item[0]))
                         if wanted.intersection(plugin_ids)]
        # No "context": SC renames a policy that has one (Tenable's policy API), and the name is what finds it again
        # after a lost answer. Families name their plugins, or SC would enable the whole family.
        policy = self._create("/policy", {
            "name": plan["name"], "description": "Plugins to verify: %s" % ", ".join(plan["plugin_ids"]),
            "policyTemplate": {"id": ADVANCED_TEMPLATE_ID}, "families": families_body})
        # recorded: sc_scans_create.yaml (this body, with schedule "template": launched below, not at once)
        scan = self._create("/scan", {
            "name": plan["name"], "description": "Remediation scan of %d hosts" % len(plan["ips"]),
            "type": "policy", "policy": {"id": int(policy["id"])}, "repository": {"id": int(plan["repository_id"])},
            "ipList": ",".join(plan["ips"]), "schedule": {"type": "template"}})
        return launch(self._client, scan["id"], self._warn)

    def _create(self, path, body):
        """POST a policy or scan; a lost answer is never sent again: the object is looked up by its unique name."""
        try:
            created = self._client.post(path, body)
        except TransportError as exc:
            if not exc.maybe_applied:
                raise
            found = [summary for summary in usable_or_manageable(self._client, path, "id,name")
                     if summary.get("name") == body["name"]]
            if len(found) != 1:
                # SC may still be creating it: say what to look for, since this run cannot delete it.
                raise type(exc)("%s SC may yet create %s %s; delete it in SC if it appears." % (
                    exc.message, path[1:], printable(body["name"])), hint=exc.hint, maybe_applied=True) from None
            created = found[0]
            self._warn("SC's answer to the %s create was lost; found %s %s (%s) it had created." % (
                path[1:], path[1:], created["id"], printable(body["name"])))
        self.created.append((path, str(created["id"])))
        return created

    def clean_up(self):
        """Delete what this run created, newest first; a failure to delete is a warning, never hides the cause."""
        while self.created:
            path, object_id = self.created.pop()
            try:
                self._client.delete("%s/%s" % (path, object_id))
            except NotFoundError:
                continue
            except Exception as exc:  # pylint: disable=broad-except
                self._warn("Could not delete %s %s (%s); delete it in SC: %s" % (path[1:], object_id, exc.__class__.__name__,
                                                                                 getattr(exc, "message", exc)))

    def _classify(self, plan, result):
        findings = [finding for finding in self._findings if finding.repository_id == plan["repository_id"]]
        started = result["started"] or 0
        seen = {}
        for source, time_field, status in (("patched", "lastMitigated", "fixed"), ("cumulative", "lastSeen", "vulnerable")):
            filters = translate_filters({"ip": plan["ips"], "plugin_id": plan["plugin_ids"]}) + [
                {"filterName": "repository", "operator": "=", "value": [{"id": plan["repository_id"]}]}]
            for row in AnalysisPages(self._client, AnalysisQuery(source_type=source, filters=filters),
                                     progress=_progress(self._debug)):
                row = normalize_row(row, _ROW_FIELDS)
                if (row.get(time_field) or 0) >= started:
                    seen.setdefault(status, []).append(row)
        return [verdict(finding, seen, result) for finding in findings]


def verdict(finding, seen, result):
    """What the scan showed of one finding: vulnerable wins over fixed (another port may still be open)."""
    matched = {status: [row for row in rows if _matches(finding, row)] for status, rows in seen.items()}
    status = "vulnerable" if matched.get("vulnerable") else "fixed" if matched.get("fixed") else "not_checked"
    rows = matched.get(status) or []
    return {"ip": finding.ip, "plugin_id": int(finding.plugin_id),
            "port": None if finding.port is None else int(finding.port), "protocol": finding.protocol,
            "repository_id": int(finding.repository_id), "status": status,
            "last_seen": max((row.get("lastSeen") or 0 for row in rows), default=None) if status == "vulnerable" else None,
            "last_mitigated": max((row.get("lastMitigated") or 0 for row in rows), default=None) if status == "fixed" else None,
            "scan_result_id": result["id"]}


def _matches(finding, row):
    return (row.get("ip") == finding.ip and str(row.get("pluginID")) == finding.plugin_id
            and (finding.port is None or str(row.get("port")) == finding.port)
            and (finding.protocol is None or str(row.get("protocol") or "").upper() == finding.protocol))


def counts(results):
    tally = dict.fromkeys(STATUSES, 0)
    for result in results:
        tally[result["status"]] += 1
    return tally


def _address_order(ip):
    return tuple(int(part) if part.isdigit() else 0 for part in ip.replace(":", ".").split("."))


def _progress(debug):
    return (lambda pages, rows: debug("remediation check: %d pages, %d rows" % (pages, rows))) if debug else None

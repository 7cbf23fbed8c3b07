# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The bulky analysis rows (vulndetails, listvuln, sumip) written straight to JSON text.

A 10,000-row vulndetails page is about 19 MB of JSON, mostly plugin text repeated from row to row. Each
plugin's part of a row is encoded once; a row is then one string formatting with the host's strings quoted by
json's C string encoder, several times faster than building a dict and encoding it.

Key order is SC's (recorded: test_analysis_vulns_vulndetails_tool.yaml, test_analysis_vulns_listvuln_tool.yaml,
test_analysis_vulns_sumip_tool.yaml). vprScore, vprContext and operatingSystem, which newer servers add, sit where
Elastic's tenable_sc test data has them (client: elastic/integrations test-vulnerability.log).
"""

import json
from json.encoder import encode_basestring_ascii as quote

from .catalog import PLUGINS, PROTOCOL_NAMES, SEVERITIES

# One encoder for every call: json.dumps with separators builds a new encoder each time.
to_json = json.JSONEncoder(separators=(",", ":")).encode


def _members(mapping):
    """JSON object members without the braces, ready to be spliced into a row."""
    return to_json(mapping)[1:-1]


class _PluginParts:
    __slots__ = ("list_head", "details_name", "list_name", "details_body", "family")

    def __init__(self, plugin):
        self.list_head = _members({"pluginID": plugin.id_str, "severity": plugin.severity_ref})
        self.details_name = _members({"pluginName": plugin.name})
        self.list_name = _members({"name": plugin.name})
        # recorded: test_analysis_vulns_vulndetails_tool.yaml (exploitAvailable "Yes"/"No")
        # client: elastic/integrations test-vulnerability.log (vprScore, vprContext after stigSeverity)
        self.details_body = _members({
            "exploitAvailable": "Yes" if plugin.exploit_available else "No", "exploitEase": plugin.exploit_ease,
            "exploitFrameworks": plugin.exploit_frameworks, "synopsis": plugin.synopsis,
            "description": plugin.description, "solution": plugin.solution, "seeAlso": plugin.see_also,
            "riskFactor": plugin.risk_factor, "stigSeverity": plugin.stig_severity, "vprScore": plugin.vpr_score,
            "vprContext": plugin.vpr_context, "baseScore": plugin.base_score, "temporalScore": plugin.temporal_score,
            "cvssVector": plugin.cvss_vector, "cvssV3BaseScore": plugin.cvss3_base_score,
            "cvssV3TemporalScore": plugin.cvss3_temporal_score, "cvssV3Vector": plugin.cvss3_vector,
            "cpe": plugin.cpe, "vulnPubDate": plugin.vuln_pub_date, "patchPubDate": plugin.patch_pub_date,
            "pluginPubDate": plugin.plugin_pub_date, "pluginModDate": plugin.plugin_mod_date,
            "checkType": plugin.check_type, "version": plugin.version, "cve": plugin.cve, "bid": plugin.bid,
            "xref": plugin.xref})
        self.family = _members({"family": plugin.family_ref})


class RowWriter:
    """Writes rows for finding indices (vulndetails, listvuln) and host groups (sumip) of one dataset."""

    def __init__(self, dataset, repository_refs):
        self.dataset = dataset
        self._repositories = {repository_id: to_json(ref) for repository_id, ref in repository_refs.items()}
        self._plugins = [_PluginParts(plugin) for plugin in PLUGINS]

    def _plugin_info(self, i):
        # recorded: test_analysis_vulns_vulndetails_tool.yaml ("10114 (0/1) ICMP Timestamp ...")
        ds = self.dataset
        plugin = PLUGINS[ds.f_plugin[i]]
        return quote("%s (%d/%d) %s" % (plugin.id_str, ds.f_port[i], ds.f_protocol[i], plugin.name))

    def _head_and_flags(self, i, risk):
        """The pluginID and severity members (the severity recast when a rule says so) and the two risk flags."""
        parts = self._plugins[self.dataset.f_plugin[i]]
        if risk is None:
            return parts.list_head, 0, 0
        level = risk.recast.get(i)
        head = parts.list_head if level is None else _members(
            {"pluginID": PLUGINS[self.dataset.f_plugin[i]].id_str, "severity": SEVERITIES[level]})
        return head, int(i in risk.accepted), int(level is not None)

    def vulndetails(self, i, mitigated=False, uniqueness_fields=False, risk=None):
        """One finding; ``mitigated`` for patched data, ``uniqueness_fields`` for SC 6.x, ``risk`` the rules' effects.

        recorded: test_analysis_vulns_vulndetails_tool.yaml (port a string, protocol a name)
        client: elastic/integrations test-vulnerability.log (operatingSystem after netbiosName); Tenable's Jira
        integration's test data (hostUniqueness "repositoryID,ip,dnsName", vulnUniqueness
        "repositoryID,ip,port,protocol,pluginID")
        inferred: lastMitigated after lastSeen in patched rows only; the two uniqueness fields from SC 6.0, after
        uniqueness; an agent finding's vulnUniqueness naming uuid where a network finding's names ip
        """
        ds = self.dataset
        host, port = ds.hosts[ds.f_host[i]], ds.f_port[i]
        parts = self._plugins[ds.f_plugin[i]]
        uniqueness = quote(host.uniqueness)
        if uniqueness_fields:
            uniqueness += ',"hostUniqueness":%s,"vulnUniqueness":"repositoryID,%s,port,protocol,pluginID"' % (
                uniqueness, "uuid" if host.uuid else "ip")
        head, accepted, recast = self._head_and_flags(i, risk)
        return (
            # recorded: test_analysis_vulns_vulndetails_tool.yaml (string flags)
            '{%s,"hasBeenMitigated":"%d","acceptRisk":"%d","recastRisk":"%d","ip":%s,"uuid":%s,"port":"%d",'
            '"protocol":"%s",%s,"firstSeen":"%d","lastSeen":"%d"%s,%s,'
            '"pluginText":%s,"dnsName":%s,"macAddress":%s,"netbiosName":%s,"operatingSystem":%s,"uniqueness":%s,'
            '%s,"repository":%s,"pluginInfo":%s}') % (
            head, ds.f_reopened[i], accepted, recast, quote(host.ip), quote(host.uuid), port,
            PROTOCOL_NAMES[ds.f_protocol[i]], parts.details_name, ds.f_first[i], ds.f_last[i],
            ',"lastMitigated":"%d"' % ds.f_last_mitigated[i] if mitigated else "", parts.details_body,
            quote(PLUGINS[ds.f_plugin[i]].plugin_text(host, port)), quote(host.dns_name), quote(host.mac_address),
            quote(host.netbios_name), quote(host.os_name), uniqueness, parts.family,
            self._repositories[host.repository_id], self._plugin_info(i))

    def listvuln(self, i, risk=None):
        # recorded: test_analysis_vulns_listvuln_tool.yaml
        ds = self.dataset
        host, parts = ds.hosts[ds.f_host[i]], self._plugins[ds.f_plugin[i]]
        return ('{%s,"ip":%s,"uuid":%s,"port":"%d","protocol":"%s",%s,"dnsName":%s,"macAddress":%s,'
                '"netbiosName":%s,"uniqueness":%s,%s,"repository":%s,"pluginInfo":%s}') % (
            self._head_and_flags(i, risk)[0], quote(host.ip), quote(host.uuid), ds.f_port[i], PROTOCOL_NAMES[ds.f_protocol[i]],
            parts.list_name, quote(host.dns_name), quote(host.mac_address), quote(host.netbios_name),
            quote(host.uniqueness), parts.family, self._repositories[host.repository_id], self._plugin_info(i))

    def sumip(self, group):
        # recorded: test_analysis_vulns_sumip_tool.yaml (tpmID and mcafeeGUID empty)
        host, counts = self.dataset.hosts[group.key], group.counts
        return ('{"ip":%s,"uuid":%s,"score":"%d","total":"%d","severityInfo":"%d","severityLow":"%d",'
                '"severityMedium":"%d","severityHigh":"%d","severityCritical":"%d","macAddress":%s,"policyName":%s,'
                '"pluginSet":%s,"netbiosName":%s,"dnsName":%s,"osCPE":%s,"biosGUID":%s,"tpmID":"","mcafeeGUID":"",'
                '"lastAuthRun":%s,"lastUnauthRun":%s,"uniqueness":%s,"repository":%s}') % (
            quote(host.ip), quote(host.uuid), group.score, group.total, counts[0], counts[1], counts[2], counts[3],
            counts[4], quote(host.mac_address), quote(host.policy_name), quote(host.plugin_set),
            quote(host.netbios_name), quote(host.dns_name), quote(host.os_cpe), quote(host.bios_guid),
            quote(host.last_auth_run), quote(host.last_unauth_run), quote(host.uniqueness),
            self._repositories[host.repository_id])

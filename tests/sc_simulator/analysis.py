# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""POST /rest/analysis for vulnerability data: sources, filters, tools, sorting and pagination.

A query's matching finding indices (and the tool's grouped, sorted rows) are cached per user repositories,
source, tool, filters and sort, so walking a million findings page by page costs one evaluation plus
O(page) per page. Rows are rendered only for the page being answered.
"""

import functools
import json
import threading
from array import array
from collections import OrderedDict, namedtuple
from itertools import compress

from .catalog import PLUGINS, PROTOCOL_NAMES, SCORE_WEIGHTS, SEVERITIES
from .envelope import RawJSON, SCError, invalid_parameters, org_required
from .filters import FilterContext, compile_filters
from .iputil import format_intervals, intervals_from_sorted
from .rows import RowWriter, to_json

_CACHE_SIZE = 24
# inferred: recast severities count in the severity filter, the severity counts of sumip, sumseverity and the other
# per-column summaries, vulndetails/listvuln rows and their sort; per-plugin summaries (sumid, vulnipsummary) keep
# the plugin's.
_RiskEffects = namedtuple("_RiskEffects", "accepted recast assets_version")
# reported: pyTenable #673 (SC 6.0 ignores a scanID given only at the root)
_SCAN_ID_IN_QUERY_FROM = (6, 0)
# client: Tenable's Jira integration's test data (vulndetails rows with hostUniqueness and vulnUniqueness)
# inferred: from SC 6.0 on
UNIQUENESS_FIELDS_FROM = (6, 0)
# recorded: test_analysis_vulns_sumip_tool.yaml (score, total, then these, in this order)
_SEVERITY_FIELDS = ("severityInfo", "severityLow", "severityMedium", "severityHigh", "severityCritical")
# client: pyTenable's vuln tools (its three undocumented 6.3 WAS tools aside); the ones the simulator does not
# implement are refused below.
KNOWN_TOOLS = (
    "cceipdetail", "cveipdetail", "iavmipdetail", "iplist", "listmailclients", "listservices", "listos",
    "listsoftware", "listsshservers", "listvuln", "listwebclients", "listwebservers", "sumasset", "sumcce",
    "sumclassa", "sumclassb", "sumclassc", "sumcve", "sumdnsname", "sumfamily", "sumiavm", "sumid", "sumip",
    "summsbulletin", "sumport", "sumprotocol", "sumremediation", "sumseverity", "sumuserresponsibility", "trend",
    "vulndetails", "vulnipdetail", "vulnipsummary")


class Group:
    """Findings grouped under one key (a host, a plugin, a port...): counts per severity and hosts."""

    __slots__ = ("key", "counts", "total", "score", "hosts")

    def __init__(self, key, counts, hosts=0):
        self.key = key
        self.counts = counts
        self.total = sum(counts)
        self.score = sum(count * weight for count, weight in zip(counts, SCORE_WEIGHTS))
        self.hosts = hosts


def _severity_fields(group):
    fields = {"score": str(group.score), "total": str(group.total)}
    fields.update(zip(_SEVERITY_FIELDS, map(str, group.counts)))
    return fields


def _seven_part(groups):
    """'total:critical:high:medium:low:info:score' as SC reports summaries in matchingDataElementCount.

    recorded: test_analysis_vulns_sumip_tool.yaml ("1629:19:146:176:32:1256:2780").
    """
    counts = [sum(group.counts[level] for group in groups) for level in range(5)]
    return "%d:%d:%d:%d:%d:%d:%d" % (sum(counts), counts[4], counts[3], counts[2], counts[1], counts[0],
                                     sum(c * w for c, w in zip(counts, SCORE_WEIGHTS)))


def _ip_runs(ip_ints):
    """Sorted addresses, one per finding: consecutive ones collapse into ranges, repeats stay repeated.

    recorded: test_analysis_vulns_vulnipsummary_tool.yaml ("192.168.100.1,192.168.100.1,...,192.168.101.177-...").
    """
    runs = []
    for value in ip_ints:
        if runs and value == runs[-1][1] + 1:
            runs[-1][1] = value
        else:
            runs.append([value, value])
    return format_intervals(runs)


_QuerySpec = namedtuple("_QuerySpec", "tool source scan_id view sort_field descending filters")


class Result:
    """One cached evaluation: the rows of a tool in answer order and its matchingDataElementCount."""

    def __init__(self, rows, matching):
        self.rows = rows
        self.matching = matching


class AnalysisEngine:
    """Answers analysis queries over a Dataset.

    ``assets`` gives asset list membership and usable lists, ``scans`` what a scan result holds, ``risk_rules``
    the findings accepted and recast by the rules last applied.
    """

    def __init__(self, dataset, assets, scans, risk_rules):
        self.dataset = dataset
        self.assets = assets
        self.scans = scans
        self.risk_rules = risk_rules
        self._risk = None
        self._severity = [plugin.severity for plugin in PLUGINS]
        self._families = {plugin.family_ref["id"]: plugin.family_ref for plugin in PLUGINS}
        self._repository_refs = {r["id"]: {key: r[key] for key in ("id", "name", "description", "dataFormat")}
                                 for r in dataset.repositories}
        self._cache = OrderedDict()
        self._lock = threading.Lock()
        self._host_masks = {}
        writer = RowWriter(dataset, self._repository_refs)
        # tool -> (rows in answer order, one row as JSON text)
        self.tools = {
            "vulndetails": (self._details, writer.vulndetails), "listvuln": (self._details, writer.listvuln),
            "sumip": (self._sumip, writer.sumip), "iplist": (self._sumip, None),
        }
        for tool, rows, render in (
                ("sumid", self._sumid, self._sumid_row), ("sumseverity", self._sumseverity, self._sumseverity_row),
                ("sumasset", self._sumasset, self._sumasset_row), ("listos", self._listos, self._listos_row),
                ("sumcve", self._sumcve, self._sumcve_row), ("sumdnsname", self._sumdnsname, self._sumdnsname_row),
                ("sumfamily", self._sumfamily, self._sumfamily_row), ("sumport", self._sumport, self._sumport_row),
                ("sumprotocol", self._sumprotocol, self._sumprotocol_row),
                ("vulnipsummary", self._per_plugin_hosts, self._vulnipsummary_row),
                ("vulnipdetail", self._per_plugin_hosts, self._vulnipdetail_row)):
            self.tools[tool] = (rows, lambda row, render=render: to_json(render(row)))

    def clear(self):
        with self._lock:
            self._cache.clear()
            self._risk = None

    def _effects(self):
        """The rules' effect: (accepted finding indices, {finding index: recast severity}), until the next clear or
        the next change of asset lists (a rule may cover a list's members)."""
        with self._lock:
            if self._risk is None or self._risk.assets_version != self.assets.version:
                self._risk = _RiskEffects(*self.risk_rules.effects(), assets_version=self.assets.version)
            return self._risk

    # The request

    def run(self, body, user, version):
        """-> (response object, number of rows returned)."""
        if user.is_admin:
            # inferred: an Administrator has no organization, so its analysis queries are refused like its
            # asset list reads (403/15, reported: pyTenable #294); never captured for analysis.
            raise org_required()
        query = self._query(body)
        tool = query.get("tool")
        if tool not in self.tools:
            # inferred: wording for an unknown tool; valid SC tools the simulator lacks get the same refusal.
            raise invalid_parameters("Invalid parameters specified for vuln query. The tool '%s' is invalid%s." % (
                tool, " (not simulated)" if tool in KNOWN_TOOLS else ""))
        result = self._result(body, query, tool, user, version)
        if tool == "iplist":
            return self._iplist(result.rows), 0
        start, end = self._offsets(body, query)
        render = self.tools[tool][1]
        if tool == "vulndetails":
            render = functools.partial(render, mitigated=self._source(body, query, version) == "patched",
                                       uniqueness_fields=version >= UNIQUENESS_FIELDS_FROM, risk=self._effects())
        elif tool == "listvuln":
            render = functools.partial(render, risk=self._effects())
        results = [render(row) for row in result.rows[start:end]] if end > start else []
        # recorded: test_analysis_vulns_vulndetails_tool.yaml (strings but returnedRecords, offsets as asked even
        # past the end: test_analysis_vulns_sumprotocol_tool.yaml)
        return {"totalRecords": str(len(result.rows)), "returnedRecords": len(results), "startOffset": str(start),
                "endOffset": str(end), "matchingDataElementCount": result.matching,
                "results": RawJSON("[%s]" % ",".join(results))}, len(results)

    @staticmethod
    def _query(body):
        if not isinstance(body, dict) or not isinstance(body.get("query"), dict):
            # inferred: wording
            raise invalid_parameters("Invalid parameters specified for analysis. 'query' is required.")
        if body.get("type", body["query"].get("type")) != "vuln":
            # inferred: only vulnerability analysis is simulated (no event, mobile or user data).
            raise invalid_parameters("Invalid parameters specified for analysis. Type '%s' is not supported." % (
                body.get("type"),))
        return body["query"]

    @staticmethod
    def _offsets(body, query):
        """pyTenable sends offsets inside query, Tenable's docs at the root; both work.

        client: pyTenable, offsets in query (recorded: test_analysis_vulns_vulndetails_tool.yaml);
        documented: startOffset/endOffset at the root (Analysis API).
        """
        def number(name, default):
            value = query.get(name, body.get(name, default))
            try:
                return max(0, int(value))
            except (TypeError, ValueError):
                raise invalid_parameters("Invalid parameters specified for vuln query. '%s' must be a number." % name) \
                    from None  # inferred: wording
        # inferred: defaults when a client sends no offsets.
        start = number("startOffset", 0)
        return start, number("endOffset", start + 50)

    @staticmethod
    def _source(body, query, version):
        # inferred: cumulative when no sourceType is given
        source = body.get("sourceType", query.get("sourceType", "cumulative"))
        if source == "individual" and version >= _SCAN_ID_IN_QUERY_FROM and "scanID" not in query:
            # reported: pyTenable #673 (fixed by PR #675), SC 6.x without scanID inside query silently answers
            # with cumulative data.
            return "cumulative"
        return source

    def _result(self, body, query, tool, user, version):
        source = self._source(body, query, version)
        # documented: sortField and sortDir ("asc"/"desc") at the root (API best practices)
        # inferred: ASC by default
        spec = _QuerySpec(
            tool=tool, source=source,
            scan_id=str(body.get("scanID", query.get("scanID"))), view=body.get("view", query.get("view")),
            sort_field=body.get("sortField", query.get("sortField")),
            descending=str(body.get("sortDir", query.get("sortDir", "ASC"))).upper() == "DESC",
            filters=json.dumps(query.get("filters", []), sort_keys=True, default=str))
        key = (spec, user.repository_ids, self.assets.version, version)
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        allowed, mitigated, extra_tests = self._scope(spec.source, spec.scan_id, spec.view, user)
        criteria = compile_filters(query.get("filters", []), FilterContext(self.dataset, self.assets.members, version))
        indices = self._match(criteria, allowed, self._finding_test(criteria, mitigated, extra_tests))
        result = self.tools[tool][0](indices)
        self._sort(tool, result.rows, spec.sort_field, spec.descending)
        with self._lock:
            self._cache[key] = result
            while len(self._cache) > _CACHE_SIZE:
                self._cache.popitem(last=False)
        return result

    def _scope(self, source, scan_id, view, user):
        """-> (host mask, mitigated flag wanted, extra finding tests) for the data source."""
        # documented: a user sees only the repositories assigned to it (seed guide, per the API notes)
        allowed = self._repository_hosts(user.repository_ids)
        if source == "cumulative":
            return allowed, 0, []
        if source == "patched":
            return allowed, 1, []
        if source != "individual":
            raise invalid_parameters("Invalid parameters specified for vuln query. Invalid sourceType '%s'." % (
                source,))  # inferred: wording
        if view not in ("all", "new", "patched"):
            # reported: pyTenable #73 (403/142, this wording)
            raise SCError(403, 142, "Please specify a view for the individual data source.\n")
        repository_id, host_test, extra = self.scans.individual(scan_id, view)
        if repository_id not in user.repository_ids:
            # reported: pyTenable #726 (146 "Group #15 does not have access to the Repository that contains ...")
            raise invalid_parameters("Group #0 does not have access to the Repository that contains the scan result.")
        scanned = bytearray(flag and host.repository_id == repository_id and host_test(host)
                            for flag, host in zip(allowed, self.dataset.hosts))
        # inferred: a Nessus scan's result holds no web application findings.
        extra = extra + [("f_plugin", lambda index: not PLUGINS[index].was)]
        return scanned, 1 if view == "patched" else 0, extra

    def _repository_hosts(self, repository_ids):
        mask = self._host_masks.get(repository_ids)
        if mask is None:
            wanted = set(repository_ids)
            mask = self._host_masks[repository_ids] = bytearray(
                host.repository_id in wanted for host in self.dataset.hosts)
        return mask

    def _finding_test(self, criteria, mitigated, extra_tests):
        """One predicate on a finding index for the source, the plugin tests and the finding column tests."""
        ds = self.dataset
        checks = [lambda i: ds.f_mitigated[i] == mitigated]
        plugin_tests, severity_tests = list(criteria.plugin_tests), criteria.severity_tests
        if severity_tests and not self._effects().recast:
            # Nothing recast: a severity is the plugin's, so the filter joins the (much cheaper) plugin mask.
            plugin_tests += [lambda plugin, test=test: test(plugin.severity) for test in severity_tests]
            severity_tests = []
        if plugin_tests:
            plugins = ds.f_plugin
            plugin_mask = bytearray(all(test(plugin) for test in plugin_tests) for plugin in PLUGINS)
            checks.append(lambda i: plugin_mask[plugins[i]])
        if severity_tests or criteria.risk_tests:
            checks.append(self._risk_test(severity_tests, criteria.risk_tests))
        for column_name, test in criteria.finding_tests + extra_tests:
            column = getattr(ds, column_name)
            checks.append(lambda i, column=column, test=test: test(column[i]))
        return checks[0] if len(checks) == 1 else (lambda i: all(check(i) for check in checks))

    def _risk_test(self, severity_tests, risk_tests):
        """One predicate for the severity filters (on the severity after recasting) and the risk rule filters."""
        effects, severity, plugins = self._effects(), self._severity, self.dataset.f_plugin
        recast, accepted = effects.recast, effects.accepted
        flags = {"accepted": accepted.__contains__, "recast": recast.__contains__}
        tests = [lambda i, test=test: test(recast[i] if i in recast else severity[plugins[i]])
                 for test in severity_tests]
        tests += [lambda i, flag=flags[kind], wanted=wanted: flag(i) == wanted for kind, wanted in risk_tests]
        return lambda i: all(test(i) for test in tests)

    def _match(self, criteria, allowed, keep):
        """Indices of the findings of matching hosts that ``keep`` accepts, in (host, plugin id, port) order.

        recorded: test_analysis_vulns_vulndetails_tool.yaml (that default order).
        """
        found = array("q")
        if criteria.nothing:
            return found
        ds = self.dataset
        start = ds.host_start
        for host_index in compress(range(len(ds.hosts)), criteria.host_mask(ds, allowed)):
            found.extend(filter(keep, range(start[host_index], start[host_index + 1])))
        return found

    # Grouping

    def _by_host(self, indices):
        groups = {}
        hosts, plugins, severity = self.dataset.f_host, self.dataset.f_plugin, self._severity
        recast = self._effects().recast
        for i in indices:
            counts = groups.get(hosts[i])
            if counts is None:
                counts = groups[hosts[i]] = [0, 0, 0, 0, 0]
            counts[recast[i] if i in recast else severity[plugins[i]]] += 1
        return groups

    def _by_column(self, indices, column):
        groups = {}
        plugins, severity = self.dataset.f_plugin, self._severity
        recast = self._effects().recast
        for i in indices:
            counts = groups.get(column[i])
            if counts is None:
                counts = groups[column[i]] = [0, 0, 0, 0, 0]
            counts[recast[i] if i in recast else severity[plugins[i]]] += 1
        return [Group(key, counts) for key, counts in groups.items()]

    def _hosts_by_plugin(self, indices):
        """plugin index -> host index per finding (a host twice when the plugin fired on two ports)."""
        groups = {}
        hosts, plugins = self.dataset.f_host, self.dataset.f_plugin
        for i in indices:
            groups.setdefault(plugins[i], []).append(hosts[i])
        return groups

    def _plugin_groups(self, indices):
        return [Group(plugin, _counts_of(PLUGINS[plugin].severity, len(host_list)), len(set(host_list)))
                for plugin, host_list in self._hosts_by_plugin(indices).items()]

    # Tools: rows in default order, and matchingDataElementCount

    @staticmethod
    def _details(indices):
        # recorded: test_analysis_vulns_vulndetails_tool.yaml, test_analysis_vulns_listvuln_tool.yaml ("-1")
        return Result(indices, "-1")

    def _sumip(self, indices):
        groups = [Group(host, counts) for host, counts in self._by_host(indices).items()]
        # recorded: test_analysis_vulns_sumip_tool.yaml (address order)
        # inferred: the same address in two repositories, lower repository id first
        groups.sort(key=lambda group: group.key)  # host order is address order, then repository
        return Result(groups, _seven_part(groups))

    def _sumid(self, indices):
        # recorded: test_analysis_vulns_sumid_tool.yaml (by plugin id; seven parts plus the host count)
        groups = sorted(self._plugin_groups(indices), key=lambda group: PLUGINS[group.key].id)
        return Result(groups, "%s:%d" % (_seven_part(groups), sum(group.hosts for group in groups)))

    def _sumseverity(self, indices):
        per_level = [0, 0, 0, 0, 0]
        for counts in self._by_host(indices).values():
            per_level = [a + b for a, b in zip(per_level, counts)]
        # recorded: test_analysis_vulns_sumseverity_tool.yaml (critical first; six parts, no score)
        # inferred: levels without findings are left out (every recorded level had findings).
        groups = [Group(level, _counts_of(level, per_level[level])) for level in (4, 3, 2, 1, 0) if per_level[level]]
        return Result(groups, _seven_part(groups).rsplit(":", 1)[0])

    def _sumasset(self, indices):
        by_host = self._by_host(indices)
        groups = []
        for asset in self.assets.usable():
            if asset.id == 0:
                # inferred: no row for All Defined Ranges
                continue
            members = self.assets.members(asset.id)
            counts = [0, 0, 0, 0, 0]
            for host, host_counts in by_host.items():
                if members[host]:
                    counts = [a + b for a, b in zip(counts, host_counts)]
            groups.append(Group(asset, counts))
        # empty lists first, then by id
        groups.sort(key=lambda group: (group.score, group.key.id))  # recorded: test_analysis_vulns_sumasset_tool.yaml
        return Result(groups, _seven_part(groups))

    def _listos(self, indices):
        counts = {}
        for host_index in self._by_host(indices):
            host = self.dataset.hosts[host_index]
            # recorded: test_analysis_vulns_listos_tool.yaml ("Active", most hosts first)
            # inferred: "Agent" for agent records; ties by name; matchingDataElementCount the number of hosts
            method = "Agent" if host.uuid else "Active"
            counts[(host.os_name, method)] = counts.get((host.os_name, method), 0) + 1
        groups = [Group(key, [count, 0, 0, 0, 0]) for key, count in counts.items()]
        groups.sort(key=lambda group: (-group.total, group.key))
        return Result(groups, str(sum(group.total for group in groups)))

    def _sumcve(self, indices):
        totals, hosts, levels = {}, {}, {}
        for plugin, host_list in self._hosts_by_plugin(indices).items():
            for cve in filter(None, PLUGINS[plugin].cve.split(",")):
                totals[cve] = totals.get(cve, 0) + len(host_list)
                hosts.setdefault(cve, set()).update(host_list)
                levels[cve] = max(levels.get(cve, 0), PLUGINS[plugin].severity)
        groups = [Group(cve, _counts_of(levels[cve], total), len(hosts[cve])) for cve, total in totals.items()]
        groups.sort(key=lambda group: (-group.total, group.key))
        # recorded: test_analysis_vulns_sumcve_tool.yaml ('total:0:0:0:0:0:0:hosts', most findings first)
        # inferred: ties by CVE id
        return Result(groups, "%d:0:0:0:0:0:0:%d" % (sum(g.total for g in groups), sum(g.hosts for g in groups)))

    def _sumdnsname(self, indices):
        # recorded: test_analysis_vulns_sumdnsname_tool.yaml (a row per name and repository, by name then score)
        # inferred: hosts without a DNS name are left out
        merged = {}
        for host_index, counts in self._by_host(indices).items():
            host = self.dataset.hosts[host_index]
            if host.dns_name:
                key = (host.dns_name, host.repository_id)
                merged[key] = [a + b for a, b in zip(merged.get(key, (0, 0, 0, 0, 0)), counts)]
        groups = sorted((Group(key, counts) for key, counts in merged.items()),
                        key=lambda group: (group.key[0], group.score))
        return Result(groups, _seven_part(groups))

    def _sumfamily(self, indices):
        # recorded: test_analysis_vulns_sumfamily_tool.yaml (fewest findings first)
        # inferred: ties by family id (the recording's ties are in another order)
        merged = {}
        for group in self._plugin_groups(indices):
            family = PLUGINS[group.key].family_ref["id"]
            merged[family] = [a + b for a, b in zip(merged.get(family, (0, 0, 0, 0, 0)), group.counts)]
        groups = sorted((Group(family, counts) for family, counts in merged.items()),
                        key=lambda group: (group.total, int(group.key)))
        return Result(groups, _seven_part(groups))

    def _sumport(self, indices):
        # recorded: test_analysis_vulns_sumport_tool.yaml (by port number)
        groups = sorted(self._by_column(indices, self.dataset.f_port), key=lambda group: group.key)
        return Result(groups, _seven_part(groups))

    def _sumprotocol(self, indices):
        # recorded: test_analysis_vulns_sumprotocol_tool.yaml (by protocol number)
        groups = sorted(self._by_column(indices, self.dataset.f_protocol), key=lambda group: group.key)
        return Result(groups, _seven_part(groups))

    def _per_plugin_hosts(self, indices):
        # recorded: test_analysis_vulns_vulnipsummary_tool.yaml (by plugin id; matching = findings)
        rows = sorted(self._hosts_by_plugin(indices).items(), key=lambda item: PLUGINS[item[0]].id)
        return Result(rows, str(len(indices)))

    # Sorting

    def _sort(self, tool, rows, field, descending):
        key = self._sort_key(tool, field)
        if key is None:
            return  # inferred: an unknown sortField keeps the default order
        if isinstance(rows, array):
            rows[:] = array("q", sorted(rows, key=key, reverse=descending))
        else:
            rows.sort(key=key, reverse=descending)

    def _sort_key(self, tool, field):
        # inferred: the sortable fields of each tool
        if tool in ("vulndetails", "listvuln"):
            return self._finding_keys().get(field)
        if tool in ("vulnipsummary", "vulnipdetail"):
            return {"pluginID": lambda row: PLUGINS[row[0]].id, "total": lambda row: len(set(row[1])),
                    "severity": lambda row: PLUGINS[row[0]].severity}.get(field)
        keys = {"score": lambda group: group.score, "total": lambda group: group.total}
        keys.update({name: (lambda group, level=level: group.counts[level]) for level, name in enumerate(_SEVERITY_FIELDS)})
        keys.update(self._group_keys(tool))
        return keys.get(field)

    def _group_keys(self, tool):
        hosts = self.dataset.hosts
        by_tool = {
            "sumip": {"ip": lambda group: group.key, "dnsName": lambda group: hosts[group.key].dns_name,
                      "repositoryID": lambda group: int(hosts[group.key].repository_id)},
            "sumid": {"pluginID": lambda group: PLUGINS[group.key].id, "hostTotal": lambda group: group.hosts,
                      "name": lambda group: PLUGINS[group.key].name,
                      "severity": lambda group: PLUGINS[group.key].severity},
            "sumcve": {"cveID": lambda group: group.key, "hostTotal": lambda group: group.hosts},
            "sumdnsname": {"dnsName": lambda group: group.key[0]},
            "sumport": {"port": lambda group: group.key}, "sumprotocol": {"protocol": lambda group: group.key},
            "sumfamily": {"family": lambda group: int(group.key)},
            "sumseverity": {"severity": lambda group: group.key, "count": lambda group: group.total},
            "listos": {"name": lambda group: group.key[0], "count": lambda group: group.total},
            "sumasset": {"asset": lambda group: group.key.id},
        }
        return by_tool.get(tool, {})

    def _finding_keys(self):
        ds, severity, recast = self.dataset, self._severity, self._effects().recast
        plugin_of = ds.f_plugin
        return {
            "severity": lambda i: recast[i] if i in recast else severity[plugin_of[i]], "pluginID": lambda i: PLUGINS[plugin_of[i]].id,
            "pluginName": lambda i: PLUGINS[plugin_of[i]].name, "ip": lambda i: ds.f_host[i],
            "port": ds.f_port.__getitem__, "protocol": ds.f_protocol.__getitem__,
            # reported: elastic/integrations #17164, SC does not honour sortField=lastSeen (the default order stays).
            "firstSeen": ds.f_first.__getitem__,
            "vprScore": lambda i: float(PLUGINS[plugin_of[i]].vpr_score or -1),
            "cvssV3BaseScore": lambda i: float(PLUGINS[plugin_of[i]].cvss3_base_score or -1),
            "exploitAvailable": lambda i: PLUGINS[plugin_of[i]].exploit_available,
            "dnsName": lambda i: ds.hosts[ds.f_host[i]].dns_name,
            "repositoryID": lambda i: int(ds.hosts[ds.f_host[i]].repository_id),
        }

    # Rows, built for the answered page only

    @staticmethod
    def _sumid_row(group):
        # recorded: test_analysis_vulns_sumid_tool.yaml
        plugin = PLUGINS[group.key]
        return {"pluginID": plugin.id_str, "total": str(group.total), "severity": plugin.severity_ref,
                "name": plugin.name, "hostTotal": str(group.hosts), "family": plugin.family_ref}

    @staticmethod
    def _sumseverity_row(group):
        # recorded: test_analysis_vulns_sumseverity_tool.yaml
        return {"severity": SEVERITIES[group.key], "count": str(group.total)}

    @staticmethod
    def _sumasset_row(group):
        # recorded: test_analysis_vulns_sumasset_tool.yaml (asset status "0")
        row = _severity_fields(group)
        asset = group.key
        row["asset"] = {"id": str(asset.id), "name": asset.name, "description": asset.description,
                        "type": asset.type, "status": "0"}
        return row

    @staticmethod
    def _listos_row(group):
        # recorded: test_analysis_vulns_listos_tool.yaml
        return {"count": str(group.total), "detectionMethod": group.key[1], "name": group.key[0]}

    @staticmethod
    def _sumcve_row(group):
        # recorded: test_analysis_vulns_sumcve_tool.yaml
        level = next(level for level, count in enumerate(group.counts) if count)  # inferred: a CVE's worst plugin
        return {"cveID": group.key, "severity": SEVERITIES[level],
                "total": str(group.total), "hostTotal": str(group.hosts)}

    def _sumdnsname_row(self, group):
        # recorded: test_analysis_vulns_sumdnsname_tool.yaml
        row = {"dnsName": group.key[0]}
        row.update(_severity_fields(group))
        row["repository"] = self._repository_refs[group.key[1]]
        return row

    def _sumfamily_row(self, group):
        # recorded: test_analysis_vulns_sumfamily_tool.yaml
        row = _severity_fields(group)
        row["family"] = self._families[group.key]
        return row

    @staticmethod
    def _sumport_row(group):
        # recorded: test_analysis_vulns_sumport_tool.yaml
        row = {"port": str(group.key)}
        row.update(_severity_fields(group))
        return row

    @staticmethod
    def _sumprotocol_row(group):
        # recorded: test_analysis_vulns_sumprotocol_tool.yaml ("TCP(6)")
        row = {"protocol": "%s(%d)" % (PROTOCOL_NAMES[group.key], group.key)}
        row.update(_severity_fields(group))
        return row

    def _hosts_per_repository(self, host_list):
        by_repository = {}
        for host_index in host_list:
            host = self.dataset.hosts[host_index]
            by_repository.setdefault(host.repository_id, []).append(host)
        return sorted(by_repository.items(), key=lambda item: int(item[0]))

    def _plugin_summary(self, plugin, host_list):
        # recorded: test_analysis_vulns_vulnipdetail_tool.yaml (total = distinct hosts)
        return {"pluginID": plugin.id_str, "total": str(len(set(host_list))), "severity": plugin.severity_ref,
                "name": plugin.name, "pluginDescription": plugin.description}

    def _vulnipsummary_row(self, row):
        # recorded: test_analysis_vulns_vulnipsummary_tool.yaml (repositoryID, iplist a string, uuidIPsList "")
        plugin, host_list = PLUGINS[row[0]], row[1]
        per_repository = self._hosts_per_repository(host_list)
        summary = self._plugin_summary(plugin, host_list)
        summary["repositoryID"] = per_repository[0][0]
        summary["hosts"] = [{"iplist": _ip_runs(host.ip_int for host in hosts), "uuidIPsList": "",
                             "repository": self._repository_refs[repository_id]}
                            for repository_id, hosts in per_repository]
        summary["family"] = plugin.family_ref
        return summary

    def _vulnipdetail_row(self, row):
        # recorded: test_analysis_vulns_vulnipdetail_tool.yaml (distinct hosts, one entry per repository)
        plugin, host_list = PLUGINS[row[0]], row[1]
        summary = self._plugin_summary(plugin, host_list)
        summary["hosts"] = [{
            "iplist": [{"ip": host.ip, "uuid": host.uuid, "macAddress": host.mac_address,
                        "netbiosName": host.netbios_name, "dnsName": host.dns_name}
                       for host in sorted(set(hosts), key=lambda host: host.index)],
            "repository": self._repository_refs[repository_id]}
            for repository_id, hosts in self._hosts_per_repository(host_list)]
        summary["family"] = plugin.family_ref
        return summary

    def _iplist(self, groups):
        """The address ranges keyed "0", "1"... next to "results": null, no paging.

        recorded: test_analysis_vulns_iplist_tool.yaml.
        """
        addresses = sorted({self.dataset.hosts[group.key].ip_int for group in groups})
        ranges = format_intervals(intervals_from_sorted(addresses)).split(",") if addresses else []
        answer = {str(number): text for number, text in enumerate(ranges)}
        answer["results"] = None
        return answer


def _counts_of(level, count):
    counts = [0, 0, 0, 0, 0]
    counts[level] = count
    return counts

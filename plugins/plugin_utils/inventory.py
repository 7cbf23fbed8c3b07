# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Pure steps of the inventory: SC host rows to inventory hosts, their vars and their names."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.secops.tenablesc.plugins.module_utils.assets import is_address
from ansible_collections.secops.tenablesc.plugins.module_utils.rows import SEVERITY_NAMES, normalize_row, severity_counts

HOSTNAME_FIELDS = ("dns_name", "netbios_name", "ip", "uuid")
GROUPED_SEVERITIES = SEVERITY_NAMES[1:]
# The sumip fields host variables are made of; the others are neither typed nor kept.
SUMIP_FIELDS = ("ip", "dnsName", "netbiosName", "macAddress", "osCPE", "uuid", "lastAuthRun", "lastUnauthRun", "score",
                "severityInfo", "severityLow", "severityMedium", "severityHigh", "severityCritical", "repository")


class HostMerger:
    """SC's sumip records (one per repository and address) as inventory hosts.

    By default the records of one address are one machine: a network scan and a Nessus Agent, or two
    repositories that scanned it under different names, must not make a playbook run twice against it.
    With ``separate_repositories`` (overlapping private address spaces) each repository's record is a host
    of its own; within a repository, agent records of one address stay apart by their UUID.
    """

    def __init__(self, separate_repositories=False):
        self.separate_repositories = separate_repositories

    def identity(self, row):
        """What makes two normalized sumip rows the same inventory host."""
        if self.separate_repositories:
            return ((row.get("repository") or {}).get("id"), row.get("ip"), row.get("uuid") or "")
        return row.get("ip")

    def merge(self, rows):
        """{identity: host vars} in SC's order; names and facts come from the most recently seen record
        (the first one on a tie), the latest scan times and an agent's UUID from any."""
        hosts, seen = {}, {}
        for row in rows:
            identity = self.identity(row)
            repository = row.get("repository") or {}
            repository = {"id": repository.get("id"), "name": repository.get("name")}
            host = hosts.get(identity)
            if host is None:
                hosts[identity], seen[identity] = host_vars(row, repository), _last_seen(row)
                continue
            if repository not in host["sc_repositories"]:
                host["sc_repositories"].append(repository)
            # Each repository scanned the same machine: keep the worst each one reports, and the latest runs.
            host["sc_score"] = max(host["sc_score"] or 0, row.get("score") or 0)
            for name, count in (severity_counts(row) or {}).items():
                host["sc_severity"][name] = max(host["sc_severity"][name], count)
            facts = _row_facts(row)
            latest_runs = dict((key, max(_epoch(facts[key]), _epoch(host[key])) or None) for key in _LATEST_RUNS)
            # Only a Nessus Agent's record carries a UUID: the machine has it whichever record is newer.
            agent_uuid = host["sc_uuid"] or facts["sc_uuid"]
            # The most recently seen record names the machine: names and facts of one record stay together.
            if _last_seen(row) > seen[identity]:
                host.update(facts)
                seen[identity] = _last_seen(row)
            host.update(latest_runs, sc_uuid=agent_uuid)
        return hosts

    def add_asset_list(self, hosts, name, identities):
        """Record that the hosts of ``identities`` (from one asset list's walk) belong to the list ``name``."""
        for identity in identities:
            member = hosts.get(identity)
            if member is not None and name not in member["sc_asset_lists"]:
                member["sc_asset_lists"].append(name)


_LATEST_RUNS = ("sc_last_auth_run", "sc_last_unauth_run")


def _last_seen(row):
    """When SC last scanned the record, with or without credentials; 0 if it does not say."""
    return max(_epoch(row.get("lastAuthRun")), _epoch(row.get("lastUnauthRun")))


def _epoch(value):
    """A typed epoch time, or 0 for none (or an odd value SC sent that was left as text)."""
    return value if isinstance(value, int) else 0


def _row_facts(row):
    return {
        "sc_ip": row.get("ip"),
        "sc_dns_name": row.get("dnsName") or None,
        "sc_netbios_name": row.get("netbiosName") or None,
        "sc_mac_address": row.get("macAddress") or None,
        "sc_os_cpe": row.get("osCPE") or None,
        "sc_uuid": row.get("uuid") or None,
        "sc_last_auth_run": row.get("lastAuthRun"),
        "sc_last_unauth_run": row.get("lastUnauthRun"),
    }


def host_vars(row, repository):
    facts = _row_facts(row)
    facts.update(
        ansible_host=row.get("ip"),
        sc_repositories=[repository],
        sc_score=row.get("score"),
        sc_severity=severity_counts(row) or dict.fromkeys(SEVERITY_NAMES, 0),
        sc_asset_lists=[],
    )
    return facts


def host_rows(raw_rows):
    """Normalize the fields host variables use of raw sumip rows, lazily, so a page is typed as it arrives."""
    for row in raw_rows:
        yield normalize_row(row, SUMIP_FIELDS)


def name_candidate(preference, variables, template):
    """The value of one ``hostnames`` entry for a host, or None.

    SC reports NetBIOS names as WORKGROUP\\NAME; the host is called NAME.
    """
    if preference == "netbios_name":
        return (variables.get("sc_netbios_name") or "").rsplit("\\", 1)[-1] or None
    if preference in HOSTNAME_FIELDS:
        return variables.get("sc_" + preference)
    return template(preference, variables)


def choose_hostname(variables, preferences, template, strip_domain=False, lowercase=False):
    """The first non-empty name in ``preferences`` order; None if every one is empty."""
    for preference in preferences:
        name = name_candidate(preference, variables, template)
        if name is None:
            continue
        name = str(name).strip()
        if strip_domain and preference != "ip" and not is_address(name):
            name = name.split(".", 1)[0]
        if lowercase:
            name = name.lower()
        if name:
            return name
    return None


def assign_hostnames(hosts, choose):
    """{inventory hostname: vars}; a name two distinct hosts resolve to gets each one's address appended.

    ``choose(vars)`` returns the preferred name (or None: the address is used).
    Nothing is merged or overwritten: colliding hosts become ``<name>_<ip>``, and a second host with the
    same address (records kept apart by repository) gets ``_2`` (then ``_3``...) in SC's order.
    """
    preferred = [(choose(variables) or variables["sc_ip"], variables) for variables in hosts]
    claims = {}
    for name, _variables in preferred:
        claims[name] = claims.get(name, 0) + 1
    named = {}
    for name, variables in preferred:
        if claims[name] > 1 and name != variables["sc_ip"]:
            name = "%s_%s" % (name, variables["sc_ip"])
        unique, repeat = name, 1
        while unique in named:
            repeat += 1
            unique = "%s_%d" % (name, repeat)
        named[unique] = variables
    return named


def host_groups(variables):
    """Default group names (unsanitized) a host belongs to."""
    groups = ["sc_repo_%s" % repository["name"] for repository in variables["sc_repositories"]]
    groups.extend("sc_asset_%s" % name for name in variables["sc_asset_lists"])
    groups.extend("sc_has_%s" % name for name in GROUPED_SEVERITIES if variables["sc_severity"].get(name))
    return groups

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Pure steps of the inventory: SC host rows to inventory hosts, their vars and their names."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.secops.tenablesc.plugins.module_utils.rows import SEVERITY_NAMES, normalize_row, severity_counts

HOSTNAME_FIELDS = ("dns_name", "netbios_name", "ip", "uuid")
GROUPED_SEVERITIES = SEVERITY_NAMES[1:]
# The sumip fields host variables are made of; the others are neither typed nor kept.
SUMIP_FIELDS = ("ip", "dnsName", "netbiosName", "macAddress", "osCPE", "uuid", "lastAuthRun", "lastUnauthRun", "score",
                "severityInfo", "severityLow", "severityMedium", "severityHigh", "severityCritical", "repository")


def host_identity(row):
    """What makes two sumip rows the same machine: the same address and DNS name (without one, NetBIOS name).

    A machine seen by a network scan and by a Nessus Agent (each with its own
    repository, the agent's row with its own UUID) is one inventory host; the same
    address under other names (overlapping private ranges) is another machine.
    """
    dns_name = (row.get("dnsName") or "").lower()
    return (row.get("ip"), dns_name) if dns_name else (row.get("ip"), "", (row.get("netbiosName") or "").upper())


def merge_host_rows(rows):
    """Group normalized sumip rows by host; returns {identity: host vars} in SC's order."""
    hosts = {}
    for row in rows:
        identity = host_identity(row)
        repository = row.get("repository") or {}
        repository = {"id": repository.get("id"), "name": repository.get("name")}
        host = hosts.get(identity)
        if host is None:
            hosts[identity] = host_vars(row, repository)
            continue
        if repository not in host["sc_repositories"]:
            host["sc_repositories"].append(repository)
        # Each repository scanned the same machine: keep the worst each one reports.
        host["sc_score"] = max(host["sc_score"] or 0, row.get("score") or 0)
        for name, count in (severity_counts(row) or {}).items():
            host["sc_severity"][name] = max(host["sc_severity"][name], count)
        for key, value in _row_facts(row).items():
            if not host.get(key) and value:
                host[key] = value
    return hosts


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
        if strip_domain and preference != "ip" and not _is_address(name):
            name = name.split(".", 1)[0]
        if lowercase:
            name = name.lower()
        if name:
            return name
    return None


def assign_hostnames(hosts, choose):
    """{inventory hostname: vars}; a name two distinct hosts resolve to gets each one's address appended.

    ``choose(vars)`` returns the preferred name (or None: the address is used).
    Nothing is merged or overwritten: colliding hosts become ``<name>_<ip>``,
    and a second host with the same address gets ``_2`` (then ``_3``...) in SC's order.
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


def _is_address(name):
    return name.replace(".", "").isdigit() or ":" in name

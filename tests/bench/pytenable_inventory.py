# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The comparison: an SC inventory script written the way users write them today, with pyTenable.

pyTenable's analysis iterator walks the ``sumip`` tool one page of 1,000 rows after the other, and each row
becomes host variables in plain Python. The variables, host names and groups are the ones the plugin
documents for its default options, so that both sources produce the same inventory and share one floor;
like the plugin's, every string from SC is marked unsafe (SC's text is never to be templated).

Connection from TENABLESC_URL, TENABLESC_ACCESS_KEY, TENABLESC_SECRET_KEY and TENABLESC_CA_PATH.
"""

import json
import os
import re
import sys

from tenable.sc import TenableSC

SEVERITIES = ("info", "low", "medium", "high", "critical")
# Filled from a later repository's row when the first row left them empty.
FACTS = ("sc_ip", "sc_dns_name", "sc_netbios_name", "sc_mac_address", "sc_os_cpe", "sc_uuid", "sc_last_auth_run",
         "sc_last_unauth_run")
PAGE_SIZE = 1000


def number(text):
    return int(text) if text.strip() else None


def epoch(text):
    value = number(text)
    return value if value not in (-1, 0) else None


def unsafe(value):
    """Strings as Ansible's JSON marks untrusted text; lists and dictionaries walked."""
    if isinstance(value, str):
        return {"__ansible_unsafe": value}
    if isinstance(value, list):
        return [unsafe(item) for item in value]
    if isinstance(value, dict):
        return {key: unsafe(item) for key, item in value.items()}
    return value


def host_from(row):
    return {
        "ansible_host": row["ip"],
        "sc_ip": row["ip"],
        "sc_dns_name": row["dnsName"] or None,
        "sc_netbios_name": row["netbiosName"] or None,
        "sc_mac_address": row["macAddress"] or None,
        "sc_os_cpe": row["osCPE"] or None,
        "sc_uuid": row["uuid"] or None,
        "sc_last_auth_run": epoch(row["lastAuthRun"]),
        "sc_last_unauth_run": epoch(row["lastUnauthRun"]),
        "sc_repositories": [{"id": int(row["repository"]["id"]), "name": row["repository"]["name"]}],
        "sc_score": number(row["score"]),
        "sc_severity": {name: number(row["severity" + name.capitalize()]) or 0 for name in SEVERITIES},
        "sc_asset_lists": [],
    }


def collect_hosts(sc):
    """One host per machine: the same address and DNS name (without one, NetBIOS name) in two repositories."""
    hosts = {}
    for row in sc.analysis.vulns(tool="sumip", limit=PAGE_SIZE):
        dns_name = row["dnsName"].lower()
        key = (row["ip"], dns_name) if dns_name else (row["ip"], "", row["netbiosName"].upper())
        found = host_from(row)
        host = hosts.setdefault(key, found)
        if host is found:
            continue
        if found["sc_repositories"][0] not in host["sc_repositories"]:
            host["sc_repositories"].extend(found["sc_repositories"])
        host["sc_score"] = max(host["sc_score"] or 0, found["sc_score"] or 0)
        for name, count in found["sc_severity"].items():
            host["sc_severity"][name] = max(host["sc_severity"][name], count)
        for name in FACTS:
            if found[name] and not host[name]:
                host[name] = found[name]
    return list(hosts.values())


def preferred_name(host):
    netbios_name = (host["sc_netbios_name"] or "").rsplit("\\", 1)[-1]
    for name in (host["sc_dns_name"], netbios_name, host["sc_ip"]):
        if name and name.strip():
            return name.strip()
    return host["sc_ip"]


def inventory(hosts):
    names = [preferred_name(host) for host in hosts]
    claims = {}
    for name in names:
        claims[name] = claims.get(name, 0) + 1
    hostvars, groups = {}, {}
    for name, host in zip(names, hosts):
        if claims[name] > 1 and name != host["sc_ip"]:
            name = "%s_%s" % (name, host["sc_ip"])
        unique, repeat = name, 1
        while unique in hostvars:
            repeat += 1
            unique = "%s_%d" % (name, repeat)
        hostvars[unique] = unsafe(host)
        member_of = ["sc_repo_" + repository["name"] for repository in host["sc_repositories"]]
        member_of += ["sc_has_" + severity for severity in SEVERITIES[1:] if host["sc_severity"][severity]]
        for group in member_of:
            groups.setdefault(re.sub(r"^[\d\W]|[^\w]", "_", group), []).append(unique)
    document = {group: {"hosts": members} for group, members in groups.items()}
    document["_meta"] = {"hostvars": hostvars}
    return document


def main(argv):
    if "--host" in argv:
        sys.stdout.write("{}\n")
        return 0
    sc = TenableSC(url=os.environ["TENABLESC_URL"], access_key=os.environ["TENABLESC_ACCESS_KEY"],
                   secret_key=os.environ["TENABLESC_SECRET_KEY"], ssl_verify=os.environ["TENABLESC_CA_PATH"])
    json.dump(inventory(collect_hosts(sc)), sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

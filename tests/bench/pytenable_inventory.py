# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The comparison: an SC inventory script written the way users write them today, with pyTenable.

pyTenable's analysis iterator walks the ``sumip`` tool one page of 1,000 rows after the other, and each row
becomes host variables in plain Python. The variables, host names and groups are the ones the plugin
documents for its default options, so that both sources produce the same inventory and share one floor
(colliding names are told apart by the plugin's own function, imported from the collection); like the
plugin's, every string from SC is marked unsafe (SC's text is never to be templated).

Connection from TENABLESC_URL, TENABLESC_ACCESS_KEY, TENABLESC_SECRET_KEY and TENABLESC_CA_PATH.
"""

import json
import os
import re
import sys

from tenable.sc import TenableSC

from ansible_collections.secops.tenablesc.plugins.module_utils.rows import SEVERITY_NAMES as SEVERITIES
from ansible_collections.secops.tenablesc.plugins.plugin_utils.inventory import assign_hostnames
# Taken from the most recently seen row of an address.
FACTS = ("sc_ip", "sc_dns_name", "sc_netbios_name", "sc_mac_address", "sc_os_cpe")
RUNS = ("sc_last_auth_run", "sc_last_unauth_run")
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


def last_seen(host):
    return max(host["sc_last_auth_run"] or 0, host["sc_last_unauth_run"] or 0)


def collect_hosts(sc):
    """One host per address, whatever repositories hold it, named after its most recently seen row."""
    hosts = {}
    for row in sc.analysis.vulns(tool="sumip", limit=PAGE_SIZE):
        found = host_from(row)
        host = hosts.setdefault(row["ip"], found)
        if host is found:
            continue
        if found["sc_repositories"][0] not in host["sc_repositories"]:
            host["sc_repositories"].extend(found["sc_repositories"])
        host["sc_score"] = max(host["sc_score"] or 0, found["sc_score"] or 0)
        for name, count in found["sc_severity"].items():
            host["sc_severity"][name] = max(host["sc_severity"][name], count)
        if last_seen(found) > last_seen(host):
            host.update((name, found[name]) for name in FACTS)
        host.update((name, max(found[name] or 0, host[name] or 0) or None) for name in RUNS)
        host["sc_uuid"] = host["sc_uuid"] or found["sc_uuid"]
    return list(hosts.values())


def preferred_name(host):
    netbios_name = (host["sc_netbios_name"] or "").rsplit("\\", 1)[-1]
    for name in (host["sc_dns_name"], netbios_name, host["sc_ip"]):
        if name and name.strip():
            return name.strip()
    return host["sc_ip"]


def inventory(hosts):
    hostvars, groups = {}, {}
    for unique, host in assign_hostnames(hosts, preferred_name).items():
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

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Deterministic synthetic SC data: repositories, hosts, findings, seed asset lists and scan results.

Everything derives from ``seed``, including the dataset's clock: ``now`` is 2026-01-01T00:00:00Z plus
``seed % 365`` days. Finding times spread over the year before ``now``, and relative day filters
(``lastSeen`` "0:30") are evaluated against ``now`` so answers never depend on the wall clock.

Findings are stored column-wise (``array`` per field, ordered by host, plugin id and port) so a million of
them fit in a few tens of megabytes; ``Dataset.findings`` materialises ``Finding`` tuples on demand.
"""

import bisect
import random
import time
import uuid
from array import array
from collections import namedtuple
from dataclasses import dataclass, fields
from itertools import accumulate

from .catalog import PLUGINS
from .iputil import format_intervals, int_to_ip, intervals_from_sorted, ip_to_int

DAY = 86400
_EPOCH_2026 = 1767225600
# inferred: how many findings were fixed, and that a fixed finding keeps its lastSeen from before the fix
MITIGATED_SHARE = 0.08
# Web servers with web application (WAS) findings too, from a random stream of their own so that the host
# findings are the same as without them.
# inferred: WAS findings attached to the scanned web server's host record
WAS_HOST_SHARE = 0.3

Finding = namedtuple("Finding", "index host plugin port protocol first_seen last_seen mitigated last_mitigated reopened")

# name, description, first address, DNS domain, NetBIOS workgroup, OS mix, share of the network hosts
_NETWORK_REPOSITORIES = (
    ("Corporate LAN", "Head office workstations, printers and network gear", "10.16.0.0", "corp.example.com", "CORP",
     {"win10": 60, "printer": 8, "win2019": 8, "ubuntu": 6, "ios": 5}, 40),
    ("DMZ", "Internet facing services", "172.16.0.0", "dmz.example.com", "DMZ",
     {"ubuntu": 30, "rhel8": 20, "win2019": 15, "centos7": 10, "fortios": 10, "ios": 5}, 12),
    ("Datacenter", "Server farm and virtualisation hosts", "10.48.0.0", "dc.example.com", "DC",
     {"win2019": 25, "rhel8": 25, "ubuntu": 15, "esxi": 10, "centos7": 10, "win2012": 10, "ios": 5}, 25),
    ("Branch Offices", "Regional sites", "10.64.0.0", "branch.example.com", "BRANCH",
     {"win10": 50, "printer": 10, "ios": 15, "fortios": 10, "ubuntu": 5}, 12),
    ("Cloud Workloads", "IaaS virtual machines", "10.80.0.0", "cloud.example.com", "CLOUD",
     {"ubuntu": 45, "rhel8": 30, "win2019": 25}, 10),
    ("Lab", "Engineering test systems", "10.96.0.0", "lab.example.com", "LAB",
     {"win10": 10, "win2012": 10, "ubuntu": 10, "centos7": 10, "esxi": 10, "printer": 10}, 5),
    ("OT Network", "Plant floor systems", "10.112.0.0", "ot.example.com", "OT",
     {"win2012": 20, "centos7": 20, "ios": 20, "printer": 10, "win10": 15}, 6),
)
_AGENT_REPOSITORY = ("Agents", "Hosts reporting through Nessus Agents")
_BLOCK_SIZE = 1 << 20  # each network repository numbers its hosts inside a /12
_AGENT_SHARE = 0.15
_DUPLICATE_IP_SHARE = 0.03  # network hosts of later repositories answering on an address of the first one

OSProfile = namedtuple("OSProfile", "name cpe network_tags local_tags dns_prefix windows")
OS_PROFILES = {
    "win10": OSProfile("Microsoft Windows 10 Enterprise", "cpe:/o:microsoft:windows_10:::x64-enterprise",
                       {"scan", "net", "smb", "rdp", "tls"}, {"win", "win10", "cred"}, "wks", True),
    "win2019": OSProfile("Microsoft Windows Server 2019 Datacenter", "cpe:/o:microsoft:windows_server_2019",
                         {"scan", "net", "smb", "rdp", "tls", "web", "dns"}, {"win", "winsrv", "cred"}, "srv", True),
    "win2012": OSProfile("Microsoft Windows Server 2012 R2 Standard", "cpe:/o:microsoft:windows_server_2012:r2",
                         {"scan", "net", "smb", "rdp", "tls", "web", "oldwin", "mssql"}, {"win", "winsrv", "cred"},
                         "legacy", True),
    "ubuntu": OSProfile("Linux Kernel 5.15.0-91-generic on Ubuntu 22.04", "cpe:/o:canonical:ubuntu_linux:22.04",
                        {"scan", "net", "ssh", "web", "tls", "ntp"}, {"lnx", "ubuntu", "cred"}, "lnx", False),
    "rhel8": OSProfile("Linux Kernel 4.18.0-513.11.1.el8_9.x86_64 on Red Hat Enterprise Linux 8.9",
                       "cpe:/o:redhat:enterprise_linux:8", {"scan", "net", "ssh", "web", "tls", "nfs"},
                       {"lnx", "rhel", "cred"}, "rhel", False),
    "centos7": OSProfile("Linux Kernel 3.10.0-1160.105.1.el7.x86_64 on CentOS Linux release 7.9.2009 (Core)",
                         "cpe:/o:centos:centos:7", {"scan", "net", "ssh", "web", "tls", "ftp"},
                         {"lnx", "centos", "cred", "oldunix"}, "cent", False),
    "ios": OSProfile("CISCO IOS 15", "cpe:/o:cisco:ios:15", {"scan", "net", "ssh", "snmp", "telnet", "ntp"},
                     {"cisco", "cred"}, "rtr", False),
    "fortios": OSProfile("FortiOS on Fortinet FortiGate", "cpe:/o:fortinet:fortios",
                         {"scan", "net", "tls", "web", "fortios", "snmp", "dns"}, set(), "fw", False),
    "printer": OSProfile("HP LaserJet Printer", "cpe:/h:hp:laserjet", {"scan", "net", "web", "snmp", "telnet", "ftp"},
                         set(), "prn", False),
    "esxi": OSProfile("VMware ESXi 7.0.3 build-21930508", "cpe:/o:vmware:esxi:7.0",
                      {"scan", "net", "ssh", "tls", "web", "esxi"}, {"cred"}, "esx", False),
}
_ADDRESS_STEPS = (1, 1, 1, 2, 3, 5)
_AGENT_CAPABLE = ("win10", "win2019", "win2012", "ubuntu", "rhel8", "centos7")
_MAC_PREFIXES = ("00:50:56", "00:0c:29", "3c:52:82", "f4:8e:38", "00:1b:21", "a4:bb:6d")


@dataclass(slots=True, eq=False)
class Host:
    """One (repository, address) record: a sumip row. Attributes also read as ``host["ip"]``.

    recorded: one address in two repositories is two records (test_analysis_vulns_sumdnsname_tool.yaml,
    test_analysis_vulns_iavmipdetail_tool.yaml).
    """

    ip: str = ""
    ip_int: int = 0
    repository_id: str = ""
    uuid: str = ""
    dns_name: str = ""
    netbios_name: str = ""
    mac_address: str = ""
    os_key: str = ""
    os_name: str = ""
    os_cpe: str = ""
    policy_name: str = ""
    plugin_set: str = ""
    bios_guid: str = ""
    last_scan: int = 0
    last_auth_run: str = ""
    last_unauth_run: str = ""
    tags: frozenset = frozenset()
    uniqueness: str = ""
    index: int = None  # position in Dataset.hosts, set once the hosts are sorted

    def __getitem__(self, key):
        return getattr(self, key)

    def keys(self):
        return [item.name for item in fields(self)]

    def as_dict(self):
        return {key: getattr(self, key) for key in self.keys()}

    def __repr__(self):
        return "Host(%s in repository %s)" % (self.ip, self.repository_id)


def _allocate(total, weights):
    """Split ``total`` by ``weights`` with largest remainders, so the parts sum exactly to ``total``."""
    whole = sum(weights)
    shares = [total * weight / whole for weight in weights]
    parts = [int(share) for share in shares]
    by_remainder = sorted(range(len(weights)), key=lambda i: shares[i] - parts[i], reverse=True)
    for i in by_remainder[:total - sum(parts)]:
        parts[i] += 1
    return parts


class Dataset:
    """Repositories, hosts and findings generated from ``seed``; any size (100,000 hosts take seconds)."""

    def __init__(self, seed=7, hosts=300, repositories=4, findings_per_host=12):
        if not 1 <= repositories <= len(_NETWORK_REPOSITORIES) + 1:
            raise ValueError("repositories must be between 1 and %d" % (len(_NETWORK_REPOSITORIES) + 1))
        if hosts < 1 or findings_per_host < 1:
            raise ValueError("hosts and findings_per_host must be at least 1")
        self.seed = seed
        self.findings_per_host = findings_per_host
        self.now = _EPOCH_2026 + (seed % 365) * DAY
        # recorded: test_analysis_vulns_sumip_tool.yaml (pluginSet like "201812150336")
        self.plugin_set = time.strftime("%Y%m%d0312", time.gmtime(self.now - DAY))
        self.plugins = PLUGINS
        rng = random.Random(seed)
        self.repositories = self._repositories(repositories)
        self.hosts = self._hosts(rng, hosts)
        self._findings(rng)
        self.asset_lists = self._seed_asset_lists()
        # inferred: one weekly scan result per repository (id, name, repository, finish time)
        self.scan_results = [
            {"id": str(number), "name": "Weekly scan: %s" % repository["name"], "repository_id": repository["id"],
             "finishTime": self.now - (number % 3) * DAY}
            for number, repository in enumerate(self.repositories, 1)]

    # Repositories and hosts

    def _repositories(self, count):
        profiles = list(_NETWORK_REPOSITORIES[:3])
        if count >= 4:
            profiles.append(_AGENT_REPOSITORY)
        profiles += _NETWORK_REPOSITORIES[3:count - 1]
        repositories = []
        self._profiles = {}
        for number, profile in enumerate(profiles[:count], 1):
            agent = profile is _AGENT_REPOSITORY
            # recorded: test_repositories_details_success.yaml (type "Local"), test_analysis_vulns_sumip_tool.yaml
            # (dataFormat "IPv4" or "agent")
            # inferred: the repository uuid (newer servers)
            repositories.append({
                "id": str(number), "name": profile[0], "description": profile[1], "type": "Local",
                "dataFormat": "agent" if agent else "IPv4",
                "uuid": str(uuid.UUID(int=random.Random("%s-%d" % (self.seed, number)).getrandbits(128))).upper()})
            self._profiles[str(number)] = None if agent else profile
        return repositories

    def _hosts(self, rng, total):
        network = [r for r in self.repositories if self._profiles[r["id"]]]
        agents = [r for r in self.repositories if not self._profiles[r["id"]]]
        agent_count = round(total * _AGENT_SHARE) if agents else 0
        records = []
        for repository, count in zip(network, _allocate(total - agent_count, [self._profiles[r["id"]][6] for r in network])):
            records += self._network_hosts(rng, repository, count, records)
        if agents:
            records += self._agent_hosts(rng, agents[0], agent_count, records)
        records.sort(key=lambda host: (host.ip_int, int(host.repository_id)))
        for index, host in enumerate(records):
            host.index = index
        return records

    def _network_hosts(self, rng, repository, count, earlier):
        os_mix = self._profiles[repository["id"]][5]
        os_keys, os_cum = list(os_mix), list(accumulate(os_mix.values()))
        borrowable = [host.ip_int for host in earlier if host.repository_id == "1"]
        rng.shuffle(borrowable)
        numbers = {}
        hosts = []
        for ip_int in self._addresses(rng, repository, count, borrowable):
            os_key = os_keys[bisect.bisect_right(os_cum, rng.random() * os_cum[-1])]
            prefix = OS_PROFILES[os_key].dns_prefix
            numbers[prefix] = numbers.get(prefix, 0) + 1
            hosts.append(self._network_host(rng, repository, ip_int, os_key, "%s%05d" % (prefix, numbers[prefix])))
        return hosts

    def _addresses(self, rng, repository, count, borrowable):
        """Climbing addresses in the repository's block; a few borrowed from the first repository."""
        address = ip_to_int(self._profiles[repository["id"]][2])
        for dummy in range(count):
            if borrowable and rng.random() < _DUPLICATE_IP_SHARE:
                yield borrowable.pop()
                continue
            # Small gaps, so lists of these addresses collapse into some ranges but not into one.
            address += _ADDRESS_STEPS[int(rng.random() * len(_ADDRESS_STEPS))]
            while address & 0xFF in (0, 255):
                address += 1
            yield address

    def _network_host(self, rng, repository, ip_int, os_key, short_name):
        name, domain, workgroup = (self._profiles[repository["id"]][i] for i in (0, 3, 4))
        # recorded: test_analysis_vulns_sumip_tool.yaml (netbiosName "WORKGROUP\NAME", empty dnsName or MAC on
        # some hosts, uuid "" and uniqueness "repositoryID,ip,dnsName" for network hosts, lastAuthRun or
        # lastUnauthRun an epoch string and the other "")
        random_, profile = rng.random, OS_PROFILES[os_key]
        fields = self._host_fields(repository, ip_int, os_key)
        fields["dns_name"] = "%s.%s" % (short_name, domain) if random_() > 0.12 else ""
        fields["netbios_name"] = "%s\\%s" % (workgroup, short_name.upper()) if profile.windows else ""
        fields["mac_address"] = "" if name == "Cloud Workloads" or random_() < 0.1 else _mac(rng)
        credentialed = bool(profile.local_tags) and random_() < 0.7
        last_scan = self.now - int((random_() * 14 if random_() < 0.85 else 30 + random_() * 170) * DAY)
        return Host(
            tags=frozenset(profile.network_tags | (profile.local_tags if credentialed else set())),
            last_scan=last_scan, policy_name="Credentialed Patch Audit" if credentialed else "Basic Network Scan",
            bios_guid=_guid(rng) if credentialed and os_key in _AGENT_CAPABLE else "",
            last_auth_run=str(last_scan) if credentialed else "", last_unauth_run="" if credentialed else str(last_scan),
            uuid="", uniqueness="repositoryID,ip,dnsName", **fields)

    def _host_fields(self, repository, ip_int, os_key):
        return {"ip_int": ip_int, "ip": int_to_ip(ip_int), "repository_id": repository["id"], "os_key": os_key,
                "os_name": OS_PROFILES[os_key].name, "os_cpe": OS_PROFILES[os_key].cpe, "plugin_set": self.plugin_set}

    def _agent_hosts(self, rng, repository, count, network_hosts):
        """Agents report on machines the network scans also see: same address, name and OS, own uuid.

        recorded: test_analysis_vulns_sumip_tool.yaml (an agent row: lower-case uuid, upper-case biosGUID,
        policyName "Basic Agent Scan", uniqueness "repositoryID,uuid", lastUnauthRun "").
        """
        eligible = [host for host in network_hosts if host.os_key in _AGENT_CAPABLE]
        hosts = []
        for source in rng.sample(eligible, min(count, len(eligible))):
            fields = self._host_fields(repository, source.ip_int, source.os_key)
            fields.update({attribute: getattr(source, attribute)
                           for attribute in ("dns_name", "netbios_name", "mac_address", "bios_guid")})
            last_scan = self.now - int(rng.random() * 3 * DAY)
            hosts.append(Host(
                uuid=_guid(rng).lower(), tags=frozenset({"scan"} | OS_PROFILES[source.os_key].local_tags),
                last_scan=last_scan, policy_name="Basic Agent Scan", last_auth_run=str(last_scan),
                last_unauth_run="", uniqueness="repositoryID,uuid", **fields))
        return hosts

    # Findings

    def _findings(self, rng):
        """Findings of every host, appended column-wise in (host, plugin id, port) order."""
        self.host_start = array("q", [0])
        self.f_host, self.f_plugin, self.f_port = array("q"), array("H"), array("H")
        self.f_protocol, self.f_first, self.f_last = array("B"), array("q"), array("q")
        self.f_mitigated = bytearray()
        # inferred: a finding is noticed fixed by its host's last scan; nothing in the seed data was reopened
        self.f_last_mitigated, self.f_reopened = array("q"), bytearray()
        low = max(1, self.findings_per_host // 2)
        high = max(low, self.findings_per_host + self.findings_per_host // 2)
        pools = {}
        random_ = rng.random
        was_random = random.Random("%s-was" % self.seed).random
        was_plugins = [plugin.index for plugin in PLUGINS if plugin.was]
        for host in self.hosts:
            pool = pools.get(host.tags) or pools.setdefault(host.tags, self.plugin_pool(host.tags))
            chosen = sorted(set(rng.choices(pool[0], cum_weights=pool[1], k=low + int(random_() * (high - low + 1)))))
            findings = self._host_findings(random_, host, [(index, port) for index in chosen
                                                           for port in _pick_ports(random_, PLUGINS[index].ports)])
            if "web" in host.tags and was_random() < WAS_HOST_SHARE:
                web = [index for index in was_plugins if was_random() < 0.5] or was_plugins[:1]
                findings += self._host_findings(was_random, host, [(index, PLUGINS[index].ports[0]) for index in web])
            self._append_findings(host, sorted(findings))
            self.host_start.append(len(self.f_plugin))

    @staticmethod
    def plugin_pool(tags):
        """(plugin indices, cumulative weights): what a host with these tags draws its findings from."""
        plugins = [plugin for plugin in PLUGINS if plugin.requires in tags]
        return [plugin.index for plugin in plugins], list(accumulate(plugin.weight for plugin in plugins))

    @staticmethod
    def _host_findings(random_, host, pairs):
        """(plugin index, port, first seen, last seen, mitigated) of one host's findings for these pairs.

        About MITIGATED_SHARE of them were fixed before the last scan.
        """
        last_scan = host.last_scan
        mitigated = [random_() < MITIGATED_SHARE for pair in pairs]
        lasts = [last_scan - int((7 + random_() * 173) * DAY) if fixed else last_scan for fixed in mitigated]
        firsts = [last - int(random_() * 365 * DAY) for last in lasts]
        return [(index, port, first, last, int(fixed))
                for (index, port), first, last, fixed in zip(pairs, firsts, lasts, mitigated)]

    def _append_findings(self, host, findings):
        """Append one host's findings, in (plugin id, port) order, to the columns."""
        self.f_host.extend([host.index] * len(findings))
        self.f_plugin.extend([finding[0] for finding in findings])
        self.f_port.extend([finding[1] for finding in findings])
        self.f_protocol.extend([PLUGINS[finding[0]].protocol for finding in findings])
        self.f_first.extend([finding[2] for finding in findings])
        self.f_last.extend([finding[3] for finding in findings])
        self.f_mitigated.extend(bytes(finding[4] for finding in findings))
        self.f_last_mitigated.extend([host.last_scan if finding[4] else 0 for finding in findings])
        self.f_reopened.extend(bytes(len(findings)))

    @property
    def findings(self):
        return FindingsView(self)

    def finding(self, index):
        return Finding(index, self.hosts[self.f_host[index]], PLUGINS[self.f_plugin[index]], self.f_port[index],
                       self.f_protocol[index], self.f_first[index], self.f_last[index], bool(self.f_mitigated[index]),
                       self.f_last_mitigated[index], bool(self.f_reopened[index]))

    def repository(self, repository_id):
        return next(r for r in self.repositories if r["id"] == str(repository_id))

    # Seed asset lists

    def _seed_asset_lists(self):
        """A few lists of every kind, defined from the generated hosts so their members are known."""
        # The second and third repositories (the first again when there are fewer) anchor the lists.
        count = len(self.repositories)
        second, third = self.repositories[1 % count], self.repositories[2 % count]
        web_hosts = sorted({h.ip_int for h in self.hosts if h.repository_id == second["id"] and "web" in h.tags})[:20]
        servers = sorted({h.dns_name for h in self.hosts if h.os_key in ("win2019", "win2012") and h.dns_name})[:10]
        subnets = sorted({h.ip_int >> 8 for h in self.hosts if h.repository_id == third["id"]})[:2] or [0]
        # recorded: test_asset_lists_list_success.yaml (list 0, its name, type and description)
        lists = [
            self._asset("0", "All Defined Ranges", "static",
                        "All defining ranges of the Group in whose context this Asset is being evaluated.",
                        {"definedIPs": self._all_ranges()}),
            self._asset("1", "DMZ Web Servers", "static", "Web servers exposed to the Internet",
                        {"definedIPs": format_intervals(intervals_from_sorted(web_hosts))}),
            self._asset("2", "Windows Servers", "dnsname", "Windows servers by DNS name",
                        {"definedDNSNames": ",".join(servers)}),
            self._asset("3", "Critical Exploitable Hosts", "dynamic", "Hosts with an exploitable critical finding",
                        {"rules": {"operator": "all", "children": [
                            _clause("severity", "eq", {"id": "4"}), _clause("exploitAvailable", "eq", "true")],
                            "type": "group"}}),
            self._asset("4", "Linux Hosts", "dynamic", "The operating system detected has Linux installed.",
                        {"rules": {"operator": "any", "children": [_clause("os", "contains", "Linux")],
                                   "type": "group"}}),
        ]
        # Two lists share a name, as SC allows.
        # recorded: test_asset_lists_create_success.yaml (three lists named "Example")
        for asset_id, subnet in zip(("5", "6"), subnets * 2):
            lists.append(self._asset(asset_id, "Datacenter Subnet", "static", "",
                                     {"definedIPs": "%s/24" % int_to_ip(subnet << 8)}))
        lists.append(self._asset("7", "Exposed or Exploitable", "combination", "", {"combinations": {
            "operator": "union", "operand1": {"id": "1"}, "operand2": {"id": "3"}}}))
        # recorded: test_asset_lists_list_success_for_fields.yaml has a list among "manageable" but not "usable".
        lists.append(dict(self._asset("8", "Decommissioned Servers", "static", "Managed here, shared for use elsewhere",
                                      {"definedIPs": format_intervals(intervals_from_sorted(web_hosts[:2]))}),
                          usable=False))
        return lists

    def _all_ranges(self):
        """The address blocks of the network repositories (agents report addresses inside them)."""
        blocks = [ip_to_int(profile[2]) for profile in self._profiles.values() if profile]
        return format_intervals(sorted((block, block + _BLOCK_SIZE - 1) for block in blocks))

    @staticmethod
    def _asset(asset_id, name, asset_type, description, type_fields):
        return {"id": asset_id, "name": name, "type": asset_type, "description": description,
                "typeFields": type_fields}


def _pick_ports(random_, ports):
    """One port of the plugin's, sometimes two: a web check can report on 80 and 443."""
    if len(ports) == 1:
        return ports
    first = ports[int(random_() * len(ports))]
    if random_() < 0.25:
        return sorted({first, ports[int(random_() * len(ports))]})
    return (first,)


def _guid(rng):
    # recorded: test_analysis_vulns_sumip_tool.yaml (biosGUID upper case, 8-4-4-4-12)
    text = "%032X" % rng.getrandbits(128)
    return "-".join((text[:8], text[8:12], text[12:16], text[16:20], text[20:]))


def _mac(rng):
    # recorded: test_analysis_vulns_sumip_tool.yaml (lower case, colon separated)
    return "%s:%02x:%02x:%02x" % (_MAC_PREFIXES[rng.getrandbits(16) % len(_MAC_PREFIXES)], rng.getrandbits(8),
                                  rng.getrandbits(8), rng.getrandbits(8))


def _clause(filter_name, operator, value):
    # recorded: test_asset_lists_create_asset_list_check_uuid.yaml (5.18: pluginIDConstraint "-1", this key order)
    return {"filterName": filter_name, "operator": operator, "value": value, "pluginIDConstraint": "-1",
            "type": "clause"}


class FindingsView:
    """Sequence of ``Finding`` tuples over the column store."""

    def __init__(self, dataset):
        self._dataset = dataset

    def __len__(self):
        return len(self._dataset.f_plugin)

    def __getitem__(self, index):
        if not -len(self) <= index < len(self):
            raise IndexError(index)
        return self._dataset.finding(index % len(self))

    def __iter__(self):
        return (self._dataset.finding(index) for index in range(len(self)))

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
name: tenablesc
short_description: Tenable Security Center's hosts as a dynamic inventory
version_added: 0.1.0
description:
  - >-
    The hosts Tenable Security Center knows, with their addresses, names, repositories and finding counts,
    grouped by repository, asset list and severity, so that "patch every host with a critical finding in the DMZ"
    is C(hosts: sc_repo_DMZ:&sc_has_critical).
  - Reads SC's C(sumip) analysis page by page, one request in flight by default; requests grow with pages and
    asset lists, never with hosts.
  - Any API failure fails the inventory source with a message that names the fix; an empty or partial
    inventory is never passed off as real.
  - Files must end in C(tenablesc.yml) or C(tenablesc.yaml).
author:
  - secops.tenablesc contributors (@secops)
extends_documentation_fragment:
  - secops.tenablesc.connection.PLUGINS
  - secops.tenablesc.analysis
  - constructed
  - inventory_cache
options:
  plugin:
    description: Marks the file as this plugin's.
    required: true
    type: str
    choices: [secops.tenablesc.tenablesc]
  repositories:
    description: Keep only hosts in these repositories, by name or ID.
    type: list
    elements: raw
    default: []
  filters:
    description:
      - >-
        Keep only hosts with findings that match these filters, in the vocabulary of the
        M(secops.tenablesc.tenablesc_vulns_info) options, such as C({last_seen: 30, severity: [high, critical]}).
      - Keys are C(severity), C(plugin_id), C(plugin_name), C(ip), C(dns_name), C(repository), C(asset), C(cve),
        C(exploit_available), C(last_seen), C(first_seen), C(vpr_score), C(port), C(protocol), C(accepted_risk),
        C(recast_risk).
      - Host variables such as C(sc_severity) then count only matching findings.
    type: dict
    default: {}
  asset_lists:
    description:
      - Asset lists, by name or ID; each becomes a group C(sc_asset_<name>) and is listed in C(sc_asset_lists).
    type: list
    elements: raw
    default: []
  restrict_to_asset_lists:
    description: Keep only hosts that belong to at least one of O(asset_lists).
    type: bool
    default: false
  hostnames:
    description:
      - How to name each host, in order of preference; the first non-empty one wins.
      - V(dns_name), V(netbios_name), V(ip) and V(uuid) name SC's fields; anything else is a Jinja2 template
        over the host variables, such as V({{ sc_netbios_name }}-{{ sc_ip }}).
      - The address is the last resort. When two distinct hosts resolve to one name, each becomes
        C(<name>_<ip>), and with O(separate_repositories=true) a second host with the same address gets C(_2)
        (then C(_3)...) in SC's order; nothing is merged or overwritten.
    type: list
    elements: str
    default: [dns_name, netbios_name, ip]
  separate_repositories:
    description:
      - >-
        By default SC's records of one address are one inventory host, whatever repositories hold them (a machine
        scanned by a network scan and reporting through a Nessus Agent, or scanned under another DNS name),
        so a playbook runs once per machine. The host lists every repository, and its DNS and NetBIOS names are
        those of the most recently seen record.
      - >-
        Set to V(true) where repositories hold overlapping private address spaces, so that one address in two
        repositories is two machines; each repository's record is then a host of its own.
    type: bool
    default: false
  strip_domain:
    description: Keep only the first label of DNS and NetBIOS names (C(web01.example.com) becomes C(web01)).
    type: bool
    default: false
  lowercase:
    description: Lowercase host names.
    type: bool
    default: false
  page_size:
    description: Rows per analysis request (1 to 10000).
    type: int
    default: 5000
notes:
  - Host variables are C(ansible_host) (the address), C(sc_ip), C(sc_dns_name), C(sc_netbios_name),
    C(sc_mac_address), C(sc_os_cpe), C(sc_uuid), C(sc_repositories) (list of C(id), C(name)),
    C(sc_score) (int), C(sc_severity) (C(info), C(low), C(medium), C(high), C(critical) counts),
    C(sc_last_auth_run) and C(sc_last_unauth_run) (epoch seconds or null), and C(sc_asset_lists) (names).
  - For a host found in several repositories, C(sc_score) and each C(sc_severity) count are the highest
    any of its repositories reports; C(sc_last_auth_run) and C(sc_last_unauth_run) are the latest.
  - Default groups are C(sc_repo_<repository name>), C(sc_asset_<asset list name>) and C(sc_has_<severity>)
    (low, medium, high, critical) for each severity the host has at least one finding of;
    names are sanitized the way Ansible sanitizes group names.
  - The cache holds host variables only, never a key.
"""

EXAMPLES = r"""
# sc.tenablesc.yml: every host SC knows; keys from TENABLESC_URL and TENABLESC_API_KEYS (as AWX injects them)
plugin: secops.tenablesc.tenablesc

# dmz.tenablesc.yml: hosts in the DMZ seen in the last 30 days, named by short DNS name
plugin: secops.tenablesc.tenablesc
url: https://tenablesc.example.com
api_keys: !vault |
  $ANSIBLE_VAULT;1.1;AES256
  ...
repositories: [DMZ]
filters:
  last_seen: 30
hostnames: [dns_name, netbios_name, ip]
strip_domain: true
lowercase: true

# pci.tenablesc.yml: only members of the PCI asset lists, grouped by OS and cached for an hour
plugin: secops.tenablesc.tenablesc
asset_lists: [PCI Scope, Cardholder Data]
restrict_to_asset_lists: true
keyed_groups:
  - key: sc_os_cpe | default('unknown', true) | split(':') | first
    prefix: os
compose:
  critical_count: sc_severity.critical
groups:
  needs_patching: sc_severity.critical > 0 or sc_severity.high > 5
cache: true
cache_plugin: ansible.builtin.jsonfile
cache_connection: ~/.cache/tenablesc-inventory
cache_timeout: 3600

# Then: ansible-playbook -i dmz.tenablesc.yml patch.yml --limit 'sc_repo_DMZ:&sc_has_critical'
"""

from concurrent.futures import ThreadPoolExecutor
from threading import BoundedSemaphore

from ansible.errors import AnsibleParserError
from ansible.plugins.inventory import BaseInventoryPlugin, Cacheable, Constructable
from ansible.utils.display import Display

from ansible_collections.secops.tenablesc.plugins.module_utils.analysis import AnalysisPages, AnalysisQuery
from ansible_collections.secops.tenablesc.plugins.module_utils.errors import ConfigurationError, TenableSCError
from ansible_collections.secops.tenablesc.plugins.module_utils.filters import translate_filters
from ansible_collections.secops.tenablesc.plugins.module_utils.lookups import NameResolver
from ansible_collections.secops.tenablesc.plugins.plugin_utils.connection import (
    as_ansible_error,
    plugin_client,
    refuse_loose_values,
)
from ansible_collections.secops.tenablesc.plugins.plugin_utils.inventory import (
    HostMerger,
    assign_hostnames,
    choose_hostname,
    host_groups,
    host_rows,
)

display = Display()


class InventoryModule(BaseInventoryPlugin, Constructable, Cacheable):
    NAME = "secops.tenablesc.tenablesc"

    def verify_file(self, path):
        return super(InventoryModule, self).verify_file(path) and path.endswith(("tenablesc.yml", "tenablesc.yaml"))

    def parse(self, inventory, loader, path, cache=True):
        super(InventoryModule, self).parse(inventory, loader, path, cache)
        refuse_loose_values(self, self._read_config_data(path))
        cache_key = self.get_cache_key(path)
        use_cache = self.get_option("cache") and cache
        hosts = self._cache.get(cache_key) if use_cache and cache_key in self._cache else None
        if hosts is None:
            try:
                hosts = self._fetch_hosts()
            except TenableSCError as exc:
                raise as_ansible_error(exc, AnsibleParserError)
            if self.get_option("cache"):
                self._cache[cache_key] = hosts
        self._populate(hosts)

    def _fetch_hosts(self):
        """Every host with its vars, as a list (the cacheable form); no per-host request.

        The walks of the hosts and of every asset list run at the same time within one ``concurrency``
        budget of requests in flight (one by default): while SC answers one, the rows of another are handled.
        """
        concurrency = self.get_option("concurrency")
        if self.get_option("restrict_to_asset_lists") and not self.get_option("asset_lists"):
            raise ConfigurationError("restrict_to_asset_lists needs asset_lists.")
        merger = HostMerger(self.get_option("separate_repositories"))
        with plugin_client(self, display.warning, display.vvv, pool_size=concurrency) as client:
            resolver = NameResolver(client)
            values = self._filter_values()
            filters = translate_filters(values, resolver)
            request_slots = BoundedSemaphore(concurrency)
            asset_lists = [(str(name), translate_filters(dict(values, asset=name), resolver))
                           for name in self.get_option("asset_lists")]
            with ThreadPoolExecutor(max_workers=max(len(asset_lists), 1)) as walks:
                members = [(name, walks.submit(self._identities, merger, client, member_filters, name, request_slots))
                           for name, member_filters in asset_lists]
                hosts = merger.merge(host_rows(self._sumip(client, filters, "hosts", request_slots)))
                for name, identities in members:
                    merger.add_asset_list(hosts, name, identities.result())
        found = list(hosts.values())
        if self.get_option("restrict_to_asset_lists"):
            found = [host for host in found if host["sc_asset_lists"]]
        display.v("tenablesc: %d hosts" % len(found))
        return found

    def _filter_values(self):
        """The friendly filters of ``filters``, with ``repositories`` as their repository filter."""
        values = dict(self.get_option("filters") or {})
        if self.get_option("repositories"):
            if values.get("repository"):
                raise ConfigurationError("Give repositories or filters.repository, not both.")
            values["repository"] = self.get_option("repositories")
        return values

    def _identities(self, merger, client, filters, name, request_slots):
        """The identities of the hosts in one asset list (the host filters with that list as the asset filter)."""
        return [merger.identity(row) for row in host_rows(
            self._sumip(client, filters, "asset list %s" % name, request_slots))]

    def _sumip(self, client, filters, what, request_slots):
        def progress(pages, rows):
            display.v("tenablesc: %s: %d pages, %d rows" % (what, pages, rows))
        query = AnalysisQuery(tool="sumip", filters=filters, was_findings=self.get_option("was_findings"))
        return AnalysisPages(client, query, page_size=self.get_option("page_size"),
                             concurrency=self.get_option("concurrency"), progress=progress,
                             request_slots=request_slots)

    def _populate(self, hosts):
        strict = self.get_option("strict")
        named = assign_hostnames(hosts, self._hostname_chooser())
        groups = {}  # default group name -> the inventory's group, added once
        for hostname, variables in named.items():
            self.inventory.add_host(hostname)
            for key, value in variables.items():
                self.inventory.set_variable(hostname, key, value)
            for group in host_groups(variables):
                if group not in groups:
                    groups[group] = self.inventory.add_group(self._sanitize_group_name(group))
                self.inventory.add_child(groups[group], hostname)
            self._set_composite_vars(self.get_option("compose"), variables, hostname, strict=strict)
            self._add_host_to_composed_groups(self.get_option("groups"), variables, hostname, strict=strict)
            self._add_host_to_keyed_groups(self.get_option("keyed_groups"), variables, hostname, strict=strict)

    def _hostname_chooser(self):
        preferences = self.get_option("hostnames")
        strip_domain, lowercase = self.get_option("strip_domain"), self.get_option("lowercase")

        def template(expression, variables):
            self.templar.available_variables = variables
            try:
                return self.templar.template(expression) or None
            except Exception as exc:  # pylint: disable=broad-except  # any template error is the user's to see
                raise AnsibleParserError("hostnames: template %r failed: %s" % (expression, exc))

        return lambda variables: choose_hostname(variables, preferences, template, strip_domain, lowercase)

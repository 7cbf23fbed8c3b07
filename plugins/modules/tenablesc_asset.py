#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: tenablesc_asset
short_description: Manage Tenable Security Center asset lists idempotently
version_added: 0.1.0
description:
  - Creates, updates and deletes SC asset lists of type static (addresses), dnsname (DNS names),
    dynamic (rules) and combination (other lists combined), so they can be defined as code.
  - Compares what SC stores the way SC stores it (normalised address sets, DNS names without case,
    rule trees without SC's own additions), so a second run with the same arguments changes nothing and sends no write.
  - Needs an account whose role may manage asset lists (Security Manager or Security Analyst;
    a Vulnerability Analyst may only read them).
author:
  - secops.tenablesc contributors (@secops)
extends_documentation_fragment:
  - secops.tenablesc.connection
attributes:
  check_mode:
    support: full
    description: Reports what would change and sends no write.
  diff_mode:
    support: full
    description: Shows changed fields, with addresses and DNS names one per line, so additions and removals read plainly.
options:
  name:
    description:
      - Name of the asset list; identifies it unless O(id) is given (then O(name) renames it).
      - SC allows several lists of one name; a name that matches more than one fails with their IDs.
    type: str
  id:
    description: ID of an existing asset list to manage.
    type: int
  state:
    description: Whether the list should exist.
    type: str
    choices: [present, absent]
    default: present
  type:
    description:
      - Type of the list. Required to create one.
      - SC cannot change the type of a list; a different type fails unless O(replace=true).
    type: str
    choices: [static, dnsname, dynamic, combination]
  description:
    description: Description; unchanged when not given.
    type: str
  tags:
    description: SC's tag string; unchanged when not given.
    type: str
  ips:
    description: Addresses, CIDR networks and ranges of a static list.
    type: list
    elements: str
  dns_names:
    description: DNS names of a dnsname list.
    type: list
    elements: str
  rules:
    description:
      - Rules of a dynamic list, as C({operator, children}); each child is a clause C({filter, operator, value})
        (optionally C(plugin_id)) or a nested group C({operator, children}).
      - A group's C(operator) is V(all) or V(any); clause operators are SC's (V(eq), V(contains), V(lte), ...).
      - >-
        C(severity) clauses take a number V(0) to V(4) or a name (V(critical)); C(pluginid) clauses a plugin ID.
        Both are sent the way SC needs them, as an ID record.
    type: dict
  combination:
    description: The lists a combination list combines.
    type: dict
    suboptions:
      operator:
        description: How the lists combine.
        type: str
        choices: [union, intersection, complement]
        default: union
      assets:
        description: Asset lists by name or ID, at least two; combined left to right.
        type: list
        elements: raw
        required: true
  purge:
    description:
      - With V(true), O(ips) or O(dns_names) is the whole membership; with V(false), they are added to what is there.
    type: bool
    default: true
  replace:
    description:
      - Delete and recreate the list when its O(type) differs; its ID changes. The result says so in RV(replaced).
    type: bool
    default: false
notes:
  - A create is never sent twice. If the connection breaks after SC may have created the list,
    the module looks it up by name before failing.
  - A delete is never sent twice either. If the connection breaks after SC may have deleted the list,
    the module succeeds when the list is gone.
"""

EXAMPLES = r"""
- name: PCI scope is these networks
  secops.tenablesc.tenablesc_asset:
    name: PCI Scope
    type: static
    ips: [10.10.0.0/24, 10.10.1.5, 10.10.2.1-10.10.2.20]
    description: Cardholder data environment

- name: Add one address, keep the rest
  secops.tenablesc.tenablesc_asset:
    name: PCI Scope
    ips: [10.10.3.7]
    purge: false

- name: Web servers by DNS name
  secops.tenablesc.tenablesc_asset:
    name: Web Servers
    type: dnsname
    dns_names: [www.example.com, shop.example.com]

- name: Hosts with an exploitable critical
  secops.tenablesc.tenablesc_asset:
    name: Exploitable Criticals
    type: dynamic
    rules:
      operator: all
      children:
        - {filter: severity, operator: eq, value: critical}
        - {filter: exploitAvailable, operator: eq, value: "true"}

- name: Everything in scope for the audit
  secops.tenablesc.tenablesc_asset:
    name: Audit Scope
    type: combination
    combination:
      operator: union
      assets: [PCI Scope, Web Servers]

- name: Gone
  secops.tenablesc.tenablesc_asset:
    name: Old List
    state: absent
"""

RETURN = r"""
asset:
  description:
    - The asset list after the task, in the shape M(secops.tenablesc.tenablesc_asset_info) returns
      (id, name, type, description, tags, ips, dns_names, rules, combination, ip_count, repositories, owner,
      created, modified); null after O(state=absent).
    - In check mode, what it would be; C(id) is null for a list that would be created.
  returned: always
  type: dict
  sample: {id: 12, name: PCI Scope, type: static, description: Cardholder data environment, tags: "",
           ips: [10.10.0.0/24, 10.10.1.5], dns_names: null, rules: null, combination: null, ip_count: 257,
           repositories: [{id: 1, name: DMZ, ip_count: 257}], owner: secmanager, created: 1763856000, modified: 1763856000}
replaced:
  description: Whether the list was deleted and recreated because its type changed (O(replace=true)).
  returned: always
  type: bool
  sample: false
"""

from ansible_collections.secops.tenablesc.plugins.module_utils.assets import (
    ASSET_TYPES,
    COMBINATION_OPERATORS,
    asset_details,
    combination_to_sc,
    dns_names,
    format_networks,
    ip_networks,
    ips_list,
    rules_from_sc,
    rules_to_sc,
    same_rules,
)
from ansible_collections.secops.tenablesc.plugins.module_utils.errors import ConfigurationError, TransportError
from ansible_collections.secops.tenablesc.plugins.module_utils.lookups import NameResolver
from ansible_collections.secops.tenablesc.plugins.module_utils.module import run_module

ARGUMENT_SPEC = dict(
    name=dict(type="str"),
    id=dict(type="int"),
    state=dict(type="str", choices=["present", "absent"], default="present"),
    type=dict(type="str", choices=list(ASSET_TYPES)),
    description=dict(type="str"),
    tags=dict(type="str"),
    ips=dict(type="list", elements="str"),
    dns_names=dict(type="list", elements="str"),
    rules=dict(type="dict"),
    combination=dict(type="dict", options=dict(
        operator=dict(type="str", choices=list(COMBINATION_OPERATORS), default="union"),
        assets=dict(type="list", elements="raw", required=True),
    )),
    purge=dict(type="bool", default=True),
    replace=dict(type="bool", default=False),
)
MODULE_OPTIONS = dict(
    required_one_of=[("name", "id")],
    mutually_exclusive=[("ips", "dns_names", "rules", "combination")],
)
MEMBERSHIP_OPTION = dict(static="ips", dnsname="dns_names", dynamic="rules", combination="combination")


class Desired:
    """What the task asks for, in the asset_view shape, and SC's request body for it."""

    def __init__(self, params, resolver):
        self.params = params
        self.type = params["type"]
        self.combination = None
        if params["combination"]:
            self.combination = dict(operator=params["combination"]["operator"],
                                    assets=[resolver.asset_list(item)["id"] for item in params["combination"]["assets"]])
            combination_to_sc(self.combination["operator"], self.combination["assets"])

    def view(self, current=None):
        """The list as it should be: ``current`` with every given option applied."""
        view = dict(current or dict(id=None, type=self.type, description="", tags="", ips=None, dns_names=None,
                                    rules=None, combination=None, ip_count=None, repositories=[], owner=None,
                                    created=None, modified=None))
        params = self.params
        for key in ("name", "description", "tags"):
            if params[key] is not None:
                view[key] = params[key]
        kept = {} if params["purge"] else (current or {})
        if params["ips"] is not None:
            view["ips"] = ips_list(ip_networks(list(kept.get("ips") or []) + params["ips"]))
        if params["dns_names"] is not None:
            view["dns_names"] = sorted(set(kept.get("dns_names") or []) | dns_names(params["dns_names"]))
        if params["rules"] is not None:
            view["rules"] = rules_from_sc(rules_to_sc(params["rules"]))
        if self.combination is not None:
            view["combination"] = self.combination
        return view


def changed_fields(current, wanted):
    """Names of the fields whose values differ the way SC compares them."""
    changed = []
    for key in ("name", "description", "tags", "ips", "dns_names", "rules", "combination"):
        before, after = current.get(key), wanted.get(key)
        if key == "ips":
            same = format_networks(ip_networks(before or [])) == format_networks(ip_networks(after or []))
        elif key == "rules":
            same = same_rules(before, after)
        else:
            same = before == after
        if not same:
            changed.append(key)
    return changed


def sc_body(view, fields):
    body = {}
    for key in fields:
        if key in ("name", "description", "tags"):
            body[key] = view[key]
        elif key == "ips":
            body["definedIPs"] = format_networks(ip_networks(view["ips"]))
        elif key == "dns_names":
            body["definedDNSNames"] = ",".join(view["dns_names"])
        elif key == "rules":
            body["rules"] = rules_to_sc(view["rules"])
        elif key == "combination":
            body["combinations"] = combination_to_sc(view["combination"]["operator"], view["combination"]["assets"])
    return body


def diff_view(view, fields):
    return dict((key, view.get(key)) for key in fields) if view else {}


def create(module, client, resolver, desired, replacing=None):
    """Create the list (or, in check mode, describe it); ``replacing`` is the ID of a list it replaces."""
    params = module.params
    if not params["name"] or not desired.type:
        raise ConfigurationError("Creating an asset list needs name and type.")
    membership = MEMBERSHIP_OPTION[desired.type]
    if params[membership] is None:
        raise ConfigurationError("Creating a %s asset list needs %s." % (desired.type, membership))
    wanted = desired.view()
    fields = ["name", "description", "tags", membership]
    if module.check_mode:
        return wanted
    body = dict(sc_body(wanted, fields), type=desired.type)
    try:
        created = client.post("/asset", body)
    except TransportError as exc:
        if not exc.maybe_applied:
            raise
        # SC may have created it before the connection broke: adopt it rather than risk a second one.
        resolver.forget_asset_lists()
        found = [summary for summary in resolver.matching_asset_lists(name=params["name"])
                 if summary["id"] != str(replacing)]
        if len(found) != 1:
            raise
        created = found[0]
        module.warn("SC's answer to the create was lost; found asset list %s it had created." % created["id"])
    return asset_details(client, created["id"])


def delete(module, client, resolver, asset_id):
    """Delete the list; if SC's answer is lost, the list being gone shows that SC deleted it."""
    try:
        client.delete("/asset/%s" % asset_id)
    except TransportError as exc:
        if not exc.maybe_applied:
            raise
        resolver.forget_asset_lists()
        if resolver.one_asset_list(asset_id=asset_id) is not None:
            raise
        module.warn("SC's answer to the delete was lost; asset list %s is gone." % asset_id)


def ensure_present(module, client, resolver, existing):
    desired = Desired(module.params, resolver)
    if existing is None:
        wanted = create(module, client, resolver, desired)
        return dict(changed=True, asset=wanted, replaced=False, diff=dict(before={}, after=wanted))
    current = asset_details(client, existing["id"])
    if desired.type and desired.type != current["type"]:
        return replace(module, client, resolver, desired, current)
    membership = MEMBERSHIP_OPTION.get(current["type"])
    given = [option for option in MEMBERSHIP_OPTION.values() if module.params[option] is not None]
    if given and given != [membership]:
        raise ConfigurationError("Asset list %s is of type %s; %s does not apply to it." % (
            current["id"], current["type"], given[0]))
    wanted = desired.view(current)
    fields = changed_fields(current, wanted)
    if fields and not module.check_mode:
        client.patch("/asset/%s" % current["id"], sc_body(wanted, fields))
        wanted = asset_details(client, current["id"])
    return dict(changed=bool(fields), asset=wanted, replaced=False,
                diff=dict(before=diff_view(current, fields), after=diff_view(wanted, fields)))


def replace(module, client, resolver, desired, current):
    if not module.params["replace"]:
        raise ConfigurationError(
            "Asset list %s (%s) is of type %s; SC cannot change it to %s. Set replace: true to delete and recreate"
            " it (its ID changes)." % (current["id"], current["name"], current["type"], desired.type))
    module.params["name"] = module.params["name"] or current["name"]
    # Create first: if SC refuses the new list, the old one is still there.
    wanted = create(module, client, resolver, desired, replacing=current["id"])
    if not module.check_mode:
        delete(module, client, resolver, current["id"])
    return dict(changed=True, asset=wanted, replaced=True, diff=dict(before=current, after=wanted))


def ensure_absent(module, client, resolver, existing):
    if existing is None:
        return dict(changed=False, asset=None, replaced=False)
    current = asset_details(client, existing["id"])
    if not module.check_mode:
        delete(module, client, resolver, current["id"])
    return dict(changed=True, asset=None, replaced=False, diff=dict(before=current, after={}))


def run(module, client):
    params = module.params
    resolver = NameResolver(client)
    existing = resolver.one_asset_list(name=None if params["id"] is not None else params["name"], asset_id=params["id"])
    if existing is None and params["id"] is not None and params["state"] == "present":
        raise ConfigurationError("No asset list with ID %s is visible to this account." % params["id"])
    if params["state"] == "absent":
        return ensure_absent(module, client, resolver, existing)
    return ensure_present(module, client, resolver, existing)


def main():
    run_module(ARGUMENT_SPEC, run, **MODULE_OPTIONS)


if __name__ == "__main__":
    main()

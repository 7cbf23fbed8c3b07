# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""SC asset lists: finding them, one comfortable shape, and comparing them the way SC stores them.

SC takes inputs at the top level (``definedIPs``) and answers under
``typeFields``, rewrites IP lists (ranges, order, whitespace) and adds its own
keys to rule trees, so lists are compared as normalised sets and trees, never
as raw strings.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ipaddress

from ansible_collections.secops.tenablesc.plugins.module_utils.connection import printable
from ansible_collections.secops.tenablesc.plugins.module_utils.errors import ConfigurationError
from ansible_collections.secops.tenablesc.plugins.module_utils.rows import SEVERITY_NAMES, normalize_row

ASSET_TYPES = ("static", "dnsname", "dynamic", "combination")
COMBINATION_OPERATORS = ("union", "intersection", "complement")
RULE_OPERATORS = ("any", "all")
# Dynamic rule clauses that take their value as {"id": n}: pyTenable says SC needs this for these two.
_ID_VALUED_CLAUSES = ("pluginid", "severity")
DETAIL_FIELDS = ("id,name,description,type,tags,typeFields,ipCount,repositories,owner,creator,"
                 "createdTime,modifiedTime,canUse,canManage")


# IP sets --------------------------------------------------------------------

def ip_networks(value, option="ips"):
    """Collapsed networks for addresses, CIDRs and ranges, given as a list or SC's comma/newline string.

    The one parser of addresses in the collection; a bad item is a ConfigurationError that names ``option``.
    """
    items = value if isinstance(value, (list, tuple)) else str(value or "").replace("\n", ",").split(",")
    networks = []
    for item in items:
        text = str(item).strip()
        if not text:
            continue
        try:
            if "-" in text:
                first, last = (ipaddress.ip_address(part.strip()) for part in text.split("-", 1))
                networks.extend(ipaddress.summarize_address_range(first, last))
            else:
                networks.append(ipaddress.ip_network(text, strict=False))
        except (ValueError, TypeError) as exc:
            raise ConfigurationError("%s: %s is not an address, CIDR network or range (%s)." % (
                option, printable(item), printable(str(exc))))
    by_version = {}
    for network in networks:
        by_version.setdefault(network.version, []).append(network)
    return [net for version in sorted(by_version) for net in ipaddress.collapse_addresses(by_version[version])]


def is_address(text):
    """True for one IPv4 or IPv6 address, such as a host name that is an address."""
    try:
        ipaddress.ip_address(str(text).strip())
    except ValueError:
        return False
    return True


def format_networks(networks):
    """SC's form: comma-separated, single hosts without a prefix length."""
    return ",".join(str(net.network_address) if net.num_addresses == 1 else str(net) for net in networks)


def ips_list(networks):
    return format_networks(networks).split(",") if networks else []


# Rule trees -----------------------------------------------------------------

def rules_to_sc(rules):
    """The readable rule structure to SC's tree.

    Readable: ``{operator: all|any, children: [{filter, operator, value} | nested group]}``.
    """
    if not isinstance(rules, dict) or not isinstance(rules.get("children"), list) or not rules["children"]:
        raise ConfigurationError("rules needs operator (any or all) and a non-empty children list.")
    operator = rules.get("operator", "all")
    if operator not in RULE_OPERATORS:
        raise ConfigurationError("rules operator must be any or all, not %r." % operator)
    children = []
    for child in rules["children"]:
        if isinstance(child, dict) and "children" in child:
            nested = rules_to_sc(child)
            nested["type"] = "group"
            children.append(nested)
        elif isinstance(child, dict) and child.get("filter") and "value" in child:
            clause = {"type": "clause", "filterName": str(child["filter"]), "operator": str(child.get("operator", "eq")),
                      "value": _clause_value(str(child["filter"]), child["value"])}
            if child.get("plugin_id") is not None:
                clause["pluginIDConstraint"] = str(child["plugin_id"])
            children.append(clause)
        else:
            raise ConfigurationError("Each rule needs filter, operator and value, or operator and children for a group.")
    return {"operator": operator, "children": children}


def _clause_value(filter_name, value):
    """SC's value for a clause: {"id": n} for plugin IDs and severities (a severity may be named), else text."""
    if filter_name not in _ID_VALUED_CLAUSES:
        return str(value)
    text = str(value).strip().lower()
    if filter_name == "severity" and text in SEVERITY_NAMES:
        text = str(SEVERITY_NAMES.index(text))
    if isinstance(value, bool) or not text.isdigit() or not text.isascii():
        raise ConfigurationError("A %s rule needs a whole number%s, not %r." % (
            filter_name, " or a severity name" if filter_name == "severity" else "", value))
    return {"id": int(text)}


def rules_from_sc(tree):
    """SC's tree to the readable structure, dropping what SC adds by itself."""
    children = []
    for child in (tree or {}).get("children") or []:
        if child.get("type") == "group" or "children" in child:
            children.append(rules_from_sc(child))
            continue
        clause = {"filter": child.get("filterName"), "operator": child.get("operator"), "value": _rule_value(child.get("value"))}
        if str(child.get("pluginIDConstraint", "-1")) not in ("-1", ""):
            clause["plugin_id"] = str(child["pluginIDConstraint"])
        children.append(clause)
    return {"operator": (tree or {}).get("operator", "all"), "children": children}


def _rule_value(value):
    if isinstance(value, dict):
        return str(value.get("id", value.get("name", value)))
    return str(value)


def _canonical_rules(readable):
    children = []
    for child in readable["children"]:
        if "children" in child:
            children.append(("group", _canonical_rules(child)))
        else:
            children.append(("clause", child["filter"], child["operator"], str(child["value"]).strip().lower(),
                             child.get("plugin_id")))
    return (readable["operator"], tuple(sorted(children, key=repr)))


# Combinations ---------------------------------------------------------------

def combination_to_sc(operator, asset_ids):
    """A left-folded binary tree of SC combination operands."""
    if operator not in COMBINATION_OPERATORS:
        raise ConfigurationError("combination operator must be one of %s." % ", ".join(COMBINATION_OPERATORS))
    if len(asset_ids) < 2:
        raise ConfigurationError("combination needs at least two asset lists.")
    tree = {"id": str(asset_ids[0])}
    for asset_id in asset_ids[1:]:
        tree = {"operator": operator, "operand1": tree, "operand2": {"id": str(asset_id)}}
    return tree


def combination_from_sc(tree):
    """SC's operand tree back to {operator, assets}, when it is a simple left fold; else SC's tree."""
    operators, ids = set(), []
    node = tree or {}
    while isinstance(node, dict) and "operand1" in node:
        operand = node.get("operand2")
        if not isinstance(operand, dict) or "id" not in operand or "operand1" in operand:
            return tree
        operators.add(node.get("operator"))
        ids.insert(0, str(operand["id"]))
        node = node["operand1"]
    if isinstance(node, dict) and "id" in node and len(operators) == 1:
        return {"operator": operators.pop(), "assets": [str(node["id"])] + ids}
    return tree


# The comfortable shape ------------------------------------------------------

def asset_view(detail, viewable_ips=None):
    """One documented shape for an asset list, whatever its type."""
    row = normalize_row(detail)
    type_fields = detail.get("typeFields") or {}
    view = dict(
        id=row.get("id"), name=detail.get("name"), type=detail.get("type"), description=detail.get("description") or "",
        tags=detail.get("tags") or "", ip_count=_ip_count(row.get("ipCount")),
        repositories=[dict(id=_int(r.get("repository", r).get("id")), name=r.get("repository", r).get("name"),
                           ip_count=_ip_count(_int(r.get("ipCount"))))
                      for r in detail.get("repositories") or []],
        owner=(detail.get("owner") or {}).get("username"), created=row.get("createdTime"), modified=row.get("modifiedTime"),
        ips=None, dns_names=None, rules=None, combination=None)
    if detail.get("type") == "static":
        view["ips"] = ips_list(ip_networks(type_fields.get("definedIPs", "")))
    elif detail.get("type") == "dnsname":
        view["dns_names"] = sorted(dns_names(type_fields.get("definedDNSNames", "")))
    elif detail.get("type") == "dynamic":
        view["rules"] = rules_from_sc(type_fields.get("rules"))
    elif detail.get("type") == "combination":
        view["combination"] = combination_from_sc(type_fields.get("combinations"))
    if viewable_ips is not None:
        view["viewable_ips"] = viewable_ips
    return view


def dns_names(value):
    items = value if isinstance(value, (list, tuple)) else str(value or "").replace("\n", ",").split(",")
    return set(str(item).strip().lower().rstrip(".") for item in items if str(item).strip())


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return value


def _ip_count(value):
    """SC says -1 (number or string) when it has not computed the count."""
    return None if value in (-1, "-1", None, "") else value


# Details ---------------------------------------------------------------------

def asset_details(client, asset_id, viewable_ips=False):
    fields = DETAIL_FIELDS + (",viewableIPs" if viewable_ips else "")
    detail = client.get("/asset/%s" % asset_id, params={"fields": fields})
    viewable = None
    if viewable_ips:
        viewable = [dict(repository=dict(id=_int((entry.get("repository") or {}).get("id")),
                                         name=(entry.get("repository") or {}).get("name")),
                         ips=ips_list(ip_networks(entry.get("ipList", ""))))
                    for entry in detail.get("viewableIPs") or []]
    return asset_view(detail, viewable)


def same_rules(first, second):
    """Whether two readable rule trees mean the same, whatever the order of their children."""
    if first is None or second is None:
        return first is second
    return _canonical_rules(first) == _canonical_rules(second)

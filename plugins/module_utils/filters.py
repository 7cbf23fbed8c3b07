# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The friendly filter vocabulary, translated once into SC analysis filters.

``FILTER_OPTIONS`` defines each friendly filter (type and description) for the
module argument spec and, through ``tools/generated_code.py``, the
``filters`` doc fragment;
``translate_filters`` turns values into SC's ``{filterName, operator, value}``
dictionaries, resolving repository and asset list names through a
``lookups.NameResolver``.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.secops.tenablesc.plugins.module_utils.assets import combination_to_sc, ip_networks
from ansible_collections.secops.tenablesc.plugins.module_utils.connection import printable
from ansible_collections.secops.tenablesc.plugins.module_utils.errors import ConfigurationError
from ansible_collections.secops.tenablesc.plugins.module_utils.rows import SEVERITY_NAMES

PROTOCOLS = {"icmp": 1, "tcp": 6, "udp": 17}

FILTER_OPTIONS = {
    "severity": dict(
        type="list", elements="raw", sc="severity",
        description=["Severities to keep: names V(info), V(low), V(medium), V(high), V(critical), or numbers V(0) to V(4)."]),
    "plugin_id": dict(
        type="list", elements="raw", sc="pluginID",
        description=["Nessus plugin IDs to keep, such as V(19506)."]),
    "plugin_name": dict(
        type="str", sc="pluginName",
        description=["Keep plugins whose name contains this text, in any case (SC's V(=) on C(pluginName))."]),
    "ip": dict(
        type="list", elements="str", sc="ip",
        description=["Addresses, CIDR networks (V(10.0.0.0/24)) or ranges (V(10.0.0.1-10.0.0.20)) to keep."]),
    "dns_name": dict(
        type="list", elements="str", sc="dnsName",
        description=["DNS names to keep."]),
    "repository": dict(
        type="list", elements="raw", sc="repository",
        description=["Repositories to keep, by name or ID. A name that matches none or several is an error."]),
    "asset": dict(
        type="raw", sc="asset",
        description=[
            "Asset lists, by name or ID, whose members to keep: one list, or a list of them for their union"
            " (a host in any of them).",
            "A name that matches none or several lists is an error; the account must be able to use each list."]),
    "cve": dict(
        type="list", elements="str", sc="cveID",
        description=["CVE IDs to keep, such as V(CVE-2024-3400)."]),
    "exploit_available": dict(
        type="bool", sc="exploitAvailable",
        description=["Keep only findings with (V(true)) or without (V(false)) a known exploit."]),
    "last_seen": dict(
        type="raw", sc="lastSeen",
        description=[
            "Keep findings last seen in this window: a number of days (V(30) is the last 30 days),"
            " SC's V(<end day>:<start day>) form (V(0:30), V(30:all)), or an epoch range V(<from>-<to>)."]),
    "first_seen": dict(
        type="raw", sc="firstSeen",
        description=["Keep findings first seen in this window; same forms as O(last_seen)."]),
    "vpr_score": dict(
        type="raw", sc="vprScore",
        description=[
            "Keep findings whose Vulnerability Priority Rating is in this range: V(7-10), a list V([7, 10]),"
            " a dictionary with C(min) and C(max), or one number as the minimum."]),
    "port": dict(
        type="list", elements="int", sc="port",
        description=["Ports to keep."]),
    "protocol": dict(
        type="list", elements="raw", sc="protocol",
        description=["Protocols to keep: V(tcp), V(udp), V(icmp) or IP protocol numbers."]),
    "accepted_risk": dict(
        type="bool", sc="acceptRiskStatus",
        description=[
            "Keep only findings an accept risk rule covers (V(true)), or leave them out (V(false)).",
            "SC includes accepted findings unless a query says otherwise; V(false) is how reports and inventories"
            " leave exceptions out (see M(secops.tenablesc.tenablesc_accept_risk))."]),
    "recast_risk": dict(
        type="bool", sc="recastRiskStatus",
        description=[
            "Keep only findings whose severity a recast risk rule changed (V(true)), or leave them out (V(false)).",
            "A recast finding carries its new severity, which the O(severity) filter selects on."]),
}

# [0-9], not \d or str.isdigit(): those also take other scripts' digits and superscripts, which int() refuses.
_CVE = re.compile(r"^CVE-[0-9]{4}-[0-9]{4,}$", re.IGNORECASE)
_DAYS_WINDOW = re.compile(r"^([0-9]+):([0-9]+|all)$")
_EPOCH_RANGE = re.compile(r"^([0-9]+)-([0-9]+)$")
_NUMBER = re.compile(r"^[0-9]+$")
_DNS_NAME = re.compile(r"^[A-Za-z0-9_*.\-]+$")


def filter_argument_spec():
    """Module argument spec of the friendly filters."""
    spec = {}
    for name, option in FILTER_OPTIONS.items():
        spec[name] = dict((key, option[key]) for key in ("type", "elements") if key in option)
    return spec


def translate_filters(values, resolver=None, raw_filters=None):
    """SC filters for the friendly ``values`` (unset ones skipped) plus ``raw_filters``.

    ``resolver`` turns repository and asset list names into IDs; it is needed
    only when those filters are used. A raw filter that names the same SC filter
    as a friendly one is a conflict, not a silent override.
    """
    unknown = sorted(str(name) for name in set(values) - set(FILTER_OPTIONS))
    if unknown:
        raise ConfigurationError("Unknown filter %s; known filters: %s." % (
            ", ".join(unknown), ", ".join(FILTER_OPTIONS)))
    sc_filters = []
    given_by = {}
    for name in FILTER_OPTIONS:
        value = values.get(name)
        if value is None or value == []:
            continue
        operator, sc_value = _TRANSLATORS[name](name, value, resolver)
        given_by[FILTER_OPTIONS[name]["sc"]] = name
        sc_filters.append({"filterName": FILTER_OPTIONS[name]["sc"], "operator": operator, "value": sc_value})
    for raw in raw_filters or []:
        raw = _checked_raw_filter(raw)
        if raw["filterName"] in given_by:
            raise ConfigurationError("The raw filter %s is also given by %s; give it once." % (
                raw["filterName"], given_by[raw["filterName"]]))
        given_by[raw["filterName"]] = "another raw filter"
        sc_filters.append(raw)
    return sc_filters


def _checked_raw_filter(raw):
    if not isinstance(raw, dict) or not raw.get("filterName") or "value" not in raw:
        raise ConfigurationError(
            "Each raw filter needs filterName, operator and value, such as"
            " {filterName: severity, operator: '=', value: '3,4'}.")
    extra = sorted(set(raw) - {"filterName", "operator", "value"})
    if extra:
        raise ConfigurationError("Raw filter %s has unknown keys: %s." % (raw["filterName"], ", ".join(extra)))
    return {"filterName": str(raw["filterName"]), "operator": str(raw.get("operator") or "="), "value": raw["value"]}


def _as_list(value):
    if isinstance(value, (list, tuple)):
        return list(value)
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return [value]


def _severity(name, value, resolver):
    levels = set()
    for item in _as_list(value):
        text = str(item).strip().lower()
        if text in SEVERITY_NAMES:
            levels.add(SEVERITY_NAMES.index(text))
        elif _NUMBER.match(text) and int(text) < len(SEVERITY_NAMES):
            levels.add(int(text))
        else:
            raise ConfigurationError("%s: %s is not a severity; use %s or 0-4." % (
                name, printable(item), ", ".join(SEVERITY_NAMES)))
    return "=", ",".join(str(level) for level in sorted(levels))


def _plugin_id(name, value, resolver):
    ids = []
    for item in _as_list(value):
        text = str(item).strip()
        if isinstance(item, bool) or not _NUMBER.match(text):
            raise ConfigurationError("%s: %s is not a plugin ID (a whole number such as 19506)." % (name, printable(item)))
        ids.append(text)
    return "=", ",".join(ids)


def _text_contains(name, value, resolver):
    # SC's "=" on pluginName and pluginText is a case-insensitive "contains"; it knows no "contains" operator.
    return "=", str(value)


def _ip(name, value, resolver):
    # Checked here so that a typo fails before SC sees it; SC gets the items as they were given.
    ip_networks(_as_list(value), option=name)
    return "=", ",".join(str(item).strip() for item in _as_list(value))


def _dns_name(name, value, resolver):
    names = [str(item).strip() for item in _as_list(value)]
    bad = [item for item in names if not _DNS_NAME.match(item)]
    if bad:
        raise ConfigurationError("%s: %s is not a DNS name." % (name, printable(bad[0])))
    return "=", ",".join(names)


def _repository(name, value, resolver):
    return "=", [{"id": repository_id} for repository_id in _resolver(resolver).repository_ids(_as_list(value))]


def _asset(name, value, resolver):
    """One list is "=" with {"id"}; several are "~" with their union, SC's combination tree.

    "~" with a bare {"id"} is not "in the list": a current SC client uses it for "not in the list".
    """
    if isinstance(value, dict) or (isinstance(value, list) and any(isinstance(item, (dict, list)) for item in value)):
        raise ConfigurationError("%s takes asset list names or IDs." % name)
    # A string is one name, commas and all: asset list names may hold them.
    names = value if isinstance(value, list) else [value]
    asset_ids = list(dict.fromkeys(_resolver(resolver).usable_asset_id(item) for item in names))
    if len(asset_ids) == 1:
        return "=", {"id": asset_ids[0]}
    return "~", combination_to_sc("union", asset_ids)


def _cve(name, value, resolver):
    cves = [str(item).strip().upper() for item in _as_list(value)]
    bad = [item for item in cves if not _CVE.match(item)]
    if bad:
        raise ConfigurationError("%s: %s is not a CVE ID such as CVE-2024-3400." % (name, printable(bad[0])))
    return "=", ",".join(cves)


def _boolean(name, value, resolver):
    if not isinstance(value, bool):
        raise ConfigurationError("%s must be true or false." % name)
    return "=", "true" if value else "false"


# SC's values of its risk rule filters (acceptRiskStatus, recastRiskStatus) for true and false.
_RISK_STATUS = {"accepted_risk": ("accepted", "nonAcceptedRisk"), "recast_risk": ("recast", "notRecast")}


def _risk_status(name, value, resolver):
    return "=", _RISK_STATUS[name][0 if _boolean(name, value, resolver)[1] == "true" else 1]


def _seen_window(name, value, resolver):
    """Days (30), SC's '<end day>:<start day>' form, or an epoch range."""
    text = str(value).strip().lower()
    if isinstance(value, bool):
        text = ""
    if _NUMBER.match(text):
        return "=", "0:%s" % text
    window = _DAYS_WINDOW.match(text)
    if window and (window.group(2) == "all" or int(window.group(1)) <= int(window.group(2))):
        return "=", text
    epochs = _EPOCH_RANGE.match(text)
    if epochs and int(epochs.group(1)) <= int(epochs.group(2)):
        return "=", text
    raise ConfigurationError(
        "%s: %s is not a window; use a number of days (30), '<end day>:<start day>' (0:30, 30:all)"
        " or an epoch range '<from>-<to>'." % (name, printable(value)))


def _vpr_score(name, value, resolver):
    if isinstance(value, dict):
        # Any other key is a typo that would otherwise widen the range silently.
        bounds = [value.get("min", 0), value.get("max", 10)] if set(value) <= {"min", "max"} else []
    elif isinstance(value, (list, tuple)):
        bounds = list(value)
    elif isinstance(value, str) and "-" in value.strip()[1:]:
        bounds = value.strip().split("-", 1)
    else:
        bounds = [value, 10]
    try:
        # A bound that is true or false is a slip, not 1 or 0: dropping it leaves too few bounds to unpack.
        low, high = (float(bound) for bound in bounds if not isinstance(bound, bool))
    except (TypeError, ValueError):
        low = high = None
    if low is None or len(bounds) != 2 or not 0 <= low <= high <= 10:
        raise ConfigurationError("%s: %s is not a range within 0-10, such as 7-10." % (name, printable(value)))
    return "=", "%s-%s" % (_number(low), _number(high))


def _number(value):
    return str(int(value)) if value == int(value) else str(value)


def _port(name, value, resolver):
    ports = []
    for item in _as_list(value):
        text = str(item).strip()
        if isinstance(item, bool) or not _NUMBER.match(text) or not 0 <= int(text) <= 65535:
            raise ConfigurationError("%s: %s is not a port number (0-65535)." % (name, printable(item)))
        ports.append(str(int(text)))
    return "=", ",".join(ports)


def _protocol(name, value, resolver):
    numbers = []
    for item in _as_list(value):
        text = str(item).strip().lower()
        if text in PROTOCOLS:
            numbers.append(str(PROTOCOLS[text]))
        elif _NUMBER.match(text) and int(text) <= 255:
            numbers.append(text)
        else:
            raise ConfigurationError("%s: %s is not a protocol; use tcp, udp, icmp or a number." % (name, printable(item)))
    return "=", ",".join(numbers)


_TRANSLATORS = {
    "severity": _severity,
    "plugin_id": _plugin_id,
    "plugin_name": _text_contains,
    "ip": _ip,
    "dns_name": _dns_name,
    "repository": _repository,
    "asset": _asset,
    "cve": _cve,
    "exploit_available": _boolean,
    "accepted_risk": _risk_status,
    "recast_risk": _risk_status,
    "last_seen": _seen_window,
    "first_seen": _seen_window,
    "vpr_score": _vpr_score,
    "port": _port,
    "protocol": _protocol,
}


def _resolver(resolver):
    if resolver is None:
        raise ConfigurationError("Repository and asset list filters need a connection to SC to resolve names.")
    return resolver

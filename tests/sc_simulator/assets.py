# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Asset lists: /rest/asset create, read, partial update and delete, and membership over the dataset's hosts.

Membership of dynamic lists is approximated (inferred): clauses on ip, dns, os, uuid, mac, netbioshost, severity,
pluginid and exploitAvailable are evaluated per host over its open findings; other clause names match no host.
"""

import copy
import re
import threading
import time
import uuid

from .catalog import PLUGINS
from .envelope import invalid_parameters, not_found
from .iputil import IntervalSet, IPListError, format_intervals, intervals_from_sorted, normalise

# recorded: test_asset_lists_create_success.yaml (ownerGroup; targetGroup and template are NO_OBJECT)
GROUP_REF = {"id": "0", "name": "Full Access", "description": "Full Access group"}
NO_OBJECT = {"id": -1, "name": "", "description": ""}
# recorded: test_asset_lists_list_success.yaml (the default fields of GET /rest/asset)
LIST_FIELDS = ("id", "name", "description", "type", "status")
IO_SYNC_FIELDS_FROM = (5, 18)
# client: pyTenable knows more types (ldapquery, upload, watchlist...); the simulator refuses them (see create)
SUPPORTED_TYPES = ("static", "dnsname", "dynamic", "combination")
_COMMON_FIELDS = ("name", "description", "tags", "context")


class AssetList:
    """One stored asset list; ``type_fields`` holds SC's rewritten definition."""

    def __init__(self, asset_id, name, asset_type, description, type_fields, owner, created, counted, usable=True):
        self.id = asset_id
        self.usable = usable
        self.name = name
        self.type = asset_type
        self.description = description
        self.tags = ""
        self.context = ""
        self.type_fields = type_fields
        self.owner = owner
        self.created = self.modified = created
        # inferred: an asset list uuid, upper case
        self.uuid = str(uuid.UUID(int=asset_id * 7919 + 1)).upper()
        # SC counts members in the background: lists it has not counted report ipCount -1.
        # recorded: test_asset_lists_create_success.yaml (a new list: ipCount -1)
        self.counted = counted
        self.revision = 0


class AssetStore:
    """Thread-safe store seeded from the dataset; ``version`` changes on every write (analysis caches key on it)."""

    def __init__(self, dataset, owner):
        self.dataset = dataset
        self._seed_owner = owner
        self._lock = threading.RLock()
        self._cache = {}
        self.version = 0
        self.reset()

    def reset(self):
        with self._lock:
            created = self.dataset.now - 90 * 86400
            self._assets = {int(seed["id"]): AssetList(
                int(seed["id"]), seed["name"], seed["type"], seed["description"], copy.deepcopy(seed["typeFields"]),
                self._seed_owner, created, counted=True, usable=seed.get("usable", True))
                for seed in self.dataset.asset_lists}
            self._next_id = max(self._assets) + 1
            self._cache.clear()
            self.version += 1

    def data_changed(self):
        """Findings changed (a simulated day of scanning): dynamic lists are evaluated again."""
        with self._lock:
            self._cache.clear()
            self.version += 1

    # Reads

    def usable(self):
        with self._lock:
            return [self._assets[asset_id] for asset_id in sorted(self._assets) if self._assets[asset_id].usable]

    def manageable_only(self):
        """Lists the organization's asset managers may manage but not use in a query."""
        with self._lock:
            return [self._assets[asset_id] for asset_id in sorted(self._assets) if not self._assets[asset_id].usable]

    def get(self, asset_id):
        with self._lock:
            asset = self._assets.get(_as_id(asset_id))
        if asset is None:
            raise not_found("Asset", asset_id)
        return asset

    # Writes

    def create(self, body, owner):
        if not isinstance(body, dict):
            raise invalid_parameters("Invalid parameters specified for Asset.")  # inferred: wording
        asset_type = body.get("type")
        if asset_type not in SUPPORTED_TYPES:
            # inferred: SC knows more types (ldapquery, upload, watchlist...); the simulator refuses them.
            raise invalid_parameters("Asset type '%s' is invalid or not supported." % (asset_type,))
        if not isinstance(body.get("name"), str) or not body["name"].strip():
            raise invalid_parameters("Asset name is required.")  # inferred: wording
        type_fields = self._type_fields(asset_type, body, {})
        now = int(time.time())
        with self._lock:
            asset = AssetList(self._next_id, body["name"], asset_type, str(body.get("description", "")), type_fields,
                              owner, now, counted=False)
            self._apply_common(asset, body)
            self._assets[asset.id] = asset
            self._next_id += 1
            self.version += 1
        return asset

    def update(self, asset_id, body):
        """PATCH: only the fields sent change; the type cannot change.

        recorded: test_asset_lists_edit_success.yaml (a name-only PATCH keeps definedIPs); inferred: the refusal to
        change the type.
        """
        asset = self.get(asset_id)
        if not isinstance(body, dict):
            raise invalid_parameters("Invalid parameters specified for Asset.")  # inferred: wording
        if body.get("type", asset.type) != asset.type:
            raise invalid_parameters("The type of an Asset cannot be changed.")  # inferred: wording
        type_fields = self._type_fields(asset.type, body, asset.type_fields)
        with self._lock:
            self._apply_common(asset, body)
            asset.type_fields = type_fields
            asset.modified = int(time.time())
            asset.counted = False
            asset.revision += 1
            self.version += 1
        return asset

    def delete(self, asset_id):
        with self._lock:
            if self._assets.pop(_as_id(asset_id), None) is None:
                # inferred: wording for an Asset, after test_scans_delete.yaml and test_policies_delete.yaml
                raise not_found("Asset", asset_id, action="delete")
            self.version += 1

    @staticmethod
    def _apply_common(asset, body):
        for field in _COMMON_FIELDS:
            if field in body:
                setattr(asset, field, str(body[field]))

    def _type_fields(self, asset_type, body, current):
        """Input arrives at the top level; SC stores (and answers) it rewritten under typeFields.

        recorded: test_asset_lists_create_success.yaml (definedIPs in, typeFields.definedIPs out).
        """
        fields = dict(current)
        if asset_type == "static":
            if "definedIPs" in body or not current:
                fields["definedIPs"] = _defined_ips(body.get("definedIPs"))
            if "excludeManagedIPs" in body:
                # inferred: stored as "true" or "false"
                fields["excludeManagedIPs"] = str(body["excludeManagedIPs"]).lower()
        elif asset_type == "dnsname":
            if "definedDNSNames" in body or not current:
                fields["definedDNSNames"] = _dns_names(body.get("definedDNSNames"))
        elif asset_type == "dynamic":
            if "rules" in body or not current:
                fields["rules"] = _rules(body.get("rules"), root=True)
        elif "combinations" in body or not current:
            fields["combinations"] = self._combination(body.get("combinations"))
        return fields

    def _combination(self, tree):
        if not isinstance(tree, dict):
            raise invalid_parameters("Asset combinations must be an object.")  # inferred: wording
        if "operator" not in tree:
            self.get(tree.get("id"))
            return {"id": str(tree["id"])}
        # client: pyTenable's combination operators (union, intersection, complement)
        if tree["operator"] not in ("union", "intersection", "complement"):
            raise invalid_parameters("Invalid combination operator '%s'." % tree["operator"])  # inferred: wording
        combined = {"operator": tree["operator"], "operand1": self._combination(tree.get("operand1"))}
        if tree["operator"] != "complement":
            combined["operand2"] = self._combination(tree.get("operand2"))
        return combined

    # Membership

    def members(self, asset_id):
        """bytearray over dataset hosts: 1 where the host belongs to the list."""
        asset = self.get(asset_id)
        key = (asset.id, asset.revision)
        mask = self._cache.get(key)
        if mask is None:
            mask = self._cache[key] = self._evaluate(asset, frozenset())
        return mask

    def _evaluate(self, asset, seen):
        hosts = self.dataset.hosts
        if asset.type == "static":
            addresses = IntervalSet.parse(asset.type_fields["definedIPs"])
            return bytearray(host.ip_int in addresses for host in hosts)
        if asset.type == "dnsname":
            names = {name.lower() for name in asset.type_fields["definedDNSNames"].split(",")}
            return bytearray(host.dns_name.lower() in names for host in hosts)
        if asset.type == "dynamic":
            return _RuleEvaluator(self.dataset).group(asset.type_fields["rules"])
        return self._combine(asset.type_fields["combinations"], seen | {asset.id})

    def _combine(self, tree, seen):
        if "operator" not in tree:
            operand = self.get(tree["id"])
            if operand.id in seen:  # a combination that contains itself adds nothing more
                return bytearray(len(self.dataset.hosts))
            return self._evaluate(operand, seen)
        first = self._combine(tree["operand1"], seen)
        if tree["operator"] == "complement":
            return bytearray(1 - flag for flag in first)
        second = self._combine(tree["operand2"], seen)
        combine = (lambda a, b: a | b) if tree["operator"] == "union" else (lambda a, b: a & b)
        return bytearray(map(combine, first, second))

    # Answers

    def render(self, asset, user, repositories, version, fields=None):
        """The asset document SC answers; ``fields`` narrows it (viewableIPs only when asked, it is costly)."""
        visible = [r for r in repositories if r["id"] in user.repository_ids]
        wanted = fields or ("repositories", "ipCount")
        counts = self._ip_counts(asset, visible) if any(
            field in wanted for field in ("repositories", "ipCount", "viewableIPs")) else {}
        # recorded: test_asset_lists_create_success.yaml, test_asset_lists_details_success.yaml (keys, order, string
        # flags, ipCount a number and per repository a string), test_asset_lists_create_asset_list_check_uuid.yaml
        # (a counted list: ipCount 0); test_asset_lists_list_success.yaml (list 0 not manageable)
        document = {
            "id": str(asset.id), "name": asset.name, "type": asset.type, "description": asset.description,
            "tags": asset.tags, "context": asset.context, "status": "0", "createdTime": str(asset.created),
            "modifiedTime": str(asset.modified)}
        if version >= IO_SYNC_FIELDS_FROM:
            # recorded: test_asset_lists_details_success.yaml, test_asset_lists_create_asset_list_check_uuid.yaml
            # (5.18; the 5.8 recordings have none of these)
            document.update(ioSyncStatus="Not Synced", ioFirstSyncTime="-1", ioLastSyncSuccess="-1",
                            ioLastSyncFailure="-1", ioSyncErrorDetails=None)
        document.update({
            "typeFields": self._rendered_type_fields(asset),
            "repositories": [{"ipCount": str(len(counts.get(r["id"], ()))) if asset.counted else "-1",
                              "repository": _repository_ref(r)} for r in visible],
            "ipCount": sum(len(ips) for ips in counts.values()) if asset.counted else -1,
            "groups": [], "assetDataFields": [], "canUse": "true" if asset.usable else "false",
            "canManage": "true" if user.can_manage_assets and asset.id else "false",
            "creator": asset.owner.ref(), "owner": asset.owner.ref(), "ownerGroup": GROUP_REF,
            "targetGroup": NO_OBJECT, "template": NO_OBJECT,
        })
        if not fields:
            return document
        if "viewableIPs" in fields:
            document["viewableIPs"] = [
                {"repository": _repository_ref(r), "ipList": _ip_list(counts[r["id"]]), "ipCount": str(len(counts[r["id"]]))}
                for r in visible]
        return {field: document[field] for field in ["id"] + [f for f in fields if f != "id"] if field in document}

    def _ip_counts(self, asset, visible):
        """repository id -> sorted distinct member addresses in it (cached per list revision)."""
        key = ("addresses", asset.id, asset.revision)
        per_repository = self._cache.get(key)
        if per_repository is None:
            per_repository = {}
            for host, member in zip(self.dataset.hosts, self.members(asset.id)):
                if member:
                    per_repository.setdefault(host.repository_id, set()).add(host.ip_int)
            per_repository = self._cache[key] = {
                repository_id: sorted(addresses) for repository_id, addresses in per_repository.items()}
        return {r["id"]: per_repository.get(r["id"], []) for r in visible}

    def _rendered_type_fields(self, asset):
        if asset.type != "combination":
            return copy.deepcopy(asset.type_fields)
        return {"combinations": self._described(asset.type_fields["combinations"])}

    def _described(self, tree):
        """Combination operands come back with the operand list's name, description and uuid (inferred)."""
        if "operator" not in tree:
            operand = self._assets.get(_as_id(tree["id"]))
            if operand is None:  # the operand list was deleted since
                return dict(tree)
            return {"id": str(operand.id), "name": operand.name, "description": operand.description,
                    "uuid": operand.uuid}
        described = {"operator": tree["operator"], "operand1": self._described(tree["operand1"])}
        if "operand2" in tree:
            described["operand2"] = self._described(tree["operand2"])
        return described


def _as_id(asset_id):
    try:
        return int(str(asset_id))
    except ValueError:
        return None


def _repository_ref(repository):
    # recorded: test_asset_lists_create_success.yaml, test_asset_lists_details_success.yaml (id, name, description)
    return {key: repository[key] for key in ("id", "name", "description")}


def _ip_list(addresses):
    """viewableIPs' ipList: ranges one per line with a final newline (documented: Asset API example)."""
    return format_intervals(intervals_from_sorted(addresses), "\n") + "\n" if addresses else ""


def _defined_ips(value):
    if not isinstance(value, str) or not value.strip():
        raise invalid_parameters("Asset 'definedIPs' is required.")  # inferred: wording
    try:
        return normalise(value)
    except IPListError as exc:
        raise invalid_parameters("Invalid IP address/range: %s." % exc) from None  # inferred: wording


def _dns_names(value):
    # inferred: names split on commas and whitespace, stored comma separated
    names = [name for name in re.split(r"[\s,]+", value or "") if name] if isinstance(value, str) else []
    if not names:
        raise invalid_parameters("Asset 'definedDNSNames' is required.")  # inferred: wording
    return ",".join(names)


def _rules(node, root=False):
    """SC's stored rules: groups get "type":"group" (the root too), clauses pluginIDConstraint "-1".

    recorded: test_asset_lists_create_asset_list_check_uuid.yaml (5.18, a root group sent without "type").
    """
    if not isinstance(node, dict):
        raise invalid_parameters("Asset rules must be an object.")  # inferred: wording
    if node.get("type") == "clause" or "filterName" in node:
        if node.get("filterName") in ("severity", "pluginid") and not (
                isinstance(node.get("value"), dict) and str(node["value"].get("id", "")).isdigit()):
            # client: pyTenable sends {"id": n} for these two, "necessary for pluginid and severity filter names";
            # inferred: how SC refuses a plain value
            raise invalid_parameters("Asset rule '%s' needs a value with a numeric 'id'." % node.get("filterName"))
        clause = {"filterName": node.get("filterName"), "operator": node.get("operator"), "value": node.get("value"),
                  "pluginIDConstraint": str(node.get("pluginIDConstraint", "-1")), "type": "clause"}
        if root:
            # inferred: a bare clause as the root is wrapped in an "all" group
            return {"operator": "all", "children": [clause], "type": "group"}
        return clause
    if node.get("operator") not in ("all", "any") or not isinstance(node.get("children"), list):
        raise invalid_parameters("Asset rules need an operator 'all' or 'any' and children.")  # inferred: wording
    return {"operator": node["operator"], "children": [_rules(child) for child in node["children"]], "type": "group"}


class _RuleEvaluator:
    """Evaluates dynamic rules host by host (see the module docstring for what is approximated)."""

    def __init__(self, dataset):
        self.dataset = dataset

    def group(self, node):
        masks = [self.group(child) if child["type"] == "group" else self.clause(child) for child in node["children"]]
        if not masks:
            return bytearray(len(self.dataset.hosts))
        combine = all if node["operator"] == "all" else any
        return bytearray(combine(flags) for flags in zip(*masks))

    def clause(self, clause):
        name, operator, value = clause["filterName"], clause["operator"], clause["value"]
        if isinstance(value, dict):
            value = value.get("id")
        value = "" if value is None else str(value)
        # client: pyTenable's rule names and operators (tenable/sc/asset_lists.py)
        # inferred: "dnsname" as an alias of "dns"
        host_attribute = {"ip": None, "dns": "dns_name", "dnsname": "dns_name", "os": "os_name", "uuid": "uuid",
                          "mac": "mac_address", "netbioshost": "netbios_name"}
        if name == "ip":
            return self._ip(operator, value)
        if name in host_attribute:
            test = _text_operator(operator, value)
            return bytearray(test(getattr(host, host_attribute[name])) for host in self.dataset.hosts)
        if name in ("severity", "pluginid", "exploitAvailable"):
            return self._findings(name, operator, value)
        return bytearray(len(self.dataset.hosts))

    def _ip(self, operator, value):
        try:
            addresses = IntervalSet.parse(value)
        except IPListError:
            return bytearray(len(self.dataset.hosts))
        inside = operator != "ne"
        return bytearray((host.ip_int in addresses) == inside for host in self.dataset.hosts)

    def _findings(self, name, operator, value):
        """Hosts with at least one open finding whose plugin satisfies the clause."""
        if name == "exploitAvailable":
            wanted = value.lower() == "true"
            plugin_ok = [plugin.exploit_available == wanted for plugin in PLUGINS]
        else:
            attribute = "severity" if name == "severity" else "id"
            compare = _number_operator(operator, value)
            plugin_ok = [compare(getattr(plugin, attribute)) for plugin in PLUGINS]
        # inferred: rules look at host (Nessus) findings, not web application ones.
        plugin_ok = [ok and not plugin.was for ok, plugin in zip(plugin_ok, PLUGINS)]
        ds = self.dataset
        mask = bytearray(len(ds.hosts))
        for host_index in range(len(ds.hosts)):
            for i in range(ds.host_start[host_index], ds.host_start[host_index + 1]):
                if not ds.f_mitigated[i] and plugin_ok[ds.f_plugin[i]]:
                    mask[host_index] = 1
                    break
        return mask


def _text_operator(operator, value):
    # inferred: eq and ne ignore case, regex and pcre do not
    wanted = value.lower()
    tests = {"eq": lambda text: text.lower() == wanted, "ne": lambda text: text.lower() != wanted,
             "contains": lambda text: wanted in text.lower(),
             "regex": lambda text: re.search(value, text) is not None,
             "pcre": lambda text: re.search(value, text) is not None}
    return tests.get(operator, lambda text: False)


def _number_operator(operator, value):
    # inferred: lt, lte, gt, gte compare the plugin's value with the clause's
    try:
        number = int(value)
    except ValueError:
        return lambda candidate: False
    tests = {"eq": number.__eq__, "ne": number.__ne__, "lt": number.__gt__, "lte": number.__ge__,
             "gt": number.__lt__, "gte": number.__le__}
    return tests.get(operator, lambda candidate: False)

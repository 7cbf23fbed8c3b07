# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Accept and recast risk rules (/rest/acceptRiskRule, /rest/recastRiskRule) and what they do to analysis.

recorded (SC 5.8): test_accept_risks_create_success.yaml and test_recast_risks_create_success.yaml (a create names
several repositories and answers a LIST, one rule per repository, every field a string, "port"/"protocol" "any",
"expires" "-1"), test_accept_risks_list_success.yaml (the list without comments, createdTime and modifiedTime;
an address rule's protocol answered as a name, "TCP"), test_accept_risks_list_success_for_fields.yaml (?fields
honoured, id always there), *_details_success*.yaml, *_delete_success.yaml (DELETE answers ""),
*_apply_success.yaml (POST /{kind}/{id}/apply with {"repository": {"id": n}} answers "").
documented: Accept Risk Rule and Recast Risk Rule API (fields by default; pluginID, port, repositoryIDs
filters; POST /acceptRiskRule/apply); "a new rule can take a short delay" and a deleted rule keeps its effect
"until Apply Rules" (Add/Delete an Accept Risk Rule); expired rules are deleted by an hourly job; accepted findings
appear unless the query's filter excludes accepted risks (Add an Accept Risk Rule).
reported: pyTenable #677 (SC 6.0.0 refuses a rule by addresses with 403/146 "Please specify ips for this Accept
Risk Rule.\\nPlease specify an IP Range.\\n"; 5.23.1 took it), #843 (hostUUID), #860 (recast for all hosts).
inferred: a rule takes effect only when rules are applied (the "short delay" never ends here, so a client that
does not apply sees nothing); applying re-applies every rule of the repository, as the page's Apply Rules button
does; who may write rules (the roles that manage asset lists); the wording of refusals.
"""

import re
import threading

from .catalog import PLUGINS, PROTOCOL_NAMES, SEVERITIES
from .envelope import SCError, invalid_parameters, not_found
from .iputil import IPListError, IntervalSet, parse_intervals

KINDS = {"accept": "Accept Risk Rule", "recast": "Recast Risk Rule"}
# documented: "comes back if fields list not specified on GET all" excludes these
_DETAIL_ONLY = ("comments", "createdTime", "modifiedTime")
_FIRST_ID = {"accept": 24, "recast": 1}  # recorded: the ids of the created rules
_PLUGINS_BY_ID = {plugin.id_str: plugin for plugin in PLUGINS}
_PROTOCOL_NUMBERS = {name: number for number, name in PROTOCOL_NAMES.items()}
_ADDRESS_RULES_REFUSED = ((6, 0), (6, 1))  # reported: pyTenable #677 on 6.0.0; inferred: all of 6.0.x


class RiskRules:
    """The accept and recast rules of the organization, what was last applied, and their effect on findings."""

    def __init__(self, dataset, organization, asset_members):
        self.dataset = dataset
        self._organization = organization
        self._asset_members = asset_members
        self._lock = threading.Lock()
        self.on_change = lambda: None
        self.reset()

    def reset(self):
        with self._lock:
            self._rules = {kind: {} for kind in KINDS}
            self._applied = {kind: {} for kind in KINDS}  # repository id -> rules as last applied
            self._next = dict(_FIRST_ID)

    # The REST resources

    def create(self, kind, body, user, repositories, version):
        if not isinstance(body, dict):
            raise invalid_parameters("Invalid parameters specified for %s." % KINDS[kind])
        plugin = _PLUGINS_BY_ID.get(str((body.get("plugin") or {}).get("id", "")))
        if plugin is None:
            raise invalid_parameters("Invalid parameters specified for %s. Plugin is invalid." % KINDS[kind])
        wanted = [str((item or {}).get("id", "")) for item in body.get("repositories") or []]
        if not wanted:
            raise invalid_parameters("Please specify a repository for this %s." % KINDS[kind])
        for repository_id in wanted:
            if repository_id not in user.repository_ids:
                raise invalid_parameters("Group #0 does not have access to Repository #%s." % repository_id)
        host_type, host_value = self._hosts(kind, body, version)
        fields = {"hostType": host_type, "hostValue": host_value, "port": self._port(body.get("port")),
                  "protocol": self._protocol(body.get("protocol")), "comments": str(body.get("comments") or ""),
                  "expires": self._expires(body.get("expires"))}
        if kind == "recast":
            fields["newSeverity"] = self._severity(body.get("newSeverity"))
        created = []
        with self._lock:
            for repository_id in wanted:
                rule_id = str(self._next[kind])
                self._next[kind] += 1
                rule = dict(fields, id=rule_id, plugin=plugin, repository=repositories[repository_id],
                            user=user.ref(), createdTime=str(self.dataset.now), modifiedTime=str(self.dataset.now))
                self._rules[kind][rule_id] = rule
                created.append(rule)
        # recorded: the create answers a list, one rule per repository
        return [self.render(kind, rule) for rule in created]

    def listed(self, kind, plugin_id=None, port=None, repository_ids=None):
        """The rules of the list, filtered as the list's query parameters ask (documented)."""
        self._expire(kind)
        found = []
        for rule in list(self._rules[kind].values()):
            if plugin_id not in (None, "all") and rule["plugin"].id_str != str(plugin_id):
                continue
            if port not in (None, "all") and rule["port"] != str(port):
                continue
            if repository_ids and rule["repository"]["id"] not in repository_ids:
                continue
            found.append(rule)
        return found

    def get(self, kind, rule_id, action=None):
        self._expire(kind)
        rule = self._rules[kind].get(str(rule_id))
        if rule is None:
            raise not_found(KINDS[kind], rule_id, action)
        return rule

    def delete(self, kind, rule_id):
        with self._lock:
            if str(rule_id) not in self._rules[kind]:
                raise not_found(KINDS[kind], rule_id, action="delete")
            del self._rules[kind][str(rule_id)]

    def apply(self, kind, repository_id, rule_id=None):
        """Apply every rule of ``kind`` in one repository, or in all of them for repository 0."""
        if rule_id is not None:
            self.get(kind, rule_id, action="apply")
        repository_id = str(repository_id)
        with self._lock:
            repositories = {rule["repository"]["id"] for rule in self._rules[kind].values()}
            repositories |= set(self._applied[kind])
            for repository in repositories if repository_id == "0" else {repository_id}:
                self._applied[kind][repository] = [dict(rule) for rule in self._rules[kind].values()
                                                   if rule["repository"]["id"] == repository]
        self.on_change()

    def render(self, kind, rule, fields=None, listing=False):
        document = {"id": rule["id"]}
        if kind == "recast":
            document["newSeverity"] = rule["newSeverity"]  # recorded: first after id, a string
        document.update({key: rule[key] for key in ("hostType", "hostValue", "port", "protocol", "comments", "expires")})
        if kind == "recast":
            document["order"] = "1"  # recorded
        document.update({
            "status": "0", "createdTime": rule["createdTime"], "modifiedTime": rule["modifiedTime"],
            "repository": dict(rule["repository"]), "organization": dict(self._organization), "user": dict(rule["user"]),
            "plugin": {"id": rule["plugin"].id_str, "name": rule["plugin"].name,
                       "description": rule["plugin"].description}})
        if fields:
            return {key: document[key] for key in ["id"] + [f for f in fields if f != "id"] if key in document}
        if listing:
            return {key: value for key, value in document.items() if key not in _DETAIL_ONLY}
        return document

    # Effect on analysis

    def effects(self):
        """(finding indices accepted, {finding index: recast severity}) of the rules as last applied."""
        ds = self.dataset
        accepted, recast = set(), {}
        with self._lock:
            applied = {kind: [rule for rules in self._applied[kind].values() for rule in rules] for kind in KINDS}
        for rule in applied["accept"]:
            if _in_force(rule, ds.now):
                accepted.update(self._matching(rule))
        for rule in applied["recast"]:
            if _in_force(rule, ds.now):
                recast.update((index, int(rule["newSeverity"])) for index in self._matching(rule))
        return accepted, recast

    def _matching(self, rule):
        ds = self.dataset
        hosts = self._host_test(rule)
        plugin_index = rule["plugin"].index
        port = None if rule["port"] == "any" else int(rule["port"])
        protocol = None if rule["protocol"] == "any" else _PROTOCOL_NUMBERS[rule["protocol"]]
        repository_id = rule["repository"]["id"]
        for host in ds.hosts:
            if host.repository_id != repository_id or not hosts(host):
                continue
            for i in range(ds.host_start[host.index], ds.host_start[host.index + 1]):
                if ds.f_plugin[i] == plugin_index and (port is None or ds.f_port[i] == port) and (
                        protocol is None or ds.f_protocol[i] == protocol):
                    yield i

    def _host_test(self, rule):
        host_type, value = rule["hostType"], rule["hostValue"]
        if host_type == "all":
            return lambda host: True
        if host_type == "ip":
            addresses = IntervalSet.parse(value)
            return lambda host: host.ip_int in addresses
        if host_type == "asset":
            try:
                members = self._asset_members(value["id"])
            except SCError:
                return lambda host: False  # inferred: a rule whose asset list is gone covers no host
            return lambda host: bool(members[host.index])
        wanted = {item.strip().lower() for item in value.split(",")}
        return lambda host: (host.uuid or "").lower() in wanted

    # Checks of a create

    @staticmethod
    def _hosts(kind, body, version):
        host_type = body.get("hostType", "all")
        value = body.get("hostValue", "")
        if host_type == "all":
            return "all", ""
        if host_type == "ip":
            if version[:2] in _ADDRESS_RULES_REFUSED:
                raise invalid_parameters("Please specify ips for this %s.\nPlease specify an IP Range." % KINDS[kind])
            try:
                if not list(parse_intervals(str(value))):
                    raise IPListError(value)
            except IPListError:
                raise invalid_parameters("Please specify ips for this %s." % KINDS[kind]) from None
            return "ip", str(value)
        if host_type == "asset":
            asset_id = str((value or {}).get("id", "")) if isinstance(value, dict) else ""
            if not asset_id.isdigit():
                raise invalid_parameters("Please specify an asset for this %s." % KINDS[kind])
            return "asset", {"id": asset_id}
        if host_type in ("uuid", "hostUUID") and str(value).strip():
            return host_type, str(value)
        raise invalid_parameters("Invalid parameters specified for %s. Invalid hostType '%s'." % (KINDS[kind], host_type))

    @staticmethod
    def _port(value):
        if value in (None, "", "any"):
            return "any"
        if not re.match(r"^[0-9]{1,5}$", str(value)) or int(value) > 65535:
            raise invalid_parameters("Invalid port '%s'." % value)
        return str(int(value))

    @staticmethod
    def _protocol(value):
        if value in (None, "", "any"):
            return "any"
        number = int(value) if str(value).isdigit() else _PROTOCOL_NUMBERS.get(str(value).upper())
        if number not in PROTOCOL_NAMES:
            raise invalid_parameters("Invalid protocol '%s'." % value)
        # recorded: test_accept_risks_list_success.yaml answers a name ("TCP") for a rule's protocol
        return PROTOCOL_NAMES[number]

    def _expires(self, value):
        if value in (None, "", -1, "-1"):
            return "-1"
        if not str(value).isdigit():
            raise invalid_parameters("Invalid expires '%s'." % value)
        return str(int(value))

    @staticmethod
    def _severity(value):
        level = str((value or {}).get("id", "") if isinstance(value, dict) else value)
        if level not in {ref["id"] for ref in SEVERITIES}:
            raise invalid_parameters("Please specify a valid new severity.")
        return level

    def _expire(self, kind):
        """SC's hourly job deletes expired rules (documented); here, whenever rules are read."""
        with self._lock:
            for rule_id, rule in list(self._rules[kind].items()):
                if not _in_force(rule, self.dataset.now):
                    del self._rules[kind][rule_id]


def _in_force(rule, now):
    return rule["expires"] == "-1" or int(rule["expires"]) > now


def refuse_writer(user, kind):
    """Only the roles that manage asset lists may write rules here (inferred: role permissions)."""
    if not user.can_manage_assets:
        raise SCError(403, 1, "Insufficient permissions: the %s role cannot manage %ss.\n" % (
            user.role_name, KINDS[kind]))

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Accept and recast risk rules as code: reading them, and bringing SC to the rules a task describes.

SC has no edit for a rule. Creating one for several repositories answers a list, one rule per repository; a
changed expiry, comment or new severity is a new rule created first, and the old one deleted only once the new one
exists. A rule changes analysis when rules are applied: SC applies a new rule by itself after a delay, and a
deleted rule keeps its effect until rules are applied again, so the modules apply after every change.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re
import time

from ansible_collections.secops.tenablesc.plugins.module_utils.assets import format_networks, ip_networks
from ansible_collections.secops.tenablesc.plugins.module_utils.connection import printable, table_argument_spec
from ansible_collections.secops.tenablesc.plugins.module_utils.errors import (
    APIError,
    ConfigurationError,
    RulesNotAppliedError,
    TenableSCError,
    TransportError,
    HINT_RISK_BY_ADDRESS,
)
from ansible_collections.secops.tenablesc.plugins.module_utils.filters import PROTOCOLS
from ansible_collections.secops.tenablesc.plugins.module_utils.lookups import NameResolver, plugin, repositories
from ansible_collections.secops.tenablesc.plugins.module_utils.rows import SEVERITY_NAMES
from ansible_collections.secops.tenablesc.plugins.module_utils.sync import parse_since

# kind -> (SC's resource, what messages call one)
KINDS = {"accept": ("/acceptRiskRule", "accept risk rule"), "recast": ("/recastRiskRule", "recast risk rule")}
_FIELDS = "id,plugin,repository,hostType,hostValue,port,protocol,expires,comments,status,createdTime,modifiedTime,user"
# The options of tenablesc_accept_risk and tenablesc_recast_risk (the risk_rule doc fragment is rendered from it by
# tools/generated_code.py).
RULE_OPTIONS = {
    "plugin_id": dict(
        type="int", required=True,
        description=["The Nessus plugin whose findings the rule covers, such as V(19506)."]),
    "ips": dict(
        type="list", elements="str",
        description=[
            "The rule covers these hosts: addresses, CIDR networks or ranges.",
            "Give exactly one of O(ips), O(asset_list) and O(all_hosts=true)."]),
    "asset_list": dict(
        type="raw",
        description=["The rule covers the members of this asset list, by name or ID, as SC evaluates it."]),
    "all_hosts": dict(
        type="bool", default=False,
        description=["The rule covers every host of its repositories."]),
    "port": dict(
        type="str", default="any",
        description=["The port the rule covers, V(0) to V(65535), or V(any)."]),
    "protocol": dict(
        type="str", default="any", choices=["any", "tcp", "udp", "icmp"],
        description=["The protocol the rule covers."]),
    "repositories": dict(
        type="list", elements="raw",
        description=[
            "Repositories, by name or ID, to hold the rule; SC keeps one rule per repository.",
            "Default is every repository the account is assigned to."]),
    "expires": dict(
        type="str", default="never",
        description=[
            "When the rule ends: an ISO date (V(2027-03-31), the rule lasts through that day, UTC), an ISO date"
            " and time (V(2027-03-31T12:00:00Z), UTC unless it gives an offset), epoch seconds, or V(never).",
            "A time already past on SC's clock is refused: SC deletes expired rules by itself, every hour."]),
    "comment": dict(
        type="str",
        description=["Why the rule exists: a ticket, an approver, a compensating control. Shown in SC.",
                     "Not given is no comment: a rule with one is replaced by one without."]),
    "state": dict(
        type="str", default="present", choices=["present", "absent"],
        description=[
            "V(present) makes sure the rule exists in each repository with these settings;"
            " V(absent) deletes every rule for this plugin, these hosts, port and protocol in the repositories."]),
    "apply": dict(
        type="bool", default=True,
        description=[
            "Apply the rules of each changed repository at once, so analysis shows the change when the task ends.",
            "With V(false), SC applies a new rule after a delay of its own, and a deleted rule keeps its effect"
            " until rules are applied again."]),
}
RECAST_OPTIONS = {
    "new_severity": dict(
        type="str", choices=list(SEVERITY_NAMES),
        description=["The severity the covered findings get. Required unless O(state=absent)."]),
}
# SC answers a protocol as a name ("TCP") where it was sent as a number ("6").
_PROTOCOL_NAMES = dict((str(number), name) for name, number in PROTOCOLS.items())
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_DAY = 86400
_PORT = re.compile(r"^[0-9]{1,5}$")


def rule_argument_spec(kind):
    spec = table_argument_spec(RULE_OPTIONS)
    if kind == "recast":
        spec.update(table_argument_spec(RECAST_OPTIONS))
    return spec


def expiry(value, now):
    """Epoch seconds of an ``expires`` option, or -1 for never; a time at or before ``now`` is refused.

    A date alone lasts through that day (UTC), as SC's own date picker means it.
    """
    text = str(value).strip()
    if text.lower() in ("never", "", "-1"):
        return -1
    stamp = parse_since(text, option="expires") + (_DAY - 1 if _DATE.match(text) else 0)
    if stamp <= now:
        raise ConfigurationError("expires %s is already past on SC's clock (%s UTC): SC would delete the rule within the"
                                 " hour. Give a later date, or never." % (text, _iso(now)))
    return stamp


def _iso(stamp):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(stamp))


def rule_view(rule, kind):
    """A rule as the modules return it: snake_case, typed, its hosts in the form the options take."""
    host_type = str(rule.get("hostType") or "all")
    value = rule.get("hostValue")
    expires = _number(rule.get("expires"), -1)
    view = {
        "kind": kind, "id": _number(rule.get("id")),
        "plugin_id": _number(_ref(rule, "plugin").get("id")), "plugin_name": _ref(rule, "plugin").get("name"),
        "repository": {"id": _number(_ref(rule, "repository").get("id")), "name": _ref(rule, "repository").get("name")},
        "host_type": host_type, "ips": None, "asset_list": None,
        "port": _port_text(rule.get("port")), "protocol": _protocol_name(rule.get("protocol")),
        "expires": None if expires in (-1, None) else expires,
        "expires_at": None if expires in (-1, None) else _iso(expires),
        "comment": rule.get("comments"), "created": _number(rule.get("createdTime")),
        "modified": _number(rule.get("modifiedTime")), "creator": _ref(rule, "user").get("username")}
    if host_type == "ip":
        view["ips"] = [item.strip() for item in str(value or "").replace("\n", ",").split(",") if item.strip()]
    elif host_type == "asset":
        ref = value if isinstance(value, dict) else {"id": value}
        view["asset_list"] = {"id": _number(ref.get("id")), "name": ref.get("name")}
    elif host_type != "all":
        view["uuids"] = [item.strip() for item in str(value or "").split(",") if item.strip()]
    if kind == "recast":
        level = rule.get("newSeverity")
        level = level.get("id") if isinstance(level, dict) else level
        view["new_severity"] = SEVERITY_NAMES[int(level)] if str(level) in ("0", "1", "2", "3", "4") else None
    return view


def list_rules(client, kind, plugin_id=None, repository_ids=None):
    """Every rule of ``kind`` the account sees, as rule views; filtered by plugin and repositories if given.

    SC lists rules without their comments and times unless asked for them by name (documented), and a server that
    ignored the request still answers every rule's details.
    """
    path = KINDS[kind][0]
    params = {"fields": _FIELDS + (",newSeverity" if kind == "recast" else "")}
    if plugin_id is not None:
        params["pluginID"] = str(plugin_id)
    if repository_ids:
        params["repositoryIDs"] = ",".join(str(item) for item in repository_ids)
    rules = []
    for rule in client.get(path, params=params) or []:
        if "comments" not in rule or "expires" not in rule:
            rule = client.get("%s/%s" % (path, rule.get("id")), params={"fields": params["fields"]}) or rule
        rules.append(rule_view(rule, kind))
    wanted = set(str(item) for item in repository_ids or [])
    return [view for view in rules
            if (plugin_id is None or view["plugin_id"] == int(plugin_id))
            and (not wanted or str(view["repository"]["id"]) in wanted)]


class RuleRequest:
    """The rule a task describes: what identifies it (plugin, hosts, port, protocol) and what it sets."""

    def __init__(self, kind, params, client):
        self.kind = kind
        self.params = params
        self.resolver = NameResolver(client)
        self.plugin_id = int(params["plugin_id"])
        self.host_type, self.host_value, self.hosts = self._hosts()
        self.port = _port_option(params["port"])
        self.protocol = params["protocol"]
        self.new_severity = params.get("new_severity")
        if kind == "recast" and params["state"] == "present" and not self.new_severity:
            raise ConfigurationError("new_severity is required to recast a risk (state present).")

    def _hosts(self):
        """(SC's hostType, its hostValue, the hosts as rule views show them)."""
        given = [name for name in ("ips", "asset_list") if self.params[name] not in (None, [], "")]
        given += ["all_hosts"] if self.params["all_hosts"] else []
        if len(given) != 1:
            raise ConfigurationError(
                "Give exactly one of ips, asset_list and all_hosts: true to say which hosts the rule covers%s." % (
                    " (given: %s)" % ", ".join(given) if given else ""))
        if given == ["ips"]:
            # Sent as given (SC's recorded rules hold plain comma lists), compared as the networks they cover.
            items = [str(item).strip() for item in self.params["ips"]]
            return "ip", ",".join(items), format_networks(ip_networks(items))
        if given == ["asset_list"]:
            asset_id = int(self.resolver.usable_asset_id(self.params["asset_list"]))
            return "asset", {"id": asset_id}, asset_id
        return "all", "", None

    def repository_ids(self, client):
        if self.params["repositories"]:
            return [str(item) for item in self.resolver.repository_ids(self.params["repositories"])]
        return [str(repository["id"]) for repository in repositories(client, fields="id,name")]

    def covers_same(self, view):
        """Whether an existing rule is for the same plugin, hosts, port and protocol."""
        if view["plugin_id"] != self.plugin_id or view["host_type"] != self.host_type:
            return False
        if self.host_type == "ip" and _networks_text(view["ips"]) != self.hosts:
            return False
        if self.host_type == "asset" and (view["asset_list"] or {}).get("id") != self.hosts:
            return False
        return view["port"] == self.port and view["protocol"] == self.protocol

    def settings(self, expires, comment):
        """The fields a rule with these settings has, in the rule view's terms."""
        settings = {"expires": None if expires == -1 else expires, "comment": comment}
        if self.kind == "recast":
            settings["new_severity"] = self.new_severity
        return settings

    def body(self, repository_ids, expires, comment):
        body = {"plugin": {"id": str(self.plugin_id)}, "repositories": [{"id": int(item)} for item in repository_ids],
                "hostType": self.host_type, "hostValue": self.host_value, "port": self.port,
                "protocol": "any" if self.protocol == "any" else str(PROTOCOLS[self.protocol]),
                "comments": comment, "expires": expires}
        if self.kind == "recast":
            body["newSeverity"] = {"id": str(SEVERITY_NAMES.index(self.new_severity))}
        return body


class RuleSync:
    """Brings one kind of rule in SC to a RuleRequest; ``check_mode`` plans without writing."""

    def __init__(self, client, kind, params, check_mode, warn):
        self.client = client
        self.kind = kind
        self.path, self.label = KINDS[kind]
        self.params = params
        self.check_mode = check_mode
        self.warn = warn
        self.request = RuleRequest(kind, params, client)

    def run(self):
        repository_ids = self.request.repository_ids(self.client)
        listed = list_rules(self.client, self.kind, self.request.plugin_id, repository_ids)
        existing = [view for view in listed if self.request.covers_same(view)]
        if self.params["state"] == "absent":
            # No plugin lookup: the rules of a plugin gone from SC's feed must still be deletable.
            return self._absent(existing)
        plugin_details = plugin(self.client, self.request.plugin_id)
        # The Date of SC's last answer is its clock a moment ago: enough to tell a past expiry.
        expires = expiry(self.params["expires"], self.client.server_time or self.client.clock())
        return self._present(existing, repository_ids, expires, plugin_details, set(view["id"] for view in listed))

    def _present(self, existing, repository_ids, expires, plugin_details, listed_ids):
        comment = self.params["comment"] or ""
        wanted = self.request.settings(expires, comment)
        kept, stale, missing = [], [], []
        for repository_id in repository_ids:
            here = [view for view in existing if str(view["repository"]["id"]) == repository_id]
            matching = [view for view in here if _settings_of(view, wanted) == wanted]
            if matching:
                kept.append(matching[0])
                stale.extend(view for view in here if view is not matching[0])
            else:
                missing.append(repository_id)
                stale.extend(here)
        created = self._create(missing, expires, comment, plugin_details, listed_ids) if missing else []
        for view in stale:
            self._delete(view)
        changed = bool(missing or stale)
        rules = sorted(kept + created, key=lambda view: (view["repository"]["id"] or 0))
        applied = self._apply(sorted(set(missing) | set(str(v["repository"]["id"]) for v in stale)),
                              rules, held=rules) if changed else []
        return dict(changed=changed, rules=rules, applied_repositories=applied,
                    diff=dict(before=_diff(stale), after=_diff(created)))

    def _absent(self, existing):
        for view in existing:
            self._delete(view)
        applied = []
        if existing:
            repository_ids = sorted(set(str(view["repository"]["id"]) for view in existing))
            # Any rule left in a repository can name it when applying; only their IDs are needed.
            remaining = [] if self.check_mode else self.client.get(self.path, params={
                "fields": "id,repository", "repositoryIDs": ",".join(repository_ids)}) or []
            applied = self._apply(repository_ids, remaining)
        return dict(changed=bool(existing), rules=[], applied_repositories=applied,
                    diff=dict(before=_diff(existing), after=_diff([])))

    def _create(self, repository_ids, expires, comment, plugin_details, listed_ids):
        """Rule views of the rules made for ``repository_ids`` (predicted in check mode); ``listed_ids`` are the
        IDs of the rules listed before, which a lost answer's rules are not."""
        if self.check_mode:
            return [self._predicted(repository_id, expires, comment, plugin_details) for repository_id in repository_ids]
        try:
            answer = self.client.post(self.path, self.request.body(repository_ids, expires, comment))
        except TransportError as exc:
            if not exc.maybe_applied:
                raise
            return self._adopt_lost_create(exc, listed_ids, repository_ids, expires, comment)
        except APIError as exc:
            if self.request.host_type == "ip" and "specify ips" in str(exc).lower():
                raise ConfigurationError("SC refused the %s by address: %s" % (self.label, exc.error_msg.strip()),
                                         HINT_RISK_BY_ADDRESS) from None
            raise
        answer = answer if isinstance(answer, list) else [answer]
        return [rule_view(rule, self.kind) for rule in answer if isinstance(rule, dict)]

    def _adopt_lost_create(self, error, before, repository_ids, expires, comment):
        """SC may have made the rules before the answer was lost: find them rather than create them twice."""
        wanted = self.request.settings(expires, comment)
        found = [view for view in list_rules(self.client, self.kind, self.request.plugin_id, repository_ids)
                 if view["id"] not in before and self.request.covers_same(view) and _settings_of(view, wanted) == wanted]
        if sorted(str(view["repository"]["id"]) for view in found) != sorted(repository_ids):
            raise error
        self.warn("SC's answer to the create was lost; found the %ss it had created: %s." % (
            self.label, ", ".join(str(view["id"]) for view in found)))
        return found

    def _delete(self, view):
        if self.check_mode:
            return
        try:
            self.client.delete("%s/%s" % (self.path, view["id"]))
        except TransportError as exc:
            if not exc.maybe_applied:
                raise
            if any(other["id"] == view["id"] for other in list_rules(self.client, self.kind, view["plugin_id"])):
                raise
            self.warn("SC's answer to the delete was lost; %s %s is gone." % (self.label, view["id"]))

    def _apply(self, repository_ids, rules_after, held=()):
        """Apply the rules of each repository; the repositories applied (none with apply false or in check mode).

        ``rules_after`` are rules (views or SC's own) that exist after the change, each with an id and a repository;
        ``held`` the rule views the task made SC hold, returned if applying fails.
        """
        if not self.params["apply"] or self.check_mode:
            return []
        for repository_id in repository_ids:
            here = [rule["id"] for rule in rules_after if str((rule.get("repository") or {}).get("id")) == repository_id]
            # A rule of the repository names it (recorded); with none left, SC's documented form names none.
            path = "%s/%s/apply" % (self.path, here[0]) if here else "%s/apply" % self.path
            try:
                # Applying twice does no harm, so a lost answer is retried like a read's.
                self.client.post(path, {"repository": {"id": int(repository_id)}}, safe=True)
            except TenableSCError as exc:
                raise RulesNotAppliedError("Applying the %ss of repository %s failed: %s" % (
                    self.label, repository_id, exc), rules=list(held), **exc.details) from None
        return [int(item) for item in repository_ids]

    def _predicted(self, repository_id, expires, comment, plugin_details):
        request = self.request
        view = {"kind": self.kind, "id": None, "plugin_id": request.plugin_id, "plugin_name": plugin_details.get("name"),
                "repository": {"id": int(repository_id), "name": None}, "host_type": request.host_type,
                "ips": request.host_value.split(",") if request.host_type == "ip" else None,
                "asset_list": {"id": request.hosts, "name": None} if request.host_type == "asset" else None,
                "port": request.port, "protocol": request.protocol, "created": None, "modified": None, "creator": None,
                "expires_at": None if expires == -1 else _iso(expires)}
        view.update(request.settings(expires, comment))
        return view


def _settings_of(view, wanted):
    return dict((key, view.get(key)) for key in wanted)


def _diff(views):
    """One side of the diff: Ansible shows a mapping (not a list), here the rules' fields that tell them apart."""
    keys = ("id", "repository", "host_type", "ips", "asset_list", "port", "protocol", "expires_at", "comment",
            "new_severity")
    return {"rules": [dict((key, view.get(key)) for key in keys if key in view) for view in views]}


def _ref(rule, key):
    value = rule.get(key)
    return value if isinstance(value, dict) else {}


def _number(value, default=None):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _port_text(value):
    text = str(value if value is not None else "any").strip().lower()
    return "any" if text in ("any", "", "all") else text


def _networks_text(ips):
    """The networks ``ips`` cover in one comparable text, or None for a value that holds no addresses."""
    try:
        return format_networks(ip_networks(ips))
    except ConfigurationError:
        return None


def _port_option(value):
    text = _port_text(value)
    if text != "any" and not (_PORT.match(text) and int(text) <= 65535):
        raise ConfigurationError("port must be a number from 0 to 65535 or any, not %s." % printable(value))
    return text if text == "any" else str(int(text))


def _protocol_name(value):
    text = str(value if value is not None else "any").strip().lower()
    return _PROTOCOL_NAMES.get(text, text or "any")


def run_rule_module(kind, module, client):
    """``run`` of tenablesc_accept_risk and tenablesc_recast_risk."""
    return RuleSync(client, kind, module.params, module.check_mode, module.warn).run()

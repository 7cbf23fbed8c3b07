# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""SC's REST resources: API key authentication, routing and the documents of each endpoint."""

import functools
import hashlib
import re
import uuid
from urllib.parse import parse_qs

from .accounts import FULL_ACCESS_GROUP, ROLES
from .assets import LIST_FIELDS
from .envelope import INVALID_TOKEN, SCError, envelope, not_found, org_required
from .policies import TEMPLATES, family_refs, plugin_details
from .risk_rules import refuse_writer

# documented: API keys need SC 5.13 or later (API Key Authorization)
API_KEY_MIN_VERSION = (5, 13)
# reported: pyTenable #512, #514 and PR #473 ("As of Tenable.sc 5.20.0, the version is no longer sent"):
# /rest/system without keys has no version from 5.20 on.
VERSION_HIDDEN_WITHOUT_KEYS = (5, 20)
# documented: "x-apikey: accesskey=ACCESS; secretkey=SECRET;" (API Key Authorization)
# client: pyTenable sends "accessKey=A; secretKey=S" without the final ";" (sc_login_5_20_0.yaml), so names are
# read case-insensitively and the separators leniently
_KEY_PAIR = re.compile(r"([A-Za-z]+)\s*=\s*([^;\s]*)")
_REPOSITORY_LIST_FIELDS = ("id", "name", "description", "type", "dataFormat")  # inferred: default fields
# recorded: test_system_details.yaml
_REPORT_TYPES = [
    {"name": "PDF", "type": "pdf", "enabled": "true", "attributeSets": []},
    {"name": "CSV", "type": "csv", "enabled": "true", "attributeSets": []},
    {"name": "RTF", "type": "rtf", "enabled": "true", "attributeSets": []},
    {"name": "DISA ARF", "type": "arf", "enabled": "false", "attributeSets": ["arf"]},
    {"name": "DISA ASR", "type": "asr", "enabled": "false", "attributeSets": []},
    {"name": "CyberScope", "type": "lasr", "enabled": "true", "attributeSets": ["lasr"]},
]
# recorded: test_system_details.yaml (the shape; the real list is long)
_TIMEZONES = [{"name": "America/New_York", "gmtOffset": -5}, {"name": "Europe/London", "gmtOffset": 0},
              {"name": "Europe/Paris", "gmtOffset": 1}, {"name": "UTC", "gmtOffset": 0}]


def version_tuple(version):
    return tuple(int(part) for part in re.findall(r"\d+", str(version))[:3])


class Answer:
    """What the HTTP layer sends: a JSON document (encoded late, faults may edit it) or raw bytes."""

    def __init__(self, status=200, document=None, raw=None, content_type="application/json", rows=0):
        self.status = status
        self.document = document
        self.raw = raw
        self.content_type = content_type
        self.rows = rows

    @classmethod
    def ok(cls, response, rows=0):
        return cls(200, envelope(response), rows=rows)

    @classmethod
    def error(cls, error):
        return cls(error.status, raw=error.body(), content_type=error.content_type)


def _auth_refusal(status, error_msg=""):
    # recorded: sc_login_5_20_0.yaml (refused keys: 403, error_code 0, empty message, Content-Type text/html)
    return SCError(status, 0, error_msg, content_type="text/html; charset=UTF-8")


def _fields(query):
    values = parse_qs(query).get("fields")
    return [field for field in values[0].split(",") if field] if values else None


def _select(document, fields):
    """?fields=a,b: the named fields only; SC keeps id in every answer.

    inferred: every recorded request asked for id.
    """
    if not fields:
        return document
    return {field: document[field] for field in ["id"] + [f for f in fields if f != "id"] if field in document}


def _usable_and_manageable(user, listed):
    """A list of scans, results or policies: every one usable, and manageable by the roles that manage scans.

    recorded: test_policies_list.yaml, test_scan_instances_list.yaml (both lists); inferred: who manages them.
    """
    return Answer.ok({"usable": listed, "manageable": listed if user.can_manage_assets else []})


class Application:
    """Routes one request to the resource answering it; ``simulator`` holds the mutable server state."""

    def __init__(self, simulator):
        self.sim = simulator
        self.dataset = simulator.dataset
        self._by_access_key = {user.access_key.lower(): user for user in simulator.users.values()}
        # reported: pyTenable #512, #514 (GET /rest/system answers without keys)
        # inferred: every other route needs keys
        self._routes = [
            ("GET", re.compile(r"/rest/system$"), self.system, False),
            ("GET", re.compile(r"/rest/status$"), self.status, True),
            ("GET", re.compile(r"/rest/currentUser$"), self.current_user, True),
            ("GET", re.compile(r"/rest/currentOrganization$"), self.current_organization, True),
            ("GET", re.compile(r"/rest/repository$"), self.repositories, True),
            ("GET", re.compile(r"/rest/repository/([^/]+)$"), self.repository, True),
            ("GET", re.compile(r"/rest/asset$"), self.asset_lists, True),
            ("POST", re.compile(r"/rest/asset$"), self.create_asset, True),
            ("GET", re.compile(r"/rest/asset/([^/]+)$"), self.asset, True),
            ("PATCH", re.compile(r"/rest/asset/([^/]+)$"), self.edit_asset, True),
            ("DELETE", re.compile(r"/rest/asset/([^/]+)$"), self.delete_asset, True),
            ("GET", re.compile(r"/rest/query$"), self.saved_queries, True),
            ("GET", re.compile(r"/rest/query/([^/]+)$"), self.saved_query, True),
            ("POST", re.compile(r"/rest/analysis$"), self.analysis, True),
            ("GET", re.compile(r"/rest/system/locale$"), self.locale, True),
            ("GET", re.compile(r"/rest/scan$"), self.scans, True),
            ("POST", re.compile(r"/rest/scan$"), self.create_scan, True),
            ("GET", re.compile(r"/rest/scan/([^/]+)$"), self.scan, True),
            ("DELETE", re.compile(r"/rest/scan/([^/]+)$"), self.delete_scan, True),
            ("POST", re.compile(r"/rest/scan/([^/]+)/launch$"), self.launch_scan, True),
            ("GET", re.compile(r"/rest/scanResult$"), self.scan_results, True),
            ("GET", re.compile(r"/rest/scanResult/([^/]+)$"), self.scan_result, True),
            ("GET", re.compile(r"/rest/policy$"), self.policies, True),
            ("POST", re.compile(r"/rest/policy$"), self.create_policy, True),
            ("GET", re.compile(r"/rest/policy/([^/]+)$"), self.policy, True),
            ("DELETE", re.compile(r"/rest/policy/([^/]+)$"), self.delete_policy, True),
            ("GET", re.compile(r"/rest/policyTemplate$"), self.policy_templates, True),
            ("GET", re.compile(r"/rest/pluginFamily$"), self.plugin_families, True),
            ("GET", re.compile(r"/rest/plugin/([^/]+)$"), self.plugin, True),
        ]
        for kind, resource in (("accept", "acceptRiskRule"), ("recast", "recastRiskRule")):
            self._routes += [
                ("GET", re.compile(r"/rest/%s$" % resource), functools.partial(self.risk_rules, kind), True),
                ("POST", re.compile(r"/rest/%s$" % resource), functools.partial(self.create_risk_rule, kind), True),
                ("POST", re.compile(r"/rest/%s/apply$" % resource), functools.partial(self.apply_risk_rules, kind), True),
                ("GET", re.compile(r"/rest/%s/([^/]+)$" % resource), functools.partial(self.risk_rule, kind), True),
                ("DELETE", re.compile(r"/rest/%s/([^/]+)$" % resource), functools.partial(self.delete_risk_rule, kind),
                 True),
                ("POST", re.compile(r"/rest/%s/([^/]+)/apply$" % resource), functools.partial(self.apply_risk_rules, kind),
                 True),
            ]
        self._repository_counts = None

    def handle(self, method, path, query, headers, body, record):
        for route_method, pattern, handler, needs_user in self._routes:
            match = pattern.match(path)
            if match and route_method == method:
                break
        else:
            # inferred: paths and methods SC does not serve get Apache's 404 page.
            return Answer(404, raw=b"<html><body><h1>Not Found</h1></body></html>", content_type="text/html")
        try:
            user = self.authenticate(headers.get("x-apikey"), needs_user)
            record.user = user.username if user else None
            return handler(user, query, body, *match.groups())
        except SCError as error:
            return Answer.error(error)

    @property
    def _version(self):
        return version_tuple(self.sim.version)

    # Authentication

    def authenticate(self, header, required):
        """The user of an x-apikey header; names and separators are read leniently like SC does (see _KEY_PAIR)."""
        if version_tuple(self.sim.version) < API_KEY_MIN_VERSION:
            # inferred: before 5.13 SC has no API keys (documented), so the header is ignored and the request has
            # no session.
            header = None
        if header is None:
            if required:
                # recorded: test_system_current_locale.yaml (403/12, this wording, Content-Type text/html)
                raise SCError(403, INVALID_TOKEN, "This request contains an invalid token.",
                              content_type="text/html; charset=UTF-8")
            return None
        if not self.sim.api_keys_enabled:
            # documented: 400 when API keys are disabled (API Key Authorization)
            # inferred: the body, shaped like the 403 refusal
            raise _auth_refusal(400)
        pairs = {name.lower(): value for name, value in _KEY_PAIR.findall(header)}
        # inferred: key values compared case-insensitively
        user = self._by_access_key.get(pairs.get("accesskey", "").lower())
        if user is None or pairs.get("secretkey", "").lower() != user.secret_key:
            # recorded: sc_login_5_20_0.yaml (403; Tenable's docs say 400 for invalid keys)
            raise _auth_refusal(403)
        if user.locked:
            raise _auth_refusal(403, "The user account is locked.\n")  # inferred: status, wording and shape
        return user

    # Server facts

    def system(self, user, _query, _body):
        version = self.sim.version
        # recorded: test_system_details.yaml (these keys in this order, a 12-digit buildID equal to releaseID)
        build = "2024%08d" % (int(hashlib.sha256(version.encode()).hexdigest(), 16) % 10 ** 8)
        document = {
            "reportTypes": _REPORT_TYPES, "version": version, "buildID": build, "banner": "", "releaseID": build,
            "uuid": str(uuid.UUID(int=self.dataset.seed * 104729 + 17)), "logo": "assets/mariana/images/sc4icon.png",
            "serverAuth": "any", "serverClassification": "None", "sessionTimeout": "3600", "licenseStatus": "Valid",
            "ACAS": "false", "freshInstall": "no", "headerText": "", "loginNotifications": "false",
            "PasswordComplexity": "false", "telemetryEnabled": "false"}
        # inferred: whether the answer to valid keys still carries the version is unknown, so a test can hide
        # it from everyone (hide_version) and the client must cope either way.
        if self.sim.hide_version or (user is None and version_tuple(version) >= VERSION_HIDDEN_WITHOUT_KEYS):
            del document["version"]
        elif user is None:
            # recorded: sc_login.yaml (5.8 without keys: a token for the session login, before timezones);
            # inferred: gone with the version from 5.20 on.
            document["token"] = str(self.dataset.seed * 7919 % 10 ** 10)
        document["timezones"] = _TIMEZONES
        return Answer.ok(document)

    def locale(self, _user, _query, _body):
        # recorded: test_system_current_locale_success.yaml
        return Answer.ok({"code": "en", "name": "English", "description": "English"})

    # Scans (see scans.py for the evidence of each shape)

    def _scan_user(self, user, write=False):
        if user.is_admin:
            raise org_required()  # inferred: as for asset lists, an Administrator has no organization scans
        if write and not user.can_manage_assets:
            # inferred: the roles that manage asset lists manage and launch scans; code and wording as for lists
            raise SCError(403, 1, "Insufficient permissions to manage scans.\n")
        return self.sim.scans

    def scans(self, user, query, _body):
        store, fields = self._scan_user(user), _fields(query)
        listed = [_select(store.render(scan), fields) for scan in store.definitions()]
        return _usable_and_manageable(user, listed)

    def scan(self, user, query, _body, scan_id):
        store = self._scan_user(user)
        return Answer.ok(_select(store.render(store.get(scan_id)), _fields(query)))

    def create_scan(self, user, _query, body):
        store = self._scan_user(user, write=True)
        return Answer.ok(store.render(store.create(body, self._version)))

    def delete_scan(self, user, _query, _body, scan_id):
        self._scan_user(user, write=True).delete(scan_id)
        return Answer.ok("")  # recorded: test_scans_create.yaml (DELETE answers "")

    def launch_scan(self, user, _query, _body, scan_id):
        return Answer.ok(self._scan_user(user, write=True).launch(scan_id))

    def scan_results(self, user, query, _body):
        store, params = self._scan_user(user), parse_qs(query or "")
        store.settle()
        found = store.results(params.get("startTime", [None])[0], params.get("endTime", [None])[0])
        listed = [_select(store.render_result(result), _fields(query) or ["name", "description", "status"])
                  for result in found]
        return _usable_and_manageable(user, listed)

    def scan_result(self, user, query, _body, result_id):
        store = self._scan_user(user)
        store.settle()
        return Answer.ok(_select(store.render_result(store.result(result_id)), _fields(query)))

    # Policies and plugins (see policies.py for the evidence of each shape)

    def _policy_user(self, user, write=False):
        self._scan_user(user, write)
        return self.sim.policies

    def policies(self, user, query, _body):
        store, fields = self._policy_user(user), _fields(query)
        listed = [_select(summary, fields) for summary in store.summaries()]
        return _usable_and_manageable(user, listed)

    def policy(self, user, query, _body, policy_id):
        store = self._policy_user(user)
        return Answer.ok(_select(store.render(store.get(policy_id)), _fields(query)))

    def create_policy(self, user, _query, body):
        store = self._policy_user(user, write=True)
        return Answer.ok(store.render(store.create(body)))

    def delete_policy(self, user, _query, _body, policy_id):
        self._policy_user(user, write=True).delete(policy_id)
        return Answer.ok("")  # recorded: test_policies_delete.yaml

    def policy_templates(self, user, query, _body):
        self._policy_user(user)
        return Answer.ok([_select(dict(template), _fields(query)) for template in TEMPLATES])

    def plugin_families(self, _user, query, _body):
        return Answer.ok([_select(family, _fields(query)) for family in family_refs()])

    def plugin(self, _user, query, _body, plugin_id):
        return Answer.ok(_select(plugin_details(plugin_id), _fields(query)))

    def status(self, _user, _query, _body):
        active = len({host.ip_int for host in self.dataset.hosts})
        plugin_time = str(self.dataset.now - 86400)
        # recorded: test_status_status.yaml
        return Answer.ok({
            "jobd": "Running", "licenseStatus": "Valid", "PluginSubscriptionStatus": "Valid",
            "LCEPluginSubscriptionStatus": "Expired", "PassivePluginSubscriptionStatus": None,
            "pluginUpdates": {"active": {"updateTime": plugin_time, "stale": "false",
                                         "pluginCurrentSet": self.dataset.plugin_set},
                              "passive": {"updateTime": plugin_time, "stale": "false"},
                              "lce": {"updateTime": plugin_time, "stale": "true"}},
            "feedUpdates": {"updateTime": plugin_time, "stale": "false"},
            "activeIPs": str(active), "licensedIPs": str(max(102400, active))})

    def current_user(self, user, query, _body):
        created = str(self.dataset.now - 400 * 86400)
        # inferred: shaped like the /rest/user document of test_users_details_success.yaml (only ?fields=id,name of
        # /rest/currentUser is recorded, test_current_user.yaml)
        document = {
            "id": user.id, "username": user.username, "firstname": user.firstname, "lastname": user.lastname,
            "status": "0", "role": {"id": user.role_id, "name": user.role_name, "description": ROLES[user.role_id][1]},
            "title": "", "email": "%s@example.com" % user.username, "address": "", "city": "", "state": "",
            "country": "", "phone": "", "fax": "", "createdTime": created, "modifiedTime": created,
            "lastLogin": str(self.dataset.now - 3600), "lastLoginIP": "10.16.0.50", "mustChangePassword": "false",
            "locked": "false", "failedLogins": "0", "authType": "tns", "fingerprint": None, "password": "SET",
            "description": "", "canUse": "true", "canManage": "true", "managedUsersGroups": [],
            "managedObjectsGroups": [], "preferences": [], "ldapUsername": "", "group": FULL_ACCESS_GROUP,
            "responsibleAsset": {"id": -1, "name": "", "description": ""}, "organization": user.organization,
        }
        return Answer.ok(_select(document, _fields(query)))

    def current_organization(self, user, query, _body):
        if user.is_admin:
            raise org_required()  # inferred: an Administrator belongs to no organization
        organization = dict(user.organization)
        # recorded: test_organizations_details_success.yaml (these fields, in this order)
        organization.update({
            "email": "", "address": "", "city": "", "state": "", "country": "", "phone": "", "fax": "",
            "zoneSelection": "auto_only", "restrictedIPs": "", "vulnScoreLow": "1", "vulnScoreMedium": "3",
            "vulnScoreHigh": "10", "vulnScoreCritical": "40", "createdTime": str(self.dataset.now - 500 * 86400),
            "modifiedTime": str(self.dataset.now - 30 * 86400), "userCount": "5",
            "repositories": [self._repository_ref(r) for r in self.dataset.repositories]})
        return Answer.ok(_select(organization, _fields(query)))

    # Repositories

    def _visible_repositories(self, user):
        # documented: a user sees only the repositories assigned to it (seed guide, per the API notes)
        # inferred: an Administrator sees them all
        return [r for r in self.dataset.repositories if user.is_admin or r["id"] in user.repository_ids]

    @staticmethod
    def _repository_ref(repository):
        return {key: repository[key] for key in ("id", "name", "description")}

    def _repository_document(self, repository):
        counts = self._counts_per_repository()
        hosts, findings = counts.get(repository["id"], (0, 0))
        created = str(self.dataset.now - 700 * 86400)
        # recorded: test_repositories_details_success.yaml
        # inferred: uuid (newer servers)
        return {
            "id": repository["id"], "name": repository["name"], "description": repository["description"],
            "type": repository["type"], "dataFormat": repository["dataFormat"], "remoteID": None, "remoteIP": None,
            "running": "false", "downloadFormat": "v2", "lastSyncTime": "0", "createdTime": created,
            "modifiedTime": created, "lastVulnUpdate": str(self.dataset.now), "vulnCount": str(findings),
            "organizations": [{"id": "1", "name": "Acme Security Operations", "description": ""}],
            "typeFields": {"correlation": [], "ipRange": "0.0.0.0/0", "ipCount": str(hosts),
                           "runningNessus": "false", "lastGenerateNessusTime": "0", "trendingDays": "30",
                           "trendWithRaw": "true", "lastTrendUpdate": "0",
                           "nessusSchedule": {"type": "never", "start": "", "repeatRule": ""}},
            "uuid": repository["uuid"],
        }

    def _counts_per_repository(self):
        """repository id -> (hosts, open findings); computed once, the dataset does not change."""
        if self._repository_counts is None:
            ds, counts = self.dataset, {}
            for host in ds.hosts:
                open_findings = ds.host_start[host.index + 1] - ds.host_start[host.index] - sum(
                    ds.f_mitigated[ds.host_start[host.index]:ds.host_start[host.index + 1]])
                hosts, findings = counts.get(host.repository_id, (0, 0))
                counts[host.repository_id] = (hosts + 1, findings + open_findings)
            self._repository_counts = counts
        return self._repository_counts

    def repositories(self, user, query, _body):
        # recorded: test_repositories_list_success.yaml (?type=Local)
        # client: pyTenable also sends All, Remote or Offline
        wanted_type = (parse_qs(query).get("type") or ["All"])[0]
        fields = _fields(query) or _REPOSITORY_LIST_FIELDS
        documents = [_select(self._repository_document(r), fields) for r in self._visible_repositories(user)
                     if wanted_type in ("All", r["type"])]
        return Answer.ok(documents, rows=len(documents))

    def repository(self, user, query, _body, repository_id):
        repository = next((r for r in self._visible_repositories(user) if r["id"] == repository_id), None)
        if repository is None:
            raise not_found("Repository", repository_id)  # inferred: wording, in SC's "<Object> #<id>" style
        return Answer.ok(_select(self._repository_document(repository), _fields(query)))

    # Asset lists

    def _asset_reader(self, user):
        if user.is_admin:
            raise org_required()  # reported: pyTenable #294 (403/15, asset list read without orgID)
        return self.sim.assets

    def _asset_manager(self, user):
        store = self._asset_reader(user)
        if not user.can_manage_assets:
            # inferred: wording and error code of the refusal for a role without asset management permission.
            raise SCError(403, 1, "Insufficient permissions: the %s role cannot manage Assets.\n" % user.role_name)
        return store

    def asset_lists(self, user, query, _body):
        store = self.sim.assets
        fields = _fields(query) or LIST_FIELDS

        def listed(assets):
            return [store.render(asset, user, self.dataset.repositories, self._version, fields) for asset in assets]
        if user.is_admin:
            # documented: an Administrator's GET /rest/asset answers one "assets" array (Asset API)
            # inferred: its content
            return Answer.ok({"assets": listed(store.usable())})
        usable = store.usable()
        # recorded: test_asset_lists_list_success_for_fields.yaml lists a manageable list that is not usable.
        # recorded: test_asset_lists_list_success.yaml (list 0 usable, never manageable)
        manageable = [asset for asset in usable + store.manageable_only() if asset.id and user.can_manage_assets]
        return Answer.ok({"usable": listed(usable), "manageable": listed(manageable)}, rows=len(usable))

    def asset(self, user, query, _body, asset_id):
        store = self._asset_reader(user)
        asset = store.get(asset_id)
        if not asset.usable and not user.can_manage_assets:
            raise not_found("Asset", asset_id)  # inferred: a list the account neither uses nor manages is unseen
        return Answer.ok(store.render(asset, user, self.dataset.repositories, self._version, _fields(query)))

    # Saved queries

    def saved_queries(self, user, query, _body):
        if user.is_admin:
            raise org_required()  # inferred: as for asset lists, an Administrator has no organization queries
        queries, fields = self.sim.queries, _fields(query)
        # recorded: test_queries_list_success.yaml (usable and manageable arrays)
        return Answer.ok({scope: [_select(queries.render(found, user), fields) for found in listed]
                          for scope, listed in (("usable", queries.usable()), ("manageable", queries.manageable(user)))})

    def saved_query(self, user, query, _body, query_id):
        if user.is_admin:
            raise org_required()  # inferred: as for asset lists
        queries = self.sim.queries
        return Answer.ok(_select(queries.render(queries.get(query_id), user), _fields(query)))

    def create_asset(self, user, _query, body):
        store = self._asset_manager(user)
        return Answer.ok(store.render(store.create(body, user), user, self.dataset.repositories, self._version))

    def edit_asset(self, user, _query, body, asset_id):
        store = self._asset_manager(user)
        if store.get(asset_id).id == 0:
            raise SCError(403, 1, "Insufficient permissions: Asset #0 cannot be edited.\n")  # inferred: code, wording
        return Answer.ok(store.render(store.update(asset_id, body), user, self.dataset.repositories, self._version))

    def delete_asset(self, user, _query, _body, asset_id):
        store = self._asset_manager(user)
        if str(asset_id) == "0":
            raise SCError(403, 1, "Insufficient permissions: Asset #0 cannot be deleted.\n")  # inferred: code, wording
        store.delete(asset_id)
        # recorded: test_asset_lists_delete_success.yaml (response "")
        return Answer.ok("")

    # Accept and recast risk rules (see risk_rules.py for the evidence of each shape)

    def _rules_user(self, user, kind, write=False):
        if user.is_admin:
            raise org_required()  # inferred: as for asset lists, an Administrator has no organization rules here
        if write:
            refuse_writer(user, kind)
        return self.sim.risk_rules

    def risk_rules(self, kind, user, query, _body):
        rules, params = self._rules_user(user, kind), parse_qs(query or "")
        repository_ids = [item for item in params.get("repositoryIDs", [""])[0].split(",") if item]
        found = rules.listed(kind, params.get("pluginID", [None])[0], params.get("port", [None])[0], repository_ids)
        fields = _fields(query)
        # documented: not paginated unless asked; the default fields leave out comments and the times
        return Answer.ok([rules.render(kind, rule, fields, listing=True) for rule in found])

    def risk_rule(self, kind, user, query, _body, rule_id):
        rules = self._rules_user(user, kind)
        return Answer.ok(rules.render(kind, rules.get(kind, rule_id), _fields(query)))

    def create_risk_rule(self, kind, user, _query, body):
        rules = self._rules_user(user, kind, write=True)
        refs = {r["id"]: self._repository_ref(r) for r in self.dataset.repositories}
        return Answer.ok(rules.create(kind, body, user, refs, self._version))

    def delete_risk_rule(self, kind, user, _query, _body, rule_id):
        self._rules_user(user, kind, write=True).delete(kind, rule_id)
        return Answer.ok("")  # recorded: test_accept_risks_delete_success.yaml

    def apply_risk_rules(self, kind, user, _query, body, rule_id=None):
        rules = self._rules_user(user, kind, write=True)
        repository = (body or {}).get("repository") if isinstance(body, dict) else None
        repository_id = str((repository or {}).get("id", "0")) if isinstance(repository, dict) else "0"
        if repository_id != "0" and repository_id not in user.repository_ids:
            raise not_found("Repository", repository_id)  # inferred: wording
        rules.apply(kind, repository_id, rule_id)
        return Answer.ok("")  # recorded: test_accept_risks_apply_success.yaml

    # Analysis

    def analysis(self, user, _query, body):
        self.sim.scans.settle()
        response, rows = self.sim.analysis.run(body, user, version_tuple(self.sim.version))
        return Answer.ok(response, rows=rows)

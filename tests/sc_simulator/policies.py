# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Scan policies (/rest/policy), the templates they are made from, plugin families and plugin details.

recorded: test_policies_list.yaml (usable and manageable id, name, description, status; "Full Safe Scan" is
policy 1000001), scan_policy.yaml (a policy created from template 1, "Advanced Scan", answered with string
fields and its families), test_policies_delete.yaml (DELETE answers "", then 403/147 "Unable to find existing
Policy #... to delete."), test_policies_template_list_success.yaml (the templates), test_plugins_details_success.yaml
(a plugin's family as {id, name, type}), test_plugins_family_list_success.yaml (the families as id and name), all
SC 5.8.
client: Cortex XSOAR's SC integration and Tenable's "Launch a Remediation Scan" guide build a remediation scan's
policy from the advanced template with families, each naming the plugins it enables.
inferred: a family given without plugins enables every plugin of it; an unknown family or plugin is refused with
146; what a policy scans when it names no families (every plugin, as "Full Safe Scan" does).
"""

import threading

from .catalog import FAMILIES, PLUGINS
from .envelope import invalid_parameters, not_found

# recorded: test_policies_template_list_success.yaml (the first three)
TEMPLATES = (
    {"id": "1", "name": "Advanced Scan", "description": "Configure a scan without using any recommendations."},
    {"id": "2", "name": "Host Discovery", "description": "A simple scan to discover live hosts and open ports."},
    {"id": "3", "name": "Basic Network Scan", "description": "A full system scan suitable for any host."},
)
# recorded: test_policies_list.yaml, sc_scans_create.yaml
FULL_SAFE_SCAN_ID = "1000001"
_FIRST_CREATED_ID = 1000007  # recorded: scan_policy.yaml (the first policy created there)
_PLUGINS_BY_ID = {plugin.id_str: plugin for plugin in PLUGINS}
_FAMILY_PLUGINS = {}
for _plugin in PLUGINS:
    _FAMILY_PLUGINS.setdefault(_plugin.family_ref["id"], set()).add(_plugin.id)


def family_refs():
    """Every family as /rest/pluginFamily lists it (recorded: test_plugins_family_list_success.yaml)."""
    return [{"id": family_id, "name": name} for family_id, name in sorted(FAMILIES.values(), key=lambda f: int(f[0]))]


def plugin_details(plugin_id):
    """GET /rest/plugin/{id}: the fields a client reads (recorded: test_plugins_details_success.yaml)."""
    plugin = _PLUGINS_BY_ID.get(str(plugin_id))
    if plugin is None:
        raise not_found("Plugin", plugin_id)  # inferred: wording, in SC's "<Object> #<id>" style
    return {"id": plugin.id_str, "name": plugin.name, "description": plugin.description, "type": plugin.family_ref["type"],
            "family": dict(plugin.family_ref), "riskFactor": plugin.risk_factor, "solution": plugin.solution,
            "synopsis": plugin.synopsis, "checkType": plugin.check_type, "version": plugin.version}


class PolicyStore:
    """The organization's scan policies, each with the plugin IDs it enables (None: every plugin); thread-safe."""

    def __init__(self, dataset, owner):
        self.dataset = dataset
        self._owner = owner
        self._lock = threading.Lock()
        self.reset()

    def reset(self):
        with self._lock:
            self._policies = {FULL_SAFE_SCAN_ID: {"id": FULL_SAFE_SCAN_ID, "name": "Full Safe Scan", "description": "",
                                                  "families": [], "plugin_ids": None, "template": TEMPLATES[0],
                                                  "createdTime": str(self.dataset.now - 400 * 86400)}}
            self._next = _FIRST_CREATED_ID

    def create(self, body):
        if not isinstance(body, dict) or not body.get("name"):
            raise invalid_parameters("Invalid parameters specified for policy. 'name' is required.")  # inferred
        template_id = str((body.get("policyTemplate") or {}).get("id", ""))
        template = next((t for t in TEMPLATES if t["id"] == template_id), None)
        if template is None:
            raise invalid_parameters("Invalid parameters specified for policy. Invalid policyTemplate.")  # inferred
        families, plugin_ids = self._families(body.get("families") or [])
        with self._lock:
            policy_id = str(self._next)
            self._next += 1
            self._policies[policy_id] = {"id": policy_id, "name": body["name"], "description": body.get("description", ""),
                                         "families": families, "plugin_ids": plugin_ids, "template": template,
                                         "createdTime": str(self.dataset.now)}
            return self._policies[policy_id]

    @staticmethod
    def _families(given):
        """(families as SC answers them, the plugin IDs they enable or None for every plugin)."""
        if not given:
            return [], None
        families, plugin_ids = [], set()
        for family in given:
            family_id = str((family or {}).get("id", ""))
            if family_id not in _FAMILY_PLUGINS:
                raise invalid_parameters("Invalid parameters specified for policy. Family #%s is invalid." % family_id)
            named = [str((plugin or {}).get("id", "")) for plugin in family.get("plugins") or []]
            for plugin_id in named:
                plugin = _PLUGINS_BY_ID.get(plugin_id)
                if plugin is None or plugin.family_ref["id"] != family_id:
                    raise invalid_parameters("Invalid parameters specified for policy. Plugin #%s is not in family #%s."
                                             % (plugin_id, family_id))
            enabled = {int(plugin_id) for plugin_id in named} or _FAMILY_PLUGINS[family_id]
            plugin_ids |= enabled
            families.append({"id": family_id, "name": dict(FAMILIES.values())[family_id], "type": "active",
                             "plugins": [{"id": plugin_id} for plugin_id in named]})
        return families, plugin_ids

    def get(self, policy_id):
        found = self._policies.get(str(policy_id))
        if found is None:
            raise not_found("Policy", policy_id)
        return found

    def delete(self, policy_id):
        with self._lock:
            if str(policy_id) not in self._policies:
                raise not_found("Policy", policy_id, action="delete")  # recorded: test_policies_delete.yaml
            del self._policies[str(policy_id)]

    def plugin_ids(self, policy_id):
        """The plugin IDs a scan with this policy runs, or None for every plugin; a deleted policy runs none."""
        found = self._policies.get(str(policy_id))
        return set() if found is None else found["plugin_ids"]

    def summaries(self):
        # recorded: test_policies_list.yaml
        return [{"id": p["id"], "name": p["name"], "description": p["description"], "status": "0"}
                for p in self._policies.values()]

    def render(self, policy):
        """A policy's details (recorded: scan_policy.yaml, the fields a client reads)."""
        return {"id": policy["id"], "name": policy["name"], "description": policy["description"], "tags": "",
                "createdTime": policy["createdTime"], "modifiedTime": policy["createdTime"], "context": "",
                "auditFiles": [], "families": policy["families"], "policyTemplate": dict(policy["template"]),
                "canUse": "true", "canManage": "true", "owner": self._owner.ref(), "creator": self._owner.ref(),
                "status": "0"}

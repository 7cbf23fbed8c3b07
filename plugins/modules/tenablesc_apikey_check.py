#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: tenablesc_apikey_check
short_description: Tell whether Tenable Security Center API keys will work, and what to fix
version_added: 0.1.0
description:
  - Answers "will this integration work?" with one verdict and, when not, the setup step to revisit.
  - Checks, in order, and stops at the first failure; each failure's message names the fix.
  - C(key_string) - the key string is in the form SC hands out; SC is not contacted for this.
    Fix - copy it exactly as Users > Users > API Keys > Generate showed it, V(accesskey=...; secretkey=...;).
  - C(reachable) - O(url) is an http(s) URL, DNS, TCP and TLS work, and the answer is SC's (its JSON envelope;
    SC 5.20 and later no longer show their version to a request without keys).
    Fix - correct O(url); for a certificate problem set O(ca_path) (or O(validate_certs=false) on a test instance).
  - C(keys_accepted) - SC accepts the keys. Fix - when API keys are disabled, an Administrator enables
    System > Configuration > Security > Allow API Keys; when the keys are rejected, check or regenerate the account's
    key pair; when the account is locked, an Administrator unlocks it; SC before 5.13 has no API keys (upgrade SC).
  - C(version) - SC is at least O(min_version), read without keys or, when SC hides it there, with them.
    When SC shows its version to neither, RV(sc_version) is null and the check passes with a note (and a warning
    if O(min_version) asks for more than API keys need). Fix - API keys need SC 5.13 or later; upgrade SC.
  - C(organization) - the account belongs to an organization. Fix - an Administrator (organization 0) cannot read
    vulnerability data; generate keys for an organization service account.
  - C(repositories) - the account sees at least one repository. Fix - assign the service account to the
    repositories whose data it should see.
  - C(analysis) - a cheap C(sumseverity) analysis query works. Fix - give the account the Vulnerability Analyst role
    (Security Analyst only if that hits permission errors).
  - C(asset_lists) - counts the asset lists the account can use (informational).
  - C(least_privilege) - a Security Manager or Security Analyst key passes with a warning that recommends
    a Vulnerability Analyst service account.
  - Never changes anything on SC.
author:
  - secops.tenablesc contributors (@secops)
extends_documentation_fragment:
  - secops.tenablesc.connection
  - secops.tenablesc.attributes.READ_ONLY
options:
  min_version:
    description:
      - The oldest SC version to accept.
      - API keys need SC 5.13 or later whatever this says.
    type: str
    default: 5.13.0
  fail_on_invalid:
    description:
      - Fail the task when a check fails.
      - With V(false) the task succeeds and returns RV(valid=false), for use in C(assert) or C(when).
    type: bool
    default: true
notes:
  - Each failed check's message says what to fix, in the words of SC's setup steps
    (System > Configuration > Security > Allow API Keys; Users > Users > API Keys > Generate;
    a Vulnerability Analyst service account assigned to the repositories whose data it should see).
  - Neither key is ever returned or printed, also on failure and at C(-vvvv).
"""

EXAMPLES = r"""
- name: Check the keys before anything else
  secops.tenablesc.tenablesc_apikey_check:
    url: https://tenablesc.example.com
    api_keys: "{{ vault_tenablesc_api_keys }}"

- name: Check without failing, then decide
  secops.tenablesc.tenablesc_apikey_check:
    fail_on_invalid: false
  register: sc_keys

- name: Stop with the reason when the keys will not work
  ansible.builtin.fail:
    msg: "{{ sc_keys.checks[-1].message }}"
  when: not sc_keys.valid

- name: Require a newer SC than API keys do
  secops.tenablesc.tenablesc_apikey_check:
    min_version: 6.2.0
"""

RETURN = r"""
valid:
  description: Whether every check passed.
  returned: always
  type: bool
  sample: true
sc_version:
  description:
    - SC's version, from C(/rest/system) without keys or, from SC 5.20 on, with them.
    - Null when SC does not show it; the C(version) check's message says so.
  returned: always
  type: str
  sample: 6.4.0
user:
  description: The account the keys belong to.
  returned: when SC accepted the keys
  type: dict
  contains:
    id:
      description: User ID.
      type: str
      sample: "12"
    username:
      description: User name.
      type: str
      sample: svc-ansible
    role:
      description: Role ID and name.
      type: dict
      sample: {id: "4", name: Vulnerability Analyst}
    organization:
      description: Organization ID and name.
      type: dict
      sample: {id: "1", name: Security Operations}
    group:
      description: Group ID and name.
      type: dict
      sample: {id: "0", name: Full Access}
repositories:
  description: Repositories the account can see.
  returned: always
  type: list
  elements: dict
  sample: [{id: "1", name: DMZ}]
asset_list_count:
  description: How many asset lists the account can use.
  returned: when the check ran
  type: int
  sample: 4
checks:
  description: Each check that ran, in order; the walk stops at the first failure.
  returned: always
  type: list
  elements: dict
  contains:
    name:
      description: >-
        One of key_string, reachable, keys_accepted, version, organization, repositories,
        analysis, asset_lists, least_privilege.
      type: str
    ok:
      description: Whether it passed.
      type: bool
    message:
      description: What was found and, on failure, what to fix.
      type: str
  sample:
    - {name: key_string, ok: true, message: The key string is well formed.}
"""

from ansible_collections.secops.tenablesc.plugins.module_utils.analysis import AnalysisPages, AnalysisQuery
from ansible_collections.secops.tenablesc.plugins.module_utils.answers import MIN_API_KEY_VERSION, version_tuple
from ansible_collections.secops.tenablesc.plugins.module_utils.connection import credentials_from_options
from ansible_collections.secops.tenablesc.plugins.module_utils.errors import (
    APIError,
    AuthenticationError,
    TenableSCError,
    UnsupportedVersionError,
    HINT_ADMINISTRATOR,
    HINT_PERMISSION,
    HINT_VERSION,
)
from ansible_collections.secops.tenablesc.plugins.module_utils.lookups import asset_lists, repositories
from ansible_collections.secops.tenablesc.plugins.module_utils.module import build_module, connect

ROLE_ADMINISTRATOR = "1"
# Stronger than read-only use needs; SC's guidance is a Vulnerability Analyst service account.
ROLES_BROADER_THAN_NEEDED = {"2": "Security Manager", "3": "Security Analyst"}
ADMIN_ORGANIZATION = "0"


class CheckFailed(Exception):
    """One check failed; the walk stops here."""


class APIKeyCheck:
    """Runs the checks in order and records each as {name, ok, message}."""

    def __init__(self, check_key_string, connect, min_version):
        self._check_key_string = check_key_string
        self._connect = connect
        self._client = None
        self._min_version = max(min_version, MIN_API_KEY_VERSION, key=version_tuple)
        self.checks = []
        self.warnings = []
        self.facts = dict(sc_version=None, user=None, repositories=[], asset_list_count=None)

    @property
    def valid(self):
        return bool(self.checks) and all(check["ok"] for check in self.checks)

    def run(self):
        try:
            self._step("key_string", self._key_string)
            self._step("reachable", self._reachable)
            self._step("keys_accepted", self._keys_accepted)
            self._step("version", self._version)
            self._step("organization", self._organization)
            self._step("repositories", self._repositories)
            self._step("analysis", self._analysis)
            self._step("asset_lists", self._asset_lists)
            self._step("least_privilege", self._least_privilege)
        except CheckFailed:
            pass
        finally:
            if self._client is not None:
                self._client.close()
        return self

    def _step(self, name, check):
        """Run one check; its message is what it found, or the error with its fix."""
        try:
            message = check()
        except TenableSCError as exc:
            self.checks.append(dict(name=name, ok=False, message=str(exc)))
            raise CheckFailed()
        self.checks.append(dict(name=name, ok=True, message=message))

    def _key_string(self):
        self._check_key_string()
        return "The key string is well formed."

    def _reachable(self):
        self._client = self._connect()
        self._client.system()
        shown = self._client.known_version
        return "Tenable Security Center answered at %s%s." % (
            self._client.settings.url, " (version %s)" % shown if shown else "")

    def _keys_accepted(self):
        user = self._client.current_user()
        if not isinstance(user, dict) or not user.get("username"):
            raise AuthenticationError("SC accepted the request but returned no user for these keys.")
        self.facts["user"] = _user_summary(user)
        return "SC accepted the keys of user %s." % user["username"]

    def _version(self):
        found = self._client.known_version or self._version_with_keys()
        if not found:
            if version_tuple(self._min_version) > version_tuple(MIN_API_KEY_VERSION):
                self.warnings.append("min_version %s was not checked: SC does not show its version." % self._min_version)
            return ("SC does not show its version to this account (SC 5.20 and later hide it without keys);"
                    " it accepted API keys, so it is 5.13 or later. min_version %s was not checked." % self._min_version)
        found = self.facts["sc_version"] = str(found)
        if version_tuple(found) < version_tuple(self._min_version):
            raise UnsupportedVersionError(
                "SC %s is older than %s, the minimum required here." % (found, self._min_version),
                hint=HINT_VERSION if version_tuple(found) < version_tuple(MIN_API_KEY_VERSION) else "Upgrade SC.")
        return "SC %s is %s or later." % (found, self._min_version)

    def _version_with_keys(self):
        try:
            return self._client.system(authenticated=True).get("version")
        except APIError:
            return None  # an SC that will not say is an SC whose version is unknown, not a failed check

    def _organization(self):
        user = self.facts["user"]
        if user["organization"]["id"] == ADMIN_ORGANIZATION or user["role"]["id"] == ROLE_ADMINISTRATOR:
            raise TenableSCError(
                "The keys belong to %s, an Administrator in organization 0, which cannot read vulnerability data."
                % user["username"], HINT_ADMINISTRATOR)
        return "User %s has role %s in organization %s." % (
            user["username"], user["role"]["name"], user["organization"]["name"])

    def _repositories(self):
        assigned = [dict(id=str(r.get("id")), name=r.get("name")) for r in repositories(self._client, fields="id,name")]
        self.facts["repositories"] = assigned
        if not assigned:
            raise TenableSCError(
                "User %s sees no repositories, so every query returns nothing." % self.facts["user"]["username"],
                "Assign the service account to the repositories whose data it should see.")
        return "User %s sees %d repositories: %s." % (
            self.facts["user"]["username"], len(assigned), ", ".join(r["name"] for r in assigned))

    def _analysis(self):
        rows = list(AnalysisPages(self._client, AnalysisQuery(tool="sumseverity"), page_size=10, limit=10))
        return "An analysis query (sumseverity) works: %d severity rows." % len(rows)

    def _asset_lists(self):
        count = len([summary for summary in asset_lists(self._client, fields="id") if summary["usable"]])
        self.facts["asset_list_count"] = count
        return "User %s can use %d asset lists." % (self.facts["user"]["username"], count)

    def _least_privilege(self):
        role = self.facts["user"]["role"]
        if role["id"] in ROLES_BROADER_THAN_NEEDED:
            warning = ("The keys belong to a %s, more than read-only use needs. %s" % (
                ROLES_BROADER_THAN_NEEDED[role["id"]], HINT_PERMISSION))
            self.warnings.append(warning)
            return warning
        return "Role %s is enough for read-only use and no more." % role["name"]


def _user_summary(user):
    def pair(value):
        value = value if isinstance(value, dict) else {}
        return dict(id=str(value.get("id", "")), name=value.get("name"))

    return dict(
        id=str(user.get("id")), username=user.get("username"), role=pair(user.get("role")),
        organization=pair(user.get("organization")), group=pair(user.get("group")))


def main():
    module = build_module(dict(
        min_version=dict(type="str", default="5.13.0"),
        fail_on_invalid=dict(type="bool", default=True),
    ))
    if version_tuple(module.params["min_version"]) == (0,):
        module.fail_json(msg="min_version must be a version such as 5.13.0, not %r." % module.params["min_version"])
    check = APIKeyCheck(lambda: credentials_from_options(module.params.get), lambda: connect(module),
                        module.params["min_version"]).run()
    for warning in check.warnings:
        module.warn(warning)
    result = dict(check.facts, changed=False, valid=check.valid, checks=check.checks)
    if not check.valid and module.params["fail_on_invalid"]:
        module.fail_json(msg=check.checks[-1]["message"], **result)
    module.exit_json(**result)


if __name__ == "__main__":
    main()

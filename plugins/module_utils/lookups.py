# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Finding SC objects (repositories, asset lists, saved queries, scans) by name or ID, once for every caller.

SC allows duplicate names, so a name that matches several objects is an error
that names their IDs. Asset lists are looked up in one scope everywhere: every
list the account can use or manage, each once, marked with which it is; only a
filter needs a list the account can use.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.secops.tenablesc.plugins.module_utils.connection import printable
from ansible_collections.secops.tenablesc.plugins.module_utils.errors import (
    ConfigurationError,
    NotFoundError,
    HINT_PERMISSION,
    HINT_QUERY_SHARING,
)

SUMMARY_FIELDS = "id,name,type,description"
HINT_ASSET_SHARING = "Asset lists must be shared with the service account's group to be usable."
HINT_SCAN_SHARING = "A scan must be shared with the service account's group, or owned by it, to be launched."
# [0-9], not \d: \d also takes other scripts' digits, which SC's IDs never are.
_NUMBER = re.compile(r"^[0-9]+$")


def repositories(client, fields="id,name,description,type,dataFormat"):
    """Every repository the account is assigned to."""
    return client.get("/repository", params={"fields": fields}) or []


def asset_lists(client, fields="id,name,description,type,status"):
    """Every asset list the account can use or manage, each once, with ``usable`` and ``manageable`` flags.

    Organization users get SC's ``usable`` and ``manageable`` lists (a list can be manageable without
    being usable); an Administrator gets one ``assets`` list.
    """
    answer = client.get("/asset", params={"fields": fields}) or {}
    if isinstance(answer, list):
        answer = {"assets": answer}
    found = {}
    for scope in ("usable", "manageable", "assets"):
        for summary in answer.get(scope) or []:
            asset_id = str(summary.get("id"))
            entry = found.setdefault(asset_id, dict(summary, id=asset_id, usable=False, manageable=False))
            if scope in ("usable", "assets"):
                entry["usable"] = True
            if scope in ("manageable", "assets"):
                entry["manageable"] = True
    return list(found.values())


def scan_definition(client, name_or_id):
    """The summary (id, name, type, repository) of the one scan definition the account can launch, by name or ID."""
    return _resolve(usable_or_manageable(client, "/scan", "id,name,type,repository"), name_or_id, "scan",
                    HINT_SCAN_SHARING)


def saved_query_filters(client, name_or_id):
    """The analysis filters of one saved vulnerability query (``/rest/query``), by name or ID.

    SC 6.7's API no longer runs a query by its ID, so its filters are read and sent inline, as pyTenable does
    (``GET /query/{id}?fields=filters``). Each comes back as SC's ``{filterName, operator, value}``.
    """
    found = _resolve(usable_or_manageable(client, "/query", "id,name,type,tool"), name_or_id, "saved query",
                     HINT_QUERY_SHARING)
    details = client.get("/query/%s" % found["id"], params={"fields": "id,name,type,tool,filters"}) or {}
    if details.get("type", "vuln") != "vuln":
        raise ConfigurationError("Saved query %s (%s) is a %s query, not a vulnerability query." % (
            found["id"], printable(found.get("name")), printable(details.get("type"))))
    return [{"filterName": str(item.get("filterName")), "operator": str(item.get("operator") or "="),
             "value": item.get("value")} for item in details.get("filters") or [] if item.get("filterName")]


def plugin(client, plugin_id, fields="id,name"):
    """One plugin of SC's feed (``GET /plugin/{id}``); one SC does not know is a ConfigurationError."""
    try:
        return client.get("/plugin/%s" % plugin_id, params={"fields": fields}) or {}
    except NotFoundError:
        raise ConfigurationError("Plugin %s is not in SC's plugin feed." % plugin_id) from None


def usable_or_manageable(client, path, fields, **params):
    """Summaries of the objects SC lists as usable or manageable, each once; ``params`` add to the query."""
    answer = client.get(path, params=dict(params, fields=fields)) or {}
    if isinstance(answer, list):
        answer = {"usable": answer}
    summaries = {}
    for scope in ("usable", "manageable"):
        for summary in answer.get(scope) or []:
            summaries.setdefault(str(summary.get("id")), summary)
    return list(summaries.values())


class NameResolver:
    """Repository and asset list names to IDs, asking SC once per kind of object."""

    def __init__(self, client):
        self._client = client
        self._repositories = None
        self._asset_lists = None

    def repository_ids(self, names_or_ids):
        if self._repositories is None:
            self._repositories = repositories(self._client, fields="id,name")
        return [_resolve(self._repositories, item, "repository", HINT_PERMISSION)["id"] for item in names_or_ids]

    def asset_lists(self):
        """Summaries (id, name, type, description, usable, manageable) of every list the account can see."""
        if self._asset_lists is None:
            self._asset_lists = asset_lists(self._client, fields=SUMMARY_FIELDS)
        return self._asset_lists

    def asset_list(self, name_or_id):
        """The summary of the one list with that ID or name; none or several is an error."""
        return _resolve(self.asset_lists(), name_or_id, "asset list", HINT_ASSET_SHARING)

    def usable_asset_id(self, name_or_id):
        """The ID of a list the account can use in a query, such as an analysis filter."""
        found = self.asset_list(name_or_id)
        if not found["usable"]:
            raise ConfigurationError(
                "Asset list %s (%s) can be managed but not used by this account, so it cannot filter a query." % (
                    found["id"], printable(found.get("name"))), HINT_ASSET_SHARING)
        return found["id"]

    def matching_asset_lists(self, name=None, asset_id=None):
        """Summaries of the lists with that ID and name (either may be None); every list if neither is given."""
        return [summary for summary in self.asset_lists()
                if (asset_id is None or summary["id"] == str(asset_id)) and (name is None or summary.get("name") == name)]

    def one_asset_list(self, name=None, asset_id=None):
        """The single list with that ID or name, or None; several lists of one name is an error naming their IDs."""
        return single_match(self.matching_asset_lists(name=name, asset_id=asset_id), "asset list", name)

    def forget_asset_lists(self):
        """Ask SC again next time: after a write, or when an answer was lost."""
        self._asset_lists = None


def single_match(matches, kind, name):
    """The one object named ``name``, or None; SC allows duplicate names, so several is an error naming their IDs."""
    if len(matches) > 1:
        raise ConfigurationError("%s name %s matches %d objects (IDs %s); give the ID instead." % (
            kind.capitalize(), printable(name), len(matches), ", ".join(str(obj.get("id")) for obj in matches)))
    return matches[0] if matches else None


def _resolve(objects, wanted, kind, hint):
    """The one object whose ID or name is ``wanted``, with its ID as a string; zero or several are errors."""
    text = str(wanted).strip()
    if isinstance(wanted, bool) or not text:
        raise ConfigurationError("An empty %s name." % kind)
    by_id = [obj for obj in objects if str(obj.get("id")) == text]
    if by_id and (isinstance(wanted, int) or _NUMBER.match(text)):
        return dict(by_id[0], id=text)
    found = single_match([obj for obj in objects if obj.get("name") == text], kind, text)
    if found:
        return dict(found, id=str(found["id"]))
    known = sorted(str(obj.get("name")) for obj in objects)
    listed = ", ".join(known[:20]) + (", ..." if len(known) > 20 else "") if known else "none"
    raise ConfigurationError("No %s %s is visible to this account (visible: %s)." % (kind, printable(text), listed), hint)

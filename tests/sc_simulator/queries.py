# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Saved queries (/rest/query): a few analysis queries of the organization, read as SC answers them.

recorded: test_queries_list_success.yaml and test_queries_details_success.yaml (SC 5.8): the list answers
``usable`` and ``manageable`` arrays; every field is a string but ``targetGroup.id`` (-1); ``filters`` was
empty in every recording.
inferred: the shape of a saved filter (``filterName``, ``operator``, ``value`` as in an analysis query, with the
``id`` and ``type`` SC's UI stores); which queries an account may manage (those it owns).
"""

from .assets import GROUP_REF, NO_OBJECT
from .envelope import not_found

# inferred: creation time of the seeded queries (2024-01-01)
_CREATED = "1704067200"


def _filter(name, operator, value):
    return {"id": name, "filterName": name, "operator": operator, "type": "vuln", "isPredefined": True,
            "value": value}


class SavedQueries:
    """The organization's saved queries, owned by the Security Manager and usable by every organization user."""

    def __init__(self, dataset, owner):
        first_repository = dataset.repositories[0]
        self._owner = owner
        self._queries = [
            dict(id="1", name="Exploitable criticals", tool="vulndetails",
                 filters=[_filter("severity", "=", "4"), _filter("exploitAvailable", "=", "true")]),
            dict(id="2", name="%s hosts" % first_repository["name"], tool="sumip",
                 filters=[_filter("repository", "=", [{"id": first_repository["id"]}])]),
            # SC allows duplicate names.
            dict(id="3", name="Weekly review", tool="vulndetails", filters=[_filter("lastSeen", "=", "0:7")]),
            dict(id="4", name="Weekly review", tool="vulndetails", filters=[_filter("severity", "=", "3,4")]),
        ]

    def usable(self):
        return list(self._queries)

    def manageable(self, user):
        return list(self._queries) if user.username == self._owner.username else []

    def get(self, query_id):
        found = next((query for query in self._queries if query["id"] == str(query_id)), None)
        if found is None:
            raise not_found("Query", query_id)  # inferred: wording, in SC's "<Object> #<id>" style
        return found

    def render(self, query, user):
        """One query as SC shows it to ``user``."""
        owner = self._owner.ref()
        return {
            "id": query["id"], "name": query["name"], "description": "", "tool": query["tool"], "type": "vuln",
            "tags": "", "context": "", "browseColumns": "", "browseSortColumn": "", "browseSortDirection": "ASC",
            "createdTime": _CREATED, "modifiedTime": _CREATED, "status": "0", "filters": query["filters"],
            "groups": [], "canUse": "true", "canManage": "true" if user.username == self._owner.username else "false",
            "creator": owner, "owner": owner, "ownerGroup": GROUP_REF, "targetGroup": NO_OBJECT,
        }

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Saved queries: usable and manageable lists, one query's filters, duplicate names, 147 and 15."""

import pytest


def test_every_organization_user_can_use_the_queries_only_their_owner_manages(api):
    analyst = api.response("GET", "/rest/query", params={"fields": "id,name"})
    owner = api.response("GET", "/rest/query", user="secmanager", params={"fields": "id,name"})
    assert [query["id"] for query in analyst["usable"]] == ["1", "2", "3", "4"]
    assert analyst["manageable"] == [] and owner["manageable"] == owner["usable"]
    # ?fields keeps id in every answer, like the other resources.
    assert set(analyst["usable"][0]) == {"id", "name"}


def test_names_may_repeat(api):
    names = [query["name"] for query in api.response("GET", "/rest/query", params={"fields": "name"})["usable"]]
    assert names.count("Weekly review") == 2


def test_one_query_carries_its_filters(api, sc):
    query = api.response("GET", "/rest/query/2")
    assert query["tool"] == "sumip" and query["canManage"] == "false"
    [repository] = query["filters"]
    assert (repository["filterName"], repository["operator"]) == ("repository", "=")
    assert repository["value"] == [{"id": sc.dataset.repositories[0]["id"]}]


@pytest.mark.parametrize("user, path, status, error_code", [
    ("vulnanalyst", "/rest/query/999", 403, 147),
    ("admin", "/rest/query", 403, 15),
    ("admin", "/rest/query/1", 403, 15),
])
def test_refusals(api, user, path, status, error_code):
    answer = api.call("GET", path, user=user)
    assert (answer.status_code, answer.json()["error_code"]) == (status, error_code)

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The envelope, status codes and API key authentication, as real SC servers answered them."""

import pytest

ENVELOPE_KEYS = ["type", "response", "error_code", "error_msg", "warnings", "timestamp"]


def test_system_answers_without_keys_but_hides_the_version_from_5_20(api, sc):
    answer = api.get("/rest/system", user=None)
    assert answer.status_code == 200
    assert list(answer.json()) == ENVELOPE_KEYS
    system = answer.json()["response"]
    # reported: pyTenable #512, #514 (SC 5.20 and later send no version without keys).
    assert "version" not in system and sc.version == "6.4.0"
    for key in ("buildID", "releaseID", "uuid", "banner", "serverAuth", "sessionTimeout", "licenseStatus", "ACAS",
                "freshInstall", "telemetryEnabled", "timezones", "reportTypes"):
        assert key in system
    # recorded: the SecurityCenter header of 5.8 (sc_login.yaml) is gone in 5.20 (sc_login_5_20_0.yaml).
    assert "SecurityCenter" not in answer.headers
    assert sc.requests[-1].user is None


def test_system_shows_the_version_to_keys_unless_hidden(api, sc):
    assert api.response("GET", "/rest/system")["version"] == "6.4.0"
    sc.hide_version = True
    assert "version" not in api.response("GET", "/rest/system")


def test_servers_before_5_20_show_the_version_to_anyone(api, sc):
    sc.version = "5.19.1"
    answer = api.get("/rest/system", user=None)
    assert answer.json()["response"]["version"] == "5.19.1"
    assert answer.headers["SecurityCenter"] == "5.19.1"


@pytest.mark.parametrize("path", ["/rest/currentUser", "/rest/system"])
def test_unknown_keys_get_the_blank_403_of_sc_5_20(api, path):
    answer = api.get(path, keys="accesskey=%s; secretkey=%s;" % ("0" * 32, "1" * 32))
    assert answer.status_code == 403
    assert answer.headers["Content-Type"].startswith("text/html")
    body = answer.json()
    assert list(body) == ENVELOPE_KEYS
    assert (body["response"], body["error_code"], body["error_msg"], body["warnings"]) == ("", 0, "", [])
    assert isinstance(body["timestamp"], int)


def test_right_access_key_with_wrong_secret_is_refused(api, sc):
    keys = "accesskey=%s; secretkey=%s;" % (sc.users["vulnanalyst"].access_key, "f" * 32)
    assert api.get("/rest/currentUser", keys=keys).status_code == 403


@pytest.mark.parametrize("template", [
    "accesskey={a}; secretkey={s};",
    "accessKey={a}; secretKey={s}",          # what pyTenable sends
    "ACCESSKEY={a};SECRETKEY={s}",
    "accesskey = {a} ;   secretkey = {s} ; ",
    "secretkey={s}; accesskey={a};",
])
def test_key_header_is_read_leniently(api, sc, template):
    user = sc.users["vulnanalyst"]
    answer = api.get("/rest/currentUser", keys=template.format(a=user.access_key, s=user.secret_key))
    assert answer.status_code == 200 and answer.json()["response"]["username"] == "vulnanalyst"


def test_header_name_is_case_insensitive(api, sc):
    answer = api.get("/rest/currentUser", user=None, headers={"X-APIKey": sc.key_string("secanalyst")})
    assert answer.json()["response"]["username"] == "secanalyst"
    assert sc.requests[-1].user == "secanalyst"


def test_no_keys_on_an_authenticated_resource(api):
    answer = api.get("/rest/currentUser", user=None)
    assert (answer.status_code, answer.json()["error_code"]) == (403, 12)


def test_disabled_api_keys_answer_400(api, sc):
    sc.api_keys_enabled = False
    answer = api.get("/rest/currentUser")
    assert answer.status_code == 400 and answer.json()["error_code"] == 0
    assert api.get("/rest/system", user=None).status_code == 200


def test_sc_before_5_13_knows_no_api_keys(api, sc):
    sc.version = "5.12.0"
    answer = api.get("/rest/currentUser")
    assert answer.status_code == 403 and answer.json()["error_code"] == 12
    assert api.response("GET", "/rest/system", user=None)["version"] == "5.12.0"


def test_locked_account_is_refused_naming_the_lock(api):
    answer = api.get("/rest/currentUser", user="locked")
    assert answer.status_code == 403
    assert "locked" in answer.json()["error_msg"]


def test_reset_restores_version_and_key_switch(api, sc):
    sc.version, sc.api_keys_enabled = "5.12.0", False
    sc.reset()
    assert (sc.version, sc.api_keys_enabled) == ("6.4.0", True)
    assert api.get("/rest/currentUser").status_code == 200


@pytest.mark.parametrize("user, role_id, role, organization", [
    ("admin", "1", "Administrator", 0), ("secmanager", "2", "Security Manager", "1"),
    ("secanalyst", "3", "Security Analyst", "1"), ("vulnanalyst", "4", "Vulnerability Analyst", "1"),
    ("norepo", "4", "Vulnerability Analyst", "1"),
])
def test_current_user_fields(api, user, role_id, role, organization):
    fields = "id,username,firstname,lastname,role,organization,group,authType,responsibleAsset"
    document = api.response("GET", "/rest/currentUser?fields=" + fields, user=user)
    assert list(document) == fields.split(",")
    assert document["username"] == user
    assert (document["role"]["id"], document["role"]["name"]) == (role_id, role)
    assert document["organization"]["id"] == organization
    assert document["group"] == {"id": "0", "name": "Full Access", "description": "Full Access group"}
    assert document["authType"] == "tns"
    assert document["responsibleAsset"]["id"] == -1


def test_current_user_without_fields_is_the_full_record(api):
    document = api.response("GET", "/rest/currentUser")
    assert {"status", "email", "locked", "createdTime", "lastLogin", "preferences"} <= set(document)
    assert document["locked"] == "false" and isinstance(document["createdTime"], str)


def test_current_organization(api):
    organization = api.response("GET", "/rest/currentOrganization?fields=id,name,vulnScoreCritical")
    assert organization == {"id": "1", "name": "Acme Security Operations", "vulnScoreCritical": "40"}


def test_status(api, sc_dataset):
    status = api.response("GET", "/rest/status")
    assert status["jobd"] == "Running"
    assert status["activeIPs"] == str(len({host["ip"] for host in sc_dataset.hosts}))
    assert set(status["pluginUpdates"]) == {"active", "passive", "lce"}


def test_repositories_are_the_assigned_ones(api, sc, sc_dataset):
    listed = api.response("GET", "/rest/repository?fields=id,name,description,type,dataFormat")
    assigned = [r for r in sc_dataset.repositories if r["id"] in sc.users["vulnanalyst"].repository_ids]
    assert listed == [{key: r[key] for key in ("id", "name", "description", "type", "dataFormat")}
                      for r in assigned]
    assert len(listed) == len(sc_dataset.repositories) - 1
    assert api.response("GET", "/rest/repository", user="secmanager")[-1]["id"] == sc_dataset.repositories[-1]["id"]
    assert api.response("GET", "/rest/repository", user="norepo") == []


def test_repository_details_and_the_hidden_one(api, sc_dataset):
    first, hidden = sc_dataset.repositories[0], sc_dataset.repositories[-1]
    details = api.response("GET", "/rest/repository/%s" % first["id"])
    assert details["name"] == first["name"] and details["typeFields"]["ipCount"] == str(
        sum(1 for host in sc_dataset.hosts if host["repository_id"] == first["id"]))
    answer = api.get("/rest/repository/%s" % hidden["id"])
    assert (answer.status_code, answer.json()["error_code"]) == (403, 147)


def test_unknown_filter_names_the_valid_ones(api):
    answer = api.call("POST", "/rest/analysis", json={"type": "vuln", "sourceType": "cumulative", "query": {
        "tool": "vulndetails", "type": "vuln", "filters": [{"filterName": "bogus", "operator": "=", "value": "1"}],
        "startOffset": 0, "endOffset": 5}})
    assert answer.status_code == 403
    body = answer.json()
    assert body["error_code"] == 146
    assert body["error_msg"].startswith("The filter 'bogus' is invalid (valid filters: acceptedRisk, acceptRiskStatus")
    assert "repositoryIDs, responsibleUserIDs, severity" in body["error_msg"]


def test_was_vuln_filter_needs_sc_6_2(api, sc):
    was = [{"filterName": "wasVuln", "operator": "=", "value": "excludeWas"}]
    assert api.analysis("sumseverity", was)["results"]
    sc.version = "6.1.0"
    refused = api.call("POST", "/rest/analysis", json={"type": "vuln", "query": {
        "tool": "sumseverity", "type": "vuln", "filters": was, "startOffset": 0, "endOffset": 5}})
    assert refused.json()["error_code"] == 146 and "The filter 'wasVuln' is invalid" in refused.json()["error_msg"]


def test_administrator_cannot_read_organization_data(api):
    query = {"tool": "sumip", "type": "vuln", "filters": [], "startOffset": 0, "endOffset": 5}
    analysis = api.call("POST", "/rest/analysis", user="admin", json={"type": "vuln", "query": query})
    for answer in (analysis, api.get("/rest/asset/1", user="admin")):
        assert answer.status_code == 403 and answer.json()["error_code"] == 15


def test_not_found_is_403_147(api):
    answer = api.get("/rest/asset/987654")
    assert answer.status_code == 403
    assert answer.json()["error_code"] == 147
    assert answer.json()["error_msg"] == "Asset #987654 does not exist.\n"


def test_requests_are_recorded_in_order(api, sc):
    api.get("/rest/system", user=None)
    api.get("/rest/currentUser?fields=id", user="secanalyst", headers={"User-Agent": "probe/1"})
    first, second = sc.requests
    assert (first.method, first.path, first.status, first.user) == ("GET", "/rest/system", 200, None)
    assert (second.path, second.query, second.user, second.user_agent) == (
        "/rest/currentUser", "fields=id", "secanalyst", "probe/1")
    assert sc.count() == 2 and sc.count("get", "/rest/system") == 1 and sc.count(path="/rest/asset") == 0


def test_a_connection_serves_at_most_100_requests(api):
    # recorded: sc_login_5_20_0.yaml, Apache's Keep-Alive: timeout=15, max=100.
    answers = [api.get("/rest/status") for _request in range(101)]
    assert [answer.headers.get("Connection") for answer in answers[98:]] == [None, "close", None]
    assert all(answer.status_code == 200 for answer in answers)

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every fault kind seen through plain requests, injected latency, and the HTTP control API."""

import threading
import time

import pytest
import requests

SUMIP = {"type": "vuln", "sourceType": "cumulative",
         "query": {"tool": "sumip", "type": "vuln", "filters": [], "startOffset": 0, "endOffset": 20}}


def analysis(api, body=None, **kwargs):
    return api.call("POST", "/rest/analysis", json=body or SUMIP, **kwargs)


def test_status_with_retry_after_fires_once(api, sc):
    sc.add_fault("status", method="GET", path="/rest/currentUser", status=429, retry_after=2)
    refused = api.get("/rest/currentUser")
    assert refused.status_code == 429 and refused.headers["Retry-After"] == "2"
    assert list(refused.json()) == ["type", "response", "error_code", "error_msg", "warnings", "timestamp"]
    assert api.get("/rest/currentUser").status_code == 200
    assert [r.status for r in sc.requests] == [429, 200]


def test_after_lets_requests_through_first(api, sc):
    sc.add_fault("status", path="/rest/analysis", after=2, times=2, status=503)
    assert [analysis(api).status_code for attempt in range(5)] == [200, 200, 503, 503, 200]


def test_method_and_path_must_match(api, sc):
    sc.add_fault("status", method="POST", path="/rest/asset", status=503)
    assert api.get("/rest/asset").status_code == 200
    assert api.get("/rest/currentUser").status_code == 200
    assert api.call("POST", "/rest/asset", user="secmanager", json={
        "name": "x", "type": "static", "definedIPs": "10.0.0.1"}).status_code == 503


def test_html502_is_a_proxy_page(api, sc):
    sc.add_fault("html502", method="GET", path="/rest/system")
    answer = api.get("/rest/system", user=None)
    assert answer.status_code == 502 and answer.headers["Content-Type"].startswith("text/html")
    assert "502 Bad Gateway" in answer.text
    with pytest.raises(ValueError):
        answer.json()


def test_reset_before_processes_nothing(api, sc):
    sc.add_fault("reset_before", method="POST", path="/rest/asset")
    with pytest.raises(requests.exceptions.ConnectionError):
        api.call("POST", "/rest/asset", user="secmanager",
                 json={"name": "Lost", "type": "static", "definedIPs": "10.0.0.1"})
    assert "Lost" not in [a["name"] for a in api.response("GET", "/rest/asset")["usable"]]
    assert sc.requests[0].path == "/rest/asset" and sc.requests[0].status is None
    # The record says which fault took the request, and keeps what the client sent.
    assert sc.requests[0].fault == "reset_before" and sc.requests[0].json_body["name"] == "Lost"
    assert sc.requests[1].fault is None


def test_reset_after_processes_then_drops(api, sc):
    sc.add_fault("reset_after", method="POST", path="/rest/asset")
    with pytest.raises(requests.exceptions.ConnectionError):
        api.call("POST", "/rest/asset", user="secmanager",
                 json={"name": "Applied", "type": "static", "definedIPs": "10.0.0.1"})
    assert "Applied" in [a["name"] for a in api.response("GET", "/rest/asset")["usable"]]
    assert sc.requests[0].json_body["name"] == "Applied" and sc.requests[0].status is None


def test_truncated_body(api, sc):
    sc.add_fault("truncated", path="/rest/analysis")
    with pytest.raises(requests.exceptions.RequestException):
        analysis(api).json()
    assert analysis(api).json()["response"]["returnedRecords"] == 20


def test_slow(api, sc):
    sc.add_fault("slow", method="GET", path="/rest/currentUser", delay=0.5)
    started = time.monotonic()
    assert api.get("/rest/currentUser").status_code == 200
    assert time.monotonic() - started >= 0.5
    with pytest.raises(requests.exceptions.Timeout):
        sc.add_fault("slow", method="GET", path="/rest/currentUser", delay=1.5)
        api.session.get(sc.url + "/rest/currentUser", verify=sc.ca_path, timeout=0.5,
                        headers={"x-apikey": sc.key_string("vulnanalyst")})


def test_db_locked(api, sc):
    sc.add_fault("db_locked", method="GET", path="/rest/currentUser", times=2)
    first, second, third = (api.get("/rest/currentUser") for attempt in range(3))
    assert first.json()["error_msg"].strip() == "database is locked" and first.json()["error_code"] != 0
    assert second.status_code == first.status_code and third.status_code == 200


@pytest.mark.parametrize("params, expected", [({"delta": 7}, lambda true: str(true + 7)),
                                              ({"delta": -5}, lambda true: str(true - 5)),
                                              ({"missing": True}, lambda true: None)])
def test_total_records_drift(api, sc, params, expected):
    true_total = int(analysis(api).json()["response"]["totalRecords"])
    sc.reset()
    sc.add_fault("total_records_drift", path="/rest/analysis", after=1, times=5, **params)
    first, later = analysis(api).json()["response"], analysis(api).json()["response"]
    assert first["totalRecords"] == str(true_total)
    assert later.get("totalRecords") == expected(true_total)
    assert later["returnedRecords"] == 20


def test_no_counts(api, sc):
    # reported: pyTenable #736, an SC 6.2 page with neither totalRecords nor returnedRecords.
    sc.add_fault("no_counts", path="/rest/analysis")
    page = analysis(api).json()["response"]
    assert "totalRecords" not in page and "returnedRecords" not in page and len(page["results"]) == 20


def page(api, start, end):
    body = {"type": "vuln", "sourceType": "cumulative",
            "query": {"tool": "sumip", "type": "vuln", "filters": [], "startOffset": start, "endOffset": end}}
    return analysis(api, body).json()["response"]


@pytest.mark.parametrize("repeated", [True, False])
def test_extra_row(api, sc, repeated):
    # reported: pyTenable #823, SC 6.3 answered 10001 rows for 10000 asked, returnedRecords 10000.0526.
    everything = page(api, 0, 100)["results"]
    sc.reset()
    sc.add_fault("extra_row", path="/rest/analysis", repeated=repeated)
    first, second = page(api, 0, 10), page(api, 10, 20)
    assert first["results"] == everything[:11]
    assert first["returnedRecords"] == 10.0526 and (first["startOffset"], first["endOffset"]) == ("0", "10")
    # Repeated: the next page starts with the extra row again. Not repeated: it starts after it.
    assert second["results"] == (everything[10:20] if repeated else everything[11:21])
    sc.reset()
    assert page(api, 10, 20)["results"] == everything[10:20], "reset forgets the shift"


def test_analysis_error_on_a_later_page(api, sc):
    sc.add_fault("analysis_error", path="/rest/analysis", after=2)
    statuses = [analysis(api) for attempt in range(4)]
    assert [a.status_code for a in statuses] == [200, 200, 403, 200]
    assert statuses[2].json()["error_code"] == 146


def test_faulted_requests_are_recorded(api, sc):
    sc.add_fault("html502", method="GET", path="/rest/system", times=3)
    for attempt in range(4):
        api.get("/rest/system", user=None)
    assert sc.count("GET", "/rest/system") == 4
    assert [r.status for r in sc.requests] == [502, 502, 502, 200]


def test_latency_does_not_serialise_concurrent_requests(sc):
    sc.latency(per_request=0.3)
    durations = []

    def call():
        with requests.Session() as session:
            started = time.monotonic()
            session.post(sc.url + "/rest/analysis", json=SUMIP, verify=sc.ca_path,
                         headers={"x-apikey": sc.key_string("vulnanalyst")}).raise_for_status()
            durations.append(time.monotonic() - started)

    threads = [threading.Thread(target=call) for thread in range(4)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    assert len(durations) == 4 and min(durations) >= 0.3
    assert elapsed < 0.9, "four requests at 0.3 s each must overlap"
    assert sc.max_concurrency >= 3


def test_latency_per_row_and_paths(api, sc):
    sc.latency(per_row=0.02)
    started = time.monotonic()
    analysis(api)
    assert time.monotonic() - started >= 20 * 0.02
    started = time.monotonic()
    api.get("/rest/currentUser")
    assert time.monotonic() - started < 0.2, "only /rest/analysis is slowed by default"


def test_control_api(sc):
    session = requests.Session()

    def control(method, name, body=None):
        answer = session.request(method, sc.url + "/_sim/" + name, json=body, verify=sc.ca_path)
        assert answer.status_code == 200, answer.text
        return answer.json()

    control("POST", "faults", [{"kind": "status", "method": "GET", "path": "/rest/system", "status": 503}])
    assert session.get(sc.url + "/rest/system", verify=sc.ca_path).status_code == 503
    control("POST", "latency", {"per_request": 0.2, "paths": ["/rest/system"]})
    started = time.monotonic()
    session.get(sc.url + "/rest/system", verify=sc.ca_path)
    assert time.monotonic() - started >= 0.2
    state = control("GET", "state")
    assert state["counts"] == {"GET /rest/system": 2} and state["max_concurrency"] >= 1
    assert session.post(sc.url + "/_sim/faults", json=[{"kind": "nonsense"}], verify=sc.ca_path).status_code == 400
    control("POST", "faults", [{"kind": "status", "method": "GET", "path": "/rest/system", "status": 503}])
    control("DELETE", "faults")
    assert session.get(sc.url + "/rest/system", verify=sc.ca_path).status_code == 200
    assert control("GET", "state")["in_flight"] == 0
    control("POST", "reset")
    assert sc.count() == 0 and control("GET", "state")["counts"] == {}
    session.close()

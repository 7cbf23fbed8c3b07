# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The analysis paginator and name resolution against the simulator."""

import math
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from ansible_collections.secops.tenablesc.plugins.module_utils import errors
from ansible_collections.secops.tenablesc.plugins.module_utils.analysis import AnalysisPages, AnalysisQuery
from ansible_collections.secops.tenablesc.plugins.module_utils.filters import translate_filters
from ansible_collections.secops.tenablesc.plugins.module_utils.lookups import NameResolver

SUMIP = AnalysisQuery(tool="sumip")


def walk(client, query=SUMIP, **options):
    """Every row of the query, and the paginator that fetched them."""
    pages = AnalysisPages(client, query, **options)
    return list(pages), pages


def key(row):
    return (row["repository"]["id"], row["ip"])


@pytest.fixture
def every_sumip_row(client, sc):
    """All sumip rows in one page: the reference order the paged walks must reproduce."""
    rows = walk(client, page_size=10000)[0]
    sc.reset()
    return rows


def test_one_page_holds_every_host_of_the_dataset(every_sumip_row, sc_dataset, sc):
    visible = set(r["id"] for r in sc_dataset.repositories if r["id"] in sc.users["vulnanalyst"].repository_ids)
    expected = {(str(h["repository_id"]), h["ip"]) for h in sc_dataset.hosts if str(h["repository_id"]) in visible}
    assert {key(row) for row in every_sumip_row} == expected
    assert len(every_sumip_row) == len(expected)


@pytest.mark.parametrize("page_size", [1, 7, 50])
def test_pages_yield_every_row_once_in_order(client, sc, every_sumip_row, page_size):
    rows, pages = walk(client, page_size=page_size)
    assert rows == every_sumip_row
    assert pages.total_records == len(every_sumip_row)
    # The walk ends on the short page; an exact multiple costs one empty page more.
    assert sc.count("POST", "/rest/analysis") == len(rows) // page_size + 1


@pytest.mark.parametrize("concurrency", [2, 4])
def test_concurrent_pages_keep_order(client, sc, every_sumip_row, concurrency):
    sc.latency(per_request=0.05)
    rows, pages = walk(client, page_size=10, concurrency=concurrency)
    assert rows == every_sumip_row
    assert sc.max_concurrency > 1
    assert pages.rows_returned == len(rows)


def test_walks_sharing_request_slots_keep_to_them_together(client, sc, every_sumip_row):
    sc.latency(per_request=0.05)
    shared = threading.BoundedSemaphore(2)
    walks = [AnalysisPages(client, SUMIP, page_size=10, concurrency=4, request_slots=shared) for _walk in range(2)]
    with ThreadPoolExecutor(max_workers=2) as pool:
        assert list(pool.map(list, walks)) == [every_sumip_row, every_sumip_row]
    assert sc.max_concurrency == 2


@pytest.mark.parametrize("limit, page_size, requests", [(20, 7, 3), (14, 7, 2), (5, 100, 1)])
def test_limit_stops_fetching_early(client, sc, every_sumip_row, limit, page_size, requests):
    rows = walk(client, page_size=page_size, limit=limit, concurrency=3)[0]
    assert rows == every_sumip_row[:limit]
    assert sc.count("POST", "/rest/analysis") == requests


def test_limit_zero_asks_nothing(client, sc):
    assert walk(client, limit=0)[0] == []
    assert sc.count("POST", "/rest/analysis") == 0


@pytest.mark.parametrize("drift", [dict(missing=True), dict(delta=-40), dict(delta=+40)])
@pytest.mark.parametrize("concurrency", [1, 4])
def test_wrong_or_missing_total_records_still_gives_every_row_once(client, sc, every_sumip_row, drift, concurrency):
    sc.add_fault("total_records_drift", path="/rest/analysis", times=1000, **drift)
    rows = walk(client, page_size=25, concurrency=concurrency)[0]
    assert rows == every_sumip_row


def test_total_records_changing_between_pages(client, sc, every_sumip_row):
    sc.add_fault("total_records_drift", path="/rest/analysis", after=1, times=1000, delta=-30)
    rows = walk(client, page_size=25, concurrency=4)[0]
    assert rows == every_sumip_row


@pytest.mark.parametrize("concurrency", [1, 4])
def test_a_failing_later_page_fails_the_walk(client, sc, concurrency):
    sc.add_fault("analysis_error", path="/rest/analysis", after=2)
    with pytest.raises(errors.APIError) as caught:
        walk(client, page_size=10, concurrency=concurrency)
    # SC took the filters for the first page: the error must not blame them.
    assert not isinstance(caught.value, errors.InvalidFilterError)
    assert "later page of the sumip query" in str(caught.value) and caught.value.error_code == 146


def test_a_refused_first_page_blames_the_filters(client, sc):
    sc.add_fault("analysis_error", path="/rest/analysis")
    with pytest.raises(errors.InvalidFilterError):
        walk(client, page_size=10)


def test_a_transient_fault_mid_walk_is_retried(client, sc, every_sumip_row):
    sc.add_fault("status", path="/rest/analysis", after=2, status=503)
    sc.add_fault("truncated", path="/rest/analysis", after=4)
    rows = walk(client, page_size=10, concurrency=3)[0]
    assert rows == every_sumip_row


def test_body_is_the_shape_sc_accepts(client, sc):
    query = AnalysisQuery(tool="vulndetails", filters=[{"filterName": "severity", "operator": "=", "value": "4"}],
                          sort_field="severity", sort_dir="desc")
    walk(client, query, page_size=5, limit=5)
    body = sc.requests[-1].json_body
    assert body["type"] == "vuln" and body["sourceType"] == "cumulative"
    assert body["query"]["tool"] == "vulndetails" and body["query"]["filters"][0]["value"] == "4"
    assert (body["query"]["startOffset"], body["query"]["endOffset"]) == (0, 5)
    assert (body["sortField"], body["sortDir"]) == ("severity", "DESC")


@pytest.mark.parametrize("options, complaint", [
    (dict(page_size=0), "page_size"), (dict(page_size=10001), "page_size"),
    (dict(concurrency=0), "concurrency"), (dict(limit=-1), "limit"),
])
def test_paging_option_validation(client, options, complaint):
    with pytest.raises(errors.ConfigurationError) as caught:
        AnalysisPages(client, SUMIP, **options)
    assert complaint in str(caught.value)


def test_friendly_filters_with_names_resolved(client, sc, sc_dataset):
    repository = next(r for r in sc_dataset.repositories if r["id"] in sc.users["vulnanalyst"].repository_ids)
    filters = translate_filters({"severity": ["critical"], "repository": [repository["name"]]}, NameResolver(client))
    assert filters[1] == {"filterName": "repository", "operator": "=", "value": [{"id": str(repository["id"])}]}
    rows = walk(client, AnalysisQuery(tool="vulndetails", filters=filters), page_size=100)[0]
    assert rows, "the dataset has critical findings in every repository"
    assert {row["severity"]["id"] for row in rows} == {"4"}
    assert {row["repository"]["name"] for row in rows} == {repository["name"]}


def test_unknown_repository_name_lists_the_visible_ones(client):
    with pytest.raises(errors.ConfigurationError) as caught:
        translate_filters({"repository": ["Nowhere"]}, NameResolver(client))
    assert "Nowhere" in str(caught.value) and "visible" in str(caught.value)


def test_duplicate_asset_list_names_are_refused_with_their_ids(make_client):
    manager = make_client(user="secmanager")
    ids = [manager.post("/asset", {"name": "Twins", "type": "static", "definedIPs": "10.1.1.%d" % n})["id"]
           for n in (1, 2)]
    with pytest.raises(errors.ConfigurationError) as caught:
        translate_filters({"asset": "Twins"}, NameResolver(manager))
    assert all(str(asset_id) in str(caught.value) for asset_id in ids)
    by_id = translate_filters({"asset": ids[0]}, NameResolver(manager))
    assert by_id[0]["value"] == {"id": str(ids[0])}


def test_page_math_matches_request_count(client, sc, every_sumip_row):
    walk(client, page_size=33, concurrency=2)
    assert sc.count("POST", "/rest/analysis") == math.ceil((len(every_sumip_row) + 1) / 33)


@pytest.mark.parametrize("repeated, concurrency", [(True, 1), (False, 1), (True, 3)],
                         ids=["next page repeats it", "next page starts after it", "repeated, 3 in flight"])
@pytest.mark.parametrize("pages_with_an_extra_row", [1, 1000])
def test_a_page_with_a_row_more_than_asked_neither_loses_nor_doubles_a_row(
        client, sc, every_sumip_row, repeated, concurrency, pages_with_an_extra_row):
    # reported: pyTenable #823 (10001 rows for 10000 asked, returnedRecords 10000.0526); whether SC repeats the
    # extra row on the next page is not known, so both readings must work. A next page that starts after the
    # extra row is data moving under the walk: only pages asked one after another can follow it, as by default.
    sc.add_fault("extra_row", path="/rest/analysis", after=1, times=pages_with_an_extra_row, repeated=repeated)
    rows, pages = walk(client, page_size=10, concurrency=concurrency)
    assert rows == every_sumip_row
    assert pages.rows_returned == len(every_sumip_row)


def test_no_counts_at_all(client, sc, every_sumip_row):
    # reported: pyTenable #736, SC 6.2 answered pages without totalRecords or returnedRecords.
    sc.add_fault("no_counts", path="/rest/analysis", times=1000)
    rows, pages = walk(client, page_size=10)
    assert rows == every_sumip_row and pages.total_records is None


def test_the_next_page_is_on_its_way_while_this_one_is_handled(client, sc, every_sumip_row):
    sc.latency(per_request=0.02)
    pages = AnalysisPages(client, SUMIP, page_size=40)
    for number, _rows in enumerate(pages.pages(), 1):
        if len(every_sumip_row) > number * 40:
            # Still holding page `number`: its successor was requested without waiting for the caller.
            deadline = time.monotonic() + 10
            while sc.count("POST", "/rest/analysis") <= number and time.monotonic() < deadline:
                time.sleep(0.005)
            assert sc.count("POST", "/rest/analysis") == number + 1
    assert sc.max_concurrency == 1


def test_web_application_findings_are_left_out_by_default(client, sc):
    walk(client, limit=5)
    assert sc.requests[-1].json_body["query"]["filters"] == [
        {"filterName": "wasVuln", "operator": "=", "value": "excludeWas"}]
    walk(client, AnalysisQuery(tool="sumip", was_findings="only"), limit=5)
    assert sc.requests[-1].json_body["query"]["filters"][-1]["value"] == "onlyWas"
    raw = {"filterName": "wasVuln", "operator": "=", "value": "includeWas"}
    assert AnalysisQuery(filters=[raw]).body(0, 1)["query"]["filters"] == [raw]
    assert AnalysisQuery(source_type="individual", scan_id=1, view="all").body(0, 1)["query"]["filters"] == []


def test_a_server_that_refuses_wasvuln_is_noticed_once(client, sc, every_sumip_row):
    sc.version = "6.1.0"  # reported: SC before 6.2 refuses wasVuln
    assert walk(client, page_size=50)[0] == walk(client, page_size=50)[0] == every_sumip_row
    refused = [r for r in sc.requests if r.status == 403]
    assert len(refused) == 1
    assert all("wasVuln" not in str(r.json_body) for r in sc.requests if r.status == 200)
    with pytest.raises(errors.UnsupportedVersionError) as caught:
        walk(client, AnalysisQuery(tool="sumip", was_findings="only"), limit=5)
    assert "was_findings" in str(caught.value)


def test_an_operator_sc_does_not_know_is_named_with_its_filter(client, sc):
    query = AnalysisQuery(filters=[{"filterName": "pluginName", "operator": "contains", "value": "SSL"}])
    with pytest.raises(errors.InvalidFilterError) as caught:
        walk(client, query, limit=5)
    assert "operator contains of filter pluginName" in str(caught.value)
    assert caught.value.error_code == 143


@pytest.mark.parametrize("filters, error, words", [
    ([{"filterName": "bogus", "operator": "=", "value": "1"}], errors.InvalidFilterError, "filter bogus"),
    ([{"filterName": "lastSeen", "operator": "=", "value": "yesterday"}], errors.InvalidFilterValueError,
     "value of the filter lastSeen"),
    ([{"filterName": "repository", "operator": "=", "value": [{"name": "DMZ"}]}], errors.InvalidFilterValueError,
     "value of the filter repository"),
])
def test_error_146_gets_the_fix_its_message_calls_for(client, filters, error, words):
    with pytest.raises(error) as caught:
        walk(client, AnalysisQuery(filters=filters), limit=5)
    assert caught.value.kind == error.kind and words in str(caught.value)
    assert caught.value.hint == error.hint


def test_a_scan_result_of_a_repository_the_account_may_not_read(client, sc_dataset, sc):
    hidden = next(s for s in sc_dataset.scan_results if s["repository_id"] not in sc.users["vulnanalyst"].repository_ids)
    with pytest.raises(errors.PermissionDeniedError) as caught:
        walk(client, AnalysisQuery(source_type="individual", scan_id=hidden["id"], view="all"), limit=5)
    assert "does not have access" in str(caught.value) and "Assign the service account to the repository" in str(
        caught.value)


def test_scan_results_on_6x_are_scan_results(client, sc, sc_dataset, every_sumip_row):
    # reported: pyTenable #673, without scanID inside query SC 6.x answers cumulative data.
    scan = next(s for s in sc_dataset.scan_results if s["repository_id"] in sc.users["vulnanalyst"].repository_ids)
    rows = walk(client, AnalysisQuery(tool="sumip", source_type="individual", scan_id=scan["id"], view="all"))[0]
    assert rows and rows != every_sumip_row
    assert {row["repository"]["id"] for row in rows} == {scan["repository_id"]}

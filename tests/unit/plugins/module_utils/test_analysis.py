# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The analysis paginator and name resolution against the simulator."""

import math
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from ansible_collections.secops.tenablesc.plugins.module_utils import errors
from ansible_collections.secops.tenablesc.plugins.module_utils.analysis import AnalysisPages, AnalysisQuery
from ansible_collections.secops.tenablesc.plugins.module_utils.filters import NameResolver, translate_filters

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


def test_individual_scan_sends_scan_id_and_view():
    body = AnalysisQuery(source_type="individual", scan_id=12, view="new").body(0, 10)
    assert body["scanID"] == body["query"]["scanID"] == "12"
    assert body["view"] == body["query"]["view"] == "new"


@pytest.mark.parametrize("options, complaint", [
    (dict(tool="sumfoo"), "not one of SC's vulnerability tools"),
    (dict(source_type="live"), "source_type"),
    (dict(source_type="individual"), "needs scan_id"),
    (dict(scan_id=3), "only to source_type individual"),
    (dict(source_type="individual", scan_id=3, view="old"), "view"),
    (dict(sort_field="ip", sort_dir="up"), "sort_dir"),
    (dict(sort_dir="ASC"), "needs sort_field"),
])
def test_query_validation(options, complaint):
    with pytest.raises(errors.ConfigurationError) as caught:
        AnalysisQuery(**options)
    assert complaint in str(caught.value)


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


class _GenerousSC:
    """A client whose SC answers every page with more rows than asked for."""

    def __init__(self, total):
        self.total = total

    def post(self, path, body, safe=False):
        start = body["query"]["startOffset"]
        rows = [{"n": n} for n in range(start, min(start + body["query"]["endOffset"] - start + 5, self.total))]
        return {"totalRecords": str(self.total), "results": rows}


@pytest.mark.parametrize("concurrency", [1, 3])
def test_pages_longer_than_asked_for_never_repeat_rows(concurrency):
    rows = list(AnalysisPages(_GenerousSC(100), SUMIP, page_size=10, concurrency=concurrency))
    assert [row["n"] for row in rows] == list(range(100))
    assert [row["n"] for row in AnalysisPages(_GenerousSC(100), SUMIP, page_size=10, limit=3)] == [0, 1, 2]

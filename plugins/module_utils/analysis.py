# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Paging through SC's analysis API (POST /rest/analysis), once for every caller."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from collections import deque
from concurrent.futures import ThreadPoolExecutor
from threading import BoundedSemaphore

from ansible_collections.secops.tenablesc.plugins.module_utils.connection import table_argument_spec
from ansible_collections.secops.tenablesc.plugins.module_utils.errors import (
    APIError,
    ConfigurationError,
    InvalidFilterError,
    UnsupportedVersionError,
    HINT_LATER_PAGE,
)

SOURCE_TYPES = ("cumulative", "patched", "individual")
VIEWS = ("all", "new", "patched")
SORT_DIRECTIONS = ("ASC", "DESC")
# iplist is left out: SC answers it unpaged, with results null and the addresses as numbered keys.
VULN_TOOLS = (
    "cceipdetail", "cveipdetail", "iavmipdetail", "listmailclients", "listos", "listservices",
    "listsoftware", "listsshservers", "listvuln", "listwebclients", "listwebservers", "sumasset", "sumcce",
    "sumclassa", "sumclassb", "sumclassc", "sumcve", "sumdnsname", "sumfamily", "sumiavm", "sumid", "sumip",
    "summsbulletin", "sumport", "sumprotocol", "sumremediation", "sumseverity", "sumuserresponsibility",
    "trend", "vulndetails", "vulnipdetail", "vulnipsummary",
)
DEFAULT_PAGE_SIZE = 1000
MAX_PAGE_SIZE = 10000
# SC's wasVuln filter: SC 6.3 and later mix web application (WAS) findings into cumulative analysis unless told
# otherwise, and SC before 6.2 refuses the filter. Like pyTenable, queries exclude them unless asked.
WAS_FILTER = "wasVuln"
WAS_FINDINGS = {"exclude": "excludeWas", "include": "includeWas", "only": "onlyWas"}

# Options that tenablesc_vulns_info, tenablesc_findings_sync and the inventory share, in the form of the argument spec; the
# analysis doc fragment describes them (tools/generated_code.py renders it from this table).
ANALYSIS_OPTIONS = {
    "was_findings": dict(
        type="str", default="exclude", choices=list(WAS_FINDINGS),
        description=[
            "Web application (Tenable Web App Scanning) findings in cumulative and mitigated data.",
            "V(exclude) keeps host findings only, so host and severity counts mean host findings, as pyTenable"
            " does; V(include) mixes both, as SC 6.3 and later do unless told otherwise; V(only) keeps"
            " web application findings only.",
            "SC before 6.2 refuses SC's C(wasVuln) filter and keeps no web application findings apart: there"
            " V(exclude) and V(include) ask without it (the first refusal is noticed once), and V(only) fails.",
            "Scan results (C(source_type=individual) of M(secops.tenablesc.tenablesc_vulns_info)) are read as they"
            " are.",
        ]),
    "concurrency": dict(
        type="int", default=1,
        description=[
            "Analysis requests in flight at once.",
            "Tenable does not recommend multi-threading API calls against SC (large deployment guide,"
            " API usage): the default keeps one request in flight, and fetches the next page while this"
            " one is being processed. Raise it only where the SC administrators agree.",
            "Rows come back in SC's order whatever this is.",
        ]),
}


def analysis_argument_spec():
    return table_argument_spec(ANALYSIS_OPTIONS)


class AnalysisQuery:
    """What to ask the analysis API: tool, source, SC filters, sort order and web application findings."""

    def __init__(self, tool="vulndetails", source_type="cumulative", filters=None, sort_field=None,
                 sort_dir=None, scan_id=None, view=None, was_findings="exclude"):
        if tool not in VULN_TOOLS:
            raise ConfigurationError("tool %r is not one of SC's vulnerability tools: %s." % (tool, ", ".join(VULN_TOOLS)))
        if source_type not in SOURCE_TYPES:
            raise ConfigurationError("source_type must be one of %s." % ", ".join(SOURCE_TYPES))
        if source_type == "individual" and scan_id is None:
            raise ConfigurationError("source_type individual needs scan_id, the id of the scan result to read.")
        if source_type != "individual" and (scan_id is not None or view is not None):
            raise ConfigurationError("scan_id and view apply only to source_type individual.")
        if view is not None and view not in VIEWS:
            raise ConfigurationError("view must be one of %s." % ", ".join(VIEWS))
        if sort_dir is not None and str(sort_dir).upper() not in SORT_DIRECTIONS:
            raise ConfigurationError("sort_dir must be ASC or DESC.")
        if sort_dir is not None and sort_field is None:
            raise ConfigurationError("sort_dir needs sort_field.")
        if was_findings not in WAS_FINDINGS:
            raise ConfigurationError("was_findings must be one of %s." % ", ".join(WAS_FINDINGS))
        self.tool = tool
        self.source_type = source_type
        self.filters = list(filters or [])
        self.sort_field = sort_field
        self.sort_dir = str(sort_dir).upper() if sort_dir else None
        self.scan_id = scan_id
        self.view = view
        self.was_findings = was_findings
        # A raw wasVuln filter says it all; a scan result holds what its scan found.
        given = any(item.get("filterName") == WAS_FILTER for item in self.filters)
        self.was_filter = None if given or source_type == "individual" else {
            "filterName": WAS_FILTER, "operator": "=", "value": WAS_FINDINGS[was_findings]}

    def body(self, start, end, with_was_filter=True):
        """The request body for rows [start, end); the shape pyTenable sends, which every SC accepts."""
        filters = self.filters + ([self.was_filter] if self.was_filter and with_was_filter else [])
        query = {"tool": self.tool, "type": "vuln", "filters": filters, "startOffset": start, "endOffset": end}
        body = {"type": "vuln", "sourceType": self.source_type, "query": query}
        if self.sort_field:
            body["sortField"] = query["sortField"] = self.sort_field
            body["sortDir"] = query["sortDir"] = self.sort_dir or "ASC"
        if self.source_type == "individual":
            # SC reads these at the root for individual results; 6.x also needs scanID in the query, or it
            # answers with cumulative data (pyTenable #673).
            body["scanID"] = query["scanID"] = str(self.scan_id)
            body["view"] = query["view"] = self.view or "all"
        return body


class AnalysisPages:
    """Rows of one analysis query, fetched page by page and yielded in SC's order, each row once.

    SC's counts are not trusted: ``totalRecords`` and ``returnedRecords`` may be missing, floats or wrong,
    and a page may hold a row more than asked, which the next page may or may not repeat. Pages are asked
    for back to back; the walk ends on a page shorter than asked, and leading rows of a page that repeat
    the previous page's extra rows are dropped. While the caller handles one page the next is already on its
    way, with at most ``concurrency`` requests in flight; memory holds that many pages and the one handled.
    Walks that run at the same time may share one ``request_slots`` semaphore,
    so that together they keep no more requests in flight than it allows.
    """

    def __init__(self, client, query, page_size=DEFAULT_PAGE_SIZE, concurrency=1, limit=None, progress=None,
                 request_slots=None):
        if not 1 <= page_size <= MAX_PAGE_SIZE:
            raise ConfigurationError("page_size must be between 1 and %d." % MAX_PAGE_SIZE)
        if concurrency < 1:
            raise ConfigurationError("concurrency must be 1 or more.")
        if limit is not None and limit < 0:
            raise ConfigurationError("limit must be 0 or more.")
        self._client = client
        self._query = query
        self._page_size = page_size
        self._concurrency = concurrency
        self._limit = limit
        self._progress = progress or (lambda pages, rows: None)
        self._request_slots = request_slots if request_slots is not None else BoundedSemaphore(concurrency)
        self.total_records = None
        # Whether a later page counted the rows differently from the first: the data moved under the walk
        # (an import landed), so rows may have shifted between pages and been skipped.
        self.count_moved = False
        self.pages_fetched = 0
        self.rows_returned = 0

    def __iter__(self):
        for rows in self.pages():
            yield from rows

    def pages(self):
        """The rows page by page, each a list, for callers that handle a page at once."""
        end_of_data = self._limit if self._limit is not None else float("inf")
        if end_of_data == 0:
            return
        extra = []
        for offset, page in self._pages_in_order(end_of_data):
            rows = page["results"]
            asked = self._page_end(offset, end_of_data) - offset
            repeated = _repeated(extra, rows)
            extra = rows[asked:]
            rows = rows[repeated:]
            if self._limit is not None:
                rows = rows[:self._limit - self.rows_returned]
            yield self._rows(rows)
            if self.rows_returned >= end_of_data:
                return

    def _pages_in_order(self, end_of_data):
        """Yield (offset, answer) for consecutive pages until one is shorter than asked.

        The next pages are requested before a page is handed out, up to ``concurrency`` of them but not past
        what SC said it holds; past that (a count that was low), one page at a time.
        """
        executor = ThreadPoolExecutor(max_workers=self._concurrency)
        queued = deque()
        next_offset = 0

        def request_next():
            nonlocal next_offset
            queued.append((next_offset, executor.submit(
                self._fetch, next_offset, self._page_end(next_offset, end_of_data))))
            next_offset += self._page_size

        try:
            request_next()
            while queued:
                offset, future = queued.popleft()
                page = future.result()
                if offset == 0:
                    self.total_records = _as_count(page.get("totalRecords"))
                elif _as_count(page.get("totalRecords")) not in (None, self.total_records):
                    self.count_moved = True
                finished = self._short(page, offset, end_of_data)
                if not finished:
                    planned = min(end_of_data, self.total_records if self.total_records is not None else end_of_data)
                    while len(queued) < self._concurrency and next_offset < planned:
                        request_next()
                    if not queued:
                        request_next()
                yield offset, page
                if finished:
                    return
        finally:
            for _offset, future in queued:
                future.cancel()
            executor.shutdown(wait=True)

    def _page_end(self, start, end_of_data):
        return int(min(start + self._page_size, end_of_data))

    def _short(self, page, start, end_of_data):
        """Whether a page ends the walk: fewer rows than asked, or the end of ``limit`` reached."""
        end = self._page_end(start, end_of_data)
        return len(page["results"]) < end - start or end >= end_of_data

    def _fetch(self, start, end):
        with self._request_slots:
            answer = self._post(start, end)
        if not isinstance(answer, dict) or not isinstance(answer.get("results"), list):
            raise APIError("SC's %s answer for rows %d-%d has no results list." % (self._query.tool, start, end))
        return answer

    def _post(self, start, end):
        """One page; a refusal of the wasVuln filter the query adds by itself is noticed once, then left out."""
        query = self._query
        if query.was_filter and WAS_FILTER in self._client.refused_filters:
            return self._post_without_was_filter(start, end)
        try:
            return self._client.post("/analysis", query.body(start, end), safe=True)
        except InvalidFilterError as exc:
            if not (query.was_filter and exc.refused_filter == WAS_FILTER):
                raise self._refusal(exc, start)
        self._client.refused_filters.add(WAS_FILTER)
        return self._post_without_was_filter(start, end)

    def _post_without_was_filter(self, start, end):
        if self._query.was_findings == "only":
            raise UnsupportedVersionError(
                "SC refused the wasVuln filter (SC before 6.2 keeps no web application findings apart), so"
                " was_findings: only cannot be answered.", hint="Use was_findings: exclude or include on this SC.")
        return self._client.post("/analysis", self._query.body(start, end, with_was_filter=False), safe=True)

    def _refusal(self, exc, start):
        """SC's refusal of the query, naming the filters that use a refused operator."""
        if exc.refused_operator:
            names = [item.get("filterName") for item in self._query.filters
                     if str(item.get("operator")) == exc.refused_operator]
            exc.message = "SC does not recognise the operator %s%s: %s" % (
                exc.refused_operator, " of filter %s" % ", ".join(names) if names else "",
                " ".join(exc.error_msg.split()))
        if start:
            # SC answered the first page of this very query, so the refusal is not about its filters.
            return APIError("SC refused a later page of the %s query after answering the first: %s" % (
                self._query.tool, exc.error_msg), hint=HINT_LATER_PAGE, **exc.details)
        return exc

    def _rows(self, rows):
        """Count a page as it is handed out (in order, on the caller's thread) and return its rows."""
        self.pages_fetched += 1
        self.rows_returned += len(rows)
        self._progress(self.pages_fetched, self.rows_returned)
        return rows


def _repeated(extra, rows):
    """How many leading ``rows`` repeat ``extra``, the rows past the end of the previous page, in order."""
    count = 0
    while count < min(len(extra), len(rows)) and rows[count] == extra[count]:
        count += 1
    return count


def _as_count(value):
    """SC sends counts as strings, once as a float; a missing or garbled one is unknown, not zero."""
    try:
        count = int(float(value))
    except (TypeError, ValueError, OverflowError):
        return None
    return count if count >= 0 else None

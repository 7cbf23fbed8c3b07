# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Paging through SC's analysis API (POST /rest/analysis), once for every caller."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from collections import deque
from concurrent.futures import ThreadPoolExecutor
from threading import BoundedSemaphore

from ansible_collections.secops.tenablesc.plugins.module_utils.errors import (
    APIError,
    ConfigurationError,
    InvalidFilterError,
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


class AnalysisQuery:
    """What to ask the analysis API: tool, source, SC filters and sort order."""

    def __init__(self, tool="vulndetails", source_type="cumulative", filters=None, sort_field=None,
                 sort_dir=None, scan_id=None, view=None):
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
        self.tool = tool
        self.source_type = source_type
        self.filters = list(filters or [])
        self.sort_field = sort_field
        self.sort_dir = str(sort_dir).upper() if sort_dir else None
        self.scan_id = scan_id
        self.view = view

    def body(self, start, end):
        """The request body for rows [start, end); the shape pyTenable sends, which every SC accepts."""
        query = {"tool": self.tool, "type": "vuln", "filters": self.filters, "startOffset": start, "endOffset": end}
        body = {"type": "vuln", "sourceType": self.source_type, "query": query}
        if self.sort_field:
            body["sortField"] = query["sortField"] = self.sort_field
            body["sortDir"] = query["sortDir"] = self.sort_dir or "ASC"
        if self.source_type == "individual":
            # SC reads these at the root for individual results; newer versions also from the query.
            body["scanID"] = query["scanID"] = str(self.scan_id)
            body["view"] = query["view"] = self.view or "all"
        return body


class AnalysisPages:
    """Rows of one analysis query, fetched page by page and yielded in SC's order.

    ``totalRecords`` is a string and is sometimes missing or wrong, so it only
    plans concurrent fetches: the walk ends on the first short or empty page.
    Memory holds at most ``concurrency`` pages, however many rows there are.
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
        first = self._fetch(0, self._page_end(0, end_of_data))
        self.total_records = _as_count(first.get("totalRecords"))
        yield self._rows(first)
        if self._complete(first, 0, end_of_data):
            return
        start = self._page_size
        if self._concurrency > 1 and self.total_records is not None:
            planned = min(end_of_data, self.total_records)
            for offset, page in self._fetch_concurrently(start, planned, end_of_data):
                yield self._rows(page)
                if self._complete(page, offset, end_of_data):
                    return
                start = offset + self._page_size
        while True:
            page = self._fetch(start, self._page_end(start, end_of_data))
            yield self._rows(page)
            if self._complete(page, start, end_of_data):
                return
            start += self._page_size

    def _page_end(self, start, end_of_data):
        return int(min(start + self._page_size, end_of_data))

    def _complete(self, page, start, end_of_data):
        """A page ends the walk when it is short, or reaches ``limit``."""
        requested = self._page_end(start, end_of_data) - start
        returned = len(page.get("results") or [])
        return returned < requested or start + returned >= end_of_data

    def _fetch(self, start, end):
        try:
            with self._request_slots:
                answer = self._client.post("/analysis", self._query.body(start, end), safe=True)
        except InvalidFilterError as exc:
            if not start:
                raise
            # SC answered the first page of this very query, so the refusal is not about its filters.
            raise APIError("SC refused a later page of the %s query after answering the first: %s" % (
                self._query.tool, exc.error_msg), hint=HINT_LATER_PAGE, **exc.details)
        if not isinstance(answer, dict) or not isinstance(answer.get("results"), list):
            raise APIError("SC's %s answer for rows %d-%d has no results list." % (self._query.tool, start, end))
        # A page longer than asked for would repeat rows of the next one.
        del answer["results"][end - start:]
        return answer

    def _rows(self, page):
        """Count a page as it is handed out (in order, on the caller's thread) and return its rows."""
        rows = page["results"]
        self.pages_fetched += 1
        self.rows_returned += len(rows)
        self._progress(self.pages_fetched, self.rows_returned)
        return rows

    def _fetch_concurrently(self, start, planned_end, end_of_data):
        """Yield (offset, page) for the pages in [start, planned_end), in order, ``concurrency`` in flight."""
        offsets = iter(range(start, int(planned_end), self._page_size))
        executor = ThreadPoolExecutor(max_workers=self._concurrency)
        in_flight = deque()
        try:
            for offset in offsets:
                in_flight.append((offset, executor.submit(self._fetch, offset, self._page_end(offset, end_of_data))))
                if len(in_flight) >= self._concurrency:
                    break
            while in_flight:
                offset, future = in_flight.popleft()
                page = future.result()
                next_offset = next(offsets, None)
                if next_offset is not None:
                    in_flight.append((next_offset, executor.submit(
                        self._fetch, next_offset, self._page_end(next_offset, end_of_data))))
                yield offset, page
        finally:
            for _offset, future in in_flight:
                future.cancel()
            executor.shutdown(wait=True)


def _as_count(value):
    """SC sends counts as strings; a missing or garbled one is unknown, not zero."""
    try:
        count = int(value)
    except (TypeError, ValueError):
        return None
    return count if count >= 0 else None

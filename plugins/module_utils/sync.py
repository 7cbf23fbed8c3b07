# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What changed on SC in a time window: open, reopened and fixed findings, for the module and the event source.

A window is cut on SC's clock and never from a row: SC does not sort by lastSeen on request, so the last row
says nothing about where the data ends. Fixed findings are the patched data with ``lastMitigated`` in the
window; open ones the cumulative data with ``lastSeen`` in it, reopened when SC flags them ``hasBeenMitigated``.
Fixed findings are read first, so a finding that comes back while a run reads is delivered fixed, then
reopened, and the last state delivered is SC's.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import hashlib
import json
import os
import re
from collections import namedtuple
from datetime import datetime, timedelta, timezone

from ansible_collections.secops.tenablesc.plugins.module_utils.analysis import AnalysisPages, AnalysisQuery
from ansible_collections.secops.tenablesc.plugins.module_utils.connection import printable, redact_url
from ansible_collections.secops.tenablesc.plugins.module_utils.errors import (
    APIError,
    ConfigurationError,
    ExportError,
    HINT_DATA_MOVING,
)
from ansible_collections.secops.tenablesc.plugins.module_utils.export import write_text_atomically
from ansible_collections.secops.tenablesc.plugins.module_utils.filters import translate_filters
from ansible_collections.secops.tenablesc.plugins.module_utils.lookups import NameResolver, saved_query_filters
from ansible_collections.secops.tenablesc.plugins.module_utils.rows import normalize_row

STATES = ("open", "fixed")
# The state each data source delivers, in the order they are read, and the filter its window is cut on.
SOURCES = (("fixed", "patched", "lastMitigated"), ("open", "cumulative", "lastSeen"))
# What SC 6.x's vulnUniqueness names beyond the host's identity.
# client: Tenable's Jira integration's test data (vulnUniqueness "repositoryID,ip,port,protocol,pluginID")
_FINDING_FIELDS = ("port", "protocol", "pluginID")
# A host's DNS name changes; SC's vulnUniqueness leaves it out, and so does the key built without one.
_UNSTABLE_HOST_FIELDS = ("dnsName",)
_DAY = 86400
# Walks of one state's rows while SC's count keeps moving, before the run fails rather than risk a skipped row.
_WALKS = 3
_CHECKPOINT_FORMAT = 1
_DIGITS = re.compile(r"^[0-9]+$")

Window = namedtuple("Window", "start end")

# The options the module and the event source share, in the form of the argument spec (the event source takes
# its defaults from here).
SYNC_OPTIONS = dict(
    filters=dict(type="dict", default={}),
    query=dict(type="str"),
    states=dict(type="list", elements="str", choices=list(STATES), default=list(STATES)),
    since=dict(type="str"),
    checkpoint_file=dict(type="path"),
    first_run_days=dict(type="int", default=30),
    overlap=dict(type="int", default=0),
    page_size=dict(type="int", default=5000),
)


def parse_since(value, option="since"):
    """Epoch seconds from epoch seconds or ISO 8601 (a date, or a time; UTC unless it says otherwise).

    ``option`` names the option in the refusal.
    """
    text = str(value).strip()
    if _DIGITS.match(text):
        return int(text)
    try:
        # Python before 3.11 reads no "Z" for UTC.
        moment = datetime.fromisoformat(text[:-1] + "+00:00" if text.endswith(("Z", "z")) else text)
    except ValueError:
        raise ConfigurationError("%s %s is neither epoch seconds nor an ISO 8601 time such as"
                                 " 2026-03-01T06:00:00Z." % (option, printable(text))) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return int((moment - datetime(1970, 1, 1, tzinfo=timezone.utc)) // timedelta(seconds=1))


def finding_key(row):
    """The same text for the same finding in every run and state: the fields SC names in ``vulnUniqueness``.

    Without ``vulnUniqueness`` (SC before 6.0), the host's uniqueness fields but its DNS name, then port,
    protocol and plugin ID, which is what SC 6.x names for the same finding.
    """
    given = (row.get("vulnUniqueness"), row.get("hostUniqueness"), row.get("uniqueness"))
    names = _KEY_FIELDS.get(given)
    if names is None:
        names = _KEY_FIELDS[given] = _key_fields(*given)
    return ",".join([name + "=" + _key_value(row, name) for name in names])


# The key fields of each combination of uniqueness texts seen: a handful per SC, looked up for every row.
_KEY_FIELDS = {}


def _key_fields(finding, host, record):
    names = _field_names(finding)
    if not names:
        host = _field_names(host) or _field_names(record) or ["repositoryID", "ip"]
        names = [name for name in host if name not in _UNSTABLE_HOST_FIELDS] + list(_FINDING_FIELDS)
    return tuple(names)


def _field_names(text):
    return [name.strip() for name in text.split(",") if name.strip()] if isinstance(text, str) else []


def _key_value(row, name):
    if name == "repositoryID":
        repository = row.get("repository")
        value = repository.get("id") if isinstance(repository, dict) else row.get(name)
    else:
        value = row.get(name)
    return "" if value is None else str(value)


class Checkpoint:
    """The end of the last fully delivered window, kept in a file that holds nothing secret.

    The file names the SC it was written for, so a checkpoint never skips another SC's data.
    """

    def __init__(self, path, url):
        self.path = path
        self._url = redact_url(url)

    def read(self):
        """The checkpoint in the file, or None when there is no file yet."""
        if not self.path or not os.path.exists(self.path):
            return None
        try:
            with open(self.path, encoding="utf-8") as handle:
                saved = json.load(handle)
        except (OSError, IOError) as exc:
            raise ExportError("checkpoint_file %s: %s." % (self.path, exc.strerror or exc))
        except ValueError:
            saved = None
        if not isinstance(saved, dict) or not isinstance(saved.get("checkpoint"), int) or \
                isinstance(saved.get("checkpoint"), bool):
            raise ConfigurationError("checkpoint_file %s holds no checkpoint of this collection; remove it, or give"
                                     " since." % self.path)
        if saved.get("url") != self._url:
            raise ConfigurationError("checkpoint_file %s was written for %s, not %s; give each SC its own file." % (
                self.path, printable(saved.get("url")), self._url))
        return saved["checkpoint"]

    def write(self, window, counts):
        """Replace the file at once (a crash leaves the old one); a new file is private to its owner."""
        document = {"format": _CHECKPOINT_FORMAT, "url": self._url, "checkpoint": window.end,
                    "window": window._asdict(), "counts": counts}
        write_text_atomically(self.path, json.dumps(document, sort_keys=True) + "\n", "checkpoint_file")


class FindingsSync:
    """One run: the window on SC's clock, then each state's changed findings, page by page.

    ``filters`` are the friendly filters; ``query`` a saved query (name or ID) whose filters apply as well.
    """

    def __init__(self, client, filters=None, query=None, states=STATES, was_findings="exclude", page_size=5000,
                 concurrency=1, debug=None):
        unknown = sorted(set(states) - set(STATES))
        if unknown or not states:
            raise ConfigurationError("states must be a list of %s." % ", ".join(STATES))
        if (filters or {}).get("last_seen") not in (None, []):
            raise ConfigurationError("filters.last_seen: the sync cuts the time window itself; use since,"
                                     " checkpoint_file, first_run_days and overlap.")
        self._client = client
        self._states = [state for state in STATES if state in states]
        self._was_findings = was_findings
        self._page_size = page_size
        self._concurrency = concurrency
        self._debug = debug or (lambda message: None)
        self._filters = self._combined_filters(filters or {}, query)

    def _combined_filters(self, filters, query):
        friendly = translate_filters(filters, NameResolver(self._client))
        saved = saved_query_filters(self._client, query) if query else []
        given = dict((item["filterName"], "filters") for item in friendly)
        for item in saved:
            name = item["filterName"]
            if name in ("lastSeen", "lastMitigated"):
                raise ConfigurationError("Saved query %s filters on %s, which the sync sets to its time window;"
                                         " save the query without it." % (printable(query), name))
            if name in given:
                # SC keeps one filter per name, so two would not both apply.
                raise ConfigurationError("Saved query %s and %s both filter on %s; give it in one place." % (
                    printable(query), given[name], name))
            given[name] = "the saved query"
        return friendly + saved

    def window(self, since=None, checkpoint=None, first_run_days=30, overlap=0):
        """The window to read: from ``since``, else just after ``checkpoint``, else ``first_run_days`` back."""
        if first_run_days < 0 or overlap < 0:
            raise ConfigurationError("first_run_days and overlap must be 0 or more.")
        end = self._client.clock()
        if since is not None:
            start = parse_since(since)
            if start > end:
                raise ConfigurationError("since (%d) is after SC's clock (%d)." % (start, end))
        elif checkpoint is not None:
            # Within the same second as the last run, or with SC's clock set back, nothing is read (the window
            # is empty) and the checkpoint never moves back.
            end = max(end, checkpoint)
            start = checkpoint + 1 - overlap
        else:
            start = end - first_run_days * _DAY
        return Window(start, end)

    def run(self, window, sink):
        """Hand each page of changed findings to ``sink`` as typed rows with ``state`` and ``finding_key``.

        Returns the counts per state. Nothing is half-delivered silently: any error propagates, and the
        caller decides what a failed run leaves behind.
        """
        counts = dict.fromkeys(("open", "reopened", "fixed"), 0)
        for state, source, time_filter in SOURCES:
            if state not in self._states or window.start > window.end:
                continue
            query = AnalysisQuery(tool="vulndetails", source_type=source, was_findings=self._was_findings,
                                  filters=self._filters + [{"filterName": time_filter, "operator": "=",
                                                            "value": "%d-%d" % window}])
            self._read_state(query, state, counts, sink)
        return counts

    def _read_state(self, query, state, counts, sink):
        """Walk one state's rows; walk again while SC's count moves under the walk, each finding delivered once.

        Paging a data set that an import changes can skip rows (pySecurityCenter #60): a later walk finds them.
        """
        seen = set()
        for walk in range(1, _WALKS + 1):
            pages = AnalysisPages(self._client, query, page_size=self._page_size, concurrency=self._concurrency,
                                  progress=lambda number, rows: self._debug(
                                      "%s findings, walk %d: page %d, %d rows" % (state, walk, number, rows)))
            for page in pages.pages():
                rows = _changed_rows(page, state, seen)
                for row in rows:
                    counts[row["state"]] += 1
                sink(rows)
            if not pages.count_moved:
                return
            self._debug("%s findings: SC's row count changed during walk %d (an import landed); reading again" % (
                state, walk))
        raise APIError("SC's %s findings changed during each of %d reads of the window (scan results were being"
                       " imported), so some may have been skipped." % (state, _WALKS), hint=HINT_DATA_MOVING)


def _changed_rows(page, state, seen):
    """Typed rows with their state and key, each finding once (``seen`` holds the digests of keys delivered)."""
    rows = []
    for raw in page:
        row = normalize_row(raw)
        key = finding_key(row)
        digest = hashlib.blake2b(key.encode("utf-8"), digest_size=16).digest()
        if digest in seen:
            continue
        seen.add(digest)
        row["finding_key"] = key
        row["state"] = "reopened" if state == "open" and row.get("hasBeenMitigated") is True else state
        rows.append(row)
    return rows

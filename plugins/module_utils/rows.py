# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""SC's analysis rows made comfortable in Jinja: SC's field names, real types.

SC sends counts, IDs, ports, scores and epoch times as strings, booleans as
"0"/"1", "true"/"false" or "Yes"/"No", and "" or -1 for "unknown". Rows keep
SC's field names; only the values change type, and an unknown becomes None.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

_INTEGERS = frozenset((
    "id", "pluginID", "port", "total", "hostTotal", "score", "count", "severityInfo", "severityLow",
    "severityMedium", "severityHigh", "severityCritical", "protocolID", "repositoryID", "ipCount",
    "vulnCount", "hostCount", "matchingDataElementCount", "totalIPs", "scannedIPs",
))
_EPOCHS = frozenset((
    "firstSeen", "lastSeen", "lastAuthRun", "lastUnauthRun", "vulnPubDate", "patchPubDate", "pluginPubDate",
    "pluginModDate", "lastMitigated", "createdTime", "modifiedTime", "startTime", "finishTime",
))
_FLOATS = frozenset((
    "baseScore", "temporalScore", "cvssV3BaseScore", "cvssV3TemporalScore", "vprScore", "cvssV4BaseScore",
    "cvssV4ThreatScore", "acrScore", "assetExposureScore",
))
_BOOLEANS = frozenset(("hasBeenMitigated", "acceptRisk", "recastRisk", "exploitAvailable", "canUse", "canManage"))
_BOOLEAN_WORDS = dict(
    [(word, True) for word in ("1", "true", "yes", "True", "Yes", "TRUE", "YES")]
    + [(word, False) for word in ("0", "false", "no", "False", "No", "FALSE", "NO")])


def normalize_row(row, fields=None):
    """A copy of ``row`` (nested dictionaries too) with typed values; only ``fields`` of it, if given."""
    typed = dict(row) if fields is None else dict((key, row[key]) for key in fields if key in row)
    # One pass over the keys (replacing a value while iterating is safe: the keys stay the same). Rows come
    # from json.loads, so exact type checks do, and they cost less than isinstance on this hot path.
    for key, value in typed.items():
        if value.__class__ is str:
            converter = _CONVERTERS.get(key)
            if converter is not None:
                typed[key] = converter(value)
        elif value.__class__ is dict:
            typed[key] = normalize_row(value)
    return typed


def _epoch(value):
    number = _integer(value)
    return None if number in (None, -1, 0) else number


def _boolean(value):
    # Most values are one of SC's few spellings; only the rest are stripped and lowered.
    if value in _BOOLEAN_WORDS:
        return _BOOLEAN_WORDS[value]
    lowered = value.strip().lower()
    return _BOOLEAN_WORDS.get(lowered, value if lowered else None)


def _integer(value):
    # int() and float() accept surrounding blanks; an empty or odd value is the rare case.
    try:
        return int(value)
    except ValueError:
        return None if not value.strip() else value


def _float(value):
    try:
        return float(value)
    except ValueError:
        return None if not value.strip() else value


_CONVERTERS = dict(
    [(key, _integer) for key in _INTEGERS] + [(key, _epoch) for key in _EPOCHS]
    + [(key, _float) for key in _FLOATS] + [(key, _boolean) for key in _BOOLEANS])

SEVERITY_NAMES = ("info", "low", "medium", "high", "critical")
_PER_HOST_COUNTS = tuple("severity" + name.capitalize() for name in SEVERITY_NAMES)
# The fields severity_counts reads.
SEVERITY_FIELDS = _PER_HOST_COUNTS + ("severity", "count", "total")


def severity_counts(row):
    """How many findings of each severity a normalized row stands for, or None if it carries no severity.

    A sumip row holds per-host counts; a sumseverity or sumid row, one severity
    with a count or total; a vulndetails row is one finding.
    """
    if _PER_HOST_COUNTS[0] in row:
        return {name: row.get(field) or 0 for name, field in zip(SEVERITY_NAMES, _PER_HOST_COUNTS)}
    severity = row.get("severity")
    level = severity.get("id") if isinstance(severity, dict) else None
    if not isinstance(level, int) or not 0 <= level < len(SEVERITY_NAMES):
        return None
    weight = row.get("count", row.get("total", 1))
    counts = dict.fromkeys(SEVERITY_NAMES, 0)
    counts[SEVERITY_NAMES[level]] = weight if isinstance(weight, int) else 1
    return counts

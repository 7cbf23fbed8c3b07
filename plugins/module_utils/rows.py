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
    "vulnCount", "hostCount", "matchingDataElementCount",
))
_EPOCHS = frozenset((
    "firstSeen", "lastSeen", "lastAuthRun", "lastUnauthRun", "vulnPubDate", "patchPubDate", "pluginPubDate",
    "pluginModDate", "lastMitigated", "createdTime", "modifiedTime",
))
_FLOATS = frozenset((
    "baseScore", "temporalScore", "cvssV3BaseScore", "cvssV3TemporalScore", "vprScore", "cvssV4BaseScore",
    "cvssV4ThreatScore", "acrScore", "assetExposureScore",
))
_BOOLEANS = frozenset(("hasBeenMitigated", "acceptRisk", "recastRisk", "exploitAvailable", "canUse", "canManage"))
_TRUE = frozenset(("1", "true", "yes"))
_FALSE = frozenset(("0", "false", "no"))


def normalize_row(row, fields=None):
    """A copy of ``row`` (nested dictionaries too) with typed values; only ``fields`` of it, if given."""
    typed = dict(row) if fields is None else dict((key, row[key]) for key in fields if key in row)
    # Only the few typed keys are looked at one by one: a vulndetails row has some forty keys.
    for key in _CONVERTED_KEYS.intersection(typed):
        value = typed[key]
        if isinstance(value, str):
            typed[key] = _CONVERTERS[key](value)
    for key, value in typed.items():
        if isinstance(value, dict):
            typed[key] = normalize_row(value)
    return typed


def _epoch(value):
    number = _integer(value)
    return None if number in (None, -1, 0) else number


def _boolean(value):
    lowered = value.strip().lower()
    if lowered in _TRUE or lowered in _FALSE:
        return lowered in _TRUE
    return None if not lowered else value


def _integer(value):
    text = value.strip()
    if not text:
        return None
    try:
        return int(text)
    except ValueError:
        return value


def _float(value):
    text = value.strip()
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        return value


_CONVERTERS = dict(
    [(key, _integer) for key in _INTEGERS] + [(key, _epoch) for key in _EPOCHS]
    + [(key, _float) for key in _FLOATS] + [(key, _boolean) for key in _BOOLEANS])
_CONVERTED_KEYS = frozenset(_CONVERTERS)

SEVERITY_NAMES = ("info", "low", "medium", "high", "critical")
_PER_HOST_COUNTS = tuple("severity" + name.capitalize() for name in SEVERITY_NAMES)


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

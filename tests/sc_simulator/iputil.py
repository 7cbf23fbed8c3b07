# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""IPv4 lists the way SC reads and rewrites them: addresses, ``a-b`` ranges and CIDR blocks."""

import bisect
import ipaddress


class IPListError(ValueError):
    """An entry of an IP list is not an address, a range or a CIDR block."""


def ip_to_int(text):
    return int(ipaddress.IPv4Address(text))


def int_to_ip(value):
    # Formatted by hand: ipaddress is ten times slower and the dataset formats every host's address.
    return "%d.%d.%d.%d" % (value >> 24, value >> 16 & 255, value >> 8 & 255, value & 255)


def _parse_entry(entry):
    """One entry -> (first, last) as integers."""
    try:
        if "/" in entry:
            network = ipaddress.IPv4Network(entry, strict=False)
            return int(network.network_address), int(network.broadcast_address)
        if "-" in entry:
            first, last = (ip_to_int(part.strip()) for part in entry.split("-", 1))
            if first > last:
                raise IPListError("range %r ends before it starts" % entry)
            return first, last
        value = ip_to_int(entry)
        return value, value
    except ValueError as exc:
        raise IPListError("%r is not an IPv4 address, range or CIDR block" % entry) from exc


def parse_intervals(text):
    """Comma, newline or space separated entries -> sorted, merged list of (first, last) intervals."""
    # documented: addresses, ranges or CIDR blocks, comma separated or one a line (Vulnerability Analysis
    # Filter Components, "Address")
    # inferred: spaces as separators too
    entries = [part for part in text.replace("\n", ",").replace(" ", ",").split(",") if part.strip()]
    return merge_intervals(_parse_entry(entry.strip()) for entry in entries)


def merge_intervals(intervals):
    """Sort and merge overlapping or adjacent intervals."""
    merged = []
    for first, last in sorted(intervals):
        if merged and first <= merged[-1][1] + 1:
            if last > merged[-1][1]:
                merged[-1] = (merged[-1][0], last)
        else:
            merged.append((first, last))
    return merged


def intervals_from_sorted(values):
    """Sorted integers (duplicates allowed) -> merged intervals of consecutive addresses."""
    return merge_intervals((value, value) for value in values)


def format_intervals(intervals, separator=","):
    # recorded: test_analysis_vulns_iplist_tool.yaml (single addresses alone, ranges as "first-last")
    # inferred: SC's exact rewrite of definedIPs is not recorded; it is known to merge ranges, sort and drop
    # whitespace, so single addresses stay addresses and everything else becomes "first-last".
    return separator.join(int_to_ip(first) if first == last else "%s-%s" % (int_to_ip(first), int_to_ip(last))
                          for first, last in intervals)


def normalise(text):
    """The rewritten form SC stores for an IP list."""
    return format_intervals(parse_intervals(text))


class IntervalSet:
    """Membership test over merged intervals in O(log n)."""

    def __init__(self, intervals):
        self._firsts = [interval[0] for interval in intervals]
        self._lasts = [interval[1] for interval in intervals]

    @classmethod
    def parse(cls, text):
        return cls(parse_intervals(text))

    def __contains__(self, value):
        position = bisect.bisect_right(self._firsts, value) - 1
        return position >= 0 and value <= self._lasts[position]

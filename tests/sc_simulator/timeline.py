# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Moving a dataset's clock by a day of scanning: hosts scanned, findings seen again, fixed, new or back.

What SC does with a scan's results, as the simulator models it:
- documented: a finding seen again gets a new ``lastSeen``; one no longer found moves to the mitigated (patched)
  data (SC's "Vulnerability Analysis" data sources);
- reported: SC's list of valid filters names ``lastMitigated`` (pyTenable #606); client: Tenable's Jira
  integration asks patched data by ``lastMitigated`` for the findings fixed since its last run;
- client: a mitigated finding that a later scan finds again is back in cumulative data with ``hasBeenMitigated``
  "1" (Tenable's Jira integration reports such a finding as reopened);
- inferred: the flag stays "1" while the finding is open; a reopened finding keeps its ``firstSeen``; a new
  finding's ``firstSeen`` and ``lastSeen`` are the scan's time; a Nessus scan leaves web application (WAS)
  findings alone; a host may change its DNS name between scans.

``advance_day`` returns what changed, keyed the way ``vulnUniqueness`` names a finding, so tests can compare
what a client delivered with what happened.
"""

import bisect
import random
from collections import namedtuple

from .catalog import PLUGINS, PROTOCOL_NAMES
from .dataset import DAY

# The finding columns of a Dataset, in the order they are kept; host_start indexes them per host.
COLUMNS = ("f_host", "f_plugin", "f_port", "f_protocol", "f_first", "f_last", "f_mitigated", "f_last_mitigated",
           "f_reopened")

Change = namedtuple("Change", "state time")


class DayPlan:
    """How much happens in one simulated day; shares of hosts or findings, drawn from the day's random stream."""

    def __init__(self, scanned=0.25, fixed=0.1, reopened=0.3, new=0.3, renamed=0.05):
        self.scanned = scanned  # share of hosts scanned that day
        self.fixed = fixed  # share of a scanned host's open findings no longer found
        self.reopened = reopened  # share of a scanned host's mitigated findings found again
        self.new = new  # chance that a scanned host has one new finding
        self.renamed = renamed  # chance that a scanned network host answers under a new DNS name


def finding_identity(host, plugin_id, port, protocol_name):
    """A finding as SC 6.x's ``vulnUniqueness`` names it: the host's identity, port, protocol and plugin."""
    host_part = (host.repository_id, host.uuid) if host.uuid else (host.repository_id, host.ip)
    return host_part + (str(port), protocol_name.upper(), str(plugin_id))


def advance_day(dataset, plan=None, seed=None):
    """Move ``dataset.now`` one day on and scan; returns {finding identity: Change(state, time)}."""
    plan = plan or DayPlan()
    rng = random.Random("%s-day-%d" % (dataset.seed, dataset.now) if seed is None else seed)
    day_start = dataset.now
    dataset.now += DAY
    changes = {}
    insertions = {}
    for host in dataset.hosts:
        if rng.random() >= plan.scanned:
            continue
        scan_time = day_start + 1 + int(rng.random() * (DAY - 1))
        _scanned(dataset, host, scan_time, rng, plan)
        for index in range(dataset.host_start[host.index], dataset.host_start[host.index + 1]):
            state = _rescan(dataset, index, scan_time, rng, plan)
            if state:
                changes[_identity(dataset, index)] = Change(state, scan_time)
        new = _new_finding(dataset, host, rng, plan)
        if new:
            insertions[host.index] = (new, scan_time)
    for host_index, (plugin_index, scan_time) in sorted(insertions.items()):
        plugin = PLUGINS[plugin_index]
        changes[finding_identity(dataset.hosts[host_index], plugin.id, plugin.ports[0],
                                 _protocol_name(plugin.protocol))] = Change("open", scan_time)
    _insert(dataset, insertions)
    return changes


def _scanned(dataset, host, scan_time, rng, plan):
    host.last_scan = scan_time
    if host.last_auth_run:
        host.last_auth_run = str(scan_time)
    else:
        host.last_unauth_run = str(scan_time)
    if not host.uuid and host.dns_name and rng.random() < plan.renamed:
        name, _dot, domain = host.dns_name.partition(".")
        host.dns_name = "%s-%d.%s" % (name, dataset.now // DAY % 1000, domain)


def _rescan(dataset, index, scan_time, rng, plan):
    """What a scan does to one finding of the scanned host; returns its new state, or None if untouched."""
    if PLUGINS[dataset.f_plugin[index]].was:
        return None
    if not dataset.f_mitigated[index]:
        if rng.random() < plan.fixed:
            dataset.f_mitigated[index] = 1
            dataset.f_last_mitigated[index] = scan_time
            return "fixed"
        dataset.f_last[index] = scan_time
        return "reopened" if dataset.f_reopened[index] else "open"
    if rng.random() < plan.reopened:
        dataset.f_mitigated[index] = 0
        dataset.f_reopened[index] = 1
        dataset.f_last[index] = scan_time
        return "reopened"
    return None


def _new_finding(dataset, host, rng, plan):
    """A plugin the host has no finding of yet, or None."""
    if rng.random() >= plan.new:
        return None
    pool = dataset.plugin_pool(host.tags)
    plugin_index = rng.choices(pool[0], cum_weights=pool[1])[0]
    present = dataset.f_plugin[dataset.host_start[host.index]:dataset.host_start[host.index + 1]]
    return None if plugin_index in present else plugin_index


def _insert(dataset, insertions):
    """Insert the new findings into the column store, keeping (host, plugin, port) order."""
    if not insertions:
        return
    columns = {name: getattr(dataset, name) for name in COLUMNS}
    rebuilt = {name: column[:0] for name, column in columns.items()}
    previous = 0
    for host_index, (plugin_index, scan_time) in sorted(insertions.items()):
        first, last = dataset.host_start[host_index], dataset.host_start[host_index + 1]
        position = first + bisect.bisect_left(list(zip(dataset.f_plugin[first:last], dataset.f_port[first:last])),
                                              (plugin_index, PLUGINS[plugin_index].ports[0]))
        plugin = PLUGINS[plugin_index]
        values = dict(f_host=host_index, f_plugin=plugin_index, f_port=plugin.ports[0], f_protocol=plugin.protocol,
                      f_first=scan_time, f_last=scan_time, f_mitigated=0, f_last_mitigated=0, f_reopened=0)
        for name, column in columns.items():
            rebuilt[name].extend(column[previous:position])
            rebuilt[name].append(values[name])
        previous = position
    for name, column in columns.items():
        rebuilt[name].extend(column[previous:])
        setattr(dataset, name, rebuilt[name])
    added = 0
    for host_index in range(len(dataset.hosts)):
        added += host_index - 1 in insertions
        dataset.host_start[host_index] += added
    dataset.host_start[len(dataset.hosts)] += len(insertions)


def _identity(dataset, index):
    host = dataset.hosts[dataset.f_host[index]]
    return finding_identity(host, PLUGINS[dataset.f_plugin[index]].id, dataset.f_port[index],
                            _protocol_name(dataset.f_protocol[index]))


def _protocol_name(number):
    return PROTOCOL_NAMES[number]

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Scan definitions (/rest/scan), launches, the scan results they make (/rest/scanResult) and what they find.

recorded: sc_scans_create.yaml (a policy scan created with schedule "template", answered with string fields),
test_scans_launch.yaml (the launch answer: scanID and a scanResult with status "Queued"),
test_scan_instances_details_success.yaml (a finished result: status, importStatus, times, IPs, progress),
scan_instance.yaml and test_scan_instances_list.yaml (the list: usable and manageable id, name, description,
status), test_scans_delete.yaml (403/147 for a scan that does not exist), all SC 5.8.
documented: the statuses a result moves through (Queued, Preparing, Initializing Scanners, Running, then
Completed, Partial or Error) and the import statuses (No Results, Import Pending, Importing, Finished); a
remediation scan checks the plugins on the hosts, and a finding its plugin no longer reports on a scanned host is
mitigated (SC's "Launch Remediation Scan"; the timeline's rules for what a scan does to findings).
reported: SC 5.20 refuses a plugin scan with "Please specify a valid Policy." (pyTenable #544); a scan result's
own data is refused while it imports (pyTenable #417, 403/143).
inferred: how long each stage takes (``ScanTiming``, seconds on the test's clock) and on SC's clock (a launch
moves it by a second, a finished scan by ``SCAN_SECONDS``); the results list's window on createdTime (30 days
unless startTime and endTime say otherwise, as pyTenable documents it); a result with no host answering ends
Completed with import "No Results"; what a result's own data holds (``individual``).
"""

import threading
import time

from .catalog import PLUGINS
from .envelope import SCError, invalid_parameters, not_found, query_not_built
from .iputil import IntervalSet, IPListError, parse_intervals
from .policies import FULL_SAFE_SCAN_ID

# documented: a launched result's statuses in order, then how it ends
RUN_STATUSES = ("Queued", "Preparing", "Initializing Scanners", "Running")
FINISHED_STATUSES = ("Completed", "Partial", "Error")
# reported: pyTenable #544 (5.20 refuses type "plugin")
PLUGIN_SCANS_REFUSED_FROM = (5, 20)
_THIRTY_DAYS = 30 * 86400
# inferred: seconds on SC's clock that a launched scan takes, from its start to its finish
SCAN_SECONDS = 300
# inferred: a dataset's scan result is approximated as its repository's hosts scanned in the week before it finished
_SEEDED_SCAN_WINDOW = 7 * 86400


class ScanTiming:
    """Seconds a launched result spends queued, preparing, initializing scanners, running and importing."""

    def __init__(self, queued=0.2, preparing=0.2, initializing=0.2, running=0.6, importing=0.4):
        self.stages = (queued, preparing, initializing, running)
        self.importing = importing


class Machines:
    """What is true of the machines behind the addresses, which only a scan tells SC; set by tests.

    A finding marked patched is no longer reported by a scan of its host and plugin; a host marked down answers no
    scan. Marks are by address, so they hold for that address in every repository.
    """

    def __init__(self):
        self.patched = set()  # (ip, plugin id, port, or None for every port)
        self.down = set()

    def patch(self, ip, plugin_id, port=None):
        self.patched.add((str(ip), int(plugin_id), None if port is None else int(port)))

    def take_down(self, ip):
        self.down.add(str(ip))

    def is_patched(self, ip, plugin_id, port):
        return (ip, plugin_id, None) in self.patched or (ip, plugin_id, port) in self.patched


class ScanStore:
    """The organization's scan definitions and the results their launches made; thread-safe.

    A launched result changes the dataset once its import has finished (``settle``); ``reset`` undoes it.
    ``on_change`` is called after the dataset changed, so that caches of answers are dropped.
    """

    def __init__(self, dataset, owner, policies, clock=time.monotonic):
        self.dataset = dataset
        self.policies = policies
        self._owner = owner
        self._clock = clock
        self._lock = threading.RLock()
        self.on_change = lambda: None
        self._undo = []
        self.reset()

    def reset(self):
        with self._lock:
            undone = bool(self._undo)
            for target, key, value in reversed(self._undo):
                if isinstance(key, str):
                    setattr(target, key, value)
                else:
                    target[key] = value
            self._undo = []
            self._scans = {}
            self._results = {}
            self._next_scan = 1
            for repository in self.dataset.repositories:
                self._add({"name": "Weekly scan: %s" % repository["name"], "type": "policy",
                           "repository": {"id": repository["id"]}, "policy": {"id": FULL_SAFE_SCAN_ID},
                           "ipList": "", "schedule": {"type": "template"}})
            for seeded in self.dataset.scan_results:
                scan = next(s for s in self._scans.values() if s["repository"]["id"] == seeded["repository_id"])
                started = seeded["finishTime"] - SCAN_SECONDS
                self._results[seeded["id"]] = {"id": seeded["id"], "scan": scan, "launched": float("-inf"),
                                               "createdTime": started, "started": started, "outcome": None,
                                               "settled": True, "finished": seeded["finishTime"], "scanned": None}
            # inferred: launched results are numbered after the dataset's own scan results
            self._next_result = len(self.dataset.scan_results) + 1
            self.timing = ScanTiming()
            # Set by a test: the launched result ends in "Error" with these details, or in "Partial".
            self.outcome = None
            self.machines = Machines()
        if undone:
            self.on_change()

    def _change(self, target, key, value):
        """Set ``target[key]`` (or attribute ``key``) to ``value``, remembering the old value for ``reset``."""
        if isinstance(key, str):
            self._undo.append((target, key, getattr(target, key)))
            setattr(target, key, value)
        else:
            self._undo.append((target, key, target[key]))
            target[key] = value

    # Definitions

    def _add(self, body):
        scan_id = str(self._next_scan)
        self._next_scan += 1
        self._scans[scan_id] = dict(body, id=scan_id, createdTime=str(self.dataset.now))
        return self._scans[scan_id]

    def create(self, body, version):
        if not isinstance(body, dict) or not body.get("name") or not isinstance(body.get("repository"), dict):
            raise invalid_parameters("Invalid parameters specified for scan. 'name' and 'repository' are required.")
        if body.get("type") == "plugin" and version >= PLUGIN_SCANS_REFUSED_FROM:
            raise SCError(403, 146, "Please specify a valid Policy.\n")  # reported: pyTenable #544
        if body.get("type", "policy") == "policy":
            if not isinstance(body.get("policy"), dict):
                raise SCError(403, 146, "Please specify a valid Policy.\n")  # inferred: as for a plugin scan
            self.policies.get(body["policy"].get("id"))
        try:
            parse_intervals(str(body.get("ipList") or ""))
        except IPListError as exc:
            raise invalid_parameters("Invalid parameters specified for scan. %s." % exc) from None  # inferred
        self.dataset.repository(body["repository"].get("id"))
        with self._lock:
            return self._add(body)

    def get(self, scan_id):
        found = self._scans.get(str(scan_id))
        if found is None:
            raise not_found("Scan", scan_id)
        return found

    def delete(self, scan_id):
        with self._lock:
            if str(scan_id) not in self._scans:
                # recorded: test_scans_delete.yaml (403/147)
                raise not_found("Scan", scan_id, action="delete")
            del self._scans[str(scan_id)]

    def definitions(self):
        return list(self._scans.values())

    def _policy_ref(self, scan):
        if scan.get("type", "policy") != "policy":
            return {"id": -1, "name": "", "description": ""}
        policy_id = str(scan["policy"]["id"])
        found = self.policies.get(policy_id) if policy_id in {p["id"] for p in self.policies.summaries()} else None
        return {"id": policy_id, "name": found["name"] if found else "", "description": ""}

    def render(self, scan):
        """A definition as SC answers it (recorded: sc_scans_create.yaml, the fields a client reads)."""
        repository = self.dataset.repository(scan["repository"]["id"])
        return {
            "id": scan["id"], "name": scan["name"], "description": scan.get("description", ""),
            "ipList": scan.get("ipList", ""), "type": scan.get("type", "policy"), "status": "0",
            "createdTime": scan["createdTime"], "modifiedTime": scan["createdTime"], "maxScanTime": "3600",
            "timeoutAction": "import",
            "schedule": {"id": scan["id"], "objectType": "scan", "type": scan.get("schedule", {}).get("type", "now"),
                         "start": "", "repeatRule": "", "nextRun": 0},
            "policy": self._policy_ref(scan),
            "repository": {key: repository[key] for key in ("id", "name", "description")},
            "canUse": "true", "canManage": "true", "owner": self._owner.ref(), "creator": self._owner.ref(),
        }

    # Launches and results

    def launch(self, scan_id):
        scan = dict(self.get(scan_id))
        with self._lock:
            result_id = str(self._next_result)
            self._next_result += 1
            # inferred: SC's clock moves while a scan is launched, so its start is after anything seen before it
            self._change(self.dataset, "now", self.dataset.now + 1)
            self._results[result_id] = {"id": result_id, "scan": scan, "launched": self._clock(),
                                        "createdTime": self.dataset.now, "started": self.dataset.now,
                                        "outcome": self.outcome, "settled": False, "finished": None,
                                        "scanned": self._answering(scan)}
        self.on_change()
        # recorded: test_scans_launch.yaml
        return {"scanID": scan["id"], "scanResult": dict(self._summary(self._results[result_id], RUN_STATUSES[0]), **{
            "initiatorID": self._owner.id, "ownerID": self._owner.id, "scanID": scan["id"], "resultsSyncID": -1,
            "repositoryID": scan["repository"]["id"], "details": self._policy_ref(scan)["name"],
            "downloadFormat": "v2", "dataFormat": "IPv4", "resultType": "active"})}

    def result(self, result_id):
        found = self._results.get(str(result_id))
        if found is None:
            raise not_found("Scan Result", result_id)  # inferred: wording, in SC's "<Object> #<id>" style
        return found

    def results(self, start_time=None, end_time=None):
        """Results created in [start_time, end_time]; by default the last 30 days (inferred)."""
        end = int(end_time) if end_time is not None else self.dataset.now
        start = int(start_time) if start_time is not None else end - _THIRTY_DAYS
        return [found for found in self._results.values() if start <= found["createdTime"] <= end]

    def state(self, found):
        """(status, importStatus, running) of a result now, from the time since its launch."""
        elapsed = self._clock() - found["launched"]
        for status, seconds in zip(RUN_STATUSES, self.timing.stages):
            if elapsed < seconds:
                return status, "No Results", "true"
            elapsed -= seconds
        outcome = found["outcome"]
        if outcome is not None and outcome.get("status") == "Error":
            return "Error", "No Results", "false"
        final = outcome.get("status", "Completed") if outcome else "Completed"
        if found["scanned"] == []:
            return final, "No Results", "false"
        return final, "Importing" if elapsed < self.timing.importing else "Finished", "false"

    def settle(self):
        """Apply what each launched result found to the dataset once its scanning ended; call before answering."""
        changed = False
        with self._lock:
            for found in self._results.values():
                if found["settled"]:
                    continue
                status, import_status, _running = self.state(found)
                if status not in FINISHED_STATUSES or import_status == "Importing":
                    continue
                found["settled"] = True
                found["finished"] = found["started"] + SCAN_SECONDS
                if status != "Error":
                    self._scan(found)
                if self.dataset.now < found["finished"]:
                    self._change(self.dataset, "now", found["finished"])
                changed = True
        if changed:
            self.on_change()

    def _answering(self, scan):
        """The hosts of the scan's repository and targets that are not down: what it will scan."""
        targets = IntervalSet.parse(str(scan.get("ipList") or ""))
        return [host for host in self.dataset.hosts if host.repository_id == str(scan["repository"]["id"])
                and host.ip_int in targets and host.ip not in self.machines.down]

    def _scan(self, found):
        """What the scan finds on its hosts' findings, by the timeline's rules."""
        scan, dataset, machines = found["scan"], self.dataset, self.machines
        plugin_ids = self.policies.plugin_ids(scan["policy"]["id"]) if scan.get("type", "policy") == "policy" else set()
        seen_at = found["started"] + 1
        for host in found["scanned"]:
            self._change(host, "last_scan", seen_at)
            for index in range(dataset.host_start[host.index], dataset.host_start[host.index + 1]):
                plugin = PLUGINS[dataset.f_plugin[index]]
                # inferred: a fixed finding stays fixed (nothing marks it vulnerable again); a Nessus scan leaves
                # web application findings alone
                if plugin.was or dataset.f_mitigated[index] or (plugin_ids is not None and plugin.id not in plugin_ids):
                    continue
                if machines.is_patched(host.ip, plugin.id, dataset.f_port[index]):
                    self._change(dataset.f_mitigated, index, 1)
                    self._change(dataset.f_last_mitigated, index, seen_at)
                else:
                    self._change(dataset.f_last, index, seen_at)

    @staticmethod
    def _summary(found, status):
        return {"id": found["id"], "name": found["scan"]["name"], "description": "", "status": status}

    def render_result(self, found):
        """A result's details (recorded: test_scan_instances_details_success.yaml, the fields a client reads).

        The statuses are read once, so they always agree with each other.
        """
        status, import_status, running = self.state(found)
        scan = found["scan"]
        repository = self.dataset.repository(scan["repository"]["id"])
        finished = status in FINISHED_STATUSES
        outcome = found["outcome"] or {}
        if found["scanned"] is None:
            # inferred: a dataset's result scanned every host of its repository
            total = scanned = sum(host.repository_id == repository["id"] for host in self.dataset.hosts)
        else:
            total = sum(last - first + 1 for first, last in parse_intervals(str(scan.get("ipList") or "")))
            scanned = len({host.ip for host in found["scanned"]})
        return dict(self._summary(found, status), **{
            "details": self._policy_ref(scan)["name"], "importStatus": import_status, "running": running,
            "errorDetails": outcome.get("errorDetails", "") if status == "Error" else "", "importErrorDetails": "",
            "totalIPs": str(total), "scannedIPs": str(scanned if finished and status != "Error" else 0),
            "startTime": str(found["started"]),
            "finishTime": str(found["finished"]) if finished and found["finished"] else "-1",
            "createdTime": str(found["createdTime"]), "downloadAvailable": "true" if finished else "false",
            "scan": {"id": scan["id"], "name": scan["name"], "description": ""},
            "repository": {key: repository[key] for key in ("id", "name", "description")},
            "initiator": self._owner.ref(), "owner": self._owner.ref()})

    def individual(self, result_id, view):
        """(repository ID, host test, finding tests) of a result's own data, for the analysis engine.

        inferred: a launched result holds the findings of the hosts it scanned: "all" those it saw open, "patched"
        those it found fixed, "new" those first seen by it; a dataset's result, its repository's hosts scanned in
        the week before it finished.
        """
        found = self.result(result_id)
        status, import_status, _running = self.state(found)
        if status not in FINISHED_STATUSES or import_status == "Importing":
            # reported: pyTenable #417 (403/143 for a result whose data is not there yet, SC's words)
            raise query_not_built("Error executing showvulns-individual: Error opening file"
                                  " /opt/sc/orgs/1/VDB/%s.namedb.db (No such file or directory)" % result_id)
        self.settle()
        repository_id = str(found["scan"]["repository"]["id"])
        if found["launched"] == float("-inf"):
            since = found["finished"] - _SEEDED_SCAN_WINDOW
            return repository_id, lambda host: host.last_scan >= since, [
                ("f_first", lambda stamp: stamp >= since)] if view == "new" else []
        seen_at = found["started"] + 1
        column = {"all": "f_last", "patched": "f_last_mitigated", "new": "f_first"}[view]
        return repository_id, lambda host: True, [(column, lambda stamp: stamp == seen_at)]

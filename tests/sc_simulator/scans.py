# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Scan definitions (/rest/scan), launches and the scan results they make (/rest/scanResult).

recorded: sc_scans_create.yaml (a policy scan created with schedule "template", answered with string fields),
test_scans_launch.yaml (the launch answer: scanID and a scanResult with status "Queued"),
test_scan_instances_details_success.yaml (a finished result: status, importStatus, times, IPs, progress),
scan_instance.yaml and test_scan_instances_list.yaml (the list: usable and manageable id, name, description,
status), test_scans_delete.yaml (403/147 for a scan that does not exist), all SC 5.8.
documented: the statuses a result moves through (Queued, Preparing, Initializing Scanners, Running, then
Completed, Partial or Error) and the import statuses (No Results, Import Pending, Importing, Finished).
reported: SC 5.20 refuses a plugin scan with "Please specify a valid Policy." (pyTenable #544).
inferred: how long each stage takes (``ScanTiming``, seconds on the test's clock); the results list's window on
createdTime (30 days unless startTime and endTime say otherwise, as pyTenable documents it).
Not modelled yet: policies, plugin families, a launched result's own data, and what a completed scan does to
the findings of the hosts it scanned.
"""

import threading
import time

from .envelope import SCError, invalid_parameters, not_found

# documented: a launched result's statuses in order, then how it ends
RUN_STATUSES = ("Queued", "Preparing", "Initializing Scanners", "Running")
# reported: pyTenable #544 (5.20 refuses type "plugin")
PLUGIN_SCANS_REFUSED_FROM = (5, 20)
_THIRTY_DAYS = 30 * 86400
# recorded: sc_scans_create.yaml (the policy of the recorded scan)
FULL_SAFE_SCAN = {"id": "1000001", "name": "Full Safe Scan", "description": ""}


class ScanTiming:
    """Seconds a launched result spends queued, preparing, initializing scanners, running and importing."""

    def __init__(self, queued=0.2, preparing=0.2, initializing=0.2, running=0.6, importing=0.4):
        self.stages = (queued, preparing, initializing, running)
        self.importing = importing


class ScanStore:
    """The organization's scan definitions and the results their launches made; thread-safe."""

    def __init__(self, dataset, owner, clock=time.monotonic):
        self.dataset = dataset
        self._owner = owner
        self._clock = clock
        self._lock = threading.Lock()
        self.timing = ScanTiming()
        # Set by a test: the launched result ends in "Error" with these details, or in "Partial".
        self.outcome = None
        self.reset()

    def reset(self):
        with self._lock:
            self._scans = {}
            self._results = {}
            self._next_scan = 1
            # inferred: launched results are numbered after the dataset's own scan results
            self._next_result = len(self.dataset.scan_results) + 1
            for repository in self.dataset.repositories:
                self._add({"name": "Weekly scan: %s" % repository["name"], "type": "policy",
                           "repository": {"id": repository["id"]}, "policy": {"id": FULL_SAFE_SCAN["id"]},
                           "ipList": "", "schedule": {"type": "template"}})
            self.timing = ScanTiming()
            self.outcome = None

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
        if body.get("type", "policy") == "policy" and not isinstance(body.get("policy"), dict):
            raise SCError(403, 146, "Please specify a valid Policy.\n")  # inferred: as for a plugin scan
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

    def render(self, scan):
        """A definition as SC answers it (recorded: sc_scans_create.yaml, the fields a client reads)."""
        repository = self.dataset.repository(scan["repository"]["id"])
        policy = FULL_SAFE_SCAN if scan.get("type") == "policy" else {"id": -1, "name": "", "description": ""}
        return {
            "id": scan["id"], "name": scan["name"], "description": scan.get("description", ""),
            "ipList": scan.get("ipList", ""), "type": scan.get("type", "policy"), "status": "0",
            "createdTime": scan["createdTime"], "modifiedTime": scan["createdTime"], "maxScanTime": "3600",
            "timeoutAction": "import",
            "schedule": {"id": scan["id"], "objectType": "scan", "type": scan.get("schedule", {}).get("type", "now"),
                         "start": "", "repeatRule": "", "nextRun": 0},
            "policy": dict(policy, id=str(scan.get("policy", {}).get("id", policy["id"]))),
            "repository": {key: repository[key] for key in ("id", "name", "description")},
            "canUse": "true", "canManage": "true", "owner": self._owner.ref(), "creator": self._owner.ref(),
        }

    # Launches and results

    def launch(self, scan_id):
        scan = self.get(scan_id)
        with self._lock:
            result_id = str(self._next_result)
            self._next_result += 1
            self._results[result_id] = {"id": result_id, "scan": scan, "launched": self._clock(),
                                        "createdTime": self.dataset.now, "outcome": self.outcome}
        # recorded: test_scans_launch.yaml
        return {"scanID": scan["id"], "scanResult": dict(self._summary(self._results[result_id], RUN_STATUSES[0]), **{
            "initiatorID": self._owner.id, "ownerID": self._owner.id, "scanID": scan["id"], "resultsSyncID": -1,
            "repositoryID": scan["repository"]["id"], "details": FULL_SAFE_SCAN["name"], "downloadFormat": "v2",
            "dataFormat": "IPv4", "resultType": "active"})}

    def result(self, result_id):
        found = self._results.get(str(result_id))
        if found is None:
            raise not_found("Scan Result", result_id)  # inferred: wording, in SC's "<Object> #<id>" style
        return found

    def results(self, start_time=None, end_time=None):
        """Launched results created in [start_time, end_time]; by default the last 30 days (inferred)."""
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
        return final, "Importing" if elapsed < self.timing.importing else "Finished", "false"

    @staticmethod
    def _summary(found, status):
        return {"id": found["id"], "name": found["scan"]["name"], "description": "", "status": status}

    def render_result(self, found):
        """A result's details (recorded: test_scan_instances_details_success.yaml, the fields a client reads).

        The statuses are read once, so they always agree with each other.
        """
        status, import_status, running = self.state(found)
        repository = self.dataset.repository(found["scan"]["repository"]["id"])
        finished = status in ("Completed", "Partial", "Error")
        outcome = found["outcome"] or {}
        return dict(self._summary(found, status), **{
            "details": FULL_SAFE_SCAN["name"], "importStatus": import_status, "running": running,
            "errorDetails": outcome.get("errorDetails", "") if status == "Error" else "", "importErrorDetails": "",
            "totalIPs": "1", "scannedIPs": "1" if finished and status != "Error" else "0",
            "startTime": str(found["createdTime"]), "finishTime": str(found["createdTime"]) if finished else "-1",
            "createdTime": str(found["createdTime"]), "downloadAvailable": "true" if finished else "false",
            "scan": {"id": found["scan"]["id"], "name": found["scan"]["name"], "description": ""},
            "repository": {key: repository[key] for key in ("id", "name", "description")},
            "initiator": self._owner.ref(), "owner": self._owner.ref()})

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The fault matrix: every target of the collection against every fault the simulator scripts.

A row is a fault kind and how often it fires; a column is a target. ``observe`` runs every row of one fault
kind: one ansible-playbook run holds all module targets (the arm_faults callback arms the fault before each
task), and one ansible-inventory run per row holds the inventory. Each cell is judged against what the
simulator holds and comes back as plain JSON, so test processes can share observations.
"""

import ipaddress
import json
import re
import time
import zlib
from dataclasses import dataclass
from pathlib import Path

import yaml

from ansible_collections.secops.tenablesc.plugins.module_utils.rows import normalize_row
from ansible_collections.secops.tenablesc.plugins.plugin_utils.inventory import HostMerger, host_rows
from sc_simulator.endpoints import version_tuple
from sc_simulator.policies import FULL_SAFE_SCAN_ID
from sc_simulator.scans import ScanTiming
from support.ansible_run import REPO, run_inventory, run_playbook, sc_environment

# Small budgets keep the matrix fast: one retry, and "slow" means slower than this timeout.
RETRIES = 1
TIMEOUT = 1.0
SLOW_DELAY = 1.5
PAGE_SIZE = 25
READER, MANAGER = "vulnanalyst", "secmanager"
CALLBACKS = "%s:%s" % (REPO / "tests" / "support" / "callback", Path(__file__).resolve().parent / "callback")

SUCCESS, FAILURE = "success", "failure"
ONCE, EVERY_TIME, EVERY_LATER_PAGE = "once", "every time", "every later page"
# Firings per row: "every time" outlasts any retry budget.
TIMES = {ONCE: 1, EVERY_TIME: 100, EVERY_LATER_PAGE: 1000}


@dataclass(frozen=True)
class Fault:
    """A simulator fault kind, with the rows (how often it fires) the matrix shows for it."""

    name: str
    label: str
    kind: str
    params: tuple = ()
    fires: tuple = (ONCE, EVERY_TIME)
    paged_only: bool = False  # only requests after a first analysis page can meet it

    @property
    def retried_for_writes(self):
        """A 429 is SC refusing before doing anything, so even a create or delete is sent again after it."""
        return dict(self.params).get("status") == 429

    def spec(self, target, fires):
        """The simulator fault that puts this row on ``target``'s request."""
        return dict(self.params, kind=self.kind, method=target.method, path=target.path, after=target.after,
                    times=TIMES[fires], exact=target.exact)


FAULTS = (
    Fault("rate-limit", "429 with Retry-After", "status", (("status", 429), ("retry_after", 1))),
    Fault("unavailable", "503 Service Unavailable", "status", (("status", 503),)),
    Fault("proxy-502", "502 HTML page from a proxy", "html502"),
    Fault("reset-before", "connection reset before SC processed the request", "reset_before"),
    Fault("reset-after", "connection reset after SC processed the request", "reset_after"),
    Fault("truncated", "truncated JSON", "truncated"),
    Fault("slow", "reply slower than timeout", "slow", (("delay", SLOW_DELAY),)),
    Fault("database-locked", "database is locked", "db_locked"),
    Fault("total-records-drift", "totalRecords changing between pages", "total_records_drift", (("delta", -30),),
          fires=(EVERY_LATER_PAGE,), paged_only=True),
    Fault("invalid-page", "403/146 on a page after the first", "analysis_error", fires=(ONCE,), paged_only=True),
)


@dataclass(frozen=True)
class Target:
    """A column: a module task (or the inventory) and the request of it the faults hit."""

    name: str
    label: str
    method: str
    path: str
    after: int = 0  # requests to the path let through first
    paged: bool = False
    repeatable: bool = True  # creates and deletes are never sent twice once they may have reached SC
    rereads_when_count_moves: bool = False  # the findings sync reads a walk again when SC's count moves under it
    exact: bool = False  # the faults hit only ``path`` itself, not the paths below it


TARGETS = (
    Target("apikey_check", "apikey_check", "GET", "/rest/currentUser"),
    Target("asset_info", "asset_info", "GET", "/rest/asset", after=1),
    Target("vulns_info", "vulns_info", "POST", "/rest/analysis", after=1, paged=True),
    Target("vulns_info_dest", "vulns_info dest", "POST", "/rest/analysis", after=1, paged=True),
    Target("findings_sync", "findings_sync", "POST", "/rest/analysis", after=1, paged=True,
           rereads_when_count_moves=True),
    Target("asset_create", "asset create", "POST", "/rest/asset", repeatable=False),
    Target("asset_update", "asset update", "PATCH", "/rest/asset"),
    Target("asset_delete", "asset delete", "DELETE", "/rest/asset", repeatable=False),
    Target("scan_result_info", "scan_result_info", "GET", "/rest/scanResult"),
    # The first POST under /rest/scan a launch sends is the launch; a remediation scan's first write is the policy.
    Target("scan_launch", "scan_launch", "POST", "/rest/scan", repeatable=False),
    Target("remediation_scan", "remediation_scan", "POST", "/rest/policy", repeatable=False),
    # The create only: applying, a POST below the same path, is retried like a read (it is idempotent).
    Target("accept_risk", "accept_risk", "POST", "/rest/acceptRiskRule", repeatable=False, exact=True),
    Target("inventory", "inventory", "POST", "/rest/analysis", after=1, paged=True),
)
MODULE_TARGETS = tuple(target for target in TARGETS if target.name != "inventory")
INVENTORY = TARGETS[-1]

# A write SC carried out before its answer was lost: the module finds the result on SC instead of repeating it.
ANSWER_LOST = ("reset_after", "truncated")


def expected_outcome(fault, fires, target):
    """SUCCESS or FAILURE, from first principles; None where the fault cannot meet the target."""
    if fault.paged_only and not target.paged:
        return None
    if fault.kind == "total_records_drift":
        return SUCCESS  # the rows decide where the data ends, not the count SC announces
    if fault.kind == "analysis_error":
        return FAILURE  # SC refused a page: what came before is not all the data
    if not target.repeatable and not fault.retried_for_writes:
        return SUCCESS if fault.kind in ANSWER_LOST else FAILURE
    return SUCCESS if fires == ONCE else FAILURE


# ---------------------------------------------------------------------------------------------------------------
# Running a fault kind


class Row:
    """The names and files one row's module targets work on, so rows share a simulator without meeting."""

    def __init__(self, fires, workdir):
        self.fires = fires
        suffix = fires.replace(" ", "-")
        self.created, self.updated, self.deleted, self.launched, self.verified = (
            "Fault matrix %s (%s)" % (what, fires) for what in ("created", "updated", "deleted", "launched", "verified"))
        # Each row accepts a plugin on an address of its own, which no host has.
        self.accepted_ip = "10.250.4.%d" % (zlib.crc32(fires.encode()) % 250 + 1)
        self.dest = Path(workdir) / ("findings-%s.jsonl" % suffix)
        self.changes = Path(workdir) / ("changes-%s.jsonl" % suffix)
        self.checkpoint = Path(workdir) / ("checkpoint-%s.json" % suffix)

    def task(self, target):
        return "%s: %s" % (self.fires, target.name)


UPDATED_IPS = ["10.250.1.2", "10.250.1.3"]
# Scans aim at an address no host answers at, so they change no finding the other targets are judged on.
UNANSWERED = "10.250.9.9"
# The checkpoint a row's sync starts from: before any finding of the dataset (2025-01-01).
SYNC_START = 1735689600
PREVIOUS_EXPORT = '{"previous": "export"}\n'


def module_task(sim, row, target):
    """(module, arguments) of a module target."""
    connection = dict(url=sim.url, ca_path=sim.ca_path, retries=RETRIES, timeout=TIMEOUT)
    reader = dict(connection, api_keys=sim.key_string(READER))
    manager = dict(connection, api_keys=sim.key_string(MANAGER))
    vulns = dict(reader, tool="sumip", page_size=PAGE_SIZE)
    return {
        "apikey_check": ("tenablesc_apikey_check", reader),
        "asset_info": ("tenablesc_asset_info", reader),
        "vulns_info": ("tenablesc_vulns_info", vulns),
        "vulns_info_dest": ("tenablesc_vulns_info", dict(vulns, dest=str(row.dest))),
        "findings_sync": ("tenablesc_findings_sync", dict(reader, page_size=PAGE_SIZE, dest=str(row.changes),
                                                          checkpoint_file=str(row.checkpoint))),
        "asset_create": ("tenablesc_asset", dict(manager, name=row.created, type="static", ips=["10.250.0.1"])),
        "asset_update": ("tenablesc_asset", dict(manager, name=row.updated, ips=UPDATED_IPS)),
        "asset_delete": ("tenablesc_asset", dict(manager, name=row.deleted, state="absent")),
        "scan_result_info": ("tenablesc_scan_result_info", reader),
        "scan_launch": ("tenablesc_scan_launch", dict(manager, name=row.launched)),
        "remediation_scan": ("tenablesc_remediation_scan", dict(manager, name=row.verified, poll_interval=1, findings=[
            {"ip": UNANSWERED, "pluginID": 19506, "port": 0, "protocol": "TCP", "repository": {"id": 1}}])),
        "accept_risk": ("tenablesc_accept_risk", dict(manager, plugin_id=19506, ips=[row.accepted_ip],
                                                      repositories=[1], comment="fault matrix")),
    }[target.name]


def seed(sim, row):
    """The lists a row's update and delete work on, and an earlier export at its dest."""
    manager = sim.users[MANAGER]
    sim.assets.create({"name": row.updated, "type": "static", "definedIPs": "10.250.1.1"}, manager)
    sim.assets.create({"name": row.deleted, "type": "static", "definedIPs": "10.250.2.1"}, manager)
    row.dest.write_text(PREVIOUS_EXPORT)
    row.changes.write_text(PREVIOUS_EXPORT)
    row.checkpoint.write_text(json.dumps(dict(format=1, url=sim.url, checkpoint=SYNC_START - 1)))
    sim.scans.create({"name": row.launched, "type": "policy", "repository": {"id": "1"},
                      "policy": {"id": FULL_SAFE_SCAN_ID}, "ipList": UNANSWERED, "schedule": {"type": "template"}},
                     version_tuple(sim.version))
    sim.scans.timing = ScanTiming(queued=0.05, preparing=0.05, initializing=0.05, running=0.1, importing=0.1)


class Oracle:
    """What the simulator holds before the run: what a fault-free run returns."""

    def __init__(self, sim):
        reader = sim.users[READER]
        host_findings = [{"filterName": "wasVuln", "operator": "=", "value": "excludeWas"}]  # the default
        body = {"type": "vuln", "sourceType": "cumulative", "query": {
            "tool": "sumip", "type": "vuln", "filters": host_findings, "startOffset": 0, "endOffset": 100000}}
        response, _rows = sim.analysis.run(body, reader, version_tuple(sim.version))
        self.sumip_rows = [normalize_row(row) for row in json.loads(response["results"].text)]
        self.changes = []
        for state, source, time_filter in (("fixed", "patched", "lastMitigated"), ("open", "cumulative", "lastSeen")):
            window = {"filterName": time_filter, "operator": "=", "value": "%d-%d" % (SYNC_START, sim.dataset.now)}
            body = {"type": "vuln", "sourceType": source, "query": {
                "tool": "vulndetails", "type": "vuln", "filters": host_findings + [window], "startOffset": 0,
                "endOffset": 100000}}
            response, _rows = sim.analysis.run(body, reader, version_tuple(sim.version))
            self.changes += [change_of(normalize_row(row), state) for row in json.loads(response["results"].text)]
        self.now = sim.dataset.now
        self.scan_result_ids = sorted(int(found["id"]) for found in sim.scans.results())
        self.asset_lists = [(asset.id, asset.name, asset.type) for asset in sim.assets.usable()]
        self.username = reader.username
        self.repository_ids = sorted(str(repository_id) for repository_id in reader.repository_ids)
        self.hosts = host_facts(HostMerger().merge(host_rows(self.sumip_rows)).values())


def change_of(row, state):
    """A changed finding as the oracle compares it: the finding, and its state (fixed, reopened or open)."""
    if state == "open" and row.get("hasBeenMitigated"):
        state = "reopened"
    return [row["repository"]["id"], row["ip"], row["port"], row["protocol"], row["pluginID"], state]


def wait_until_idle(sim, limit=SLOW_DELAY * 4):
    """Let requests their clients gave up on (slow replies) finish, so SC's state is final."""
    deadline = time.monotonic() + limit
    while sim.state()["in_flight"] and time.monotonic() < deadline:
        time.sleep(0.05)


class PlaybookRun:
    """One ansible-playbook run over every module target of every row: the readers first, then the writes."""

    def __init__(self, sim, fault, rows, workdir):
        workdir = Path(workdir)
        plan, tasks = dict(url=sim.url, ca_path=sim.ca_path, tasks={}), []
        for target in MODULE_TARGETS:
            for row in rows:
                if expected_outcome(fault, row.fires, target) is None:
                    continue
                module, args = module_task(sim, row, target)
                plan["tasks"][row.task(target)] = [fault.spec(target, row.fires)]
                tasks.append({"name": row.task(target), "secops.tenablesc." + module: args, "ignore_errors": True})
        (workdir / "plan.json").write_text(json.dumps(plan))
        playbook = workdir / "faults.yml"
        playbook.write_text(yaml.safe_dump([dict(hosts="localhost", gather_facts=False, tasks=tasks)]))
        windows_file = workdir / "windows.jsonl"
        self.run = run_playbook(playbook, workdir, env=dict(
            ANSIBLE_CALLBACK_PLUGINS=CALLBACKS, ANSIBLE_CALLBACKS_ENABLED="record_results,arm_faults",
            FAULT_PLAN_FILE=str(workdir / "plan.json"), FAULT_WINDOWS_FILE=str(windows_file)))
        wait_until_idle(sim)
        windows = [json.loads(line) for line in windows_file.read_text().splitlines()] if windows_file.exists() else []
        self.windows = dict((window["task"], (window["first"], window["last"])) for window in windows)
        self.results = dict((entry["task"], entry) for entry in self.run.results)


class InventoryRun:
    """One ansible-inventory --list run with a row's fault on the inventory's requests."""

    def __init__(self, sim, fault, fires, workdir):
        workdir = Path(workdir)
        config = workdir / "faults.tenablesc.yml"
        config.write_text("plugin: secops.tenablesc.tenablesc\npage_size: %d\n" % PAGE_SIZE)
        sim.faults.clear()
        sim.add_fault(**fault.spec(INVENTORY, fires))
        first = len(sim.requests)
        self.run = run_inventory(config, workdir, env=dict(
            sc_environment(sim, READER), TENABLESC_RETRIES=str(RETRIES), TENABLESC_TIMEOUT=str(TIMEOUT)))
        wait_until_idle(sim)
        sim.faults.clear()
        self.window = (first, len(sim.requests))


def observe(sim, fault, workdir):
    """Every row of ``fault`` on every target it can meet: {fires: {target name: cell as a dict}}."""
    sim.reset()
    rows = [Row(fires, workdir) for fires in fault.fires]
    for row in rows:
        seed(sim, row)
    oracle = Oracle(sim)
    playbook = PlaybookRun(sim, fault, rows, workdir)
    observed = {}
    for row in rows:
        cells = observed[row.fires] = {}
        for target in MODULE_TARGETS:
            if expected_outcome(fault, row.fires, target) is not None:
                cells[target.name] = judge_module(sim, row, target, playbook, oracle).as_dict()
        inventory = InventoryRun(sim, fault, row.fires, workdir)
        cells[INVENTORY.name] = judge_inventory(sim, inventory, oracle).as_dict()
    return observed


# ---------------------------------------------------------------------------------------------------------------
# Judging a cell


class Cell:
    """What one target did in one row, and every expectation it broke."""

    def __init__(self, sim, records, succeeded, message, warnings, output):
        self.succeeded = succeeded
        self.message = message
        self.warnings = warnings
        self.fired = sum(1 for record in records if record.fault)
        self.retries = retries(records)
        self.problems = []
        self.check(self.fired, "the fault never fired")
        leaked = [name for name, user in sim.users.items() if user.secret_key in output or user.access_key in output]
        self.check(not leaked, "the keys of %s appear in the output" % ", ".join(leaked))
        self.check("Traceback" not in output, "a traceback appears in the output")
        self.check(succeeded or (message and "\n" not in message.strip()),
                   "the failure has no single-line message: %r" % (message,))

    def check(self, holds, problem):
        if not holds:
            self.problems.append(problem)

    def as_dict(self):
        return dict(outcome=SUCCESS if self.succeeded else FAILURE, message=self.message, warnings=self.warnings,
                    fired=self.fired, retries=self.retries, problems=self.problems)


def retries(records):
    """How many requests were sent again after a fault spoiled them (same method, path, query and body)."""
    spoiled, resent = [], 0
    for record in records:
        repeated = next((earlier for earlier in spoiled if _same_request(earlier, record)), None)
        if repeated is not None:
            spoiled.remove(repeated)
            resent += 1
        if record.fault:
            spoiled.append(record)
    return resent


def _same_request(first, second):
    return (first.method, first.path, first.query, first.json_body) == (
        second.method, second.path, second.query, second.json_body)


def judge_module(sim, row, target, playbook, oracle):
    entry = playbook.results.get(row.task(target))
    first, last = playbook.windows.get(row.task(target), (0, 0))
    result = entry["result"] if entry else {}
    succeeded = bool(entry) and entry["status"] == "ok"
    cell = Cell(sim, sim.requests[first:last], succeeded, None if succeeded else str(result.get("msg", "")),
                [str(warning) for warning in result.get("warnings") or []],
                json.dumps(result) + playbook.run.stdout + playbook.run.stderr)
    if not entry:
        cell.problems.append("the task did not run: %s" % playbook.run.output[-2000:])
        return cell
    cell.check(succeeded or "exception" not in result, "the failed result carries an exception")
    JUDGES[target.name](cell, sim, row, result, oracle)
    return cell


def _apikey_check(cell, sim, row, result, oracle):
    checks = result.get("checks") or []
    if cell.succeeded:
        cell.check(result.get("valid") is True and len(checks) == 9 and all(check["ok"] for check in checks),
                   "not every check passed: %s" % checks)
        cell.check((result.get("user") or {}).get("username") == oracle.username, "wrong user")
        cell.check(sorted(r["id"] for r in result.get("repositories") or []) == oracle.repository_ids,
                   "wrong repositories")
        cell.check(result.get("asset_list_count") == len(oracle.asset_lists), "wrong asset list count")
    else:
        cell.check(result.get("valid") is False and checks and checks[-1]["name"] == "keys_accepted",
                   "the failed check is not keys_accepted: %s" % checks)


def _vulns_info(cell, sim, row, result, oracle):
    if cell.succeeded:
        cell.check(result.get("findings") == oracle.sumip_rows, "the rows differ from SC's")
        cell.check(result.get("returned_records") == result.get("total_records") == len(oracle.sumip_rows),
                   "wrong counts: %s returned of %s" % (result.get("returned_records"), result.get("total_records")))
    else:
        cell.check(not result.get("findings"), "a failed task returned rows")


def _vulns_info_dest(cell, sim, row, result, oracle):
    leftovers = [path.name for path in row.dest.parent.iterdir() if path.name.startswith("." + row.dest.name)]
    cell.check(not leftovers, "temporary files left beside dest: %s" % leftovers)
    text = row.dest.read_text() if row.dest.exists() else ""
    if cell.succeeded:
        cell.check([json.loads(line) for line in text.splitlines()] == oracle.sumip_rows,
                   "dest does not hold exactly SC's rows")
        cell.check(result.get("findings") == [] and result.get("returned_records") == len(oracle.sumip_rows),
                   "wrong result beside dest")
    else:
        cell.check(text == PREVIOUS_EXPORT, "the earlier export at dest was not left as it was")
        cell.check(not result.get("findings"), "a failed task returned rows")


def _findings_sync(cell, sim, row, result, oracle):
    leftovers = [path.name for path in row.changes.parent.iterdir()
                 if path.name.startswith(("." + row.changes.name, "." + row.checkpoint.name))]
    cell.check(not leftovers, "temporary files left beside dest or the checkpoint file: %s" % leftovers)
    text = row.changes.read_text() if row.changes.exists() else ""
    saved = json.loads(row.checkpoint.read_text())
    if cell.succeeded:
        changes = [json.loads(line) for line in text.splitlines()]
        cell.check([change_of(change, change["state"]) for change in changes] == oracle.changes,
                   "dest does not hold exactly SC's changes")
        cell.check(saved["checkpoint"] == result.get("checkpoint") == oracle.now, "the checkpoint did not move to"
                   " SC's clock")
        cell.check(sum((result.get("counts") or {}).values()) == len(oracle.changes), "wrong counts")
    else:
        cell.check(text == PREVIOUS_EXPORT, "the earlier export at dest was not left as it was")
        cell.check(saved["checkpoint"] == SYNC_START - 1, "the checkpoint moved after a failure")


def _asset_info(cell, sim, row, result, oracle):
    if cell.succeeded:
        listed = [(asset["id"], asset["name"], asset["type"]) for asset in result.get("assets") or []]
        cell.check(listed == oracle.asset_lists, "the asset lists differ from SC's: %s" % listed)
    else:
        cell.check(not result.get("assets"), "a failed task returned asset lists")


def _asset_create(cell, sim, row, result, oracle):
    found = lists_named(sim, row.created)
    cell.check(len(found) <= 1, "%d asset lists named %r" % (len(found), row.created))
    if cell.succeeded:
        cell.check(len(found) == 1 and addresses(found[0]) == addresses_of(["10.250.0.1"]),
                   "SC does not hold the list as asked")
        cell.check(result.get("changed") is True and found and (result.get("asset") or {}).get("id") == found[0].id,
                   "the result is not the list SC holds")


def _asset_update(cell, sim, row, result, oracle):
    found = lists_named(sim, row.updated)
    cell.check(len(found) == 1, "%d asset lists named %r" % (len(found), row.updated))
    if cell.succeeded:
        cell.check(found and addresses(found[0]) == addresses_of(UPDATED_IPS), "SC does not hold the new addresses")
        cell.check(result.get("changed") is True
                   and addresses_of((result.get("asset") or {}).get("ips") or []) == addresses_of(UPDATED_IPS),
                   "the result does not show the new addresses")


def _asset_delete(cell, sim, row, result, oracle):
    found = lists_named(sim, row.deleted)
    cell.check(len(found) <= 1, "%d asset lists named %r" % (len(found), row.deleted))
    if cell.succeeded:
        cell.check(not found and result.get("changed") is True, "the list is still on SC")


def _scan_result_info(cell, sim, row, result, oracle):
    if cell.succeeded:
        listed = sorted(found["id"] for found in result.get("scan_results") or [])
        cell.check(listed == oracle.scan_result_ids, "the scan results differ from SC's: %s" % listed)
    else:
        cell.check(not result.get("scan_results"), "a failed task returned scan results")


def _scan_launch(cell, sim, row, result, oracle):
    [scan] = [scan for scan in sim.scans.definitions() if scan["name"] == row.launched]
    made = [found for found in sim.scans.results() if found["scan"]["id"] == scan["id"]]
    cell.check(len(made) <= 1, "%d scan results for one launch" % len(made))
    if cell.succeeded:
        cell.check(len(made) == 1 and (result.get("scan_result") or {}).get("id") == int(made[0]["id"]),
                   "the result is not the scan result SC made")


def _remediation_scan(cell, sim, row, result, oracle):
    left = [scan["name"] for scan in sim.scans.definitions() if scan["name"].startswith(row.verified)] + [
        policy["name"] for policy in sim.policies.summaries() if policy["name"].startswith(row.verified)]
    # A create whose answer never came may land after the task gave up: then the failure must name it.
    cell.check(not left or not cell.succeeded and all(name in (cell.message or "") for name in left),
               "the task left %s on SC" % left)
    if cell.succeeded:
        cell.check(result.get("counts") == {"fixed": 0, "vulnerable": 0, "not_checked": 1},
                   "the finding was not reported unchecked: %s" % result.get("counts"))


def _accept_risk(cell, sim, row, result, oracle):
    made = [rule for rule in sim.risk_rules.listed("accept") if rule["hostValue"] == row.accepted_ip]
    cell.check(len(made) <= 1, "%d accept risk rules for one address" % len(made))
    if cell.succeeded:
        cell.check(len(made) == 1 and [rule.get("id") for rule in result.get("rules") or []] == [int(made[0]["id"])],
                   "the result is not the rule SC holds")
        cell.check(result.get("applied_repositories") == [1], "the rule was not applied")
    else:
        cell.check(not result.get("rules"), "a failed task returned rules")


JUDGES = dict(apikey_check=_apikey_check, vulns_info=_vulns_info, vulns_info_dest=_vulns_info_dest,
              findings_sync=_findings_sync,
              asset_info=_asset_info, asset_create=_asset_create, asset_update=_asset_update,
              asset_delete=_asset_delete, scan_result_info=_scan_result_info, scan_launch=_scan_launch,
              remediation_scan=_remediation_scan, accept_risk=_accept_risk)


def judge_inventory(sim, inventory, oracle):
    first, last = inventory.window
    run = inventory.run
    succeeded = run.returncode == 0
    cell = Cell(sim, sim.requests[first:last], succeeded, None if succeeded else inventory_message(run.stderr), [],
                run.stdout + run.stderr)
    if succeeded:
        cell.check(host_facts(run.listed["_meta"]["hostvars"].values()) == oracle.hosts, "the hosts differ from SC's")
    else:
        cell.check(run.listed is None, "a failed inventory listed an inventory")
    return cell


def inventory_message(stderr):
    """The plugin's own message out of Ansible's report of a source that failed to parse (lines unwrapped)."""
    text = " ".join(stderr.split())
    found = re.search(r"tenablesc'? plugin: (.*?)(?= Failed to parse inventory| \[WARNING\]|$)", text)
    return found.group(1) if found else text


# ---------------------------------------------------------------------------------------------------------------
# What SC holds


def host_facts(hosts):
    """Each host's address, names, repositories and severity counts, in an order-free form."""
    return sorted(json.dumps([host["sc_ip"], host["sc_dns_name"], host["sc_netbios_name"],
                              sorted(repository["id"] for repository in host["sc_repositories"]),
                              host["sc_severity"]], sort_keys=True) for host in hosts)


def lists_named(sim, name):
    return [asset for asset in sim.assets.usable() if asset.name == name]


def addresses(asset):
    return addresses_of(asset.type_fields.get("definedIPs", "").split(","))


def addresses_of(items):
    """Every address of SC's address, CIDR and range forms, computed plainly."""
    found = set()
    for item in items:
        first, _sep, last = item.strip().partition("-")
        if last:
            found.update(range(int(ipaddress.ip_address(first)), int(ipaddress.ip_address(last)) + 1))
        else:
            found.update(int(address) for address in ipaddress.ip_network(first, strict=False))
    return found

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""tenablesc_findings_sync through ansible-playbook, against a simulator whose clock tests move a day at a time."""

import json
import os
from collections import Counter

import pytest

from sc_simulator.catalog import PROTOCOL_NAMES
from sc_simulator.timeline import DayPlan, finding_identity

DAY = 86400
USER = "vulnanalyst"


@pytest.fixture
def sync(task, moving_sc, tmp_path):
    """sync(**args) -> the result of one successful run; the checkpoint file is tmp_path/checkpoint."""
    def run(expect_failure=False, check=False, **args):
        given = dict(url=moving_sc.url, api_keys=moving_sc.key_string(USER), ca_path=moving_sc.ca_path, retries=1,
                     timeout=10, page_size=50, checkpoint_file=str(tmp_path / "checkpoint"))
        given.update(args)
        outcome = task("tenablesc_findings_sync", dict((key, value) for key, value in given.items() if value is not None),
                       check=check)
        if expect_failure:
            assert outcome.returncode != 0, outcome.output
            return outcome.result
        assert outcome.returncode == 0, outcome.output
        assert outcome.result["changed"] is False
        return outcome.result
    return run


def expected_key(identity):
    """The finding_key SC 6.x's vulnUniqueness gives for a simulator finding identity."""
    repository, host, port, protocol, plugin = identity
    host_field = "ip" if host.count(".") == 3 or ":" in host else "uuid"
    return "repositoryID=%s,%s=%s,port=%s,protocol=%s,pluginID=%s" % (
        repository, host_field, host, port, protocol, plugin)


def visible_changes(simulator, changes):
    """(finding_key, state) of the changes the service account can see."""
    repositories = set(simulator.users[USER].repository_ids)
    return Counter((expected_key(identity), change.state) for identity, change in changes.items()
                   if identity[0] in repositories)


def in_window(simulator, window):
    """(finding_key, state) of every finding the service account sees whose change falls in ``window``, now."""
    repositories = set(simulator.users[USER].repository_ids)
    found = set()
    for finding in simulator.dataset.findings:
        if finding.host.repository_id not in repositories or finding.plugin.was:
            continue
        moment = finding.last_mitigated if finding.mitigated else finding.last_seen
        if window["start"] <= moment <= window["end"]:
            state = "fixed" if finding.mitigated else "reopened" if finding.reopened else "open"
            identity = finding_identity(finding.host, finding.plugin.id, finding.port, PROTOCOL_NAMES[finding.protocol])
            found.add((expected_key(identity), state))
    return found


def row_identity(row):
    """A finding as the simulator knows it, whatever key the row carries."""
    return row["repository"]["id"], row["uuid"] or row["ip"], row["port"], row["protocol"], row["pluginID"]


def delivered(result):
    return Counter((row["finding_key"], row["state"]) for row in result["rows"])


def test_successive_runs_deliver_every_change_once(sync, moving_sc, tmp_path):
    previous = sync()
    assert previous["window"] == {"start": moving_sc.dataset.now - 30 * DAY, "end": moving_sc.dataset.now}
    for _day in range(3):
        changes = visible_changes(moving_sc, moving_sc.advance_day())
        result = sync()
        assert result["window"] == {"start": previous["checkpoint"] + 1, "end": moving_sc.dataset.now}
        assert delivered(result) == changes
        assert max(delivered(result).values()) == 1
        states = Counter(state for _key, state in changes)
        assert result["counts"] == {state: states[state] for state in ("open", "reopened", "fixed")}
        assert json.loads((tmp_path / "checkpoint").read_text())["checkpoint"] == result["checkpoint"]
        previous = result
    assert previous["counts"]["reopened"] and previous["counts"]["fixed"], "the days reopened and fixed findings"
    assert all(row["state"] != "reopened" or row["hasBeenMitigated"] is True for row in previous["rows"])


def test_a_run_failing_midway_leaves_the_checkpoint_and_the_next_run_delivers_everything(sync, moving_sc, tmp_path):
    sync()
    saved = (tmp_path / "checkpoint").read_bytes()
    changes = visible_changes(moving_sc, moving_sc.advance_day())
    moving_sc.add_fault("reset_after", method="POST", path="/rest/analysis", after=1, times=1000)
    failed = sync(expect_failure=True, dest=str(tmp_path / "changes.jsonl"))
    assert "connection" in failed["msg"].lower() and "Traceback" not in failed["msg"]
    assert (tmp_path / "checkpoint").read_bytes() == saved
    assert not (tmp_path / "changes.jsonl").exists()
    moving_sc.faults.clear()
    assert delivered(sync()) == changes


def test_a_day_passing_while_a_run_pages_loses_no_finding(sync, moving_sc):
    window = {"start": sync()["checkpoint"] + 1}
    moving_sc.advance_day(DayPlan(scanned=0.6))
    window["end"] = moving_sc.dataset.now
    before = in_window(moving_sc, window)
    moving_sc.add_fault("day_passes", method="POST", path="/rest/analysis", after=2)
    result = sync()
    assert result["window"] == window and moving_sc.dataset.now == window["end"] + DAY
    throughout = before & in_window(moving_sc, window)
    assert len(throughout) > 100, "most of the window's findings were left alone by the day passing"
    assert throughout <= set(delivered(result)), "a finding in the window all along was skipped"
    assert max(delivered(result).values()) == 1


def test_data_that_keeps_moving_fails_the_run_and_leaves_the_checkpoint(sync, moving_sc, tmp_path):
    first = sync()
    again = sync()
    assert again["window"] == {"start": first["checkpoint"] + 1, "end": first["checkpoint"]}, "SC's clock stood still"
    assert again["rows"] == [] and again["checkpoint"] == first["checkpoint"]
    moving_sc.advance_day()
    saved = (tmp_path / "checkpoint").read_bytes()
    # Small pages: every walk spans several, and a day passes before each.
    moving_sc.add_fault("day_passes", method="POST", path="/rest/analysis", times=1000)
    failed = sync(expect_failure=True, page_size=5)
    assert "changed during each of 3 reads" in failed["msg"] and "checkpoint was left as it was" in failed["msg"]
    assert (tmp_path / "checkpoint").read_bytes() == saved


def test_finding_keys_hold_across_runs_states_dns_renames_and_sc_versions(sync, moving_sc):
    keys, names, states = {}, {}, {}
    for _day in range(4):
        moving_sc.advance_day(DayPlan(scanned=0.6, fixed=0.2, reopened=0.5, renamed=0.3))
        for row in sync()["rows"]:
            keys.setdefault(row_identity(row), set()).add(row["finding_key"])
            names.setdefault(row_identity(row), set()).add(row["dnsName"])
            states.setdefault(row_identity(row), set()).add(row["state"])
    assert all(len(found) == 1 for found in keys.values())
    assert [identity for identity, found in names.items() if len(found) > 1], "a delivered host was renamed"
    assert [identity for identity, found in states.items() if "fixed" in found and len(found) > 1], (
        "a finding was delivered fixed and open")
    moving_sc.version = "5.20.0"  # no hostUniqueness and vulnUniqueness: the key comes from uniqueness
    older = sync(since=str(moving_sc.dataset.now - 4 * DAY), checkpoint_file=None)
    assert "vulnUniqueness" not in older["rows"][0]
    assert all(keys[row_identity(row)] == {row["finding_key"]} for row in older["rows"])


def test_first_run_honours_first_run_days_and_rows_in_dest_equal_rows_in_the_result(sync, moving_sc, tmp_path):
    dataset = moving_sc.dataset
    repositories = set(moving_sc.users[USER].repository_ids)
    start = dataset.now - 5 * DAY
    findings = [f for f in dataset.findings if f.host.repository_id in repositories and not f.plugin.was]
    expected = Counter(
        ["fixed" for f in findings if f.mitigated and start <= f.last_mitigated]
        + ["open" for f in findings if not f.mitigated and start <= f.last_seen])
    result = sync(first_run_days=5, checkpoint_file=None)
    assert result["window"]["start"] == start and sum(expected.values()) > 0
    assert Counter(row["state"] for row in result["rows"]) == expected
    written = sync(first_run_days=5, checkpoint_file=None, dest=str(tmp_path / "changes.jsonl"))
    assert "rows" not in written and written["counts"] == result["counts"]
    with open(tmp_path / "changes.jsonl", encoding="utf-8") as stream:
        assert [json.loads(line) for line in stream] == result["rows"]
    assert oct(os.stat(tmp_path / "changes.jsonl").st_mode & 0o777) == "0o600"


def test_check_mode_reads_sc_and_writes_nothing(sync, tmp_path):
    result = sync(check=True, dest=str(tmp_path / "changes.csv"))
    assert result["counts"]["open"] > 0
    assert not (tmp_path / "checkpoint").exists() and not (tmp_path / "changes.csv").exists()


def test_checkpoint_file_is_private_and_names_its_sc(sync, moving_sc, tmp_path, secrets):
    sync()
    path = tmp_path / "checkpoint"
    text = path.read_text()
    assert oct(os.stat(path).st_mode & 0o777) == "0o600"
    assert json.loads(text)["url"] == moving_sc.url
    assert not [secret for secret in secrets + moving_sc.every_key() if secret in text]
    refused = sync(expect_failure=True, url=moving_sc.url.replace("127.0.0.1", "localhost"))
    assert "was written for '%s'" % moving_sc.url in refused["msg"]


def test_saved_query_filters_apply_and_conflicts_are_refused(sync):
    result = sync(query="Exploitable criticals", checkpoint_file=None, first_run_days=365)
    assert result["rows"] and all(row["severity"]["id"] == 4 and row["exploitAvailable"] for row in result["rows"])
    conflict = sync(expect_failure=True, query="Exploitable criticals", filters={"severity": ["high"]})
    assert "both filter on severity" in conflict["msg"]
    ambiguous = sync(expect_failure=True, query="Weekly review")
    assert "matches 2 objects (IDs 3, 4)" in ambiguous["msg"]
    windowed = sync(expect_failure=True, query="3")
    assert "filters on lastSeen" in windowed["msg"]


@pytest.mark.parametrize("args, message", [
    (dict(filters={"last_seen": 30}), "the sync cuts the time window itself"),
    (dict(filters={"severty": ["high"]}), "Unknown filter severty"),
    (dict(since="last tuesday"), "since 'last tuesday' is neither epoch seconds nor an ISO 8601 time"),
    (dict(since="2999-01-01"), "since (32472144000) is after SC's clock"),
])
def test_bad_input_fails_with_one_clear_message(sync, args, message):
    failed = sync(expect_failure=True, **args)
    assert message in failed["msg"] and "Traceback" not in failed["msg"]

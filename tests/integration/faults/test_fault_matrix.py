# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every target against every fault the simulator scripts: success with complete data, or one clear failure.

One test per fault kind; each cell (how often the fault fires, target) is a subtest. The last test holds
docs/fault-matrix.md to what the run observed.
"""

import pytest

from fault_doc import DOC, render, stable
from fault_matrix import ANSWER_LOST, FAILURE, FAULTS, ONCE, TARGETS, expected_outcome
from support.goldens import assert_matches

# What a failure must tell the user to do.
FIXES = dict(status="run the task again later", db_locked="run the task again later", slow="raise timeout",
             analysis_error="run the task again", html502="proxy or load balancer",
             reset_before="proxy or load balancer", reset_after="proxy or load balancer",
             truncated="proxy or load balancer")


@pytest.mark.parametrize("fault", FAULTS, ids=[fault.name for fault in FAULTS])
def test_fault(fault, fault_observations, subtests):
    observed = fault_observations(fault)
    for fires in fault.fires:
        for target in TARGETS:
            expected = expected_outcome(fault, fires, target)
            if expected is None:
                continue
            with subtests.test(fires=fires, target=target.name):
                cell = observed[fires][target.name]
                assert cell["problems"] == []
                assert cell["outcome"] == expected, cell["message"]
                if expected == FAILURE:
                    assert FIXES[fault.kind] in cell["message"]
                    if not (target.repeatable or fault.retried_for_writes):
                        assert "never sent twice" in cell["message"]
                elif fault.kind == "total_records_drift":
                    assert (cell["retries"] > 0) == target.rereads_when_count_moves
                elif fault.kind in ANSWER_LOST and not target.repeatable:
                    assert cell["retries"] == 0 and [w for w in cell["warnings"] if "answer to the" in w]
                else:
                    assert fires == ONCE and cell["retries"] == cell["fired"] == 1


@pytest.mark.parametrize("message, shown", [
    ("POST /asset: the connection broke before SC answered (('Connection aborted.', RemoteDisconnected('x'))).",
     "<request>: the connection broke before SC answered (...)."),
    ("GET /asset/12: SC is temporarily unable to answer (HTTP 503, Service Unavailable).",
     "<request>: SC is temporarily unable to answer (HTTP 503, Service Unavailable)."),
    ("Found asset list 15 at https://127.0.0.1:40123 (unclosed", "Found asset list <id> at <url> (unclosed"),
    ("found policy 1000007 ('secops.tenablesc remediation 5ec3fb20 repository 1') it had created; scan result 8",
     "found policy <id> ('secops.tenablesc remediation <token> repository 1') it had created; scan result <id>"),
    ("found the accept risk rules it had created: 25, 26.", "found the accept risk rules it had created: <id>."),
])
def test_messages_are_shown_without_what_changes_between_runs(message, shown):
    assert stable(message) == shown


def test_the_page_is_what_the_run_observed(fault_observations):
    assert_matches(DOC, render(dict((fault.name, fault_observations(fault)) for fault in FAULTS)))

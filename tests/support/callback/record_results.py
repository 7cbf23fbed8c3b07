# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Test-only callback: appends every task result, as a user's output would show it, to a JSON-lines file."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
name: record_results
type: aggregate
short_description: Record every task result to the file named by RECORD_RESULTS_FILE
description:
  - Test support only; not shipped with the collection.
requirements:
  - enabled in configuration
"""

import json
import os

from ansible.plugins.callback import CallbackBase


def _text(warning):
    """A warning's message: a plain string up to 2.18, a WarningSummary from 2.19."""
    details = getattr(warning, "details", None)
    return details[0].msg if details else str(warning)


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "aggregate"
    CALLBACK_NAME = "record_results"
    CALLBACK_NEEDS_ENABLED = True

    def _record(self, result, status):
        # _dump_results applies no_log censoring exactly as the stdout callback does; it leaves out the
        # warnings and the diff, which the stdout callback shows in their own way, so they are added back.
        raw = result._result
        recorded = json.loads(self._dump_results(raw, indent=None))
        extras = {"recorded_warnings": [_text(warning)
                                        for warning in raw.get("warnings") or getattr(result, "warnings", None) or []]}
        if "diff" in raw:
            extras["recorded_diff"] = raw["diff"]
        extras = json.loads(self._dump_results(extras, indent=None))
        recorded["warnings"] = extras["recorded_warnings"]
        if "recorded_diff" in extras:
            recorded["diff"] = extras["recorded_diff"]
        entry = dict(task=result._task.get_name(), status=status, result=recorded)
        with open(os.environ["RECORD_RESULTS_FILE"], "a") as results:
            results.write(json.dumps(entry) + "\n")

    def v2_runner_on_ok(self, result):
        self._record(result, "ok")

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._record(result, "failed")

    def v2_runner_on_skipped(self, result):
        self._record(result, "skipped")

    def v2_runner_on_unreachable(self, result):
        self._record(result, "unreachable")

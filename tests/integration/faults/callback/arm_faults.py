# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Test-only callback: arms the simulator's faults for each task of a fault-matrix playbook.

Arming from the controller between tasks costs no extra task, so one playbook runs every cell of a fault
scenario. FAULT_PLAN_FILE holds {"url", "ca_path", "tasks": {task name: [fault spec, ...]}}; before each
task named there the simulator's faults are replaced by that task's. For each such task a line
{"task", "first", "last"} goes to FAULT_WINDOWS_FILE: the simulator's request records the task made are
``requests[first:last]``.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
name: arm_faults
type: aggregate
short_description: Arm the SC simulator's faults per task, as FAULT_PLAN_FILE says
description:
  - Test support only; not shipped with the collection.
requirements:
  - enabled in configuration
"""

import json
import os
import ssl
import urllib.request

from ansible.plugins.callback import CallbackBase


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "aggregate"
    CALLBACK_NAME = "arm_faults"
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self, *args, **kwargs):
        super(CallbackModule, self).__init__(*args, **kwargs)
        with open(os.environ["FAULT_PLAN_FILE"]) as plan:
            self._plan = json.load(plan)
        self._context = ssl.create_default_context(cafile=self._plan["ca_path"])
        self._task = None
        self._first = None

    def _control(self, method, name, body=None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self._plan["url"] + "/_sim/" + name, data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, context=self._context, timeout=30) as answer:
            return json.load(answer)

    def v2_playbook_on_task_start(self, task, is_conditional):
        name = task.get_name()
        self._task = name if name in self._plan["tasks"] else None
        if self._task is None:
            return
        self._control("DELETE", "faults")
        if self._plan["tasks"][name]:
            self._control("POST", "faults", self._plan["tasks"][name])
        self._first = self._control("GET", "state")["requests"]

    def _task_done(self, *args, **kwargs):
        if self._task is None:
            return
        window = dict(task=self._task, first=self._first, last=self._control("GET", "state")["requests"])
        with open(os.environ["FAULT_WINDOWS_FILE"], "a") as windows:
            windows.write(json.dumps(window) + "\n")
        self._task = None

    v2_runner_on_ok = v2_runner_on_failed = v2_runner_on_skipped = v2_runner_on_unreachable = _task_done

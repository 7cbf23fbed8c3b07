# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Event-Driven Ansible source: one event per finding that changed on Tenable Security Center.

Every ``interval`` seconds it reads what changed since the last poll, with the engine of
secops.tenablesc.tenablesc_findings_sync, and puts ``{"tenablesc": <row>}`` on the queue for each finding
(``row["state"]`` is open, reopened or fixed; ``row["finding_key"]`` names the finding in every poll).

A poll's rows are spooled to a private temporary file and queued only once SC has answered every page, and the
checkpoint moves only after they are all queued: a failed poll queues nothing, is logged (never with a key)
and is read again at the next interval.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import asyncio
import json
import logging
import os
import sys
import tempfile

DOCUMENTATION = r"""
---
short_description: Findings that changed on Tenable Security Center, one event each.
description:
  - >-
    Polls SC every O(interval) seconds and puts one event C({"tenablesc": <row>}) on the queue per finding that
    was seen (V(open), V(reopened)) or found fixed (V(fixed)) since the last poll, as
    M(secops.tenablesc.tenablesc_findings_sync) reads them.
options:
  url:
    description: Base URL of SC; else E(TENABLESC_URL).
    type: str
  api_keys:
    description: The key string C(accesskey=...; secretkey=...;); else E(TENABLESC_API_KEYS).
    type: str
  validate_certs:
    description: Verify SC's certificate; else E(TENABLESC_VALIDATE_CERTS), default true.
    type: bool
  ca_path:
    description: CA file for SC's certificate; else E(TENABLESC_CA_PATH).
    type: str
  filters:
    description: Friendly filters, as the module's O(filters).
    type: dict
  query:
    description: A saved SC query by name or ID whose filters apply too.
    type: str
  states:
    description: V(open) (with reopened) and/or V(fixed).
    type: list
    default: [open, fixed]
  checkpoint_file:
    description: Where the end of the last delivered window is kept across restarts; without it, in memory.
    type: str
  first_run_days:
    description: Days read back on the first poll without a checkpoint.
    type: int
    default: 30
  overlap:
    description: Seconds read again before the checkpoint, for scans imported late.
    type: int
    default: 0
  page_size:
    description: Rows per analysis request.
    type: int
    default: 5000
  interval:
    description: Seconds between polls.
    type: int
    default: 600
  was_findings:
    description: V(exclude), V(include) or V(only) web application findings.
    type: str
    default: exclude
"""

EXAMPLES = r"""
- name: Remediate new critical findings
  hosts: all
  sources:
    - secops.tenablesc.findings:
        url: https://tenablesc.example.com
        checkpoint_file: /var/lib/eda/tenablesc.checkpoint
        states: [open]
        filters:
          severity: [critical]
        interval: 900
  rules:
    - name: A critical finding appeared or came back
      condition: event.tenablesc.state in ["open", "reopened"]
      action:
        run_job_template:
          name: Patch host
          organization: Default
          job_args:
            limit: "{{ event.tenablesc.ip }}"
"""


def _importable_collection():
    """ansible-rulebook runs a source from its path (runpy), so the collections root it sits in goes on sys.path.

    The file is <root>/ansible_collections/secops/tenablesc/extensions/eda/plugins/event_source/findings.py.
    """
    root = os.path.abspath(__file__)
    for _level in range(7):
        root = os.path.dirname(root)
    if os.path.basename(root) == "ansible_collections" and os.path.dirname(root) not in sys.path:
        sys.path.append(os.path.dirname(root))


_importable_collection()

# pylint: disable=wrong-import-position
from ansible.module_utils.parsing.convert_bool import boolean  # noqa: E402

from ansible_collections.secops.tenablesc.plugins.module_utils.client import Client  # noqa: E402
from ansible_collections.secops.tenablesc.plugins.module_utils.connection import (  # noqa: E402
    CONNECTION_OPTIONS,
    ConnectionSettings,
)
from ansible_collections.secops.tenablesc.plugins.module_utils.errors import TenableSCError  # noqa: E402
from ansible_collections.secops.tenablesc.plugins.module_utils.sync import (  # noqa: E402
    SYNC_OPTIONS,
    Checkpoint,
    FindingsSync,
)

LOGGER = logging.getLogger(__name__)
DEFAULT_INTERVAL = 600
_CONVERSIONS = {"bool": boolean, "float": float, "int": int}


def connection_settings(args, environ=None):
    """Connection settings from the source's arguments, else the TENABLESC_* environment."""
    environ = os.environ if environ is None else environ

    def get(name):
        value = args.get(name)
        if value is None:
            value = environ.get(CONNECTION_OPTIONS[name]["env"]) or None
            if value is not None:
                value = _CONVERSIONS.get(CONNECTION_OPTIONS[name]["type"], str)(value)
        return value

    return ConnectionSettings.from_options(get)


class FindingsPoller:
    """One poll at a time; remembers the checkpoint in memory when no file keeps it."""

    def __init__(self, args):
        self._args = args
        self._client = Client(connection_settings(args), warn=LOGGER.warning, debug=LOGGER.debug, pool_size=1)
        self._checkpoint = Checkpoint(args.get("checkpoint_file"), self._client.settings.url)
        self._remembered = None

    def close(self):
        self._client.close()

    def _arg(self, name, default=None):
        """An argument of the source, else the module's default for it."""
        value = self._args.get(name)
        return value if value is not None else SYNC_OPTIONS.get(name, {}).get("default", default)

    def read_changes(self, spool):
        """Read one window into ``spool`` (JSON lines); returns (window, counts)."""
        sync = FindingsSync(self._client, filters=self._arg("filters"), query=self._arg("query"),
                            states=self._arg("states"), was_findings=self._arg("was_findings", "exclude"),
                            page_size=int(self._arg("page_size")), debug=LOGGER.debug)
        saved = self._checkpoint.read() if self._checkpoint.path else self._remembered
        window = sync.window(checkpoint=saved, first_run_days=int(self._arg("first_run_days")),
                             overlap=int(self._arg("overlap")))
        counts = sync.run(window, lambda rows: spool.writelines(json.dumps(row) + "\n" for row in rows))
        return window, counts

    async def poll(self, queue):
        """Queue every change of one window, then move the checkpoint; returns the counts."""
        with tempfile.TemporaryFile("w+", encoding="utf-8") as spool:
            window, counts = await asyncio.get_running_loop().run_in_executor(None, self.read_changes, spool)
            spool.seek(0)
            for line in spool:
                await queue.put({"tenablesc": json.loads(line)})
        if self._checkpoint.path:
            self._checkpoint.write(window, counts)
        self._remembered = window.end
        LOGGER.info("tenablesc findings %d-%d: %s", window.start, window.end, counts)
        return counts


async def main(queue, args):
    """Poll forever; a failed poll is logged and tried again at the next interval."""
    interval = float(args.get("interval", DEFAULT_INTERVAL))
    try:
        poller = FindingsPoller(args)
    except TenableSCError as exc:
        LOGGER.error("tenablesc findings: %s", exc)
        raise SystemExit(1) from None
    try:
        while True:
            try:
                await poller.poll(queue)
            except TenableSCError as exc:
                LOGGER.error("tenablesc findings: poll failed, next try in %ss: %s", interval, exc)
            await asyncio.sleep(interval)
    finally:
        poller.close()


if __name__ == "__main__":

    class _PrintQueue:
        """Prints events instead of queueing them: ``python findings.py`` with TENABLESC_* set."""

        async def put(self, event):
            print(json.dumps(event))

    logging.basicConfig(level=logging.INFO)
    asyncio.run(main(_PrintQueue(), {"interval": DEFAULT_INTERVAL}))

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The secops.tenablesc.findings event source: main() under asyncio against a simulator whose clock moves."""

import asyncio
import importlib.util
import json
import logging
from collections import Counter

import pytest

from support.ansible_run import REPO, run_task

SOURCE = REPO / "extensions" / "eda" / "plugins" / "event_source" / "findings.py"
USER = "vulnanalyst"


def load_source():
    spec = importlib.util.spec_from_file_location("tenablesc_findings_source", str(SOURCE))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def source_args(moving_sc, tmp_path, monkeypatch):
    """The source's arguments; the key string comes from the environment, as in an EDA decision environment."""
    monkeypatch.setenv("TENABLESC_API_KEYS", moving_sc.key_string(USER))
    monkeypatch.setenv("TENABLESC_RETRIES", "0")
    return dict(url=moving_sc.url, ca_path=moving_sc.ca_path, checkpoint_file=str(tmp_path / "checkpoint"),
                interval=3600, first_run_days=10)


async def run_source(args, polls_done, timeout=60):
    """Run main() until ``polls_done(events)`` is true and the queue drained; returns the events queued."""
    queue = asyncio.Queue()
    events = []
    source = asyncio.ensure_future(load_source().main(queue, args))
    try:
        async def drain():
            while not (polls_done(events) and queue.empty()):
                if source.done():
                    source.result()
                try:
                    events.append(await asyncio.wait_for(queue.get(), 0.2))
                except asyncio.TimeoutError:
                    pass
        await asyncio.wait_for(drain(), timeout)
    finally:
        source.cancel()
        await asyncio.gather(source, return_exceptions=True)
    return events


def checkpoint_of(path):
    return json.loads(path.read_text()) if path.exists() else None


def test_events_equal_the_module_rows_for_the_same_window_and_restart_from_the_checkpoint(
        source_args, moving_sc, tmp_path):
    path = tmp_path / "checkpoint"
    first = asyncio.run(run_source(source_args, lambda events: checkpoint_of(path) is not None))
    saved = checkpoint_of(path)
    module = run_task("tenablesc_findings_sync", dict(
        url=moving_sc.url, api_keys=moving_sc.key_string(USER), ca_path=moving_sc.ca_path,
        since=str(saved["window"]["start"])), tmp_path)
    assert module.returncode == 0, module.output
    assert module.result["window"] == saved["window"] and first
    assert [event["tenablesc"] for event in first] == module.result["rows"]

    changes = moving_sc.advance_day()
    visible = set(moving_sc.users[USER].repository_ids)
    expected = Counter(change.state for identity, change in changes.items() if identity[0] in visible)
    second = asyncio.run(run_source(
        source_args, lambda events: checkpoint_of(path)["checkpoint"] == moving_sc.dataset.now))
    assert Counter(event["tenablesc"]["state"] for event in second) == expected
    assert checkpoint_of(path)["window"]["start"] == saved["checkpoint"] + 1


def test_a_failed_poll_is_logged_without_keys_queues_nothing_and_is_read_again(
        source_args, moving_sc, tmp_path, caplog):
    caplog.set_level(logging.DEBUG)
    path = tmp_path / "checkpoint"
    moving_sc.add_fault("reset_after", method="POST", path="/rest/analysis", after=1, times=1)
    events = asyncio.run(run_source(dict(source_args, interval=0.3), lambda events: checkpoint_of(path) is not None))
    failures = [record for record in caplog.records if record.levelno == logging.ERROR]
    assert len(failures) == 1 and "poll failed" in failures[0].getMessage()
    keys = Counter(event["tenablesc"]["finding_key"] + event["tenablesc"]["state"] for event in events)
    assert events and max(keys.values()) == 1, "the failed poll queued nothing, so nothing came twice"
    assert sum(checkpoint_of(path)["counts"].values()) == len(events)
    leaked = [key for key in moving_sc.every_key()
              if key in caplog.text or key in path.read_text() or key in json.dumps(events)]
    assert not leaked


def test_bad_arguments_stop_the_source_with_one_clear_log_line(moving_sc, monkeypatch, caplog):
    monkeypatch.delenv("TENABLESC_API_KEYS", raising=False)
    with pytest.raises(SystemExit):
        asyncio.run(load_source().main(asyncio.Queue(), dict(url=moving_sc.url, api_keys="accesskey=abc")))
    assert "secretkey" in caplog.text and "Traceback" not in caplog.text

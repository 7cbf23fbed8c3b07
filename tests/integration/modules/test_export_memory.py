# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""An export with dest holds a few pages in memory, however many rows it writes."""

import tracemalloc
from types import SimpleNamespace

import pytest

from sc_simulator import Dataset, Simulator


@pytest.fixture(scope="module")
def big_sc():
    with Simulator(dataset=Dataset(seed=5, hosts=4000, repositories=4, findings_per_host=12), tls=False) as simulator:
        yield simulator


def export_peak(big_sc, tmp_path, limit):
    """Peak Python memory of the module's run() writing ``limit`` rows to a JSON-lines file."""
    from ansible_collections.secops.tenablesc.plugins.module_utils.client import Client
    from ansible_collections.secops.tenablesc.plugins.module_utils.connection import ConnectionSettings
    from ansible_collections.secops.tenablesc.plugins.modules.tenablesc_vulns_info import ARGUMENT_SPEC, run

    params = dict((name, spec.get("default")) for name, spec in ARGUMENT_SPEC.items())
    params.update(limit=limit, page_size=1000, concurrency=4, dest=str(tmp_path / ("%d.jsonl" % limit)))
    module = SimpleNamespace(params=params, check_mode=False, debug=lambda message: None)
    settings = ConnectionSettings.from_options(dict(url=big_sc.url, api_keys=big_sc.key_string("secanalyst")).get)
    with Client(settings) as client:
        tracemalloc.start()
        try:
            result = run(module, client)
            return tracemalloc.get_traced_memory()[1], result
        finally:
            tracemalloc.stop()


def test_memory_does_not_grow_with_the_rows_exported(big_sc, tmp_path):
    small_peak, small = export_peak(big_sc, tmp_path, 3750)
    large_peak, large = export_peak(big_sc, tmp_path, 30000)
    assert (small["returned_records"], large["returned_records"]) == (3750, 30000)
    assert large["findings"] == []
    # Eight times the rows; memory bounded by the pages in flight, not the rows written.
    assert large_peak < small_peak * 2, (small_peak, large_peak)

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What is checked before any request: the analysis query's options and body, and the client's library."""

import pytest

from ansible_collections.secops.tenablesc.plugins.module_utils import client as client_module
from ansible_collections.secops.tenablesc.plugins.module_utils import errors
from ansible_collections.secops.tenablesc.plugins.module_utils.analysis import AnalysisQuery
from ansible_collections.secops.tenablesc.plugins.module_utils.connection import ConnectionSettings


def test_individual_scan_sends_scan_id_and_view():
    body = AnalysisQuery(source_type="individual", scan_id=12, view="new").body(0, 10)
    assert body["scanID"] == body["query"]["scanID"] == "12"
    assert body["view"] == body["query"]["view"] == "new"


@pytest.mark.parametrize("options, complaint", [
    (dict(tool="sumfoo"), "not one of SC's vulnerability tools"),
    (dict(source_type="live"), "source_type"),
    (dict(source_type="individual"), "needs scan_id"),
    (dict(scan_id=3), "only to source_type individual"),
    (dict(source_type="individual", scan_id=3, view="old"), "view"),
    (dict(sort_field="ip", sort_dir="up"), "sort_dir"),
    (dict(sort_dir="ASC"), "needs sort_field"),
])
def test_query_validation(options, complaint):
    with pytest.raises(errors.ConfigurationError) as caught:
        AnalysisQuery(**options)
    assert complaint in str(caught.value)


def test_missing_requests_library_is_one_clear_error(monkeypatch):
    monkeypatch.setattr(client_module, "HAS_REQUESTS", False)
    settings = ConnectionSettings.from_options(dict(url="https://sc", api_keys="accesskey=a; secretkey=b;").get)
    with pytest.raises(errors.MissingLibraryError) as caught:
        client_module.Client(settings)
    assert "pip install requests" in str(caught.value)

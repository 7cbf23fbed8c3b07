# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Row typing and the atomic export writer."""

import csv
import json

import pytest

from ansible_collections.secops.tenablesc.plugins.module_utils.errors import ConfigurationError
from ansible_collections.secops.tenablesc.plugins.module_utils.export import AtomicRowWriter, format_for
from ansible_collections.secops.tenablesc.plugins.module_utils.rows import normalize_row, severity_counts

# Field values as a recorded SC 5.8 vulndetails answer carried them.
RECORDED_VULNDETAILS = {
    "pluginID": "10114", "severity": {"id": "0", "name": "Info", "description": "Informative"},
    "hasBeenMitigated": "0", "acceptRisk": "0", "recastRisk": "1", "ip": "192.168.100.1", "uuid": "",
    "port": "0", "protocol": "ICMP", "firstSeen": "1545074182", "lastSeen": "1545074182",
    "exploitAvailable": "No", "baseScore": "", "cvssV3BaseScore": "7.5", "vulnPubDate": "788979600",
    "patchPubDate": "-1", "version": "1.46", "cve": "CVE-1999-0524",
    "repository": {"id": "1", "name": "Default", "description": "", "dataFormat": "IPv4"},
}


def test_recorded_row_becomes_comfortable():
    row = normalize_row(RECORDED_VULNDETAILS)
    assert row["pluginID"] == 10114 and row["port"] == 0
    assert row["severity"] == {"id": 0, "name": "Info", "description": "Informative"}
    assert row["hasBeenMitigated"] is False and row["recastRisk"] is True and row["exploitAvailable"] is False
    assert row["firstSeen"] == 1545074182 and row["vulnPubDate"] == 788979600
    assert row["patchPubDate"] is None and row["baseScore"] is None
    assert row["cvssV3BaseScore"] == 7.5
    assert row["version"] == "1.46" and row["uuid"] == "" and row["repository"]["id"] == 1
    assert RECORDED_VULNDETAILS["pluginID"] == "10114", "the input is not modified"


def test_unexpected_values_are_kept_as_sc_sent_them():
    row = normalize_row({"port": "n/a", "exploitAvailable": "maybe", "vprScore": "high", "lastSeen": "soon"})
    assert row == {"port": "n/a", "exploitAvailable": "maybe", "vprScore": "high", "lastSeen": "soon"}


@pytest.mark.parametrize("row, counts", [
    ({"severity": {"id": 4}}, {"info": 0, "low": 0, "medium": 0, "high": 0, "critical": 1}),
    ({"severity": {"id": 3}, "count": 12}, {"info": 0, "low": 0, "medium": 0, "high": 12, "critical": 0}),
    ({"severity": {"id": 1}, "total": 5, "hostTotal": 2}, {"info": 0, "low": 5, "medium": 0, "high": 0, "critical": 0}),
    ({"severityInfo": 3, "severityLow": 0, "severityMedium": 1, "severityHigh": 2, "severityCritical": None},
     {"info": 3, "low": 0, "medium": 1, "high": 2, "critical": 0}),
    ({"name": "Linux Kernel 5.4", "count": 3}, None),
])
def test_severity_counts(row, counts):
    assert severity_counts(row) == counts


ROWS = [
    {"ip": "10.0.0.1", "port": 443, "severity": {"id": 4, "name": "Critical"}, "cve": "CVE-2024-3400,CVE-2024-1",
     "xref": ["IAVA:2024-A-0001"]},
    {"ip": "10.0.0.2", "port": 22, "severity": {"id": 2, "name": "Medium"}, "cve": None, "xref": []},
]


@pytest.mark.parametrize("pages", [[ROWS], [ROWS[:1], [], ROWS[1:]]], ids=["one page", "pages and an empty one"])
@pytest.mark.parametrize("file_format", ["json", "jsonl", "csv"])
def test_each_format_round_trips(tmp_path, file_format, pages):
    dest = tmp_path / ("out." + file_format)
    with AtomicRowWriter(str(dest), file_format) as writer:
        for page in pages:
            writer.write_rows(page)
    text = dest.read_text()
    if file_format == "json":
        assert json.loads(text) == ROWS
    elif file_format == "jsonl":
        assert [json.loads(line) for line in text.splitlines()] == ROWS
    else:
        rows = list(csv.DictReader(text.splitlines()))
        assert list(rows[0]) == ["ip", "port", "severity.id", "severity.name", "cve", "xref"]
        assert rows[0]["severity.name"] == "Critical" and rows[0]["cve"] == "CVE-2024-3400,CVE-2024-1"
        assert rows[1]["port"] == "22" and rows[1]["cve"] == "" and rows[1]["xref"] == "[]"
        assert rows[0]["xref"] == '["IAVA:2024-A-0001"]'
    assert [p.name for p in tmp_path.iterdir()] == [dest.name]


def test_empty_json_export_is_an_empty_array(tmp_path):
    dest = tmp_path / "none.json"
    with AtomicRowWriter(str(dest), "json"):
        pass
    assert json.loads(dest.read_text()) == []


def test_a_failure_mid_way_leaves_the_old_file_and_no_temporary(tmp_path):
    dest = tmp_path / "findings.jsonl"
    dest.write_text("previous export\n")
    with pytest.raises(RuntimeError):
        with AtomicRowWriter(str(dest), "jsonl") as writer:
            writer.write_rows([ROWS[0]])
            raise RuntimeError("page 3 failed")
    assert dest.read_text() == "previous export\n"
    assert [p.name for p in tmp_path.iterdir()] == ["findings.jsonl"]


def test_missing_directory_is_a_clear_error(tmp_path):
    with pytest.raises(ConfigurationError) as caught:
        AtomicRowWriter(str(tmp_path / "nowhere" / "out.csv"), "csv")
    assert "does not exist" in str(caught.value)


@pytest.mark.parametrize("dest, requested, expected", [
    ("a.csv", None, "csv"), ("a.JSON", None, "json"), ("a.jsonl", None, "jsonl"), ("a.txt", None, "jsonl"),
    ("a.csv", "json", "json"),
])
def test_format_from_extension(dest, requested, expected):
    assert format_for(dest, requested) == expected


def test_csv_columns_are_the_first_rows_and_odd_later_rows_leave_cells_empty(tmp_path):
    dest = tmp_path / "out.csv"
    with AtomicRowWriter(str(dest), "csv") as writer:
        writer.write_rows([{"ip": "10.0.0.1", "repository": {"id": 1, "name": "LAN"}, "port": 443}])
        writer.write_rows([{"ip": "10.0.0.2", "repository": "", "extra": "dropped"},
                           {"ip": "10.0.0.3", "repository": {"id": 2}, "port": {"unexpected": 1}}])
    assert dest.read_text().splitlines() == [
        "ip,repository.id,repository.name,port", "10.0.0.1,1,LAN,443", "10.0.0.2,,,", "10.0.0.3,2,,"]

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The findings sync's pure parts: since, finding keys and the checkpoint file."""

import json
import os

import pytest

from ansible_collections.secops.tenablesc.plugins.module_utils.errors import ConfigurationError
from ansible_collections.secops.tenablesc.plugins.module_utils.rows import normalize_row
from ansible_collections.secops.tenablesc.plugins.module_utils.sync import (
    Checkpoint,
    Window,
    finding_key,
    parse_since,
)

URL = "https://tenablesc.example.com"
# A vulndetails row as a recorded SC 5.8 answer carried its identity (test_analysis_vulns_vulndetails_tool.yaml).
SC_5_ROW = {"pluginID": "10114", "ip": "192.168.100.1", "uuid": "", "port": "0", "protocol": "ICMP",
            "dnsName": "host1.example.com", "uniqueness": "repositoryID,ip,dnsName",
            "repository": {"id": "1", "name": "Default"}}


@pytest.mark.parametrize("text, expected", [
    ("1767225600", 1767225600),
    (" 1767225600 ", 1767225600),
    ("2026-01-01", 1767225600),
    ("2026-01-01T00:00:00Z", 1767225600),
    ("2026-01-01T00:00:00z", 1767225600),
    ("2026-01-01T01:00:00+01:00", 1767225600),
    ("2026-01-01T00:00:30", 1767225630),
])
def test_since_takes_epoch_seconds_and_iso_8601(text, expected):
    assert parse_since(text) == expected


@pytest.mark.parametrize("text", ["yesterday", "", "2026-13-01", "-5", "1.5e9"])
def test_since_refuses_anything_else_clearly(text):
    with pytest.raises(ConfigurationError, match="neither epoch seconds nor an ISO 8601 time"):
        parse_since(text)


def test_key_follows_vulnuniqueness_when_sc_names_it():
    row = dict(SC_5_ROW, hostUniqueness="repositoryID,ip,dnsName", vulnUniqueness="repositoryID,ip,port,protocol,pluginID")
    assert finding_key(row) == "repositoryID=1,ip=192.168.100.1,port=0,protocol=ICMP,pluginID=10114"


def test_key_without_vulnuniqueness_is_the_same_and_ignores_the_dns_name():
    expected = "repositoryID=1,ip=192.168.100.1,port=0,protocol=ICMP,pluginID=10114"
    assert finding_key(SC_5_ROW) == expected
    assert finding_key(dict(SC_5_ROW, dnsName="renamed.example.com")) == expected
    assert finding_key(normalize_row(SC_5_ROW)) == expected, "typed and raw rows give one key"


def test_agent_findings_are_keyed_by_uuid():
    row = dict(SC_5_ROW, uuid="a1b2", uniqueness="repositoryID,uuid", repository={"id": "4"})
    assert finding_key(row) == "repositoryID=4,uuid=a1b2,port=0,protocol=ICMP,pluginID=10114"
    assert finding_key(dict(row, ip="10.0.0.9")) == finding_key(row)


def test_a_row_with_no_uniqueness_fields_is_keyed_by_repository_and_address():
    row = dict(SC_5_ROW)
    del row["uniqueness"]
    assert finding_key(row) == "repositoryID=1,ip=192.168.100.1,port=0,protocol=ICMP,pluginID=10114"


def test_a_row_missing_a_named_field_still_gets_a_key():
    row = dict(SC_5_ROW, vulnUniqueness="repositoryID,ip,port,protocol,pluginID")
    del row["port"]
    assert finding_key(row) == "repositoryID=1,ip=192.168.100.1,port=,protocol=ICMP,pluginID=10114"
    assert finding_key(dict(row, repository=None)) == "repositoryID=,ip=192.168.100.1,port=,protocol=ICMP,pluginID=10114"


def test_checkpoint_round_trip_is_private_atomic_and_names_its_sc(tmp_path):
    path = str(tmp_path / "checkpoint")
    checkpoint = Checkpoint(path, URL)
    assert checkpoint.read() is None
    checkpoint.write(Window(100, 200), {"open": 1, "reopened": 0, "fixed": 2})
    assert checkpoint.read() == 200
    assert os.stat(path).st_mode & 0o777 == 0o600
    assert json.loads(open(path, encoding="utf-8").read())["url"] == URL
    assert os.listdir(str(tmp_path)) == ["checkpoint"], "no temporary file is left behind"
    with pytest.raises(ConfigurationError, match="was written for 'https://tenablesc.example.com', not https://other"):
        Checkpoint(path, "https://other.example.com").read()


@pytest.mark.parametrize("content", ["", "not json", "[]", '{"checkpoint": "200"}', '{"checkpoint": true}'])
def test_a_file_that_holds_no_checkpoint_is_refused(tmp_path, content):
    path = tmp_path / "checkpoint"
    path.write_text(content)
    with pytest.raises(ConfigurationError, match="holds no checkpoint of this collection"):
        Checkpoint(str(path), URL).read()

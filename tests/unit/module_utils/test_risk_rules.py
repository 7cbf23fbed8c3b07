# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Risk rules: reading SC's rules into what the options say, and the expiry an option means."""

import pytest

from ansible_collections.secops.tenablesc.plugins.module_utils.errors import ConfigurationError
from ansible_collections.secops.tenablesc.plugins.module_utils.risk_rules import expiry, rule_view

# recorded: pyTenable test_accept_risks_create_success.yaml (SC 5.8; description trimmed)
CREATED = {"id": "24", "hostType": "ip", "hostValue": "127.0.0.1", "port": "any", "protocol": "any", "comments": "",
           "expires": "-1", "status": "0", "createdTime": "1553612053", "modifiedTime": "1553612053",
           "repository": {"id": "1", "name": "Default", "description": ""},
           "organization": {"id": "1", "name": "HomeNet", "description": ""},
           "user": {"id": "2", "username": "api", "firstname": "api", "lastname": "user"},
           "plugin": {"id": "19506", "name": "Nessus Scan Information", "description": "..."}}
# recorded: pyTenable test_accept_risks_list_success.yaml (a listed rule: no comments or times, protocol a name)
LISTED = {"id": "5", "hostType": "ip", "hostValue": "192.168.100.1,192.168.101.1", "port": "0", "protocol": "TCP",
          "expires": "-1", "status": "0", "repository": {"id": "1", "name": "Default", "description": ""},
          "plugin": {"id": "33850", "name": "Unix Operating System Unsupported Version Detection"}}
# recorded: pyTenable test_recast_risks_create_success.yaml
RECAST = dict(CREATED, id="1", newSeverity="0", order="1")
DAY = 86400
NOW = 1767225600  # 2026-01-01T00:00:00Z


def test_a_created_rule_reads_as_the_options_say_it():
    view = rule_view(CREATED, "accept")
    assert view == {"kind": "accept", "id": 24, "plugin_id": 19506, "plugin_name": "Nessus Scan Information",
                    "repository": {"id": 1, "name": "Default"}, "host_type": "ip", "ips": ["127.0.0.1"],
                    "asset_list": None, "port": "any", "protocol": "any", "expires": None, "expires_at": None,
                    "comment": "", "created": 1553612053, "modified": 1553612053, "creator": "api"}


def test_a_listed_rule_reads_its_protocol_name_and_addresses():
    view = rule_view(LISTED, "accept")
    assert (view["protocol"], view["port"], view["ips"], view["comment"]) == (
        "tcp", "0", ["192.168.100.1", "192.168.101.1"], None)


@pytest.mark.parametrize("value, expected", [
    ("0", "info"), ({"id": "3"}, "high"), ("9", None)])
def test_a_recast_rule_names_its_new_severity(value, expected):
    assert rule_view(dict(RECAST, newSeverity=value), "recast")["new_severity"] == expected


def test_an_asset_rule_and_an_expiring_one():
    view = rule_view(dict(CREATED, hostType="asset", hostValue={"id": "12", "name": "Lab"}, expires="1806537599"),
                     "accept")
    assert view["asset_list"] == {"id": 12, "name": "Lab"} and view["ips"] is None
    assert (view["expires"], view["expires_at"]) == (1806537599, "2027-03-31T23:59:59Z")


@pytest.mark.parametrize("value, expected", [
    ("never", -1), ("", -1), ("2026-01-01", NOW + DAY - 1), ("2026-01-02T06:00:00Z", NOW + DAY + 6 * 3600),
    ("2026-01-02 06:00", NOW + DAY + 6 * 3600), ("2026-01-02T06:00:00+00:00", NOW + DAY + 6 * 3600),
    ("2026-01-02T06:00:00+02:00", NOW + DAY + 4 * 3600), (str(NOW + 60), NOW + 60)])
def test_expiry_forms(value, expected):
    assert expiry(value, NOW) == expected


@pytest.mark.parametrize("value, complaint", [
    ("2025-12-31", "already past on SC's clock (2026-01-01T00:00:00Z UTC)"),
    ("2026-01-01T00:00:00Z", "already past"),
    ("2026-02-30", "expires '2026-02-30' is neither epoch seconds nor an ISO 8601 time"),
    ("tomorrow", "expires 'tomorrow' is neither epoch seconds nor an ISO 8601 time")])
def test_expiry_refusals(value, complaint):
    with pytest.raises(ConfigurationError) as refused:
        expiry(value, NOW)
    assert complaint in str(refused.value)

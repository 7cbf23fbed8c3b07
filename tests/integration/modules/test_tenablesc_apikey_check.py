# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""tenablesc_apikey_check through ansible-playbook: every verdict SC's setup steps can lead to."""

import pytest

from support.servers import closed_port

CHECK_NAMES = ["key_string", "reachable", "keys_accepted", "version", "organization", "repositories",
               "analysis", "asset_lists", "least_privilege"]


def check(task, connection, **args):
    return task("tenablesc_apikey_check", dict(connection, **args))


def failed_check(run):
    """The name and message of the check that failed; the walk must stop right there."""
    assert run.failed and run.returncode != 0
    checks = run.result["checks"]
    assert [c["ok"] for c in checks] == [True] * (len(checks) - 1) + [False]
    assert run.result["valid"] is False
    assert run.result["msg"] == checks[-1]["message"]
    assert "Traceback" not in run.output
    return checks[-1]["name"], checks[-1]["message"]


def assert_no_secret(run, secrets):
    assert not [secret for secret in secrets if secret in run.output], "a key leaked into the output"


def test_vulnerability_analyst_passes_every_check(task, connection, sc, sc_dataset, secrets):
    run = check(task, connection)
    assert run.returncode == 0, run.output
    result = run.result
    assert result["valid"] is True and result["changed"] is False
    assert [c["name"] for c in result["checks"]] == CHECK_NAMES and all(c["ok"] for c in result["checks"])
    assert result["sc_version"] == sc.version
    user = sc.users["vulnanalyst"]
    assert result["user"]["username"] == user.username
    assert result["user"]["role"] == {"id": "4", "name": "Vulnerability Analyst"}
    assert result["user"]["organization"]["id"] != "0"
    assert sorted(r["id"] for r in result["repositories"]) == sorted(str(i) for i in user.repository_ids)
    assert result["asset_list_count"] >= 1
    assert not result.get("warnings")
    assert_no_secret(run, secrets)


def test_check_mode_is_the_same_read_only_walk(task, connection, sc):
    run = task("tenablesc_apikey_check", connection, check=True)
    assert run.returncode == 0 and run.result["valid"] is True
    assert {r.method for r in sc.requests} <= {"GET", "POST"}
    assert all(r.path == "/rest/analysis" for r in sc.requests if r.method == "POST")


@pytest.mark.parametrize("user, role", [("secmanager", "Security Manager"), ("secanalyst", "Security Analyst")])
def test_broader_roles_pass_with_a_least_privilege_warning(task, connection, sc, user, role):
    run = check(task, connection, api_keys=sc.key_string(user))
    assert run.returncode == 0 and run.result["valid"] is True
    [warning] = run.result["warnings"]
    assert role in warning and "Vulnerability Analyst" in warning


def test_administrator_key_is_refused_with_advice(task, connection, sc, secrets):
    run = check(task, connection, api_keys=sc.key_string("admin"))
    name, message = failed_check(run)
    assert name == "organization"
    assert "organization service account" in message
    assert_no_secret(run, secrets)


def test_account_without_repositories(task, connection, sc):
    name, message = failed_check(check(task, connection, api_keys=sc.key_string("norepo")))
    assert name == "repositories"
    assert "Assign the service account to the repositories" in message


def test_sc_older_than_5_13(task, connection, sc):
    sc.version = "5.12.0"
    run = check(task, connection)
    name, message = failed_check(run)
    assert name == "keys_accepted"
    assert "5.12.0" in message and "API keys need Tenable Security Center 5.13 or later" in message
    assert run.result["checks"][1]["message"].endswith("(version 5.12.0).")
    # The refusal is explained from what SC already said: no request of its own.
    assert [r.path for r in sc.requests] == ["/rest/system", "/rest/currentUser"]


def test_a_version_hidden_without_keys_is_read_with_them(task, connection, sc):
    # reported: pyTenable #512, #514; SC 5.20 and later show no version to a request without keys.
    run = check(task, connection)
    assert run.result["valid"] is True and run.result["sc_version"] == sc.version
    assert [(r.path, r.user) for r in sc.requests if r.path == "/rest/system"] == [
        ("/rest/system", None), ("/rest/system", "vulnanalyst")]


def test_a_version_shown_to_nobody_is_unknown_not_a_failure(task, connection, sc):
    sc.hide_version = True
    run = check(task, connection)
    assert run.returncode == 0 and run.result["valid"] is True and run.result["sc_version"] is None
    version = next(c for c in run.result["checks"] if c["name"] == "version")
    assert version["ok"] and "does not show its version" in version["message"]
    assert not run.result.get("warnings")
    raised = check(task, connection, min_version="6.2.0")
    assert raised.result["valid"] is True
    assert raised.result["warnings"] == ["min_version 6.2.0 was not checked: SC does not show its version."]


@pytest.mark.parametrize("version", ["5.20.0", "6.4.0"])
def test_refused_keys_on_a_current_sc_are_refused_keys(task, connection, sc, version):
    sc.version = version
    name, message = failed_check(check(task, connection, api_keys="accesskey=%s; secretkey=%s;" % ("a" * 32, "b" * 32)))
    assert name == "keys_accepted" and "Users > Users > API Keys" in message and "not Tenable" not in message


def test_min_version_raises_the_bar(task, connection, sc):
    name, message = failed_check(check(task, connection, min_version="99.0.0"))
    assert name == "version" and "99.0.0" in message


def test_min_version_must_be_a_version(task, connection):
    run = check(task, connection, min_version="latest")
    assert run.failed and "min_version" in run.result["msg"]


def test_api_keys_disabled(task, connection, sc, secrets):
    sc.api_keys_enabled = False
    run = check(task, connection)
    name, message = failed_check(run)
    assert name == "keys_accepted"
    assert "System > Configuration > Security > Allow API Keys" in message
    assert_no_secret(run, secrets)


@pytest.mark.parametrize("keys", ["accesskey=%s; secretkey=%s;" % ("a" * 32, "b" * 32), "wrong-secret"])
def test_rejected_keys(task, connection, sc, secrets, keys):
    if keys == "wrong-secret":
        keys = "accesskey=%s; secretkey=%s;" % (sc.users["vulnanalyst"].access_key, "b" * 32)
    run = check(task, connection, api_keys=keys)
    name, message = failed_check(run)
    assert name == "keys_accepted" and "Users > Users > API Keys" in message
    assert_no_secret(run, secrets + ["b" * 32])


def test_locked_account(task, connection, sc):
    name, message = failed_check(check(task, connection, api_keys=sc.key_string("locked")))
    assert name == "keys_accepted" and "locked" in message


@pytest.mark.parametrize("keys, complaint", [
    ("accesskey=abc;", "secretkey is missing"),
    ("secretkey=abc; accesskey=;", "value of accesskey is empty"),
    ("abc:def", "has no '='"),
])
def test_malformed_key_string_fails_before_contacting_sc(task, connection, sc, keys, complaint):
    name, message = failed_check(check(task, connection, api_keys=keys))
    assert name == "key_string" and complaint in message
    assert "accesskey=<access-key>; secretkey=<secret-key>;" in message
    assert sc.count() == 0


def test_connection_refused(task, connection):
    name, message = failed_check(check(task, connection, url="https://127.0.0.1:%d" % closed_port(), retries=0))
    assert name == "reachable" and "Check url" in message


def test_timeout(task, connection, sc):
    sc.add_fault("slow", method="GET", path="/rest/system", delay=3, times=5)
    name, message = failed_check(check(task, connection, timeout=1, retries=0))
    assert name == "reachable" and "timeout" in message


def test_a_server_that_is_not_sc(task, connection, sc):
    sc.add_fault("html502", method="GET", path="/rest/system", times=5)
    name, message = failed_check(check(task, connection, retries=0))
    assert name == "reachable" and "502" in message


def test_fail_on_invalid_false_reports_instead_of_failing(task, connection, sc):
    run = check(task, connection, api_keys=sc.key_string("norepo"), fail_on_invalid=False)
    assert run.returncode == 0 and not run.failed
    assert run.result["valid"] is False and run.result["checks"][-1]["name"] == "repositories"


def test_options_from_the_environment_as_awx_injects_them(task, sc):
    run = task("tenablesc_apikey_check", {}, env=dict(
        TENABLESC_URL=sc.url, TENABLESC_API_KEYS=sc.key_string("vulnanalyst") + "\n", TENABLESC_CA_PATH=sc.ca_path))
    assert run.returncode == 0 and run.result["valid"], run.output


def test_module_defaults_group(task, sc):
    defaults = {"group/secops.tenablesc.tenablesc": dict(
        url=sc.url, access_key=sc.users["vulnanalyst"].access_key,
        secret_key=sc.users["vulnanalyst"].secret_key, ca_path=sc.ca_path)}
    run = task("tenablesc_apikey_check", {}, module_defaults=defaults)
    assert run.returncode == 0 and run.result["valid"], run.output


def test_a_bad_url_is_a_reachability_failure_not_a_key_string_one(task, connection):
    name, message = failed_check(check(task, connection, url="ftp://sc.example.com"))
    assert name == "reachable" and "not an http(s) URL" in message

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The client against the simulator over real HTTPS: envelope, errors, retries, TLS."""

import json
import time
import traceback

import pytest

from ansible_collections.secops.tenablesc.plugins.module_utils import errors
from ansible_collections.secops.tenablesc.plugins.module_utils.analysis import AnalysisQuery
from ansible_collections.secops.tenablesc.plugins.module_utils.client import USER_AGENT, Client
from ansible_collections.secops.tenablesc.plugins.module_utils.connection import ConnectionSettings
from ansible_collections.secops.tenablesc.plugins.module_utils.lookups import asset_lists
from support.servers import QuietHandler, closed_port, serving


def failure(call, secrets, expected=errors.TenableSCError):
    """Run ``call``, expect ``expected``, and prove the error carries no key anywhere."""
    with pytest.raises(expected) as caught:
        call()
    exc = caught.value
    rendered = "\n".join([
        str(exc), repr(exc), json.dumps(exc.to_fail_json(), default=str),
        "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)),
    ])
    leaked = [secret for secret in secrets if secret in rendered]
    assert not leaked, "a key leaked into the error"
    return exc


def test_current_user_over_tls_with_the_simulators_ca(client, sc):
    user = client.current_user()
    assert user["username"] == sc.users["vulnanalyst"].username
    assert user["role"]["name"] == "Vulnerability Analyst"
    [request] = [r for r in sc.requests if r.path == "/rest/currentUser"]
    assert request.user == "vulnanalyst"
    assert "fields=" in request.query


def test_every_request_says_who_is_calling(client, sc):
    client.current_user()
    assert {r.user_agent for r in sc.requests} == {USER_AGENT}


def test_system_needs_no_keys_and_from_5_20_shows_no_version(make_client, sc):
    client = make_client(api_keys="accesskey=%s; secretkey=%s;" % ("0" * 32, "1" * 32))
    assert client.system()["buildID"] and client.known_version is None
    assert sc.requests[-1].user is None
    sc.version = "5.19.0"
    client.system()
    assert client.known_version == "5.19.0"


def test_the_version_is_read_with_the_keys_when_sc_offers_it(client, sc):
    client.system()
    assert client.known_version is None
    assert client.system(authenticated=True)["version"] == sc.version == client.known_version
    sc.hide_version = True
    client.system(authenticated=True)
    assert client.known_version is None


def test_explicit_ca_path_wins_over_requests_ca_bundle(make_client, monkeypatch):
    import certifi

    # requests lets REQUESTS_CA_BUNDLE override a CA set on the session; ours is passed per request.
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", certifi.where())
    client = make_client()
    assert client.current_user()["username"]


def test_unknown_ca_fails_naming_ca_path(make_client, secrets):
    client = make_client(ca_path=None)
    exc = failure(client.current_user, secrets, errors.TLSError)
    assert "ca_path" in str(exc) and "validate_certs" in str(exc)


def test_validate_certs_off_works_and_warns(make_client, client_warnings):
    client = make_client(ca_path=None, validate_certs=False)
    assert client.current_user()["username"]
    assert any("validate_certs" in warning for warning in client_warnings)


def test_hostname_mismatch_is_refused(make_client, tmp_path, secrets):
    import ssl

    import trustme

    ca = trustme.CA()
    ca_file = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("sc.example.com").configure_cert(context)
    with serving(_NotSC, context) as port:
        client = make_client(url="https://127.0.0.1:%d" % port, ca_path=str(ca_file), retries=0)
        exc = failure(client.system, secrets, errors.TLSError)
    assert "mismatch" in str(exc) and "issued for" in str(exc)


@pytest.mark.parametrize("keys", [
    "accesskey=%s; secretkey=%s;" % ("0" * 32, "1" * 32),
])
def test_unknown_keys_are_rejected_with_the_fix(make_client, keys, secrets):
    client = make_client(api_keys=keys)
    exc = failure(client.current_user, secrets + ["1" * 32], errors.AuthenticationError)
    assert exc.status == 403 and exc.error_code == 0
    assert "Users > Users > API Keys" in str(exc)


def test_right_access_key_wrong_secret_is_rejected(make_client, sc, secrets):
    good = sc.users["vulnanalyst"]
    client = make_client(api_keys=None, access_key=good.access_key, secret_key="f" * 32)
    failure(client.current_user, secrets + ["f" * 32], errors.AuthenticationError)


def test_api_keys_disabled_names_the_setting(make_client, sc, secrets):
    sc.api_keys_enabled = False
    client = make_client()
    exc = failure(client.current_user, secrets, errors.AuthenticationError)
    assert exc.status == 400
    assert "System > Configuration > Security > Allow API Keys" in str(exc)


def test_sc_older_than_5_13_is_named_without_a_request_of_its_own(make_client, sc, secrets):
    sc.version = "5.12.0"
    client = make_client()
    exc = failure(client.current_user, secrets, errors.UnsupportedVersionError)
    assert "5.13" in str(exc) and "version not shown" in str(exc)
    assert [r.path for r in sc.requests] == ["/rest/currentUser"]
    client.system()
    exc = failure(client.current_user, secrets, errors.UnsupportedVersionError)
    assert "5.12.0" in str(exc) and "5.13" in str(exc)


@pytest.mark.parametrize("version", ["6.4.0", "5.20.0"])
def test_refused_keys_are_refused_keys_whatever_the_version_shows(make_client, sc, secrets, version):
    sc.version = version
    client = make_client(api_keys="accesskey=%s; secretkey=%s;" % ("0" * 32, "1" * 32))
    client.system()
    exc = failure(client.current_user, secrets, errors.AuthenticationError)
    assert exc.kind == "authentication" and "API Keys" in exc.hint
    assert [r.path for r in sc.requests] == ["/rest/system", "/rest/currentUser"]


def test_locked_account(make_client, secrets):
    client = make_client(user="locked")
    exc = failure(client.current_user, secrets, errors.UserLockedError)
    assert "unlock" in str(exc)


def test_permission_denied_gives_role_guidance(make_client, secrets):
    client = make_client(user="vulnanalyst")
    exc = failure(lambda: client.post("/asset", {"name": "x", "type": "static", "definedIPs": "10.0.0.1"}),
                  secrets, errors.PermissionDeniedError)
    assert "Vulnerability Analyst" in str(exc)


def test_not_found_is_error_147(client, secrets):
    exc = failure(lambda: client.get("/asset/987654"), secrets, errors.NotFoundError)
    assert exc.status == 403 and exc.error_code == 147


def test_invalid_filter_lists_valid_names(client, secrets):
    body = {"type": "vuln", "sourceType": "cumulative",
            "query": {"tool": "sumip", "type": "vuln", "startOffset": 0, "endOffset": 10,
                      "filters": [{"filterName": "sevrity", "operator": "=", "value": "4"}]}}
    exc = failure(lambda: client.post("/analysis", body, safe=True), secrets, errors.InvalidFilterError)
    assert exc.error_code == 146
    assert "sevrity" in str(exc) and "repositoryIDs" in str(exc)


# Faults SC and the proxies in front of it produce, and what the client makes of them.

def test_rate_limit_honours_retry_after(client, sc):
    sc.add_fault("status", method="GET", path="/rest/currentUser", status=429, retry_after=1)
    started = time.monotonic()
    assert client.current_user()["username"]
    assert time.monotonic() - started >= 1.0
    assert sc.count("GET", "/rest/currentUser") == 2


@pytest.mark.parametrize("fault, params", [
    ("status", dict(status=503)),
    ("status", dict(status=504)),
    ("html502", {}),
    ("reset_before", {}),
    ("reset_after", {}),
    ("truncated", {}),
    ("db_locked", {}),
])
def test_safe_requests_survive_transient_faults(client, sc, fault, params):
    sc.add_fault(fault, method="GET", path="/rest/currentUser", times=2, **params)
    assert client.current_user()["username"]
    assert sc.count("GET", "/rest/currentUser") == 3


def test_retries_are_bounded_and_the_last_error_is_clear(make_client, sc, secrets):
    client = make_client(retries=2)
    sc.add_fault("html502", method="GET", path="/rest/currentUser", times=10)
    exc = failure(client.current_user, secrets, errors.TransportError)
    assert "HTTP 502" in str(exc) and "Bad Gateway" in str(exc)
    assert sc.count("GET", "/rest/currentUser") == 3


@pytest.mark.parametrize("fault, params", [("html502", {}), ("reset_before", {})])
def test_each_retry_is_logged_once_with_its_request(sc, fault, params):
    debug = []
    client = Client(ConnectionSettings.from_options(dict(
        url=sc.url, api_keys=sc.key_string("vulnanalyst"), ca_path=sc.ca_path, retries=1, timeout=10).get),
        debug=debug.append)
    sc.add_fault(fault, method="GET", path="/rest/currentUser", **params)
    try:
        assert client.current_user()["username"]
    finally:
        client.close()
    [line] = [line for line in debug if "retry 1 of 1" in line]
    assert line.startswith("GET /currentUser: ") and line.count("/currentUser") == 1, line


def test_write_refusals_name_the_roles_that_may_write(make_client, sc, secrets):
    exc = failure(lambda: make_client().post("/asset", {"name": "x", "type": "static", "definedIPs": "10.0.0.1"}),
                  secrets, errors.PermissionDeniedError)
    assert "Security Manager or Security Analyst" in str(exc)


def test_administrator_keys_get_the_organization_advice(make_client, sc, secrets):
    query = AnalysisQuery(tool="sumip").body(0, 1)
    exc = failure(lambda: make_client(user="admin").post("/analysis", query, safe=True), secrets,
                  errors.PermissionDeniedError)
    assert "error 15" in str(exc) and "organization service account" in str(exc)


def test_no_retry_on_authentication_errors(make_client, sc, secrets):
    client = make_client(api_keys="accesskey=%s; secretkey=%s;" % ("0" * 32, "1" * 32))
    failure(client.current_user, secrets, errors.AuthenticationError)
    assert sc.count("GET", "/rest/currentUser") == 1


def test_a_create_that_may_have_reached_sc_is_never_sent_twice(make_client, sc, secrets):
    client = make_client(user="secmanager")
    before = len(asset_lists(client))
    sc.add_fault("reset_after", method="POST", path="/rest/asset")
    exc = failure(lambda: client.post("/asset", {"name": "Reset", "type": "static", "definedIPs": "10.9.9.9"}),
                  secrets, errors.TransportError)
    assert exc.maybe_applied
    assert sc.count("POST", "/rest/asset") == 1
    assert len(asset_lists(client)) == before + 1


def test_a_create_is_not_retried_after_a_503_either(make_client, sc, secrets):
    client = make_client(user="secmanager")
    sc.add_fault("status", method="POST", path="/rest/asset", status=503)
    failure(lambda: client.post("/asset", {"name": "Busy", "type": "static", "definedIPs": "10.9.9.8"}),
            secrets, errors.TransientAPIError)
    assert sc.count("POST", "/rest/asset") == 1


def test_slow_reply_past_timeout_is_retried_then_named(make_client, sc, secrets):
    client = make_client(timeout=0.5, retries=1)
    sc.add_fault("slow", method="GET", path="/rest/currentUser", delay=2, times=1)
    assert client.current_user()["username"]
    sc.add_fault("slow", method="GET", path="/rest/currentUser", delay=2, times=5)
    exc = failure(client.current_user, secrets, errors.SCTimeoutError)
    assert "timeout" in str(exc)


def test_connection_refused_names_url(make_client, secrets):
    client = make_client(url="https://127.0.0.1:%d" % closed_port(), retries=1)
    exc = failure(client.current_user, secrets, errors.ConnectError)
    assert "Check url" in str(exc)


def test_unknown_host_names_url(make_client, secrets):
    client = make_client(url="https://sc.invalid", retries=0)
    exc = failure(client.current_user, secrets, errors.ConnectError)
    assert "sc.invalid" in str(exc)


class _NotSC(QuietHandler):
    def do_GET(self):  # noqa: N802 - http.server's naming
        self.reply(200, b"<html><body>Welcome to nginx!</body></html>", "text/html")


def test_a_server_that_is_not_sc_is_named(make_client, client_warnings, secrets):
    with serving(_NotSC) as port:
        client = make_client(url="http://127.0.0.1:%d" % port)
        exc = failure(client.system, secrets, errors.NotSCError)
    assert "nginx" in str(exc) and "Check url" in str(exc)
    assert any("http://" in warning for warning in client_warnings)


class _Recorder(QuietHandler):
    """Records the headers it receives; answers like a web server that is not SC."""

    received = []

    def do_GET(self):  # noqa: N802 - http.server's naming
        _Recorder.received.append(dict(self.headers))
        self.reply(404, b'{"error": "The requested file was not found."}', "application/json")


def redirect_to(port):
    class Redirect(_NotSC):
        def do_GET(self):  # noqa: N802 - http.server's naming
            self.reply(302, headers=[("Location", "http://user:pw@127.0.0.1:%d/elsewhere" % port)])
    return Redirect


def test_a_redirect_is_not_followed_so_the_keys_stay_home(make_client, secrets):
    _Recorder.received.clear()
    with serving(_Recorder) as other, serving(redirect_to(other)) as port:
        client = make_client(url="http://127.0.0.1:%d" % port)
        exc = failure(client.current_user, secrets, errors.NotSCError)
    assert "redirects to http://127.0.0.1:%d/elsewhere" % other in str(exc) and "pw" not in str(exc)
    assert _Recorder.received == []


def test_json_that_is_not_scs_envelope_is_not_retried(make_client, secrets):
    _Recorder.received.clear()
    with serving(_Recorder) as port:
        client = make_client(url="http://127.0.0.1:%d" % port, retries=3)
        exc = failure(client.current_user, secrets, errors.NotSCError)
    assert "not with Tenable Security Center's JSON API" in str(exc) and "Check url" in str(exc)
    assert len(_Recorder.received) == 1


def test_api_error_in_a_200_envelope_is_an_error(client, sc, secrets):
    sc.add_fault("db_locked", method="GET", path="/rest/currentUser", times=10)
    exc = failure(client.current_user, secrets, errors.TransientAPIError)
    assert "database is locked" in str(exc)


def test_fail_json_form_carries_the_hint_and_no_key(make_client, sc):
    client = make_client(api_keys="accesskey=%s; secretkey=%s;" % ("0" * 32, "1" * 32))
    with pytest.raises(errors.AuthenticationError) as caught:
        client.current_user()
    output = caught.value.to_fail_json()
    assert output["msg"].endswith(errors.HINT_KEYS_REJECTED)
    assert output["error"]["kind"] == "authentication" and output["error"]["status"] == 403


def test_asset_lists_in_one_scope_for_every_role(make_client):
    # recorded: a list can be manageable without being usable; documented: an Administrator gets {"assets": [...]}.
    managed = {summary["id"]: summary for summary in asset_lists(make_client(user="secmanager"))}
    assert (managed["8"]["usable"], managed["8"]["manageable"]) == (False, True)
    assert (managed["0"]["usable"], managed["0"]["manageable"]) == (True, False)
    administered = asset_lists(make_client(user="admin"))
    assert administered and all(summary["usable"] and summary["manageable"] for summary in administered)
    assert "8" not in {summary["id"] for summary in asset_lists(make_client())}

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What SC's answers mean, from a table of answers servers were seen to give: data, an error with its fix, or
a retry. Each row says where its answer comes from."""

import json

import pytest

from ansible_collections.secops.tenablesc.plugins.module_utils import errors
from ansible_collections.secops.tenablesc.plugins.module_utils.answers import (
    Answer,
    Request,
    Retry,
    read_answer,
    version_tuple,
)

URL = "https://tenablesc.example.com"
GET = Request("GET", "/currentUser", safe=True, authenticated=True)
ANALYSIS = Request("POST", "/analysis", safe=True, authenticated=True)
CREATE = Request("POST", "/asset", safe=False, authenticated=True)
ANONYMOUS = Request("GET", "/system", safe=True, authenticated=False)


def envelope(error_code=0, error_msg="", response=""):
    """SC's envelope, as every recorded answer has it."""
    return json.dumps(dict(type="regular", response=response, error_code=error_code, error_msg=error_msg,
                           warnings=[], timestamp=1638312171)).encode()


def read(request, status, content, headers=None, known_version=None):
    """(what read_answer returned or raised, whether it asked for a retry)."""
    try:
        return read_answer(request, Answer(status, content, headers or {}), URL, known_version), False
    except Retry as retry:
        return retry.error, True
    except errors.TenableSCError as error:
        return error, False


def test_the_response_member_of_a_successful_envelope():
    # recorded: tests/conformance/corpus/current_user.json (200, error_code 0)
    assert read(GET, 200, envelope(response={"id": "4", "username": "vulnanalyst"})) == (
        {"id": "4", "username": "vulnanalyst"}, False)
    # recorded: tests/conformance/corpus/asset_delete.json ("response": "" on success)
    assert read(Request("DELETE", "/asset/35", False, True), 200, envelope()) == ("", False)


# (request, status, body, known version, error kind, words of the message, words of the hint, retried)
REFUSALS = {
    # recorded: pyTenable sc_login_5_20_0.yaml (5.20 refuses wrong keys with 403, error 0, an empty message)
    "wrong keys on 5.20": (GET, 403, envelope(), None, "authentication", "SC refused the API keys (HTTP 403)",
                           "Users > Users > API Keys", False),
    # documented: 400 when API keys are disabled (Tenable's API Key Authorization page)
    "400 refusal": (GET, 400, envelope(), None, "authentication", "HTTP 400", "Allow API Keys", False),
    # recorded: pyTenable test_system_current_locale.yaml (SC 5.8 ignores x-apikey: 403/12 invalid token)
    "SC 5.8 without key support": (GET, 403, envelope(12, "This request contains an invalid token."), None,
                                   "version", "does not support API keys", "5.13 or later", False),
    "error 12 from an SC known as 5.8": (GET, 403, envelope(12, "This request contains an invalid token."), "5.8.0",
                                         "version", "Tenable Security Center 5.8.0 answered", "upgrade SC", False),
    # inferred: error 12 from an SC that supports keys is a refusal of the keys
    "error 12 from SC 6.4": (GET, 403, envelope(12, "This request contains an invalid token."), "6.4.0",
                             "authentication", "SC refused the API keys", "Users > Users > API Keys", False),
    # inferred: wording of a locked account (the simulator's), status as the other refusals
    "locked account": (GET, 403, envelope(0, "The user account is locked.\n"), None, "user_locked", "locked",
                       "unlock it", False),
    # recorded: pyTenable test_scans_delete.yaml (403/147, this wording)
    "not found": (Request("DELETE", "/scan/9", False, True), 403,
                  envelope(147, "Unable to find existing Scan #31 to delete.\nScan #31 does not exist.\n"), None,
                  "not_found", "error 147: Unable to find existing Scan #31", "", False),
    # reported: pyTenable #294 (403/15 for organization data read with Administrator keys)
    "administrator keys": (GET, 403, envelope(15, "Valid orgID is required.\n"), None, "permission", "error 15",
                           "organization service account", False),
    # reported: pyTenable #266 (146, the filter SC does not know, with the valid ones)
    "unknown filter": (ANALYSIS, 403, envelope(146, "The filter 'sevrity' is invalid (valid filters: severity, ip)"),
                       None, "invalid_filter", "SC does not know the filter sevrity", "friendly filter option", False),
    # reported: pyTenable #278 (143 "Unable to process Vuln Query", an operator SC does not recognise)
    "unknown operator": (ANALYSIS, 403, envelope(143, 'Unable to process Vuln Query. Operator "contains" is not'
                                                      ' recognized'),
                         None, "invalid_filter", "SC does not recognise the filter operator contains",
                         "SC's operators are", False),
    # reported: pyTenable #244 (146 about a filter's value)
    "value without an id": (ANALYSIS, 403, envelope(146, 'The value for Filter "repository" contains a record without'
                                                         " a numeric 'id' field."),
                            None, "invalid_filter_value", "SC refused the value of the filter repository",
                            "in the form SC's message names", False),
    # reported: pyTenable #411 (146, a window in the wrong form)
    "window in the wrong form": (ANALYSIS, 403, envelope(146, "Filter 'lastSeen' must be in the following format:"
                                                              " <end day>:<start day>"),
                                 None, "invalid_filter_value", "the filter lastSeen", "friendly filter options", False),
    # reported: pyTenable #726 (146, a scan result of a repository the account is not assigned to)
    "repository not assigned": (ANALYSIS, 403, envelope(146, "Group #15 does not have access to the Repository that"
                                                             " contains the scan result."),
                                None, "permission", "SC refused the query", "Assign the service account", False),
    # reported: pyTenable #73 (403/142 without a permission word: SC's message is the whole story)
    "another API error": (ANALYSIS, 403, envelope(142, "Please specify a view for the individual data source.\n"),
                          None, "api", "error 142: Please specify a view", "", False),
    # inferred: a write refused for the role (SC's wording for permissions)
    "write refused": (CREATE, 403, envelope(1, "You do not have permission to perform this action."), None,
                      "permission", "error 1", "Security Manager or Security Analyst", False),
    # client: an error envelope is an error even with HTTP 200 (pyTenable raises on any error_code)
    "error in a 200 envelope": (GET, 200, envelope(1, "Something failed."), None, "api", "HTTP 200, error 1", "",
                                False),
    # client: Splunk SOAR's connector retries "database locked"; inferred: status 403 and code 1
    "database is locked": (GET, 403, envelope(1, "database is locked\n"), None, "transient",
                           "temporarily unable to answer (HTTP 403, database is locked)", "run the task again later",
                           True),
    "database is locked on a create": (CREATE, 403, envelope(1, "database is locked\n"), None, "transient",
                                       "temporarily unable", "never sent twice", False),
    # inferred: SC behind a proxy answers 503 with SC's envelope while it restarts
    "unavailable": (GET, 503, envelope(0, "Service Unavailable"), None, "transient", "HTTP 503", "", True),
    # documented: 429 with Retry-After is always worth a retry, a create included (nothing was done)
    "rate limited create": (CREATE, 429, envelope(0, "Too Many Requests"), None, "transient", "HTTP 429", "", True),
    # inferred: a proxy's own error page in front of SC
    "proxy 502 page": (GET, 502, b"<html><body><h1>502 Bad Gateway</h1></body></html>", None, "transport",
                       "HTTP 502 without a complete SC JSON answer (body starts '<html><body><h1>502 Bad Gateway",
                       "proxy or load balancer", True),
    # reported: pyTenable #823 (a body cut off mid-JSON)
    "cut-off body": (GET, 200, envelope(response={"id": "4"})[:30], None, "transport",
                     "without a complete SC JSON answer", "proxy or load balancer", True),
    "cut-off body of a create": (CREATE, 200, envelope(response={"id": "4"})[:30], None, "transport",
                                 "without a complete SC JSON answer", "never sent twice", False),
    # inferred: a web server that is not SC at the URL
    "not SC": (ANONYMOUS, 200, b"<html>It works!</html>", None, "not_sc",
               "answered HTTP 200, not with Tenable Security Center's JSON API (body starts '<html>It works!</html>')",
               "Check url", False),
    "empty body": (ANONYMOUS, 404, b"", None, "not_sc", "HTTP 404, not with Tenable Security Center's JSON API"
                                                        " (empty body)", "Check url", False),
    # inferred: JSON that is not SC's envelope is not SC
    "other JSON": (ANONYMOUS, 200, b'{"status": "ok"}', None, "not_sc", "not with Tenable Security Center's JSON API",
                   "Check url", False),
}


@pytest.mark.parametrize("request_, status, body, known_version, kind, message, hint, retried", REFUSALS.values(),
                         ids=list(REFUSALS))
def test_each_refusal_is_its_error_with_its_fix(request_, status, body, known_version, kind, message, hint, retried):
    error, was_retried = read(request_, status, body, known_version=known_version)
    assert isinstance(error, errors.TenableSCError), error
    assert error.kind == kind
    assert message in error.message
    assert hint in error.hint
    assert was_retried is retried


def test_a_redirect_is_named_without_what_its_address_carries():
    error, retried = read(ANONYMOUS, 302, b"", {"Location": "https://me:secret@sso.example.com/login"})
    assert error.kind == "not_sc" and not retried
    assert "redirects to https://sso.example.com" in error.message and "secret" not in error.message


@pytest.mark.parametrize("header, seconds", [("7", 7.0), ("0.5", 0.5), ("-3", 0.0), ("soon", None), (None, None),
                                             ("Thu, 01 Jan 1970 00:00:00 GMT", 0.0)])
def test_retry_after_in_seconds_or_as_a_date(header, seconds):
    with pytest.raises(Retry) as retry:
        read_answer(GET, Answer(429, envelope(), {"Retry-After": header} if header else {}), URL)
    assert retry.value.retry_after == seconds


def test_text_from_the_server_is_scrubbed_of_the_keys():
    key = "0123456789abcdef0123456789abcdef"
    echoed = envelope(1, "Bad header x-apikey: accesskey=%s;" % key.upper())
    with pytest.raises(errors.APIError) as raised:
        read_answer(GET, Answer(403, echoed, {}), URL, scrub=lambda text: text.replace(key.upper(), "<access key>"))
    assert key.upper() not in str(raised.value) and "<access key>" in str(raised.value)


def test_string_error_codes_are_read_as_numbers():
    # recorded: tests/conformance/corpus (error_code is a number; some proxies and old SCs quote it)
    error, _retried = read(GET, 403, envelope("147", "Not here."))
    assert error.kind == "not_found"


@pytest.mark.parametrize("text, numbers", [("6.4.0", (6, 4, 0)), ("5.13", (5, 13)), ("6.5.0-beta", (6, 5, 0)),
                                           ("", (0,)), (None, (0,)), ("x.1", (0,))])
def test_version_tuple(text, numbers):
    assert version_tuple(text) == numbers

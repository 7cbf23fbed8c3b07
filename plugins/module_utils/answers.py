# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What an answer of Tenable Security Center means: its data, or the error to report and whether to retry.

A pure function of what was asked and what came back, so that every answer real servers were seen to give
is tested in a table (tests/unit/module_utils/test_answers.py) without a server. ``client.py`` sends the
requests and retries; this module only reads the answers.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import email.utils
import json
import re
import time
from collections import namedtuple

from ansible_collections.secops.tenablesc.plugins.module_utils.connection import redact_url
from ansible_collections.secops.tenablesc.plugins.module_utils.errors import (
    APIError,
    APIKeysDisabledError,
    AuthenticationError,
    InvalidFilterError,
    InvalidFilterValueError,
    NotFoundError,
    NotSCError,
    PermissionDeniedError,
    TransientAPIError,
    TransportError,
    UnsupportedVersionError,
    UserLockedError,
    HINT_ADMINISTRATOR,
    HINT_PERMISSION,
    HINT_REPOSITORY_ACCESS,
    HINT_RISK_PERMISSION,
    HINT_SCAN_PERMISSION,
    HINT_SENT_ONCE,
    HINT_WRITE_PERMISSION,
)

MIN_API_KEY_VERSION = "5.13.0"

# SC answers these when it (or a proxy in front of it) is briefly unable to serve.
_RETRY_STATUSES = frozenset((429, 502, 503, 504))
_AUTH_STATUSES = frozenset((400, 401, 403))
# SC before 5.13 ignores x-apikey and finds no session token: 403 with this code.
_ERROR_INVALID_TOKEN = 12
# "Unable to process Vuln Query": an operator or filter name SC does not recognise (pyTenable #278, #266).
_ERROR_QUERY_NOT_BUILT = 143
# Invalid parameters: a filter name, a filter value, or a repository the account may not read (#244, #411, #917).
_ERROR_INVALID_PARAMETERS = 146
_ERROR_NOT_FOUND = 147
_ERROR_ORG_REQUIRED = 15  # recorded for Administrator keys on organization data
_TRANSIENT_MESSAGES = ("database is locked",)
_BODY_EXCERPT = 120
# Keys are masked in this much of a body before the excerpt is cut, so no key is cut in half.
_BODY_SCRUBBED = 65536

# What was asked: ``safe`` when sending it again cannot do anything twice; ``authenticated`` when the keys went.
Request = namedtuple("Request", "method path safe authenticated")
# What came back: HTTP status, body bytes and headers (Retry-After and Location are read).
Answer = namedtuple("Answer", "status content headers")


class Retry(Exception):
    """This attempt failed in a way worth retrying; ``error`` is raised if no retry is left."""

    def __init__(self, error, retry_after=None):
        super(Retry, self).__init__(str(error))
        self.error = error
        self.retry_after = retry_after


def retry_if(retryable, error, retry_after=None):
    """What to raise for ``error``: a retry signal when the request may be repeated, else the error itself.

    Only a create or delete that may have reached SC is not repeated; its error says so before its own fix.
    """
    if retryable:
        return Retry(error, retry_after)
    error.hint = " ".join(hint for hint in (HINT_SENT_ONCE, error.hint) if hint)
    return error


def version_tuple(version):
    """'6.4.0' -> (6, 4, 0); anything unparsable sorts lowest."""
    numbers = []
    for part in str(version or "").split("."):
        digits = "".join(c for c in part if c in "0123456789")  # not isdigit(): int() refuses superscripts
        if not digits:
            break
        numbers.append(int(digits))
    return tuple(numbers) or (0,)


def read_answer(request, answer, url, known_version=None, scrub=lambda text: text):
    """The ``response`` member of SC's envelope; otherwise raises the error for the answer, or Retry.

    ``url`` is SC's base URL, for messages; ``known_version`` what SC last showed of its version (None when
    it showed none); ``scrub`` masks the keys in text that came from the server.
    """
    status = answer.status
    try:
        envelope, parsed = json.loads(answer.content), True
    except ValueError:
        envelope, parsed = None, False
    # Outside the handler: the decoding error holds the whole body, which may quote the request.
    if not isinstance(envelope, dict) or "error_code" not in envelope:
        raise _non_envelope(request, answer, url, scrub, parsed)
    error_code = _as_int(envelope.get("error_code"))
    error_msg = scrub(str(envelope.get("error_msg") or "").strip())
    if status < 400 and not error_code:
        return envelope.get("response")
    details = dict(status=status, error_code=error_code, error_msg=error_msg, method=request.method,
                   path=request.path)
    if status in _RETRY_STATUSES or any(text in error_msg.lower() for text in _TRANSIENT_MESSAGES):
        raise retry_if(request.safe or status == 429, TransientAPIError(
            "%s %s: SC is temporarily unable to answer (HTTP %d%s)." % (
                request.method, request.path, status, ", %s" % error_msg if error_msg else ""), **details),
            _retry_after(answer.headers))
    if request.authenticated and status in _AUTH_STATUSES and (
            error_code == _ERROR_INVALID_TOKEN or (not error_code and _about_authentication(error_msg))):
        raise _authentication_error(details, known_version)
    raise _api_error(details)


def _non_envelope(request, answer, url, scrub, parsed):
    """An answer without SC's envelope: a proxy page, a cut-off body, a redirect, or not SC at all."""
    method, path, status = request.method, request.path, answer.status
    excerpt = _excerpt(scrub(answer.content[:_BODY_SCRUBBED].decode("utf-8", "replace")))
    if 300 <= status < 400:
        return NotSCError("%s %s: %s redirects to %s; SC's API does not." % (
            method, path, url, scrub(redact_url(answer.headers.get("Location")) or "nowhere")), status=status)
    cut_off = not parsed and answer.content.lstrip()[:1] in (b"{", b"[")
    if status in _RETRY_STATUSES or cut_off:
        return retry_if(request.safe or status == 429, TransportError(
            "%s %s: HTTP %d without a complete SC JSON answer (%s)." % (method, path, status, excerpt),
            maybe_applied=not request.safe and status != 429, status=status), _retry_after(answer.headers))
    return NotSCError(
        "%s %s: %s answered HTTP %d, not with Tenable Security Center's JSON API (%s)." % (
            method, path, url, status, excerpt), status=status)


def _authentication_error(details, known_version):
    """Tell apart old SC, disabled API keys, a locked account and bad keys after an auth refusal."""
    message = details["error_msg"].lower()
    if details["error_code"] == _ERROR_INVALID_TOKEN and (
            known_version is None or version_tuple(known_version) < version_tuple(MIN_API_KEY_VERSION)):
        # SC before 5.13 ignores x-apikey: the request has no session, which SC calls an invalid token.
        return UnsupportedVersionError(
            "Tenable Security Center %s answered as if no API keys were sent (error 12): it does not support"
            " API keys." % (known_version or "(version not shown)"), version=known_version)
    if "lock" in message:
        return UserLockedError("SC refused the API keys: the account is locked (%s)." % details["error_msg"], **details)
    if "disabled" in message or "not enabled" in message or ("api key" in message and "allow" in message):
        return APIKeysDisabledError(
            "SC refused the API keys: API key authentication is disabled on this SC.", **details)
    reason = " (%s)" % details["error_msg"] if details["error_msg"] else ""
    if details["status"] == 400:
        return AuthenticationError(
            "SC refused the API keys with HTTP 400%s: the keys are wrong, or API keys are not enabled." % reason,
            hint="%s %s" % (AuthenticationError.hint, APIKeysDisabledError.hint), **details)
    return AuthenticationError("SC refused the API keys (HTTP %d)%s." % (details["status"], reason), **details)


def _api_error(details):
    error_code, error_msg = details["error_code"], details["error_msg"]
    text = "%s %s: SC answered HTTP %d, error %s: %s" % (
        details["method"], details["path"], details["status"], error_code, error_msg or "(no message)")
    if error_code in (_ERROR_INVALID_PARAMETERS, _ERROR_QUERY_NOT_BUILT):
        refusal = _query_refusal(details)
        if refusal is not None:
            return refusal
    if error_code == _ERROR_NOT_FOUND:
        return NotFoundError(text, hint="", **details)
    if error_code == _ERROR_ORG_REQUIRED:
        return PermissionDeniedError(text, hint=HINT_ADMINISTRATOR, **details)
    lowered = error_msg.lower()
    if details["status"] == 403 and ("permission" in lowered or "not authorized" in lowered or "access" in lowered):
        if "administrator" in lowered or "organization" in lowered:
            hint = HINT_ADMINISTRATOR
        elif details["method"] != "GET" and details["path"] != "/analysis":
            hint = _write_permission_hint(details["path"])
        else:
            hint = HINT_PERMISSION
        return PermissionDeniedError(text, hint=hint, **details)
    return APIError(text, **details)


def _write_permission_hint(path):
    """The role a refused write needs, by what it wrote."""
    if path.startswith("/asset"):
        return HINT_WRITE_PERMISSION
    if path.startswith(("/acceptRiskRule", "/recastRiskRule")):
        return HINT_RISK_PERMISSION
    return HINT_SCAN_PERMISSION


# SC's wordings, as users quoted them:
#   146 The filter 'x' is invalid (valid filters: ...)
#   143 Filter "x" is not recognized / Operator "contains" is not recognized
#   146 The value for Filter "repository" contains a record without a numeric 'id' field.
#   146 Filter 'lastSeen' must be in the following format: <end day>:<start day>
#   146 Group #0 does not have access to the Repository that contains the scan result
_UNKNOWN_FILTER = re.compile(r"""\bfilter ['"]?(\w+)['"]? is (?:invalid|not recognized)""", re.IGNORECASE)
_UNKNOWN_OPERATOR = re.compile(r"""\boperator ['"]?([^'"\s]+)['"]? is not recognized""", re.IGNORECASE)
_BAD_FILTER_VALUE = re.compile(
    r"""value for filter ['"]?(\w+)['"]?|filter ['"]?(\w+)['"]? must be""", re.IGNORECASE)
_NO_REPOSITORY_ACCESS = re.compile(r"does not have access to the repository", re.IGNORECASE)


def _query_refusal(details):
    """The error for SC refusing a query's filters or scope, each with its own fix; None for other 143s."""
    error_msg = details["error_msg"]
    summary = " ".join(error_msg.split())
    if _NO_REPOSITORY_ACCESS.search(error_msg):
        return PermissionDeniedError("SC refused the query: %s" % summary, hint=HINT_REPOSITORY_ACCESS, **details)
    operator = _UNKNOWN_OPERATOR.search(error_msg)
    if operator:
        return InvalidFilterError("SC does not recognise the filter operator %s: %s" % (operator.group(1), summary),
                                  refused_operator=operator.group(1), **details)
    unknown = _UNKNOWN_FILTER.search(error_msg)
    if unknown:
        return InvalidFilterError("SC does not know the filter %s: %s" % (unknown.group(1), summary),
                                  refused_filter=unknown.group(1), **details)
    value = _BAD_FILTER_VALUE.search(error_msg)
    if value:
        return InvalidFilterValueError("SC refused the value of the filter %s: %s" % (
            value.group(1) or value.group(2), summary), **details)
    if details["error_code"] == _ERROR_INVALID_PARAMETERS:
        return InvalidFilterError("SC refused the query's parameters: %s" % summary, **details)
    return None


def _retry_after(headers):
    """Seconds from a Retry-After header (a number or an HTTP date), or None."""
    value = headers.get("Retry-After")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        parsed = email.utils.parsedate_tz(value)
        return max(0.0, email.utils.mktime_tz(parsed) - time.time()) if parsed else None


def _about_authentication(error_msg):
    """SC 5.20 refuses bad keys with an empty message; other refusals name keys, auth or the account."""
    lowered = error_msg.lower()
    return not lowered or any(word in lowered for word in ("key", "auth", "lock", "login", "session", "token"))


def _excerpt(body):
    text = " ".join(body[:_BODY_EXCERPT].split())
    return "body starts %r" % text if text else "empty body"


def _as_int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1 if value else 0

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The only code in the collection that speaks HTTP to Tenable Security Center."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import email.utils
import json
import random
import re
import time

try:
    import requests
    from requests.adapters import HTTPAdapter
    HAS_REQUESTS = True
    REQUESTS_IMPORT_ERROR = None
except ImportError as exc:  # pragma: no cover - depends on the host
    HAS_REQUESTS = False
    REQUESTS_IMPORT_ERROR = exc

from ansible_collections.secops.tenablesc.plugins.module_utils.connection import redact_url
from ansible_collections.secops.tenablesc.plugins.module_utils.errors import (
    APIError,
    APIKeysDisabledError,
    AuthenticationError,
    ConfigurationError,
    ConnectError,
    InvalidFilterError,
    InvalidFilterValueError,
    MissingLibraryError,
    NotFoundError,
    NotSCError,
    PermissionDeniedError,
    SCTimeoutError,
    TLSError,
    TransientAPIError,
    TransportError,
    UnsupportedVersionError,
    UserLockedError,
    HINT_ADMINISTRATOR,
    HINT_KEY_STRING,
    HINT_PERMISSION,
    HINT_REPOSITORY_ACCESS,
    HINT_WRITE_PERMISSION,
    HINT_SENT_ONCE,
    HINT_TLS,
    HINT_TLS_NAME,
)
from ansible_collections.secops.tenablesc.plugins.module_utils.version import COLLECTION_VERSION

USER_AGENT = "secops.tenablesc/%s" % COLLECTION_VERSION
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
_BACKOFF_BASE = 0.5
_BACKOFF_CAP = 30.0
_RETRY_TIME_BUDGET = 120.0
_BODY_EXCERPT = 120
# Keys are masked in this much of a body before the excerpt is cut, so no key is cut in half.
_BODY_SCRUBBED = 65536


def version_tuple(version):
    """'6.4.0' -> (6, 4, 0); anything unparsable sorts lowest."""
    numbers = []
    for part in str(version or "").split("."):
        digits = "".join(c for c in part if c in "0123456789")  # not isdigit(): int() refuses superscripts
        if not digits:
            break
        numbers.append(int(digits))
    return tuple(numbers) or (0,)


class _Retry(Exception):
    """Internal signal: this attempt failed in a way worth retrying; ``error`` is raised if none are left."""

    def __init__(self, error, retry_after=None):
        super(_Retry, self).__init__(str(error))
        self.error = error
        self.retry_after = retry_after


class Client:
    """A pooled session to one SC, with retries and SC's envelope checked on every answer.

    ``warn`` receives user-facing warnings (``module.warn`` or ``display.warning``);
    ``debug`` receives progress lines for verbose output. Neither ever sees a key.
    """

    def __init__(self, settings, warn=None, debug=None, pool_size=10):
        if not HAS_REQUESTS:
            raise MissingLibraryError(
                "The Python library 'requests' is required on the host that runs this task (%s)." % REQUESTS_IMPORT_ERROR,
                "Install it with 'pip install requests' in the Python that Ansible uses there.")
        self.settings = settings
        self._warn = warn or (lambda message: None)
        self._debug = debug or (lambda message: None)
        self._api = settings.url + "/rest"
        # The last /rest/system answer, so that no error path needs a request of its own to name SC's version.
        self._system = None
        # Filters the collection adds on its own (wasVuln) that this SC refused: later queries leave them out.
        self.refused_filters = set()
        self._session = requests.Session()
        adapter = HTTPAdapter(pool_connections=1, pool_maxsize=max(pool_size, 1), max_retries=0)
        self._session.mount("https://", adapter)
        self._session.mount("http://", adapter)
        self._session.headers.update({
            "x-apikey": "accesskey=%s; secretkey=%s;" % (settings.access_key, settings.secret_key),
            "User-Agent": USER_AGENT,
            "Accept": "application/json",
        })
        if settings.proxy:
            self._session.proxies = {"http": settings.proxy, "https": settings.proxy}
        if settings.insecure_http:
            self._warn("url uses http://: the API keys travel unencrypted. Use https:// for a real SC.")
        elif not settings.validate_certs:
            self._warn("validate_certs is off: SC's certificate is not verified. Use ca_path instead outside tests.")

    def close(self):
        self._session.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    # Verbs. ``safe`` requests may be repeated without side effects; the others
    # (creating POST, DELETE) are retried only when they provably never left.

    def get(self, path, params=None):
        return self.request("GET", path, params=params)

    def post(self, path, body, safe=False):
        return self.request("POST", path, body=body, safe=safe)

    def patch(self, path, body):
        return self.request("PATCH", path, body=body, safe=True)

    def delete(self, path):
        return self.request("DELETE", path, safe=False)

    def request(self, method, path, params=None, body=None, safe=None, authenticated=True):
        """Send one API request and return the ``response`` member of SC's envelope."""
        if safe is None:
            safe = method == "GET"
        deadline = time.monotonic() + _RETRY_TIME_BUDGET
        attempt = 0
        while True:
            try:
                response = self._send(method, path, params, body, safe, authenticated)
                return self._unwrap(method, path, response, safe, authenticated)
            except _Retry as retry:
                wait = self._backoff(attempt, retry.retry_after)
                if attempt >= self.settings.retries or time.monotonic() + wait > deadline:
                    raise retry.error
                self._debug("%s; retry %d of %d in %.1fs" % (
                    _about(method, path, retry.error.message), attempt + 1, self.settings.retries, wait))
                time.sleep(wait)
                attempt += 1

    def _send(self, method, path, params, body, safe, authenticated):
        headers = None if authenticated else {"x-apikey": None}
        try:
            # Never follow redirects: requests would send x-apikey to wherever they point.
            return self._session.request(
                method, self._api + path, params=params, json=body, headers=headers,
                timeout=self.settings.timeout, verify=self.settings.verify, allow_redirects=False)
        except requests.exceptions.RequestException as exc:
            failure = self._failure(exc, method, path, safe)
        except OSError as exc:
            # requests raises a bare OSError for a CA bundle it cannot find.
            failure = ConfigurationError("Could not load the CA bundle: %s." % exc, HINT_TLS)
        # Raised outside the handler so that it chains nothing: requests' exception holds the request,
        # and with it the x-apikey header.
        raise failure

    def _failure(self, exc, method, path, safe):
        """The error (or retry signal) to raise for a requests exception; never the exception itself."""
        if isinstance(exc, requests.exceptions.SSLError):
            reason = _reason(exc)
            # "hostname mismatch", "IP address mismatch", "doesn't match": a trusted certificate for another name.
            return TLSError("TLS to %s failed: %s." % (self.settings.url, reason),
                            hint=HINT_TLS_NAME if "match" in reason else None)
        if isinstance(exc, requests.exceptions.ProxyError):
            # urllib3 1.26 reports any socket error on a proxied connection as a ProxyError, sent or not.
            return _retry_if(safe or _never_sent(exc), ConnectError(
                "Could not reach SC through proxy %s: %s." % (redact_url(self.settings.proxy) or "from the environment",
                                                              _reason(exc)),
                hint="Check proxy, HTTPS_PROXY and NO_PROXY.", maybe_applied=not safe and not _never_sent(exc)))
        if isinstance(exc, requests.exceptions.ConnectTimeout):
            return _Retry(SCTimeoutError("Connecting to %s timed out after %ss." % (
                self.settings.url, self.settings.timeout)))
        if isinstance(exc, requests.exceptions.ReadTimeout):
            return _retry_if(safe, SCTimeoutError("%s %s: SC did not answer within %ss." % (
                method, path, self.settings.timeout), maybe_applied=not safe))
        if isinstance(exc, requests.exceptions.ChunkedEncodingError):
            return _retry_if(safe, TransportError(
                "%s %s: SC's answer was cut off (%s)." % (method, path, _reason(exc)), maybe_applied=not safe))
        if isinstance(exc, requests.exceptions.ConnectionError):
            if _never_sent(exc):
                return _Retry(ConnectError("Could not connect to %s: %s." % (self.settings.url, _reason(exc))))
            return _retry_if(safe, TransportError(
                "%s %s: the connection broke before SC answered (%s)." % (method, path, _reason(exc)),
                maybe_applied=not safe))
        if isinstance(exc, requests.exceptions.InvalidHeader):
            # Its text would quote the header, keys included.
            return ConfigurationError("The API keys contain characters that cannot be sent in an HTTP header.",
                                      HINT_KEY_STRING)
        return TransportError("%s %s failed: %s." % (method, path, _reason(exc)))

    def _unwrap(self, method, path, response, safe, authenticated):
        status = response.status_code
        try:
            envelope, parsed = json.loads(response.content), True
        except ValueError:
            envelope, parsed = None, False
        # Outside the handler: the decoding error holds the whole body, which may quote the request.
        if not isinstance(envelope, dict) or "error_code" not in envelope:
            return self._non_envelope(method, path, response, safe, parsed=parsed)
        error_code = _as_int(envelope.get("error_code"))
        error_msg = self._scrubbed(str(envelope.get("error_msg") or "").strip())
        if status < 400 and not error_code:
            return envelope.get("response")
        details = dict(status=status, error_code=error_code, error_msg=error_msg, method=method, path=path)
        if status in _RETRY_STATUSES or any(text in error_msg.lower() for text in _TRANSIENT_MESSAGES):
            raise _retry_if(safe or status == 429, TransientAPIError(
                "%s %s: SC is temporarily unable to answer (HTTP %d%s)." % (
                    method, path, status, ", %s" % error_msg if error_msg else ""), **details), _retry_after(response))
        if authenticated and status in _AUTH_STATUSES and (
                error_code == _ERROR_INVALID_TOKEN or (not error_code and _about_authentication(error_msg))):
            raise self._authentication_error(details)
        raise _api_error(details)

    def _non_envelope(self, method, path, response, safe, parsed):
        """An answer without SC's envelope: a proxy page, a cut-off body, a redirect, or not SC at all."""
        status = response.status_code
        excerpt = _excerpt(self._scrubbed(response.content[:_BODY_SCRUBBED].decode("utf-8", "replace")))
        if 300 <= status < 400:
            raise NotSCError("%s %s: %s redirects to %s; SC's API does not." % (
                method, path, self.settings.url, self._scrubbed(redact_url(response.headers.get("Location")) or "nowhere")),
                status=status)
        cut_off = not parsed and response.content.lstrip()[:1] in (b"{", b"[")
        if status in _RETRY_STATUSES or cut_off:
            raise _retry_if(safe or status == 429, TransportError(
                "%s %s: HTTP %d without a complete SC JSON answer (%s)." % (method, path, status, excerpt),
                maybe_applied=not safe and status != 429, status=status), _retry_after(response))
        raise NotSCError(
            "%s %s: %s answered HTTP %d, not with Tenable Security Center's JSON API (%s)." % (
                method, path, self.settings.url, status, excerpt), status=status)

    def _scrubbed(self, text):
        """Text from the server with the keys masked: a proxy or a debugging server may echo the request back."""
        for name, key in (("access key", self.settings.access_key), ("secret key", self.settings.secret_key)):
            text = re.sub(re.escape(key), "<%s>" % name, text, flags=re.IGNORECASE)
        return text

    def _authentication_error(self, details):
        """Tell apart old SC, disabled API keys, a locked account and bad keys after an auth refusal."""
        message = details["error_msg"].lower()
        version = self.known_version
        if details["error_code"] == _ERROR_INVALID_TOKEN and (
                version is None or version_tuple(version) < version_tuple(MIN_API_KEY_VERSION)):
            # SC before 5.13 ignores x-apikey: the request has no session, which SC calls an invalid token.
            return UnsupportedVersionError(
                "Tenable Security Center %s answered as if no API keys were sent (error 12): it does not support"
                " API keys." % (version or "(version not shown)"), version=version)
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

    @staticmethod
    def _backoff(attempt, retry_after):
        if retry_after is not None:
            return min(retry_after, _BACKOFF_CAP * 2)
        return random.uniform(0, min(_BACKOFF_CAP, _BACKOFF_BASE * (2 ** attempt))) + _BACKOFF_BASE / 2

    # SC facts every caller needs.

    def system(self, authenticated=False):
        """``/rest/system``: server facts, and SC's version when SC shows it.

        Without keys it tells SC apart from other servers (by its envelope); from SC 5.20 on it no
        longer carries ``version`` then, which only an answer to the keys may still show.
        """
        answer = self.request("GET", "/system", authenticated=authenticated)
        self._system = answer if isinstance(answer, dict) else {}
        return self._system

    @property
    def known_version(self):
        """SC's version from the last ``/rest/system`` answer, or None: not asked yet, or not shown."""
        version = (self._system or {}).get("version")
        return str(version) if version else None

    def current_user(self, fields="id,username,firstname,lastname,role,organization,group,authType,responsibleAsset"):
        return self.get("/currentUser", params={"fields": fields})

    def repositories(self, fields="id,name,description,type,dataFormat"):
        return self.get("/repository", params={"fields": fields}) or []

    def asset_lists(self, fields="id,name,description,type,status"):
        """Every asset list the account can use or manage, each once, with ``usable`` and ``manageable`` flags.

        Organization users get SC's ``usable`` and ``manageable`` lists (a list can be manageable without
        being usable); an Administrator gets one ``assets`` list.
        """
        answer = self.get("/asset", params={"fields": fields}) or {}
        if isinstance(answer, list):
            answer = {"assets": answer}
        found = {}
        for scope in ("usable", "manageable", "assets"):
            for summary in answer.get(scope) or []:
                asset_id = str(summary.get("id"))
                entry = found.setdefault(asset_id, dict(summary, id=asset_id, usable=False, manageable=False))
                if scope in ("usable", "assets"):
                    entry["usable"] = True
                if scope in ("manageable", "assets"):
                    entry["manageable"] = True
        return list(found.values())


def _retry_if(retryable, error, retry_after=None):
    """What to raise for ``error``: a retry signal when the request may be repeated, else the error itself.

    Only a create or delete that may have reached SC is not repeated; its error says so before its own fix.
    """
    if retryable:
        return _Retry(error, retry_after)
    error.hint = " ".join(hint for hint in (HINT_SENT_ONCE, error.hint) if hint)
    return error


def _about(method, path, message):
    """``message``, led by the request it is about unless it already names it."""
    request = "%s %s" % (method, path)
    return message if message.startswith(request) else "%s: %s" % (request, message)


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
            hint = HINT_WRITE_PERMISSION  # the only writes are to asset lists
        else:
            hint = HINT_PERMISSION
        return PermissionDeniedError(text, hint=hint, **details)
    return APIError(text, **details)


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


def _never_sent(exc):
    """True when a ConnectionError happened while connecting (DNS, refused), so SC never saw the request."""
    reason = exc.args[0] if exc.args else None
    reason = getattr(reason, "reason", reason)
    name = type(reason).__name__
    return name in ("NewConnectionError", "NameResolutionError", "ConnectTimeoutError") or (
        "Failed to establish a new connection" in str(reason) or "Name or service not known" in str(reason))


def _reason(exc):
    """The innermost cause of a requests error, without the pool and URL noise."""
    reason = exc.args[0] if exc.args else exc
    reason = getattr(reason, "reason", reason)
    # urllib3 prefixes the cause with the connection object: "<...HTTPSConnection object at 0x..>: " or
    # "HTTPSConnection(host='sc', port=443): "; the URL is already in our message.
    text = re.sub(r"^(<[^>]*>|\w*Connection(Pool)?\([^)]*\)):\s*", "", str(reason))
    return text.rstrip(".") or type(exc).__name__


def _retry_after(response):
    value = response.headers.get("Retry-After")
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

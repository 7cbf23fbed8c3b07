# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The only code in the collection that speaks HTTP to Tenable Security Center.

A pooled session, retries with backoff within a time budget, and requests' failures told apart; what an
answer means is read by answers.read_answer.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import random
import re
import time
from email.utils import parsedate_to_datetime

try:
    import requests
    from requests.adapters import HTTPAdapter
    HAS_REQUESTS = True
    REQUESTS_IMPORT_ERROR = None
except ImportError as exc:  # pragma: no cover - depends on the host
    HAS_REQUESTS = False
    REQUESTS_IMPORT_ERROR = exc

from ansible_collections.secops.tenablesc.plugins.module_utils.answers import (
    Answer,
    Request,
    Retry,
    read_answer,
    retry_if,
)
from ansible_collections.secops.tenablesc.plugins.module_utils.connection import redact_url
from ansible_collections.secops.tenablesc.plugins.module_utils.errors import (
    ConfigurationError,
    ConnectError,
    MissingLibraryError,
    SCTimeoutError,
    TLSError,
    TransportError,
    HINT_KEY_STRING,
    HINT_TLS,
    HINT_TLS_NAME,
)
from ansible_collections.secops.tenablesc.plugins.module_utils.version import COLLECTION_VERSION

USER_AGENT = "secops.tenablesc/%s" % COLLECTION_VERSION
_BACKOFF_BASE = 0.5
_BACKOFF_CAP = 30.0
_RETRY_TIME_BUDGET = 120.0


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
        # SC's clock (epoch seconds) from the Date header of its last answer, or None if it sent none.
        self.server_time = None
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
            except Retry as retry:
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
            return retry_if(safe or _never_sent(exc), ConnectError(
                "Could not reach SC through proxy %s: %s." % (redact_url(self.settings.proxy) or "from the environment",
                                                              _reason(exc)),
                hint="Check proxy, HTTPS_PROXY and NO_PROXY.", maybe_applied=not safe and not _never_sent(exc)))
        if isinstance(exc, requests.exceptions.ConnectTimeout):
            return Retry(SCTimeoutError("Connecting to %s timed out after %ss." % (
                self.settings.url, self.settings.timeout)))
        if isinstance(exc, requests.exceptions.ReadTimeout):
            return retry_if(safe, SCTimeoutError("%s %s: SC did not answer within %ss." % (
                method, path, self.settings.timeout), maybe_applied=not safe))
        if isinstance(exc, requests.exceptions.ChunkedEncodingError):
            return retry_if(safe, TransportError(
                "%s %s: SC's answer was cut off (%s)." % (method, path, _reason(exc)), maybe_applied=not safe))
        if isinstance(exc, requests.exceptions.ConnectionError):
            if _never_sent(exc):
                return Retry(ConnectError("Could not connect to %s: %s." % (self.settings.url, _reason(exc))))
            return retry_if(safe, TransportError(
                "%s %s: the connection broke before SC answered (%s)." % (method, path, _reason(exc)),
                maybe_applied=not safe))
        if isinstance(exc, requests.exceptions.InvalidHeader):
            # Its text would quote the header, keys included.
            return ConfigurationError("The API keys contain characters that cannot be sent in an HTTP header.",
                                      HINT_KEY_STRING)
        return TransportError("%s %s failed: %s." % (method, path, _reason(exc)))

    def _unwrap(self, method, path, response, safe, authenticated):
        self.server_time = _http_date(response.headers.get("Date")) or self.server_time
        return read_answer(Request(method, path, safe, authenticated),
                           Answer(response.status_code, response.content, response.headers),
                           self.settings.url, self.known_version, self._scrubbed)

    def _scrubbed(self, text):
        """Text from the server with the keys masked: a proxy or a debugging server may echo the request back."""
        for name, key in (("access key", self.settings.access_key), ("secret key", self.settings.secret_key)):
            text = re.sub(re.escape(key), "<%s>" % name, text, flags=re.IGNORECASE)
        return text

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

    def clock(self):
        """SC's time now, in epoch seconds: the Date header of a light request, else this host's clock.

        Time windows are cut on SC's clock, so a clock that differs on the host running the task loses nothing.
        """
        self.server_time = None
        self.get("/currentUser", params={"fields": "id"})
        return self.server_time if self.server_time is not None else int(time.time())

    def current_user(self, fields="id,username,firstname,lastname,role,organization,group,authType,responsibleAsset"):
        """The account the keys belong to."""
        return self.get("/currentUser", params={"fields": fields})


def _about(method, path, message):
    """``message``, led by the request it is about unless it already names it."""
    request = "%s %s" % (method, path)
    return message if message.startswith(request) else "%s: %s" % (request, message)


def _http_date(value):
    """Epoch seconds of an HTTP Date header, or None for a missing or garbled one."""
    try:
        return int(parsedate_to_datetime(value).timestamp()) if value else None
    except (TypeError, ValueError, IndexError):
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

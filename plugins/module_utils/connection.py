# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Connection options: one table, the key-string parser and URL normalisation.

``CONNECTION_OPTIONS`` is the single definition of how to reach SC. It produces
the module argument spec here; ``tools/generated_code.py`` renders
the ``connection`` doc fragment (module and plugin variants, the latter with the
``env:`` entries the inventory plugin reads) from it, and a test keeps the two
in step, so an option or its environment variable is named once.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re
from urllib.parse import urlsplit, urlunsplit

from ansible_collections.secops.tenablesc.plugins.module_utils.errors import (
    ConfigurationError,
    HINT_KEY_STRING,
    HINT_URL,
)


# Each entry: Ansible type, environment variable, default, no_log, description.
# Environment names never start with ANSIBLE_: AWX refuses to inject those.
CONNECTION_OPTIONS = {
    "url": dict(
        type="str", env="TENABLESC_URL",
        description=[
            "Base URL of Tenable Security Center, such as V(https://tenablesc.example.com).",
            "V(https://host/), V(https://host/rest) and V(https://host/rest/) mean the same.",
            "V(http://) works but sends the keys unencrypted, and warns.",
            "Required.",
        ]),
    "api_keys": dict(
        type="str", env="TENABLESC_API_KEYS", no_log=True,
        description=[
            "The key string exactly as SC shows it: V(accesskey=<access-key>; secretkey=<secret-key>;).",
            "Whitespace, a missing final V(;), upper-case names, and the trailing newline or quotes"
            " a vault file leaves are tolerated.",
            "Give either O(api_keys) or O(access_key) with O(secret_key), not both.",
        ]),
    "access_key": dict(
        type="str", env="TENABLESC_ACCESS_KEY", no_log=True,
        description=["Access key of the SC service account; needs O(secret_key). Alternative to O(api_keys)."]),
    "secret_key": dict(
        type="str", env="TENABLESC_SECRET_KEY", no_log=True,
        description=["Secret key of the SC service account; needs O(access_key). Alternative to O(api_keys)."]),
    "validate_certs": dict(
        type="bool", env="TENABLESC_VALIDATE_CERTS", default=True,
        description=[
            "Verify SC's TLS certificate.",
            "Set to V(false) only for a test instance; the task warns when it is off.",
        ]),
    "ca_path": dict(
        type="path", env="TENABLESC_CA_PATH",
        description=[
            "PEM file of the CA (or bundle) that signed SC's certificate.",
            "Takes precedence over E(REQUESTS_CA_BUNDLE) and the system trust store.",
        ]),
    "timeout": dict(
        type="float", env="TENABLESC_TIMEOUT", default=60.0,
        description=["Seconds to wait for SC to connect and to answer each request."]),
    "retries": dict(
        type="int", env="TENABLESC_RETRIES", default=5,
        description=[
            "How often a request is retried after a rate limit (429), an unavailable SC or proxy"
            " (502, 503, 504), a connection failure, a timeout or SC's transient C(database is locked) error.",
            "Waits grow exponentially with jitter and honour C(Retry-After); all waits together stay under two minutes.",
            "Requests that create or delete are retried only when they provably never reached SC.",
            "V(0) disables retries.",
        ]),
    "proxy": dict(
        type="str", env="TENABLESC_PROXY",
        description=[
            "URL of an HTTP(S) proxy to reach SC through, such as V(http://proxy.example.com:3128).",
            "Without it the standard E(HTTPS_PROXY) and E(NO_PROXY) variables are honoured.",
        ]),
}

KEY_STRING_FORMAT = "accesskey=<access-key>; secretkey=<secret-key>;"
_KEY_FIELDS = ("accesskey", "secretkey")
_KEY_VALUE = re.compile(r"^[A-Za-z0-9_\-+/=.]+$")
# This many characters in a row of those keys are made of could be a key (SC's are 32 hex digits).
_KEY_LIKE_RUN = re.compile(r"[A-Za-z0-9_+/=]{20,}")


def table_argument_spec(options):
    """Module argument spec of an option table whose entries also carry their documentation."""
    keys = ("type", "elements", "default", "choices", "required")
    return dict((name, dict((key, option[key]) for key in keys if key in option)) for name, option in options.items())


def connection_argument_spec():
    """Module argument spec of the connection options, with environment fallbacks."""
    from ansible.module_utils.basic import env_fallback

    spec = {}
    for name, option in CONNECTION_OPTIONS.items():
        entry = dict(type=option["type"], fallback=(env_fallback, [option["env"]]))
        for key in ("default", "no_log"):
            if key in option:
                entry[key] = option[key]
        spec[name] = entry
    return spec


def parse_key_string(text):
    """Split SC's key string into (access_key, secret_key).

    Raises ConfigurationError naming what is wrong, never echoing a key.
    """
    if not isinstance(text, str):
        raise ConfigurationError("api_keys must be a string in the form '%s'." % KEY_STRING_FORMAT, HINT_KEY_STRING)
    stripped = text.strip().strip("'\"").strip()
    if not stripped:
        raise ConfigurationError("api_keys is empty.", HINT_KEY_STRING)
    found = {}
    for position, part in enumerate(p.strip() for p in stripped.split(";")):
        if not part:
            continue
        name, sep, value = part.partition("=")
        name = name.strip().lower()
        value = value.strip()
        if not sep:
            raise ConfigurationError(
                "api_keys: part %d has no '=' (expected '%s')." % (position + 1, KEY_STRING_FORMAT), HINT_KEY_STRING)
        if name not in _KEY_FIELDS:
            raise ConfigurationError(
                "api_keys: unknown field %r; only accesskey and secretkey are allowed." % _printable_name(name),
                HINT_KEY_STRING)
        if name in found:
            raise ConfigurationError("api_keys: %s is given twice." % name, HINT_KEY_STRING)
        found[name] = _checked_key("api_keys: the value of %s" % name, value)
    missing = [name for name in _KEY_FIELDS if name not in found]
    if missing:
        raise ConfigurationError(
            "api_keys: %s is missing (expected '%s')." % (" and ".join(missing), KEY_STRING_FORMAT), HINT_KEY_STRING)
    return found["accesskey"], found["secretkey"]


def _checked_key(what, value):
    if not value:
        raise ConfigurationError("%s is empty." % what, HINT_KEY_STRING)
    if not _KEY_VALUE.match(value):
        raise ConfigurationError(
            "%s contains characters SC keys never have (spaces, quotes, separators or non-ASCII)." % what,
            HINT_KEY_STRING)
    return value


def credentials_from_options(get):
    """(access_key, secret_key) from api_keys or the two separate options; ConfigurationError otherwise."""
    api_keys, access_key, secret_key = get("api_keys"), get("access_key"), get("secret_key")
    if api_keys and (access_key or secret_key):
        raise ConfigurationError(
            "Give either api_keys or access_key and secret_key, not both (check the TENABLESC_*"
            " environment variables too).", HINT_KEY_STRING)
    if api_keys:
        return parse_key_string(api_keys)
    if access_key or secret_key:
        if not (access_key and secret_key):
            raise ConfigurationError("access_key and secret_key must be given together.", HINT_KEY_STRING)
        return _checked_key("access_key", access_key.strip()), _checked_key("secret_key", secret_key.strip())
    raise ConfigurationError(
        "No API keys: set api_keys (or TENABLESC_API_KEYS) to the key string '%s'." % KEY_STRING_FORMAT,
        HINT_KEY_STRING)


def redact_url(url):
    """``url`` without user:password, for messages."""
    if not url:
        return url
    return re.sub(r"(?<=://)[^/@]*@", "", str(url))


def printable(value):
    """``value`` quoted for a message, or only its length when it could hold a key: messages never echo one."""
    if _KEY_LIKE_RUN.search(str(value)):
        return "<%d characters>" % len(str(value))
    return repr(value)


def _printable_name(name):
    """A field name is echoed only when short and plain, so a pasted key never is."""
    if re.match(r"^[a-z_\-]+$", name) and not _KEY_LIKE_RUN.search(name):
        return name
    return "<%d characters>" % len(name)


def normalize_url(url):
    """Return SC's base URL (scheme://host[:port][/prefix]) without a trailing /rest.

    Raises ConfigurationError for anything that is not an http(s) URL.
    """
    if not url or not isinstance(url, str) or not url.strip():
        raise ConfigurationError("url is required (or set TENABLESC_URL).", HINT_URL)
    url = url.strip()
    try:
        parts = urlsplit(url)
        parts.port  # pylint: disable=pointless-statement  # raises ValueError on a bad port
    except ValueError as exc:
        raise ConfigurationError("url %s is not a valid URL (%s)." % (printable(redact_url(url)), printable(str(exc))),
                                 HINT_URL)
    if parts.username or parts.password:
        raise ConfigurationError("url must not carry credentials; use api_keys.", HINT_URL)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise ConfigurationError("url %s is not an http(s) URL." % printable(url), HINT_URL)
    if parts.query or parts.fragment:
        raise ConfigurationError("url %s must not carry a query or fragment." % printable(url), HINT_URL)
    path = parts.path.rstrip("/")
    if path.lower().endswith("/rest"):
        path = path[:-len("/rest")]
    return urlunsplit((parts.scheme.lower(), parts.netloc, path, "", ""))


class ConnectionSettings:
    """Validated connection options, whatever they came from (module params or plugin options)."""

    def __init__(self, url, access_key, secret_key, validate_certs=True, ca_path=None, timeout=60.0,
                 retries=5, proxy=None):
        self.url = normalize_url(url)
        self.access_key = access_key
        self.secret_key = secret_key
        self.validate_certs = validate_certs
        self.ca_path = ca_path
        self.timeout = timeout
        self.retries = retries
        self.proxy = proxy
        self._check_ranges()

    @property
    def insecure_http(self):
        return self.url.startswith("http://")

    @property
    def verify(self):
        """The ``verify`` argument for requests: an explicit CA file wins over everything."""
        if not self.validate_certs:
            return False
        return self.ca_path or True

    def _check_ranges(self):
        if self.timeout is None or not 0 < self.timeout < float("inf"):
            raise ConfigurationError("timeout must be a positive number of seconds.")
        if self.retries is None or self.retries < 0:
            raise ConfigurationError("retries must be 0 or more.")
        if self.proxy:
            try:
                proxy = urlsplit(self.proxy)
                valid = proxy.scheme in ("http", "https", "socks5", "socks5h") and proxy.hostname and (
                    proxy.port or True)
            except ValueError:
                valid = False
            if not valid:
                raise ConfigurationError("proxy must be a URL such as http://proxy.example.com:3128.")

    @classmethod
    def from_options(cls, get):
        """Build from any option source; ``get(name)`` returns an option's value or None."""
        access_key, secret_key = credentials_from_options(get)
        defaults = dict((name, option.get("default")) for name, option in CONNECTION_OPTIONS.items())

        def value(name):
            found = get(name)
            return defaults[name] if found is None else found

        return cls(
            url=get("url"), access_key=access_key, secret_key=secret_key,
            validate_certs=value("validate_certs"), ca_path=get("ca_path"), timeout=float(value("timeout")),
            retries=int(value("retries")), proxy=get("proxy"))

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Errors raised by the Tenable Security Center client.

Every error carries the step of SC's setup the user should revisit, so a failed
task says both what went wrong and what to do about it. Modules turn them into
``fail_json`` and plugins into ``AnsibleError`` in one place each.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type


HINT_KEY_STRING = (
    "The key string must be exactly 'accesskey=<access-key>; secretkey=<secret-key>;' "
    "as shown once by Users > Users > API Keys > Generate in Tenable Security Center."
)
HINT_KEYS_REJECTED = (
    "Check that the access key and secret key belong to the same, current key pair of the "
    "service account (Users > Users > API Keys); if the secret key was lost, generate new keys."
)
HINT_KEYS_DISABLED = (
    "An Administrator must enable API keys once: System > Configuration > Security > Allow API Keys."
)
HINT_VERSION = "API keys need Tenable Security Center 5.13 or later; upgrade SC."
HINT_PERMISSION = (
    "Use a dedicated service account with the Vulnerability Analyst role (Security Analyst only if "
    "that hits permission errors), assigned to the repositories whose data it should see."
)
HINT_WRITE_PERMISSION = (
    "Managing asset lists needs keys of an account with the Security Manager or Security Analyst role; "
    "the Vulnerability Analyst role only reads."
)
HINT_SCAN_PERMISSION = (
    "Creating and launching scans and policies needs keys of an account with the Security Manager or Security"
    " Analyst role, assigned to the repository the results go to; the Vulnerability Analyst role only reads."
)
HINT_RISK_PERMISSION = (
    "Accept and recast risk rules need keys of an account whose role has the Accept Risk and Recast Risk"
    " permissions (Security Manager or Security Analyst), assigned to the rules' repositories; the Vulnerability"
    " Analyst role only reads them."
)
HINT_RISK_BY_ADDRESS = (
    "SC 6.0 refuses accept and recast risk rules by address (pyTenable #677): put the addresses in an asset list"
    " (secops.tenablesc.tenablesc_asset) and give it as asset_list instead of ips."
)
HINT_RULES_NOT_APPLIED = (
    "The rules are changed in SC but not applied: SC applies a new rule by itself after a while, but a deleted rule"
    " keeps its effect until rules are applied. Click Apply Rules on SC's Accept Risk Rules or Recast Risk Rules page."
)
HINT_SCAN_FAILED = (
    "Look at the scan result in SC (Scans > Scan Results) and at the scanners of the scan's zone"
    " (Resources > Nessus Scanners), then launch again."
)
HINT_SCAN_WAIT = (
    "The scan goes on in SC: raise wait_timeout, or look for it later with tenablesc_scan_result_info and its id."
)
HINT_ADMINISTRATOR = (
    "Administrator accounts (organization 0) cannot read an organization's vulnerability data: "
    "generate keys for an organization service account with the Vulnerability Analyst role instead."
)
HINT_USER_LOCKED = "The service account is locked: an Administrator must unlock it in Users > Users."
HINT_URL = "Check url: it must be the base URL of Tenable Security Center, such as https://tenablesc.example.com."
HINT_TLS = (
    "Set ca_path to the CA bundle that signed SC's certificate "
    "(or, for a test instance only, validate_certs: false)."
)
HINT_TLS_NAME = "Put in url a host name (or address) that SC's certificate was issued for."
HINT_TIMEOUT = "SC did not answer in time: raise timeout, or check SC's load and the network path to it."
HINT_CONNECTION = (
    "Check that SC, and any proxy or load balancer in front of it, is up and lets the requests through;"
    " raise retries if this happens now and then."
)
HINT_BUSY = "SC was too busy to answer: run the task again later, raise retries, or bring concurrency back to 1."
HINT_SENT_ONCE = (
    "A create or delete that may have reached SC is never sent twice: run the task again, which looks at"
    " what SC holds first."
)
HINT_LATER_PAGE = "The rows fetched before were discarded, not returned: run the task again."
HINT_DATA_MOVING = ("Run again once SC has finished importing scan results. Nothing was delivered as complete and the"
                    " checkpoint was left as it was, so the next run reads the same findings again.")
HINT_QUERY_SHARING = "A saved query must be shared with the service account's group to be usable."
HINT_FILTER = (
    "Use a friendly filter option of tenablesc_vulns_info, or in raw filters one of the filter names SC lists as"
    " valid; SC's operators are =, !=, >=, <=, ~ (asset combinations) and pcre (regular expressions).")
HINT_FILTER_VALUE = (
    "Give the filter a value in the form SC's message names; the friendly filter options (repository, asset,"
    " last_seen, first_seen...) write SC's forms for you.")
HINT_REPOSITORY_ACCESS = (
    "Assign the service account to the repository that holds the data (an Administrator assigns repositories"
    " to the account's group), or ask for data of a repository it is assigned to.")


class TenableSCError(Exception):
    """Base of every error this collection raises.

    ``details`` holds facts safe to return in a task result (never a key).
    """

    kind = "error"
    hint = ""

    def __init_subclass__(cls, kind=None, hint=None, **kwargs):
        """``class XError(Base, kind="x", hint=HINT_X)``: what the error is called, and the step that fixes it."""
        super().__init_subclass__(**kwargs)
        if kind is not None:
            cls.kind = kind
        if hint is not None:
            cls.hint = hint

    def __init__(self, message, hint=None, **details):
        super(TenableSCError, self).__init__(message)
        self.message = message
        if hint is not None:
            self.hint = hint
        self.details = details
        # Each detail is an attribute too: error.status, error.maybe_applied.
        for name, value in details.items():
            setattr(self, name, value)

    def __str__(self):
        return "%s %s" % (self.message, self.hint) if self.hint else self.message

    def to_fail_json(self):
        """Keyword arguments for ``AnsibleModule.fail_json``."""
        error = dict(self.details, kind=self.kind, hint=self.hint)
        return dict(msg=str(self), error=error)


class ConfigurationError(TenableSCError, ValueError, kind="configuration"):
    """An option is missing or malformed; found before SC is contacted."""


class ExportError(TenableSCError, kind="export"):
    """An export file could not be written (permissions, disk space)."""


class MissingLibraryError(TenableSCError, kind="missing_library"):
    """A Python library the client needs is not installed where it runs."""


class TransportError(TenableSCError, kind="transport", hint=HINT_CONNECTION):
    """No usable HTTP answer came back from SC.

    ``maybe_applied`` is true when the request may have reached SC before the
    failure, so a write may or may not have happened.
    """

    def __init__(self, message, hint=None, maybe_applied=False, **details):
        super(TransportError, self).__init__(message, hint, maybe_applied=maybe_applied, **details)


class ConnectError(TransportError, kind="connect", hint=HINT_URL):
    """DNS failure or connection refused: the request never reached SC."""


class TLSError(TransportError, kind="tls", hint=HINT_TLS):
    """The TLS handshake failed, usually certificate verification."""


class SCTimeoutError(TransportError, kind="timeout", hint=HINT_TIMEOUT):
    """SC did not answer within ``timeout``."""


class NotSCError(TransportError, kind="not_sc", hint=HINT_URL):
    """The server answered, but not with SC's JSON envelope."""


class UnsupportedVersionError(TenableSCError, kind="version", hint=HINT_VERSION):
    """SC is older than the collection (or the caller) supports."""


class APIError(TenableSCError, kind="api"):
    """SC answered with an error envelope or an error status."""

    def __init__(self, message, hint=None, status=None, error_code=None, error_msg=None, method=None, path=None):
        super(APIError, self).__init__(
            message, hint, status=status, error_code=error_code, error_msg=error_msg, method=method, path=path)


class TransientAPIError(APIError, kind="transient", hint=HINT_BUSY):
    """A temporary SC condition (rate limit, unavailable, database locked) that outlasted the retries."""


class AuthenticationError(APIError, kind="authentication", hint=HINT_KEYS_REJECTED):
    """SC refused the API keys."""


class APIKeysDisabledError(AuthenticationError, kind="api_keys_disabled", hint=HINT_KEYS_DISABLED):
    """API key authentication is switched off server-wide."""


class UserLockedError(AuthenticationError, kind="user_locked", hint=HINT_USER_LOCKED):
    """The account the keys belong to is locked."""


class InvalidFilterError(APIError, kind="invalid_filter", hint=HINT_FILTER):
    """SC error 146 or 143: an analysis filter name or operator was refused.

    ``refused_filter`` and ``refused_operator`` are what SC's message names, when it names them.
    """

    def __init__(self, message, hint=None, refused_filter=None, refused_operator=None, **details):
        super(InvalidFilterError, self).__init__(message, hint, **details)
        self.refused_filter = refused_filter
        self.refused_operator = refused_operator


class InvalidFilterValueError(APIError, kind="invalid_filter_value", hint=HINT_FILTER_VALUE):
    """SC error 146 about a filter's value: a record without an ID, a window in the wrong form."""


class PermissionDeniedError(APIError, kind="permission", hint=HINT_PERMISSION):
    """The keys work, but the account may not do this."""


class NotFoundError(APIError, kind="not_found"):
    """SC error 147: the object does not exist (or is not visible to the account)."""


class RulesNotAppliedError(TenableSCError, kind="rules_not_applied", hint=HINT_RULES_NOT_APPLIED):
    """Accept or recast risk rules were created or deleted, but applying them failed; ``rules`` are those SC holds."""

    def to_fail_json(self):
        failed = super(RulesNotAppliedError, self).to_fail_json()
        failed.update(changed=True, rules=failed["error"].pop("rules", []))
        return failed


class ScanResultError(TenableSCError):
    """A scan result did not end as hoped; ``scan_result`` is what SC last said of it, returned beside ``msg``."""

    def to_fail_json(self):
        failed = super(ScanResultError, self).to_fail_json()
        failed["scan_result"] = failed["error"].pop("scan_result", None)
        return failed


class ScanFailedError(ScanResultError, kind="scan_failed", hint=HINT_SCAN_FAILED):
    """A scan result ended in error, or its import did."""


class ScanWaitTimeoutError(ScanResultError, kind="scan_timeout", hint=HINT_SCAN_WAIT):
    """A scan result did not finish importing in time."""

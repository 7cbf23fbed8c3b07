# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""SC's response envelope and the application errors SC answers with it."""

import json
import time

# SC's error codes, each with where it was seen.
# recorded: test_system_current_locale.yaml (403/12 for an invalid session token)
INVALID_TOKEN = 12
# reported: pyTenable #294 (403/15 "Valid orgID is required.")
ORG_REQUIRED = 15
# reported: pyTenable #278, #266 (403/143 "Unable to process Vuln Query. ...")
QUERY_NOT_BUILT = 143
# reported: pyTenable #606, #244, #411, #726 (403/146 for invalid filters, values and scan access)
INVALID_PARAMETERS = 146
# recorded: test_scans_delete.yaml, test_policies_delete.yaml (403/147)
NOT_FOUND = 147


def envelope(response, error_code=0, error_msg=""):
    # recorded: test_system_details.yaml (these keys in this order, timestamp an int)
    return {"type": "regular", "response": response, "error_code": error_code, "error_msg": error_msg,
            "warnings": [], "timestamp": int(time.time())}


class RawJSON:
    """Already encoded JSON to splice into a document (analysis pages are assembled as text)."""

    __slots__ = ("text",)

    def __init__(self, text):
        self.text = text


def encode(document):
    """Compact JSON like SC's (recorded: test_system_details.yaml); RawJSON values are spliced in verbatim."""
    spliced = []

    def placeholder(value):
        if not isinstance(value, RawJSON):
            raise TypeError("%r is not JSON serializable" % (value,))
        spliced.append(value.text)
        return "\0raw%d" % (len(spliced) - 1)

    text = json.dumps(document, separators=(",", ":"), default=placeholder)
    for number, raw in enumerate(spliced):
        text = text.replace('"\\u0000raw%d"' % number, raw, 1)
    return text.encode("utf-8")


class SCError(Exception):
    """An application error: HTTP status, SC error_code and error_msg, answered inside the envelope.

    JSON unless told otherwise (recorded: test_scans_delete.yaml, Content-Type application/json for 403/147).
    """

    def __init__(self, status, error_code, error_msg, content_type="application/json"):
        super().__init__(error_msg)
        self.status = status
        self.error_code = error_code
        self.error_msg = error_msg
        self.content_type = content_type

    def body(self):
        return encode(envelope("", self.error_code, self.error_msg))


def not_found(kind, object_id, action=None):
    """403/147 as SC words it: 'Unable to find existing Scan #31 to delete.\\nScan #31 does not exist.\\n'.

    recorded: test_scans_delete.yaml, test_policies_delete.yaml (deletes); inferred: the other kinds and the
    wording without an action.
    """
    missing = "%s #%s does not exist.\n" % (kind, object_id)
    if action:
        missing = "Unable to find existing %s #%s to %s.\n%s" % (kind, object_id, action, missing)
    return SCError(403, NOT_FOUND, missing)


def query_not_built(reason):
    """403/143 as users quoted it (reported: pyTenable #278, #266): 'Operator "contains" is not recognized'."""
    return SCError(403, QUERY_NOT_BUILT, "Unable to process Vuln Query.\nAn error occurred when building the vuln"
                   " query command.\n%s\n" % reason)


def invalid_parameters(message):
    # reported: pyTenable #606, #244, #411 (403/146, the message ends with a newline)
    return SCError(403, INVALID_PARAMETERS, message if message.endswith("\n") else message + "\n")


def org_required():
    # reported: pyTenable #294 (403/15 for GET /rest/asset/{id} without orgID)
    return SCError(403, ORG_REQUIRED, "Valid orgID is required.\n")

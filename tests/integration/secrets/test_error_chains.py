# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Errors that stand for a failed request hold no key: not in their text, attributes, chain or traceback.

A requests exception holds the PreparedRequest, and with it the x-apikey header; a JSON decoding error
holds the whole body, which a server may have filled with the request. Chained as ``__cause__`` or
``__context__``, either would reach every traceback and anything that walks the chain.
"""

import contextlib
import json
import traceback

import pytest
import requests
import urllib3

from ansible_collections.secops.tenablesc.plugins.module_utils.analysis import AnalysisPages, AnalysisQuery
from ansible_collections.secops.tenablesc.plugins.module_utils.client import Client
from ansible_collections.secops.tenablesc.plugins.module_utils.connection import ConnectionSettings
from ansible_collections.secops.tenablesc.plugins.module_utils.errors import TenableSCError
from support.servers import QuietHandler, closed_port, serving


class Failing:
    """One way for a request to fail: ``call(client)`` with these client options and simulator faults.

    ``host`` is the simulator's address, ``server`` a request handler to talk to instead of SC, and
    ``line_break_in_secret`` builds the client past the options' validation with a secret key that no
    HTTP header can carry.
    """

    def __init__(self, options=None, faults=(), call=lambda client: client.current_user(), host="127.0.0.1",
                 server=None, line_break_in_secret=False):
        self.options = options or {}
        self.faults = faults
        self.call = call
        self.host = host
        self.server = server
        self.line_break_in_secret = line_break_in_secret


class _EchoingServer(QuietHandler):
    """Refuses every request quoting its x-apikey header, as a debugging proxy or web server may."""

    status, content_type, template = 400, "text/plain", "Rejected x-apikey: %s"

    def do_GET(self):  # noqa: N802 - http.server's naming
        self.reply(self.status, (self.template % self.headers.get("x-apikey")).encode(), self.content_type)


class _EchoingEnvelope(_EchoingServer):
    """The same in SC's error envelope, so the echo becomes SC's error message."""

    status, content_type = 403, "application/json"
    template = '{"error_code": 74, "error_msg": "Unable to authenticate with x-apikey %s", "response": ""}'


def later_page(client):
    """An analysis walk whose failure happens on a worker thread (pages fetched concurrently)."""
    return list(AnalysisPages(client, AnalysisQuery(tool="sumip"), page_size=10, concurrency=3))


FAILURES = {
    "unknown CA": Failing(dict(ca_path=None)),
    "hostname mismatch": Failing(host="127.0.0.2"),
    "CA bundle missing": Failing(dict(ca_path="/nonexistent/secops-tenablesc/ca.pem")),
    "connection refused": Failing(dict(url="https://127.0.0.1:%d" % closed_port())),
    "proxy refused": Failing(dict(proxy="http://127.0.0.1:%d" % closed_port())),
    "key a header cannot carry": Failing(line_break_in_secret=True),
    "reset before SC read it": Failing(faults=[dict(kind="reset_before", path="/rest/currentUser", times=9)]),
    "reset after SC answered": Failing(faults=[dict(kind="reset_after", path="/rest/currentUser", times=9)]),
    "truncated answer": Failing(faults=[dict(kind="truncated", path="/rest/currentUser", times=9)]),
    "slower than timeout": Failing(dict(timeout=0.5), [dict(kind="slow", path="/rest/currentUser", delay=1.5, times=9)]),
    "429 with Retry-After": Failing(faults=[dict(kind="status", path="/rest/currentUser", status=429, retry_after=0,
                                                 times=9)]),
    "502 page of a proxy": Failing(faults=[dict(kind="html502", path="/rest/currentUser", times=9)]),
    "later page refused, on a worker thread": Failing(faults=[dict(kind="analysis_error", after=2)], call=later_page),
    "later page reset, on a worker thread": Failing(faults=[dict(kind="reset_after", after=2, times=9)],
                                                    call=later_page),
    "a server that echoes the keys": Failing(server=_EchoingServer),
    "SC's error message echoes the keys": Failing(server=_EchoingEnvelope),
}


def exception_chain(error):
    """``error`` and every exception reachable through __cause__ and __context__."""
    chain, pending = [], [error]
    while pending:
        current = pending.pop()
        if current is None or any(current is seen for seen in chain):
            continue
        chain.append(current)
        pending.extend((current.__cause__, current.__context__))
    return chain


def reachable_reprs(value, depth=5, seen=None):
    """repr() of ``value`` and of everything its attributes, items and keys lead to, ``depth`` levels deep."""
    seen = set() if seen is None else seen
    if id(value) in seen or depth < 0:
        return []
    seen.add(id(value))
    found = [repr(value)]
    if isinstance(value, dict) or hasattr(value, "items") and callable(value.items):
        children = [part for item in list(value.items()) for part in item]
    elif isinstance(value, (list, tuple, set, frozenset)):
        children = list(value)
    elif hasattr(value, "__dict__") and not isinstance(value, type):
        children = list(vars(value).values())
    else:
        children = []
    for child in children:
        found.extend(reachable_reprs(child, depth - 1, seen))
    return found


@pytest.fixture
def failing_client(leaky_sc, leaky_sims):
    """failing_client(failure) -> a client, with debug and warning lines collected in ``client.lines``."""
    made = []
    servers = contextlib.ExitStack()

    def make(failure):
        sim = leaky_sc if failure.host == "127.0.0.1" else leaky_sims(host=failure.host)
        for fault in failure.faults:
            sim.add_fault(**fault)
        user = sim.users["vulnanalyst"]
        given = dict(url=sim.url, access_key=user.access_key, secret_key=user.secret_key, ca_path=sim.ca_path,
                     retries=1, timeout=10)
        if failure.server:
            given["url"] = "http://127.0.0.1:%d" % servers.enter_context(serving(failure.server))
        given.update(failure.options)
        lines = []
        if failure.line_break_in_secret:
            settings = ConnectionSettings(given["url"], user.access_key, user.secret_key[:16] + "\n" + user.secret_key[16:],
                                          ca_path=given["ca_path"], retries=0)
        else:
            settings = ConnectionSettings.from_options(given.get)
        client = Client(settings, warn=lines.append, debug=lines.append)
        client.lines = lines
        made.append(client)
        return client

    with servers:
        yield make
    for client in made:
        client.close()


@pytest.mark.parametrize("name", sorted(FAILURES))
def test_errors_hold_no_requests_exception_and_no_key(name, failing_client, needles):
    failure = FAILURES[name]
    client = failing_client(failure)
    with pytest.raises(TenableSCError) as caught:
        failure.call(client)
    error = caught.value
    chain = exception_chain(error)
    foreign = [type(link) for link in chain if isinstance(link, (requests.RequestException, urllib3.exceptions.HTTPError))]
    assert not foreign, "%s chains %s" % (type(error).__name__, foreign)
    rendered = {
        "str and repr": "\n".join(text for link in chain for text in (str(link), repr(link))),
        "formatted traceback": "".join(traceback.format_exception(type(error), error, error.__traceback__)),
        "fail_json arguments": json.dumps(error.to_fail_json()),
        "attributes": "\n".join(text for link in chain for text in reachable_reprs(vars(link))),
        "debug and warning lines": "\n".join(client.lines),
    }
    assert not [found for where, text in rendered.items() for found in needles.find(text, where)]


def test_the_attribute_walk_finds_a_key_in_a_requests_exception(leaky_sc, needles):
    """What the test above relies on: a raw requests failure does hold the key where the walk looks."""
    user = leaky_sc.users["vulnanalyst"]
    with pytest.raises(requests.RequestException) as caught:
        requests.get(leaky_sc.url + "/rest/currentUser", headers={"x-apikey": user.key_string}, timeout=5)
    assert needles.find("\n".join(reachable_reprs(vars(caught.value))), "requests' SSLError")

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Print a VCR cassette's interaction reduced to a conformance corpus entry (JSON).

    PYTHONPATH=tests python tools/reduce_cassette.py PYTENABLE/tests/sc/cassettes/test_scans_delete.yaml 1

Without an index every interaction is printed, as a JSON list. The entry names its source (``--repository``,
and the path from ``tests/`` on unless ``--path`` says otherwise) and the SC version: the ``SecurityCenter``
response header, else a ``_5_20_0`` suffix of the cassette's name. A Content-Length header that disagrees with
the recorded body is noted: the body was edited before it was committed. ``request.credentials`` says what the
recording sent (``session``, ``api keys`` or ``none``).

Before an entry goes into tests/conformance/corpus, by hand: ``request.account``, the simulator account that
asks (``secmanager`` is only a guess; ``null`` sends no credentials, ``wrong-keys`` keys no account has), and
IDs in ``request.path`` replaced by placeholders (see tests/sc_simulator/tests/test_conformance.py). Any other
edit is explained in ``source.note``.
"""

import argparse
import gzip
import json
import os
import re
from urllib.parse import parse_qsl, urlsplit

import yaml

from conformance.shape import shape_of


class _CassetteLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """Safe loading; cassettes recorded on Python 2 tag their strings !!python/unicode."""


_CassetteLoader.add_constructor("tag:yaml.org,2002:python/unicode", lambda loader, node: loader.construct_scalar(node))


def _headers(headers):
    """Lower-cased names, first value (VCR keeps a list per header)."""
    return {name.lower(): values[0] if isinstance(values, list) else values for name, values in (headers or {}).items()}


def _body_bytes(body, headers):
    if isinstance(body, dict):
        body = body.get("string")
    if body is None:
        return b""
    raw = body.encode("utf-8") if isinstance(body, str) else body
    return gzip.decompress(raw) if headers.get("content-encoding") == "gzip" else raw


def _credentials(headers):
    if "x-apikey" in headers:
        return "api keys"
    if "x-securitycenter" in headers or "cookie" in headers:
        return "session"
    return "none"


def _sc_version(headers, path):
    if headers.get("securitycenter"):
        return headers["securitycenter"], "SecurityCenter response header"
    named = re.search(r"_(\d+)_(\d+)_(\d+)\.ya?ml$", path)
    if named:
        return ".".join(named.groups()), "cassette file name"
    return None, None


def reduce_interaction(interaction, index, repository, path):
    request, response = interaction["request"], interaction["response"]
    request_headers, response_headers = _headers(request.get("headers")), _headers(response.get("headers"))
    url = urlsplit(request["uri"])
    request_body = _body_bytes(request.get("body"), request_headers)
    body = _body_bytes(response.get("body"), response_headers)
    version, version_from = _sc_version(response_headers, path)
    source = {"repository": repository, "path": path, "interaction": index, "sc_version": version,
              "sc_version_from": version_from}
    length = response_headers.get("content-length")
    if length is not None and int(length) != len(body):
        source["note"] = ("Content-Length says %s bytes, the recorded body has %d: the body was edited before it "
                          "was committed, so a field it lacks is no evidence that SC lacks it." % (length, len(body)))
    document = json.loads(body)
    credentials = _credentials(request_headers)
    return {
        "source": source,
        "request": {"method": request["method"], "path": url.path, "query": dict(parse_qsl(url.query)),
                    "credentials": credentials, "account": None if credentials == "none" else "secmanager",
                    "body": json.loads(request_body) if request_body else None},
        "response": {"status": response["status"]["code"], "content_type": response_headers.get("content-type"),
                     "envelope": {key: document.get(key) for key in ("type", "error_code")},
                     "shape": shape_of(document)},
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("cassette", help="a cassette file of the pyTenable repository")
    parser.add_argument("index", type=int, nargs="?", help="the interaction (default: all)")
    parser.add_argument("--repository", default="tenable/pyTenable")
    parser.add_argument("--path", help="the cassette's path in the repository (default: from tests/ on)")
    args = parser.parse_args(argv)
    path = args.path or (args.cassette[args.cassette.rfind("tests/"):] if "tests/" in args.cassette
                         else os.path.basename(args.cassette))
    with open(args.cassette, encoding="utf-8") as cassette:
        interactions = yaml.load(cassette, Loader=_CassetteLoader)["interactions"]
    entries = [reduce_interaction(interactions[index], index, args.repository, path)
               for index in ([args.index] if args.index is not None else range(len(interactions)))]
    print(json.dumps(entries[0] if args.index is not None else entries, indent=2))


if __name__ == "__main__":
    main()

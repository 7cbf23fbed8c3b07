# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Recorded SC exchanges replayed against the simulator: its answers must have the recorded shape.

Each file of tests/conformance/corpus is one request and answer of a real SC server, recorded in a cassette of
tenable/pyTenable (``source``) and reduced by tools/reduce_cassette.py to method, path, query and
body of the request, and status, Content-Type, envelope ``type``/``error_code`` and shape of the answer (see
tests/conformance/shape.py). The simulator gets the same request and must answer:

- with the same status, media type (the charset is not compared), envelope ``type`` and ``error_code``;
- with every field the recording has, at every depth, and at each place only JSON types the recording shows
  there (``"-1"`` is not ``-1``, ``"true"`` is not ``true``, an object is not ``null``); a list is compared
  through the merged shape of its elements, so a recorded non-empty list must be answered non-empty.

Fields only the simulator sends are allowed: the recordings come from SC 5.8 to 5.20 while the simulator serves
one shape to every version and newer servers add fields (vprScore, operatingSystem...); several bodies were
trimmed by hand before they were committed (``source.note`` says which), so a field missing from a recording is
no evidence that SC lacks it; and whether SC adds anything to the fields asked with ``?fields=`` is unknown.

The simulator runs at ``source.sc_version``, raised to 5.13.0 for requests with API keys: SC has had keys
since 5.13, and recordings of older servers used a session login the simulator does not have.
``request.account`` is the simulator account that asks (``null``: no credentials; ``wrong-keys``: well-formed
keys no account has). IDs of the recorded server are replaced in ``request.path`` by placeholders, resolved
against the simulator as that account: ``{static_asset}`` the first usable static asset list other than 0,
``{repository}`` the first repository listed, ``{missing}`` an id no object has.
"""

import json
from pathlib import Path
from string import Formatter

import pytest

from reduce_cassette import main as reduce_cassette
from conformance.shape import answer_differences, differences, merge, shape_of

CORPUS = Path(__file__).resolve().parents[2] / "conformance" / "corpus"
KEYS_FROM = "5.13.0"
WRONG_KEYS = "accesskey=%s; secretkey=%s;" % ("0" * 32, "1" * 32)


def _version_tuple(version):
    return tuple(int(part) for part in version.split("."))


def _static_asset(api, account):
    usable = api.response("GET", "/rest/asset", user=account, params={"fields": "id,type"})["usable"]
    return next(asset["id"] for asset in usable if asset["type"] == "static" and asset["id"] != "0")


def _repository(api, account):
    return api.response("GET", "/rest/repository", user=account, params={"fields": "id"})[0]["id"]


def _saved_query(api, account):
    return api.response("GET", "/rest/query", user=account, params={"fields": "id"})["usable"][0]["id"]


PLACEHOLDERS = {"static_asset": _static_asset, "repository": _repository, "saved_query": _saved_query,
                "missing": lambda api, account: "999999"}


def _path(api, request):
    names = {field[1] for field in Formatter().parse(request["path"]) if field[1]}
    return request["path"].format(**{name: PLACEHOLDERS[name](api, request["account"]) for name in names})


@pytest.mark.parametrize("entry_file", sorted(CORPUS.glob("*.json")), ids=lambda path: path.stem)
def test_simulator_answers_with_the_recorded_shape(sc, api, entry_file):
    entry = json.loads(entry_file.read_text(encoding="utf-8"))
    request, version = entry["request"], entry["source"]["sc_version"]
    account = request["account"]
    if account is not None and _version_tuple(version) < _version_tuple(KEYS_FROM):
        version = KEYS_FROM
    sc.version = version
    credentials = {"user": None, "keys": WRONG_KEYS} if account == "wrong-keys" else {"user": account}
    answer = api.call(request["method"], _path(api, request), params=request["query"], json=request["body"],
                      **credentials)
    problems = answer_differences(entry["response"], answer.status_code, answer.headers.get("Content-Type"),
                                  answer.text)
    assert not problems, "%s (SC %s, %s %s):\n%s" % (
        entry["source"]["path"], version, request["method"], answer.url, "\n".join(problems))


# The comparison itself


def test_a_type_the_recording_never_shows_is_caught():
    recorded = shape_of({"id": "35", "ipCount": -1, "tags": ""})
    assert differences(recorded, shape_of({"id": 35, "ipCount": "-1", "tags": None})) == [
        "$.id: recorded string, simulator number", "$.ipCount: recorded number, simulator string",
        "$.tags: recorded string, simulator null"]


def test_a_missing_field_is_caught_at_any_depth():
    recorded = shape_of({"response": {"results": [{"ip": "10.0.0.1", "repository": {"id": "1", "name": "r"}}]}})
    answered = shape_of({"response": {"results": [{"ip": "10.0.0.2", "repository": {"id": "1"}}]}})
    assert differences(recorded, answered) == ["$.response.results[].repository.name: missing (recorded string)"]


def test_list_elements_merge_and_an_empty_answer_cannot_pass():
    recorded = shape_of([{"id": "1", "uuid": None}, {"id": "2", "uuid": "a-b", "extra": True}])
    assert recorded == [{"id": "string", "uuid": "null|string", "extra": "bool"}]
    assert differences(recorded, shape_of([{"id": "3", "uuid": "c", "extra": False, "new": 1}])) == []
    assert differences(recorded, shape_of([])) == ["$: recorded a non-empty list, simulator an empty one"]
    assert differences([], shape_of([{"anything": 1}])) == []


def test_objects_and_scalars_merge_into_alternatives():
    merged = merge(shape_of({"id": "1"}), shape_of(None))
    assert merged == {"$anyOf": [{"id": "string"}, "null"]}
    assert differences(merged, shape_of(None)) == []
    assert differences(merged, shape_of({})) == ["$.id: missing (recorded string)"]
    assert differences(merged, shape_of([])) == ["$: recorded object|null, simulator list"]


def test_status_media_type_and_envelope_are_compared():
    expected = {"status": 403, "content_type": "text/html; charset=UTF-8", "envelope": {"error_code": 147},
                "shape": shape_of({"error_code": 147})}
    assert answer_differences(expected, 403, "text/html", '{"error_code": 147}') == []
    assert answer_differences(expected, 200, "application/json", '{"error_code": 0}') == [
        "status: recorded 403, simulator 200", "Content-Type: recorded text/html; charset=UTF-8, simulator "
        "application/json", "$.error_code: recorded 147, simulator 0"]
    assert answer_differences(expected, 403, "text/html", "<html>Not Found</html>") == [
        "body: recorded JSON, simulator '<html>Not Found</html>'"]


def test_the_reducer_reads_python_2_cassettes_and_flags_edited_bodies(tmp_path, capsys):
    cassette = tmp_path / "tests" / "sc" / "cassettes" / "sc_login_5_20_0.yaml"
    cassette.parent.mkdir(parents=True)
    cassette.write_text("""interactions:
- request:
    body: '{"name": "Example"}'
    headers: {X-APIKey: [accessKey=a; secretKey=b]}
    method: PATCH
    uri: https://localhost/rest/asset/35?fields=id,name
  response:
    body: {string: !!python/unicode '{"type":"regular","response":{"id":"35","ipCount":-1},"error_code":0}'}
    headers: {Content-Type: [application/json], Content-Length: ['999']}
    status: {code: 200, message: OK}
""", encoding="utf-8")
    reduce_cassette([str(cassette), "0"])
    entry = json.loads(capsys.readouterr().out)
    assert entry["source"]["path"] == "tests/sc/cassettes/sc_login_5_20_0.yaml"
    assert (entry["source"]["sc_version"], entry["source"]["sc_version_from"]) == ("5.20.0", "cassette file name")
    assert "Content-Length says 999 bytes" in entry["source"]["note"]
    assert entry["request"] == {"method": "PATCH", "path": "/rest/asset/35", "query": {"fields": "id,name"},
                                "credentials": "api keys", "account": "secmanager", "body": {"name": "Example"}}
    assert entry["response"]["shape"] == {"type": "string", "response": {"id": "string", "ipCount": "number"},
                                          "error_code": "number"}

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The shape of a JSON document, and where an answer's shape departs from a recorded one.

A shape keeps field names and JSON types and forgets values:

- ``"string"``, ``"number"``, ``"bool"``, ``"null"`` for scalars (JSON does not tell int from float);
- ``{name: shape}`` for an object, in the server's field order;
- ``[shape]`` for a list, the shapes of all its elements merged into one; ``[]`` for an empty list;
- ``"null|string"`` where list elements disagree on a scalar field's type, and
  ``{"$anyOf": [...]}`` where the alternatives include an object or a list.

Merging two objects keeps every field of either, so a list element shape lists each field some element had.
"""

import json
from functools import reduce

ANY_OF = "$anyOf"
_SCALARS = {type(None): "null", bool: "bool", int: "number", float: "number", str: "string"}


def shape_of(value):
    if isinstance(value, dict):
        return {key: shape_of(item) for key, item in value.items()}
    if isinstance(value, list):
        shapes = [shape_of(item) for item in value]
        return [reduce(merge, shapes)] if shapes else []
    return _SCALARS[type(value)]


def _alternatives(shape):
    if isinstance(shape, dict) and list(shape) == [ANY_OF]:
        return [alternative for member in shape[ANY_OF] for alternative in _alternatives(member)]
    if isinstance(shape, str):
        return shape.split("|")
    return [shape]


def _kind(alternative):
    if isinstance(alternative, dict):
        return "object"
    if isinstance(alternative, list):
        return "list"
    return alternative


def _merge_objects(first, second):
    return {key: merge(first[key], second[key]) if key in first and key in second else first.get(key, second.get(key))
            for key in list(first) + [key for key in second if key not in first]}


def _merge_lists(first, second):
    if first and second:
        return [merge(first[0], second[0])]
    return first or second


def merge(first, second):
    """One shape that both shapes fit."""
    objects, lists, scalars = [], [], set()
    for alternative in _alternatives(first) + _alternatives(second):
        kind = _kind(alternative)
        if kind == "object":
            objects.append(alternative)
        elif kind == "list":
            lists.append(alternative)
        else:
            scalars.add(kind)
    merged = ([reduce(_merge_objects, objects)] if objects else []) + ([reduce(_merge_lists, lists)] if lists else [])
    if scalars:
        merged.append("|".join(sorted(scalars)))
    return merged[0] if len(merged) == 1 else {ANY_OF: merged}


def describe(shape):
    return "|".join(_kind(alternative) for alternative in _alternatives(shape))


def differences(recorded, answered, path="$"):
    """Where ``answered`` breaks the rule against ``recorded``, one sentence each (see the test's docstring).

    Every type the answer shows at a place must have been recorded there; every field of a recorded object
    must be in the answered object; a recorded non-empty list must be answered non-empty, or nothing could
    be compared. Fields only the answer has are not reported.
    """
    recorded_by_kind = {_kind(alternative): alternative for alternative in _alternatives(recorded)}
    problems = []
    for alternative in _alternatives(answered):
        kind = _kind(alternative)
        expected = recorded_by_kind.get(kind)
        if kind not in recorded_by_kind:
            problems.append("%s: recorded %s, simulator %s" % (path, describe(recorded), kind))
        elif kind == "object":
            for key, shape in expected.items():
                if key in alternative:
                    problems += differences(shape, alternative[key], "%s.%s" % (path, key))
                else:
                    problems.append("%s.%s: missing (recorded %s)" % (path, key, describe(shape)))
        elif kind == "list" and expected:
            if alternative:
                problems += differences(expected[0], alternative[0], path + "[]")
            else:
                problems.append("%s: recorded a non-empty list, simulator an empty one" % path)
    return problems


def _media_type(content_type):
    return (content_type or "").split(";")[0].strip().lower()


def answer_differences(expected, status, content_type, body):
    """Where an HTTP answer departs from a corpus entry's ``response`` (status, media type, envelope, shape)."""
    problems = []
    if status != expected["status"]:
        problems.append("status: recorded %s, simulator %s" % (expected["status"], status))
    if _media_type(content_type) != _media_type(expected["content_type"]):
        problems.append("Content-Type: recorded %s, simulator %s" % (expected["content_type"], content_type))
    try:
        document = json.loads(body)
    except ValueError:
        return problems + ["body: recorded JSON, simulator %r" % body[:80]]
    for key, value in expected["envelope"].items():
        answered = document.get(key) if isinstance(document, dict) else None
        if answered != value:
            problems.append("$.%s: recorded %r, simulator %r" % (key, value, answered))
    return problems + differences(expected["shape"], shape_of(document))

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Property tests of what users type: the key-string parser and the URL and filter translators.

For any input each of them either succeeds or raises ConfigurationError, and no message echoes a key.
A key here is what SC hands out: 32 hex digits; '+', '/' and '=' are mixed in for good measure, and
any run of 20 or more such characters counts.
"""

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from ansible_collections.secops.tenablesc.plugins.module_utils.answers import version_tuple
from ansible_collections.secops.tenablesc.plugins.module_utils.connection import normalize_url, parse_key_string
from ansible_collections.secops.tenablesc.plugins.module_utils.errors import ConfigurationError
from ansible_collections.secops.tenablesc.plugins.module_utils.filters import (
    FILTER_OPTIONS,
    translate_filters,
)
from ansible_collections.secops.tenablesc.plugins.module_utils.lookups import NameResolver
from support.catalog import RecordedCatalog

KEY = st.text(alphabet="0123456789abcdefABCDEF+/=", min_size=20, max_size=64)
# Every character the parser takes in a key, so a key may also hold '-', '.', '_' and a second '='.
ANY_VALID_KEY = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-+/=.",
                        min_size=1, max_size=64)
BLANK = st.text(alphabet=" \t", max_size=3)
FIELD_CASES = st.sampled_from([str.lower, str.upper, str.title])
# Any text, with the characters the parsers split on made likely.
TEXT = st.text(alphabet=st.one_of(st.characters(), st.sampled_from(";=:/@?#[]% \t\n'\"")), max_size=40)


def echoes(message, key):
    return key.lower() in message.lower()


@settings(max_examples=400)
@given(access=ANY_VALID_KEY, secret=ANY_VALID_KEY, case=FIELD_CASES, blanks=st.lists(BLANK, min_size=6, max_size=6),
       secret_first=st.booleans(), final=st.sampled_from(["", ";", ";\n", "; "]), quote=st.sampled_from(["", "'", '"']))
def test_every_valid_key_string_round_trips(access, secret, case, blanks, secret_first, final, quote):
    parts = [("accesskey", access), ("secretkey", secret)]
    if secret_first:
        parts.reverse()
    first, second = ("%s%s%s=%s%s" % (blanks[0 + 3 * i], case(name), blanks[1 + 3 * i], blanks[2 + 3 * i], value)
                     for i, (name, value) in enumerate(parts))
    text = "%s%s;%s%s%s\n" % (quote, first, second, final, quote)
    assert parse_key_string(text) == (access, secret)


@settings(max_examples=400)
@given(before=TEXT, key=KEY, after=TEXT)
def test_any_text_with_a_key_in_it_is_parsed_or_refused_without_the_key(before, key, after):
    try:
        parse_key_string(before + key + after)
    except ConfigurationError as exc:
        assert not echoes(str(exc), key)


@settings(max_examples=300)
@given(access=KEY, secret=KEY, damage=st.sampled_from([
    "accesskey=%s secretkey=%s", "%s:%s", "accesskey=%s; secretkey='%s';", "accesskey=%s; secretkey=%s; token=x;",
    "accesskey=%s; accesskey=%s;", "%s=%s;", "accesskey=%s; secretkey=%s extra;", "accesskey=%s;; secretkey=;%s"]))
def test_malformed_key_strings_never_echo_either_key(access, secret, damage):
    try:
        parse_key_string(damage % (access, secret))
    except ConfigurationError as exc:
        assert not echoes(str(exc), access) and not echoes(str(exc), secret)


@settings(max_examples=400)
@given(st.one_of(TEXT, st.builds("https://{}".format, TEXT), st.builds("{}://{}{}".format, TEXT, TEXT, TEXT)))
def test_any_url_is_normalized_or_refused(text):
    try:
        base = normalize_url(text)
    except ConfigurationError:
        return
    assert re.match(r"^https?://[^/?#]", base)


@settings(max_examples=400)
@given(scheme=st.sampled_from(["https://", "http://", "ftp://", ""]), before=TEXT, key=KEY, after=TEXT,
       where=st.sampled_from(["{s}{b}{k}{a}", "{s}sc.example.com:{k}", "{s}user:{k}@sc.example.com{a}",
                              "{s}sc.example.com/?secretkey={k}", "{s}sc.example.com/#{k}", "{s}{k}.example.com:99999",
                              "accesskey={k}; secretkey={k};"]))
def test_url_errors_never_echo_a_key(scheme, before, key, after, where):
    try:
        normalize_url(where.format(s=scheme, b=before, k=key, a=after))
    except ConfigurationError as exc:
        assert not echoes(str(exc), key)


SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), TEXT)
FILTER_VALUES = st.one_of(SCALARS, st.lists(SCALARS, max_size=4),
                          st.dictionaries(st.sampled_from(["min", "max", "id", "x"]), SCALARS, max_size=3))


@settings(max_examples=600)
@given(name=st.sampled_from(sorted(FILTER_OPTIONS)), value=FILTER_VALUES)
@example(name="port", value="\u00b2")  # a digit to str.isdigit(), not to int()
def test_any_filter_value_is_translated_or_refused(name, value):
    try:
        filters = translate_filters({name: value}, NameResolver(RecordedCatalog()))
    except ConfigurationError:
        return
    for sc_filter in filters:
        assert set(sc_filter) == {"filterName", "operator", "value"}
        assert sc_filter["filterName"] == FILTER_OPTIONS[name]["sc"]


@settings(max_examples=600)
@given(name=st.sampled_from(sorted(FILTER_OPTIONS)), before=TEXT, key=KEY, after=TEXT, as_list=st.booleans())
def test_filter_errors_never_echo_a_key(name, before, key, after, as_list):
    text = before + key + after
    try:
        translate_filters({name: [text] if as_list else text}, NameResolver(RecordedCatalog()))
    except ConfigurationError as exc:
        assert not echoes(str(exc), key)


@given(TEXT)
@example("5.1\u00b3")
def test_any_version_text_reads_as_numbers(text):
    """min_version is typed by users; what is not a version sorts lowest."""
    version = version_tuple(text)
    assert version and all(isinstance(number, int) for number in version)

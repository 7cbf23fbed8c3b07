# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Property tests: arbitrary input to the parsers raises only our own error and never echoes a key."""

from hypothesis import given, settings
from hypothesis import strategies as st

from ansible_collections.secops.tenablesc.plugins.module_utils.connection import normalize_url, parse_key_string
from ansible_collections.secops.tenablesc.plugins.module_utils.errors import ConfigurationError
from ansible_collections.secops.tenablesc.plugins.module_utils.filters import translate_filters

KEY = st.text(alphabet="0123456789abcdefABCDEF", min_size=8, max_size=64)
SPACE = st.sampled_from(["", " ", "  ", "\t"])
NAMES = st.tuples(st.sampled_from(["accesskey", "AccessKey", "ACCESSKEY"]),
                  st.sampled_from(["secretkey", "SecretKey", "SECRETKEY"]))


@settings(max_examples=300)
@given(access=KEY, secret=KEY, names=NAMES, space=SPACE, final=st.sampled_from(["", ";", ";\n", "; "]), quote=st.sampled_from(["", "'", '"']))
def test_every_form_users_paste_round_trips(access, secret, names, space, final, quote):
    text = "%s%s%s=%s%s;%s%s=%s%s%s" % (quote, space, names[0], space, access, space, names[1], secret, final, quote)
    assert parse_key_string(text) == (access, secret)


@settings(max_examples=500)
@given(st.text())
def test_arbitrary_text_raises_only_our_error_and_never_echoes_it(text):
    try:
        parse_key_string(text)
    except ConfigurationError as exc:
        for part in text.replace("=", ";").split(";"):
            part = part.strip()
            if len(part) > 20:
                assert part not in str(exc)


@settings(max_examples=300)
@given(st.text())
def test_arbitrary_urls_raise_only_our_error(text):
    try:
        base = normalize_url(text)
    except ConfigurationError:
        return
    assert base.startswith(("http://", "https://")) and not base.endswith("/rest")


@settings(max_examples=300)
@given(name=st.sampled_from(["severity", "plugin_id", "ip", "dns_name", "cve", "exploit_available", "last_seen",
                             "first_seen", "vpr_score", "port", "protocol", "plugin_name"]),
       value=st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(),
                       st.lists(st.one_of(st.integers(), st.text()), max_size=4),
                       st.dictionaries(st.text(max_size=5), st.integers(), max_size=2)))
def test_filter_values_raise_only_our_error(name, value):
    try:
        filters = translate_filters({name: value})
    except ConfigurationError:
        return
    for sc_filter in filters:
        assert set(sc_filter) == {"filterName", "operator", "value"}

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The key-string parser, URL normalisation and the connection option table."""

import pytest

from ansible_collections.secops.tenablesc.plugins.module_utils.connection import (
    CONNECTION_OPTIONS,
    ConnectionSettings,
    connection_argument_spec,
    normalize_url,
    parse_key_string,
)
from ansible_collections.secops.tenablesc.plugins.module_utils.errors import ConfigurationError

ACCESS = "0123456789abcdef0123456789abcdef"
SECRET = "fedcba9876543210fedcba9876543210"


@pytest.mark.parametrize("text", [
    "accesskey=%s; secretkey=%s;" % (ACCESS, SECRET),
    "accesskey=%s; secretkey=%s" % (ACCESS, SECRET),
    "  accesskey = %s ;secretkey= %s ;\n" % (ACCESS, SECRET),
    "AccessKey=%s; SecretKey=%s;" % (ACCESS, SECRET),
    "ACCESSKEY=%s;SECRETKEY=%s;" % (ACCESS, SECRET),
    "\"accesskey=%s; secretkey=%s;\"\n" % (ACCESS, SECRET),
    "'accesskey=%s; secretkey=%s;'" % (ACCESS, SECRET),
    "secretkey=%s; accesskey=%s;" % (SECRET, ACCESS),
])
def test_key_string_forms_users_paste(text):
    assert parse_key_string(text) == (ACCESS, SECRET)


@pytest.mark.parametrize("text, complaint", [
    ("", "empty"),
    ("   \n", "empty"),
    ("accesskey=%s;" % ACCESS, "secretkey is missing"),
    ("secretkey=%s;" % SECRET, "accesskey is missing"),
    ("accesskey=; secretkey=%s;" % SECRET, "value of accesskey is empty"),
    ("accesskey=%s; secretkey=;" % ACCESS, "value of secretkey is empty"),
    ("accesskey=%s; secretkey=%s; token=x;" % (ACCESS, SECRET), "unknown field 'token'"),
    ("%s %s" % (ACCESS, SECRET), "has no '='"),
    ("accesskey=%s; accesskey=%s; secretkey=%s;" % (ACCESS, ACCESS, SECRET), "accesskey is given twice"),
    ("accesskey=%s; secretkey=%s extra;" % (ACCESS, SECRET), "characters SC keys never have"),
    ("%s=%s; secretkey=%s;" % (SECRET, ACCESS, SECRET), "unknown field '<32 characters>'"),
])
def test_malformed_key_strings_say_what_is_wrong_without_echoing_keys(text, complaint):
    with pytest.raises(ConfigurationError) as caught:
        parse_key_string(text)
    message = str(caught.value)
    assert complaint in message
    assert "accesskey=<access-key>; secretkey=<secret-key>;" in message
    assert ACCESS not in message and SECRET not in message


@pytest.mark.parametrize("url, base", [
    ("https://sc.example.com", "https://sc.example.com"),
    ("https://sc.example.com/", "https://sc.example.com"),
    ("https://sc.example.com/rest", "https://sc.example.com"),
    ("https://sc.example.com/rest/", "https://sc.example.com"),
    ("HTTPS://sc.example.com:8443/rest", "https://sc.example.com:8443"),
    ("https://proxy.example.com/sc/rest", "https://proxy.example.com/sc"),
    ("http://127.0.0.1:8080", "http://127.0.0.1:8080"),
    (" https://sc.example.com \n", "https://sc.example.com"),
])
def test_url_forms(url, base):
    assert normalize_url(url) == base


@pytest.mark.parametrize("url", [
    None, "", "sc.example.com", "ftp://sc.example.com", "https://", "https://sc.example.com:99999",
    "https://sc.example.com/?x=1", "https://user:pw@sc.example.com", "file:///etc/passwd",
])
def test_urls_that_are_not_http_are_refused(url):
    with pytest.raises(ConfigurationError) as caught:
        normalize_url(url)
    assert "url" in str(caught.value)


def test_url_errors_never_echo_a_password():
    with pytest.raises(ConfigurationError) as caught:
        normalize_url("https://admin:hunter2@sc.example.com:abc")
    assert "hunter2" not in str(caught.value)


def options(**given):
    return given.get


def test_settings_from_key_string_with_defaults():
    settings = ConnectionSettings.from_options(options(
        url="https://sc.example.com/rest", api_keys="accesskey=%s; secretkey=%s;" % (ACCESS, SECRET)))
    assert (settings.url, settings.access_key, settings.secret_key) == ("https://sc.example.com", ACCESS, SECRET)
    assert (settings.validate_certs, settings.timeout, settings.retries, settings.verify) == (True, 60.0, 5, True)


def test_explicit_ca_path_is_what_requests_verifies_against():
    settings = ConnectionSettings.from_options(options(
        url="https://sc", access_key=ACCESS, secret_key=SECRET, ca_path="/etc/sc-ca.pem"))
    assert settings.verify == "/etc/sc-ca.pem"
    off = ConnectionSettings.from_options(options(
        url="https://sc", access_key=ACCESS, secret_key=SECRET, ca_path="/etc/sc-ca.pem", validate_certs=False))
    assert off.verify is False


@pytest.mark.parametrize("given, complaint", [
    (dict(api_keys="accesskey=a; secretkey=b;", access_key=ACCESS, secret_key=SECRET), "not both"),
    (dict(access_key=ACCESS), "together"),
    (dict(secret_key=SECRET), "together"),
    (dict(), "No API keys"),
    (dict(api_keys="accesskey=a; secretkey=b;", timeout=0), "timeout"),
    (dict(api_keys="accesskey=a; secretkey=b;", retries=-1), "retries"),
    (dict(api_keys="accesskey=a; secretkey=b;", proxy="proxy.example.com"), "proxy"),
    (dict(api_keys="accesskey=a; secretkey=b;", proxy="http://[proxy:3128"), "proxy"),
    (dict(api_keys="accesskey=a; secretkey=b;", timeout=float("nan")), "timeout"),
    (dict(api_keys="accesskey=a; secretkey=b;", timeout=float("inf")), "timeout"),
    (dict(access_key=ACCESS, secret_key=SECRET[:16] + "\n" + SECRET[16:]), "secret_key contains characters"),
    (dict(access_key=ACCESS, secret_key=SECRET + "\u2019"), "secret_key contains characters"),
])
def test_inconsistent_settings_are_refused(given, complaint):
    with pytest.raises(ConfigurationError) as caught:
        ConnectionSettings.from_options(options(url="https://sc", **given))
    assert complaint in str(caught.value)
    assert SECRET not in str(caught.value)


def test_one_table_drives_argspec_and_both_doc_fragments():
    import yaml

    from ansible_collections.secops.tenablesc.plugins.doc_fragments.connection import ModuleDocFragment

    spec = connection_argument_spec()
    modules = yaml.safe_load(ModuleDocFragment.DOCUMENTATION)["options"]
    plugins = yaml.safe_load(ModuleDocFragment.PLUGINS)["options"]
    assert set(spec) == set(modules) == set(plugins) == set(CONNECTION_OPTIONS)
    for name, option in CONNECTION_OPTIONS.items():
        assert option["env"].startswith("TENABLESC_")
        assert spec[name]["fallback"][1] == [option["env"]]
        assert spec[name]["type"] == modules[name]["type"] == plugins[name]["type"]
        assert plugins[name]["env"] == [{"name": option["env"]}]
        assert option["env"] in " ".join(modules[name]["description"])
        assert spec[name].get("default") == modules[name].get("default") == plugins[name].get("default")
    assert {name for name, entry in spec.items() if entry.get("no_log")} == {"api_keys", "access_key", "secret_key"}

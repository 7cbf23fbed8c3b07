# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""awx/credential_type.yml: AWX accepts it, and a credential of it injects what the collection reads."""

import copy
from pathlib import Path

import pytest
from ansible.module_utils.parsing.convert_bool import boolean

from ansible_collections.secops.tenablesc.plugins.module_utils.connection import CONNECTION_OPTIONS

from support.awx_emulation import inject_credential, load_credential_type, validate_credential, validate_credential_type

URL = "https://tenablesc.example.com"
KEY_STRING = "accesskey=0123456789abcdef0123456789abcdef; secretkey=fedcba9876543210fedcba9876543210;"
CA_PEM = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUexample\n-----END CERTIFICATE-----\n"


@pytest.fixture
def data_dir(tmp_path):
    (tmp_path / "env").mkdir()
    return tmp_path


def test_awx_accepts_the_credential_type():
    validate_credential_type(load_credential_type())


def test_it_injects_the_collections_own_variables():
    injected = set(load_credential_type()["injectors"]["env"])
    assert injected == {CONNECTION_OPTIONS[name]["env"] for name in ("url", "api_keys", "validate_certs", "ca_path")}


@pytest.mark.parametrize("mistake, message", [
    (lambda ct: ct["injectors"]["env"].update(TENABLESC_URL="{{ sc_url }}"), "'sc_url' is undefined"),
    (lambda ct: ct["injectors"]["env"].update(TENABLESC_CA_PATH="{{ tower.filename.ca }}"), "no attribute 'ca'"),
    (lambda ct: ct["injectors"]["env"].update(ANSIBLE_TIMEOUT="5"), "ANSIBLE_TIMEOUT"),
    (lambda ct: ct["inputs"]["fields"][2].update(secret=True), "not allowed for a boolean"),
], ids=["undefined field", "undeclared file", "ANSIBLE_ variable", "secret boolean"])
def test_the_validation_refuses_what_awx_refuses(mistake, message):
    credential_type = copy.deepcopy(load_credential_type())
    mistake(credential_type)
    with pytest.raises(Exception, match=message):
        validate_credential_type(credential_type)


def test_a_credential_needs_the_url_and_the_key_string():
    credential_type = load_credential_type()
    validate_credential(credential_type, dict(url=URL, api_keys=KEY_STRING))
    with pytest.raises(ValueError, match="missing .'api_keys'"):
        validate_credential(credential_type, dict(url=URL))
    with pytest.raises(ValueError, match="wrong type .'skip_tls_verify'"):
        validate_credential(credential_type, dict(url=URL, api_keys=KEY_STRING, skip_tls_verify="no"))


def test_a_full_credential(data_dir):
    env, safe_env = inject_credential(
        load_credential_type(), dict(url=URL, api_keys=KEY_STRING, ca_cert=CA_PEM, skip_tls_verify=False), data_dir)
    assert env["TENABLESC_URL"] == URL and env["TENABLESC_API_KEYS"] == KEY_STRING
    assert boolean(env["TENABLESC_VALIDATE_CERTS"]) is True
    ca_file = Path(env["TENABLESC_CA_PATH"])
    assert ca_file.parent == data_dir / "env" and ca_file.read_text() == CA_PEM
    # What AWX stores with the job and shows in its details.
    assert safe_env["TENABLESC_API_KEYS"] == "**********"
    assert dict(safe_env, TENABLESC_API_KEYS=KEY_STRING) == env


def test_without_a_ca_certificate_the_ca_path_is_empty(data_dir):
    """The collection reads an empty TENABLESC_CA_PATH as not set: SC's certificate meets the system trust store."""
    env, dummy = inject_credential(load_credential_type(), dict(url=URL, api_keys=KEY_STRING), data_dir)
    assert env["TENABLESC_CA_PATH"] == ""


@pytest.mark.parametrize("inputs, verified", [
    (dict(), True),
    (dict(skip_tls_verify=False), True),
    (dict(skip_tls_verify=True), False),
], ids=["left out", "false", "true"])
def test_tls_verification_stays_on_unless_skipped(data_dir, inputs, verified):
    """AWX turns a boolean field a credential leaves out into false: leaving it out must keep verification on."""
    env, dummy = inject_credential(load_credential_type(), dict(inputs, url=URL, api_keys=KEY_STRING), data_dir)
    assert boolean(env["TENABLESC_VALIDATE_CERTS"]) is verified

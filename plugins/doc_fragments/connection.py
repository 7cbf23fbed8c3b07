# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Connection options of every module and plugin.

Generated from CONNECTION_OPTIONS in module_utils/connection.py by tools/generated_code.py; edit the table, then run `make goldens`.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment:
    DOCUMENTATION = r"""
options:
  url:
    description:
      - 'Base URL of Tenable Security Center, such as V(https://tenablesc.example.com).'
      - 'V(https://host/), V(https://host/rest) and V(https://host/rest/) mean the same.'
      - 'V(http://) works but sends the keys unencrypted, and warns.'
      - 'Required.'
      - 'If not set, the value of the E(TENABLESC_URL) environment variable is used.'
    type: str
  api_keys:
    description:
      - 'The key string exactly as SC shows it: V(accesskey=<access-key>; secretkey=<secret-key>;).'
      - >-
        Whitespace, a missing final V(;), upper-case names, and the trailing newline or quotes a vault file leaves are
        tolerated.
      - 'Give either O(api_keys) or O(access_key) with O(secret_key), not both.'
      - 'If not set, the value of the E(TENABLESC_API_KEYS) environment variable is used.'
    type: str
  access_key:
    description:
      - 'Access key of the SC service account; needs O(secret_key). Alternative to O(api_keys).'
      - 'If not set, the value of the E(TENABLESC_ACCESS_KEY) environment variable is used.'
    type: str
  secret_key:
    description:
      - 'Secret key of the SC service account; needs O(access_key). Alternative to O(api_keys).'
      - 'If not set, the value of the E(TENABLESC_SECRET_KEY) environment variable is used.'
    type: str
  validate_certs:
    description:
      - 'Verify SC''s TLS certificate.'
      - 'Set to V(false) only for a test instance; the task warns when it is off.'
      - 'If not set, the value of the E(TENABLESC_VALIDATE_CERTS) environment variable is used.'
    type: bool
    default: true
  ca_path:
    description:
      - 'PEM file of the CA (or bundle) that signed SC''s certificate.'
      - 'Takes precedence over E(REQUESTS_CA_BUNDLE) and the system trust store.'
      - 'If not set, the value of the E(TENABLESC_CA_PATH) environment variable is used.'
    type: path
  timeout:
    description:
      - 'Seconds to wait for SC to connect and to answer each request.'
      - 'If not set, the value of the E(TENABLESC_TIMEOUT) environment variable is used.'
    type: float
    default: 60.0
  retries:
    description:
      - >-
        How often a request is retried after a rate limit (429), an unavailable SC or proxy (502, 503, 504), a
        connection failure, a timeout or SC's transient C(database is locked) error.
      - 'Waits grow exponentially with jitter and honour C(Retry-After); all waits together stay under two minutes.'
      - 'Requests that create or delete are retried only when they provably never reached SC.'
      - 'V(0) disables retries.'
      - 'If not set, the value of the E(TENABLESC_RETRIES) environment variable is used.'
    type: int
    default: 5
  proxy:
    description:
      - 'URL of an HTTP(S) proxy to reach SC through, such as V(http://proxy.example.com:3128).'
      - 'Without it the standard E(HTTPS_PROXY) and E(NO_PROXY) variables are honoured.'
      - 'If not set, the value of the E(TENABLESC_PROXY) environment variable is used.'
    type: str
"""

    # The inventory plugin reads the same options through Ansible's configuration.
    PLUGINS = r"""
options:
  url:
    description:
      - 'Base URL of Tenable Security Center, such as V(https://tenablesc.example.com).'
      - 'V(https://host/), V(https://host/rest) and V(https://host/rest/) mean the same.'
      - 'V(http://) works but sends the keys unencrypted, and warns.'
      - 'Required.'
    type: str
    env:
      - name: TENABLESC_URL
  api_keys:
    description:
      - 'The key string exactly as SC shows it: V(accesskey=<access-key>; secretkey=<secret-key>;).'
      - >-
        Whitespace, a missing final V(;), upper-case names, and the trailing newline or quotes a vault file leaves are
        tolerated.
      - 'Give either O(api_keys) or O(access_key) with O(secret_key), not both.'
    type: str
    env:
      - name: TENABLESC_API_KEYS
  access_key:
    description:
      - 'Access key of the SC service account; needs O(secret_key). Alternative to O(api_keys).'
    type: str
    env:
      - name: TENABLESC_ACCESS_KEY
  secret_key:
    description:
      - 'Secret key of the SC service account; needs O(access_key). Alternative to O(api_keys).'
    type: str
    env:
      - name: TENABLESC_SECRET_KEY
  validate_certs:
    description:
      - 'Verify SC''s TLS certificate.'
      - 'Set to V(false) only for a test instance; the task warns when it is off.'
    type: bool
    default: true
    env:
      - name: TENABLESC_VALIDATE_CERTS
  ca_path:
    description:
      - 'PEM file of the CA (or bundle) that signed SC''s certificate.'
      - 'Takes precedence over E(REQUESTS_CA_BUNDLE) and the system trust store.'
    type: path
    env:
      - name: TENABLESC_CA_PATH
  timeout:
    description:
      - 'Seconds to wait for SC to connect and to answer each request.'
    type: float
    default: 60.0
    env:
      - name: TENABLESC_TIMEOUT
  retries:
    description:
      - >-
        How often a request is retried after a rate limit (429), an unavailable SC or proxy (502, 503, 504), a
        connection failure, a timeout or SC's transient C(database is locked) error.
      - 'Waits grow exponentially with jitter and honour C(Retry-After); all waits together stay under two minutes.'
      - 'Requests that create or delete are retried only when they provably never reached SC.'
      - 'V(0) disables retries.'
    type: int
    default: 5
    env:
      - name: TENABLESC_RETRIES
  proxy:
    description:
      - 'URL of an HTTP(S) proxy to reach SC through, such as V(http://proxy.example.com:3128).'
      - 'Without it the standard E(HTTPS_PROXY) and E(NO_PROXY) variables are honoured.'
    type: str
    env:
      - name: TENABLESC_PROXY
"""

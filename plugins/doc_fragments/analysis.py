# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Analysis options that tenablesc_vulns_info, tenablesc_findings_sync and the inventory plugin share.

Generated from ANALYSIS_OPTIONS in module_utils/analysis.py by tools/generated_code.py; edit the table, then run `make goldens`.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment:
    DOCUMENTATION = r"""
options:
  was_findings:
    description:
      - 'Web application (Tenable Web App Scanning) findings in cumulative and mitigated data.'
      - >-
        V(exclude) keeps host findings only, so host and severity counts mean host findings, as pyTenable does;
        V(include) mixes both, as SC 6.3 and later do unless told otherwise; V(only) keeps web application findings
        only.
      - >-
        SC before 6.2 refuses SC's C(wasVuln) filter and keeps no web application findings apart: there V(exclude) and
        V(include) ask without it (the first refusal is noticed once), and V(only) fails.
      - 'Scan results (C(source_type=individual) of M(secops.tenablesc.tenablesc_vulns_info)) are read as they are.'
    type: str
    choices: [exclude, include, only]
    default: exclude
  concurrency:
    description:
      - 'Analysis requests in flight at once.'
      - >-
        Tenable does not recommend multi-threading API calls against SC (large deployment guide, API usage): the
        default keeps one request in flight, and fetches the next page while this one is being processed. Raise it
        only where the SC administrators agree.
      - 'Rows come back in SC''s order whatever this is.'
    type: int
    default: 1
"""

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The options of the modules that wait for a scan result.

Generated from WAIT_OPTIONS in module_utils/scans.py by tools/generated_code.py; edit the table, then run `make goldens`.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment:
    DOCUMENTATION = r"""
options:
  wait_timeout:
    description:
      - 'Seconds to wait for SC to finish the scan and import its results before the task fails.'
      - 'The scan goes on in SC after a timeout; the failure returns what SC last said of it.'
    type: int
    default: 3600
  poll_interval:
    description:
      - 'Seconds between two looks at the scan result while waiting: one light request each.'
    type: int
    default: 30
"""

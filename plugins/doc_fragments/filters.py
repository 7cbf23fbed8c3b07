# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The friendly analysis filters, rendered from the one table in module_utils/filters.py."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.secops.tenablesc.plugins.module_utils.filters import filter_doc_fragment


class ModuleDocFragment:
    DOCUMENTATION = filter_doc_fragment()

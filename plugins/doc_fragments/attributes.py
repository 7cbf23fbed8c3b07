# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Attributes shared by the modules that only read from SC."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment:
    READ_ONLY = r"""
attributes:
  check_mode:
    support: full
    description: The module only reads from SC, so check mode runs it as usual.
  diff_mode:
    support: none
    description: Nothing on SC changes, so there is no diff.
"""

    # The modules that manage accept and recast risk rules.
    RISK_RULE = r"""
attributes:
  check_mode:
    support: full
    description: Reports the rules that would be created and deleted, and writes nothing.
  diff_mode:
    support: full
    description: Shows the rules deleted (before) and created (after), one entry per repository.
"""

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The doc fragments and the version module are rendered from their sources; they must not drift."""

import pytest

from generated_code import rendered
from support.goldens import assert_matches


@pytest.mark.parametrize("path, text", sorted(rendered().items()), ids=lambda value: getattr(value, "name", ""))
def test_generated_code_matches_its_source(path, text):
    assert_matches(path, text)

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The doc fragments are rendered from the option tables; they must not drift."""

import pytest

from render_doc_fragments import rendered


@pytest.mark.parametrize("path, text", sorted(rendered().items()), ids=lambda value: getattr(value, "name", ""))
def test_doc_fragment_matches_its_table(path, text):
    assert path.read_text() == text, "%s is stale: run make doc-fragments" % path.name

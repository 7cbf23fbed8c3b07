# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""tools/render_reference_docs.py: what --check reports and what a render writes into docs/reference.

Rendering itself runs antsibull-docs, which only the newest core's venv has; `make docs-lint` runs it.
"""

import pytest

from render_reference_docs import collection_name, existing, stale_report, write

RENDERED = {"README.rst": "Plugin index\n", "tenablesc_inventory.rst": "options:\n  url\n  api_keys\n"}


def test_an_up_to_date_reference_has_nothing_to_report():
    assert stale_report(RENDERED, dict(RENDERED)) == []


def test_check_names_each_stale_file_and_shows_the_change():
    current = {"tenablesc_inventory.rst": "options:\n  url\n", "old_module.rst": "gone\n"}
    report = stale_report(RENDERED, current)
    assert report[0] == "missing: README.rst"
    assert report[1] == "not generated (remove it): old_module.rst"
    assert report[2] == "changed: tenablesc_inventory.rst (1 lines added, 0 removed)"
    assert "    +  api_keys" in report[3:]


def test_write_makes_the_directory_hold_exactly_the_rendered_files(tmp_path):
    (tmp_path / "old_module.rst").write_text("gone\n")
    (tmp_path / "README.rst").write_text("Plugin index\n")
    assert write(RENDERED, tmp_path) == ["wrote tenablesc_inventory.rst", "removed old_module.rst"]
    assert existing(tmp_path) == RENDERED
    assert write(RENDERED, tmp_path) == []


@pytest.mark.parametrize("parts, accepted", [
    (("ansible_collections", "secops", "tenablesc"), True),
    (("checkout",), False),
])
def test_the_collection_must_sit_where_ansible_finds_it(tmp_path, parts, accepted):
    collection = tmp_path.joinpath(*parts)
    collection.mkdir(parents=True)
    (collection / "galaxy.yml").write_text("namespace: secops\nname: tenablesc\nversion: 0.1.0\n")
    if accepted:
        assert collection_name(collection) == "secops.tenablesc"
    else:
        with pytest.raises(SystemExit, match="ansible_collections/secops/tenablesc"):
            collection_name(collection)

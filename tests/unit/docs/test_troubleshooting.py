# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""docs/troubleshooting.md covers every error the collection can raise and every fix it prints.

- each error class in module_utils/errors.py has a section headed by its ``kind``, the name a failed task
  returns in ``error.kind``, and no section names a kind that no longer exists;
- each fix the code prints (the HINT_* constants and every literal hint given where an error is raised) is
  quoted word for word, so a user can search the page for the line they see;
- each check of tenablesc_apikey_check is in the table of failed checks.
"""

import ast
import re

import pytest

from ansible_collections.secops.tenablesc.plugins.module_utils import errors
from support.doc_pages import DOCS, plain
from support.ansible_run import REPO

PAGE = (DOCS / "troubleshooting.md").read_text(encoding="utf-8")
ERROR_CLASSES = sorted((value for value in vars(errors).values()
                        if isinstance(value, type) and issubclass(value, errors.TenableSCError)),
                       key=lambda cls: cls.__name__)
HINTS = {name: value for name, value in vars(errors).items() if name.startswith("HINT_")}
APIKEY_CHECK = REPO / "plugins" / "modules" / "tenablesc_apikey_check.py"


def section_kinds():
    return re.findall(r"^#{2,4} `(\w+)`: ", PAGE, re.M)


def hints_given_where_raised():
    """{'file:line': text} of every literal hint in plugins/: given to an error class, or to a function of the
    same file that passes its ``hint`` parameter on (such as the name resolver's)."""
    found = {}
    for path in sorted((REPO / "plugins").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        # Position of the hint among the positional arguments: (message, hint) for errors.
        hint_position = {cls.__name__: 1 for cls in ERROR_CLASSES}
        hint_position.update((node.name, [arg.arg for arg in node.args.args].index("hint"))
                             for node in ast.walk(tree)
                             if isinstance(node, ast.FunctionDef) and "hint" in [arg.arg for arg in node.args.args])
        for node in ast.walk(tree):
            position = hint_position.get(getattr(getattr(node, "func", None), "id", None))
            if not isinstance(node, ast.Call) or position is None:
                continue
            hint = next((keyword.value for keyword in node.keywords if keyword.arg == "hint"),
                        node.args[position] if len(node.args) > position else None)
            if isinstance(hint, ast.Constant) and hint.value:
                found["%s:%d" % (path.relative_to(REPO), node.lineno)] = hint.value
    return found


@pytest.mark.parametrize("error_class", ERROR_CLASSES, ids=lambda cls: cls.__name__)
def test_every_error_kind_has_a_section(error_class):
    assert error_class.kind in section_kinds(), (
        "docs/troubleshooting.md has no '### `%s`: ...' section for %s" % (error_class.kind, error_class.__name__))


def test_every_section_names_a_kind_that_exists():
    kinds = section_kinds()
    assert sorted(set(kinds) - {cls.kind for cls in ERROR_CLASSES}) == []
    assert len(kinds) == len(set(kinds)), "a kind has two sections"


@pytest.mark.parametrize("name", sorted(HINTS))
def test_every_hint_is_quoted(name):
    assert plain(HINTS[name]) in plain(PAGE), "docs/troubleshooting.md does not quote %s" % name


@pytest.mark.parametrize("place, hint", sorted(hints_given_where_raised().items()))
def test_every_hint_given_where_an_error_is_raised_is_quoted(place, hint):
    assert plain(hint) in plain(PAGE), "docs/troubleshooting.md does not quote the hint raised at %s" % place


def test_every_check_of_the_key_check_is_in_the_table():
    checks = re.findall(r'self\._step\("(\w+)"', APIKEY_CHECK.read_text(encoding="utf-8"))
    assert len(checks) >= 9
    missing = [name for name in checks if "| `%s` |" % name not in PAGE]
    assert missing == []

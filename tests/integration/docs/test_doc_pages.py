# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every page under docs/ and the README: YAML examples use options that exist, and links lead somewhere.

Options are read from ansible-doc, so an example that names an option a plugin does not document (or
misspells one) fails here even where no test runs it.
"""

import json
import re
import subprocess

import pytest
import yaml

from ansible_collections.secops.tenablesc.plugins.module_utils.filters import FILTER_OPTIONS
from support.ansible_run import BIN, REPO, ansible_environment
from support.doc_pages import DOCS, fenced_blocks

PAGES = sorted(DOCS.glob("*.md")) + [REPO / "README.md"]
COLLECTION = "secops.tenablesc."
MODULE_GROUP = "group/secops.tenablesc.tenablesc"
INVENTORY_PLUGIN = "secops.tenablesc.tenablesc"
EVENT_SOURCES = REPO / "extensions" / "eda" / "plugins" / "event_source"


class _ExampleLoader(yaml.SafeLoader):
    """Reads Ansible's tags (!vault, !unsafe) as the text they carry."""


_ExampleLoader.add_multi_constructor("!", lambda loader, suffix, node: loader.construct_scalar(node))


def yaml_examples():
    return [pytest.param(page, text, id="%s-%d" % (page.name, number))
            for page in PAGES
            for number, (language, text) in enumerate(fenced_blocks(page))
            if language in ("yaml", "yml")]


@pytest.fixture(scope="module")
def documented(tmp_path_factory):
    """{'module name' or INVENTORY_PLUGIN: set of option names and aliases}, as ansible-doc reports them."""
    env = ansible_environment(tmp_path_factory.mktemp("ansible-doc"))
    options = {}
    for plugin_type in ("module", "inventory"):
        names = subprocess.run([str(BIN / "ansible-doc"), "--list", "--json", "-t", plugin_type, "secops.tenablesc"],
                               env=env, capture_output=True, text=True, check=True).stdout
        docs = json.loads(subprocess.run(
            [str(BIN / "ansible-doc"), "--json", "-t", plugin_type] + sorted(json.loads(names)),
            env=env, capture_output=True, text=True, check=True).stdout)
        for name, entry in docs.items():
            plugin_options = entry["doc"]["options"]
            options[name] = set(plugin_options).union(*(spec.get("aliases", []) for spec in plugin_options.values()))
    for source in EVENT_SOURCES.glob("*.py"):
        # ansible-doc does not read event sources; their DOCUMENTATION is YAML all the same.
        text = source.read_text()
        block = re.search(r'^DOCUMENTATION = r"""\n(.*?)^"""', text, re.M | re.S).group(1)
        options[COLLECTION + source.stem] = set(yaml.safe_load(block)["options"])
    return options


def collection_tasks(value):
    """(module, arguments) of every use of one of the collection's modules in a YAML document."""
    if isinstance(value, list):
        for item in value:
            yield from collection_tasks(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, str) and (key.startswith(COLLECTION) or key == MODULE_GROUP) and key != INVENTORY_PLUGIN:
                yield key, item if isinstance(item, dict) else {}
            else:
                yield from collection_tasks(item)


@pytest.mark.parametrize("page, text", yaml_examples())
def test_yaml_example_uses_documented_options(page, text, documented):
    document = yaml.load(text, Loader=_ExampleLoader)  # nosec - the loader only builds plain data
    assert document is not None, "%s has an empty YAML block" % page.name
    modules = {name: options for name, options in documented.items() if name != INVENTORY_PLUGIN}
    for module, arguments in collection_tasks(document):
        # module_defaults for the group apply to every module of the collection: only shared options fit.
        known = set.intersection(*modules.values()) if module == MODULE_GROUP else modules.get(module)
        assert known is not None, "%s: %s is not a module of the collection" % (page.name, module)
        assert sorted(set(arguments) - known) == [], "%s: %s has no such options" % (page.name, module)
    if isinstance(document, dict) and document.get("plugin") == INVENTORY_PLUGIN:
        assert sorted(set(document) - documented[INVENTORY_PLUGIN]) == [], page.name
        assert sorted(set(document.get("filters") or {}) - set(FILTER_OPTIONS)) == [], page.name


def github_anchor(heading):
    """The anchor GitHub gives a Markdown heading: lower case, punctuation dropped, spaces as hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def anchors(page):
    found, seen = set(), {}
    text = re.sub(r"^```.*?^```$", "", page.read_text(encoding="utf-8"), flags=re.M | re.S)
    for heading in re.findall(r"^#+ (.+)$", text, re.M):
        anchor = github_anchor(heading)
        found.add(anchor if anchor not in seen else "%s-%d" % (anchor, seen[anchor]))
        seen[anchor] = seen.get(anchor, 0) + 1
    return found


def relative_links(page):
    """Link targets of a page outside code, other than web and mail addresses."""
    text = re.sub(r"^```.*?^```$", "", page.read_text(encoding="utf-8"), flags=re.M | re.S)
    text = re.sub(r"`[^`]*`", "", text)
    return [target for target in re.findall(r"\]\(([^)\s]+)\)", text) if not re.match(r"^(https?|mailto):", target)]


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_links_lead_to_files_and_headings_that_exist(page):
    broken = []
    for target in relative_links(page):
        path, _hash, fragment = target.partition("#")
        destination = (page.parent / path).resolve() if path else page
        if not destination.exists():
            broken.append(target)
        elif fragment and destination.suffix == ".md" and fragment not in anchors(destination):
            broken.append(target)
    assert broken == [], "%s links to what does not exist" % page.name

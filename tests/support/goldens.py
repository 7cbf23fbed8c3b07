# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Golden files: tests compare them with what the code produces now; only `make goldens` writes them."""

import difflib
import json

from support.ansible_run import run_inventory, sc_environment
from support.collection import REPO

INVENTORY_SOURCES = REPO / "tests" / "integration" / "inventory" / "files"
INVENTORY_GOLDENS = REPO / "tests" / "integration" / "inventory" / "golden"
# A small SC of its own, so that the inventory golden files stay reviewable.
INVENTORY_DATASET = dict(seed=11, hosts=60, repositories=4, findings_per_host=8)


def assert_matches(path, produced):
    """``path`` holds exactly ``produced``; otherwise fail with the difference and the command that updates it."""
    committed = path.read_text() if path.exists() else ""
    assert committed == produced, "%s is not what the code produces now (`make goldens` rewrites it):\n%s" % (
        path.relative_to(REPO),
        "".join(difflib.unified_diff(committed.splitlines(True), produced.splitlines(True), "committed", "produced")))


def inventory_sources():
    return sorted(INVENTORY_SOURCES.glob("*.tenablesc.yml"))


def inventory_golden_path(source):
    return INVENTORY_GOLDENS / (source.name.split(".")[0] + ".json")


def listed_inventory(sc, source, workdir):
    """The golden text of ``source``: ``ansible-inventory --list`` of it against ``sc``, as its account sees it."""
    sc.reset()
    run = run_inventory(source, workdir, env=dict(sc_environment(sc, _source_user(source)), TENABLESC_RETRIES="1"))
    assert run.returncode == 0, run.output
    return json.dumps(run.listed, indent=2, sort_keys=True) + "\n"


def _source_user(source):
    """The account a source is listed with: a '# user: NAME' line, else the Vulnerability Analyst."""
    for line in source.read_text().splitlines():
        if line.startswith("# user:"):
            return line.split(":", 1)[1].strip()
    return "vulnanalyst"

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Render the plugin reference in docs/reference/ with antsibull-docs, or check that it is up to date.

    python tools/render_reference_docs.py --collection-dir DIR --dest docs/reference [--check]

DIR is a copy of the collection at .../ansible_collections/<namespace>/<name> (`make build-tree`).
antsibull-docs documents the collection as ansible-doc sees it there, in its simplified RST (plain
docutils, which GitHub renders), one page per plugin and role plus README.rst, the collection's index.
The output holds no timestamp, tool version or path of this machine, so a second run changes nothing.
With --check nothing is written: the command fails, naming each stale file, when DEST differs.
"""

import argparse
import difflib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

BIN = Path(sys.executable).parent
# antsibull-docs names the collection index index.rst; GitHub shows a directory's README.
INDEX_NAME = "README.rst"
DIFF_LINES = 40


def collection_name(collection_dir):
    """'namespace.name' of the collection at ``collection_dir``, checked against its path."""
    galaxy = yaml.safe_load((collection_dir / "galaxy.yml").read_text())
    name = "%s.%s" % (galaxy["namespace"], galaxy["name"])
    if collection_dir.parts[-3:] != ("ansible_collections", galaxy["namespace"], galaxy["name"]):
        raise SystemExit("--collection-dir must end in ansible_collections/%s/%s (make build-tree makes one): %s" % (
            galaxy["namespace"], galaxy["name"], collection_dir))
    return name


def render(collection_dir):
    """{relative path: text} of the reference antsibull-docs writes for the collection at ``collection_dir``."""
    env = dict(os.environ)
    # Only this copy of the collection, and the ansible-doc of this interpreter's ansible-core.
    env["ANSIBLE_COLLECTIONS_PATH"] = str(collection_dir.parents[2])
    env["PATH"] = os.pathsep.join((str(BIN), env.get("PATH", "")))
    antsibull_docs = shutil.which("antsibull-docs", path=env["PATH"])
    if antsibull_docs is None:
        raise SystemExit("antsibull-docs is not installed next to %s: run make venv." % sys.executable)
    # antsibull-docs wants a destination only its owner may write to, as mkdtemp makes.
    with tempfile.TemporaryDirectory(prefix="reference-") as output:
        completed = subprocess.run(
            [antsibull_docs, "collection", "--use-current", "--squash-hierarchy", "--fail-on-error",
             "--output-format", "simplified-rst", "--no-add-antsibull-docs-version",
             "--dest-dir", output, collection_name(collection_dir)],
            env=env, capture_output=True, text=True, check=False)
        if completed.returncode != 0:
            raise SystemExit("antsibull-docs failed:\n%s%s" % (completed.stdout, completed.stderr))
        pages = {path.relative_to(output).as_posix(): path.read_text(encoding="utf-8")
                 for path in sorted(Path(output).rglob("*")) if path.is_file()}
    pages[INDEX_NAME] = pages.pop("index.rst")
    return pages


def existing(dest):
    """{relative path: text} of the files now in ``dest``."""
    if not dest.is_dir():
        return {}
    return {path.relative_to(dest).as_posix(): path.read_text(encoding="utf-8")
            for path in sorted(dest.rglob("*")) if path.is_file()}


def stale_report(rendered, current):
    """Lines describing how ``current`` differs from ``rendered``; empty when they are the same."""
    lines = []
    for name in sorted(set(rendered) | set(current)):
        if name not in current:
            lines.append("missing: %s" % name)
        elif name not in rendered:
            lines.append("not generated (remove it): %s" % name)
        elif current[name] != rendered[name]:
            diff = list(difflib.unified_diff(current[name].splitlines(), rendered[name].splitlines(),
                                             "current/" + name, "rendered/" + name, lineterm="", n=1))
            added = sum(1 for line in diff[2:] if line.startswith("+"))
            removed = sum(1 for line in diff[2:] if line.startswith("-"))
            lines.append("changed: %s (%d lines added, %d removed)" % (name, added, removed))
            lines.extend("    " + line for line in diff[:DIFF_LINES])
            if len(diff) > DIFF_LINES:
                lines.append("    ... %d more diff lines" % (len(diff) - DIFF_LINES))
    return lines


def write(rendered, dest):
    """Make ``dest`` hold exactly ``rendered``; returns the names written or removed."""
    current = existing(dest)
    touched = []
    for name, text in rendered.items():
        if current.get(name) != text:
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            (dest / name).write_text(text, encoding="utf-8")
            touched.append("wrote %s" % name)
    for name in sorted(set(current) - set(rendered)):
        (dest / name).unlink()
        touched.append("removed %s" % name)
    return touched


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--collection-dir", required=True, type=Path,
                        help="the collection at .../ansible_collections/<namespace>/<name>")
    parser.add_argument("--dest", required=True, type=Path, help="directory of the reference, such as docs/reference")
    parser.add_argument("--check", action="store_true", help="write nothing; fail when DEST is not up to date")
    options = parser.parse_args(argv)
    rendered = render(options.collection_dir.resolve())
    if options.check:
        report = stale_report(rendered, existing(options.dest))
        if report:
            print("%s is not up to date with the plugins' documentation; run make goldens:" % options.dest,
                  file=sys.stderr)
            print("\n".join(report), file=sys.stderr)
            return 1
        print("%s is up to date (%d files)" % (options.dest, len(rendered)))
        return 0
    touched = write(rendered, options.dest)
    print("\n".join(touched) if touched else "%s was already up to date" % options.dest)
    return 0


if __name__ == "__main__":
    sys.exit(main())

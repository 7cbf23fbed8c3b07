# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Copy a directory tree, skipping excluded paths (fallback for ``rsync -a --delete``).

Usage: python tests/tools/sync_tree.py SRC DEST [--exclude PATTERN ...]

A pattern starting with ``/`` matches a path relative to SRC (``/build``,
``/tests/output``); any other pattern matches a file or directory name anywhere
(``__pycache__``, ``*.pyc``).  DEST is replaced by a fresh copy, except for
excluded paths already present in it (such as ``tests/output``), which are kept.
Symbolic links are copied as links.
"""

from __future__ import annotations

import argparse
import fnmatch
import os
import shutil


def is_excluded(rel_path, patterns):
    """Return True if the path (relative to the source root, ``/`` separated) is excluded."""
    parts = rel_path.split('/')

    for pattern in patterns:
        if pattern.startswith('/'):
            # Match component by component, so that ``*`` does not cross a ``/``.
            pattern_parts = pattern[1:].split('/')

            if len(pattern_parts) == len(parts) and all(
                fnmatch.fnmatchcase(part, pattern_part) for part, pattern_part in zip(parts, pattern_parts)
            ):
                return True
        elif fnmatch.fnmatchcase(parts[-1], pattern):
            return True

    return False


def remove_stale(dest, patterns):
    """Remove everything below ``dest`` that is not excluded."""
    for root, dirs, files in os.walk(dest, topdown=True):
        rel_root = os.path.relpath(root, dest).replace(os.sep, '/')
        rel_root = '' if rel_root == '.' else rel_root + '/'

        for name in list(dirs):
            path = os.path.join(root, name)

            if is_excluded(rel_root + name, patterns):
                dirs.remove(name)
            elif os.path.islink(path):
                dirs.remove(name)
                os.unlink(path)

        for name in files:
            if not is_excluded(rel_root + name, patterns):
                os.unlink(os.path.join(root, name))

    # Drop directories left empty, deepest first.
    for root, _dirs, _files in os.walk(dest, topdown=False):
        if root != dest and not os.listdir(root):
            rel_root = os.path.relpath(root, dest).replace(os.sep, '/')

            if not is_excluded(rel_root, patterns):
                os.rmdir(root)


def copy_tree(src, dest, patterns):
    """Copy ``src`` into ``dest``."""
    for root, dirs, files in os.walk(src, topdown=True):
        rel_root = os.path.relpath(root, src).replace(os.sep, '/')
        rel_root = '' if rel_root == '.' else rel_root + '/'
        target_root = os.path.join(dest, rel_root)
        os.makedirs(target_root, exist_ok=True)
        shutil.copystat(root, target_root)

        for name in list(dirs):
            path = os.path.join(root, name)

            if is_excluded(rel_root + name, patterns):
                dirs.remove(name)
            elif os.path.islink(path):
                dirs.remove(name)
                os.symlink(os.readlink(path), os.path.join(target_root, name))

        for name in files:
            if not is_excluded(rel_root + name, patterns):
                shutil.copy2(os.path.join(root, name), os.path.join(target_root, name), follow_symlinks=False)


def main():
    """Main entry point."""
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument('src')
    parser.add_argument('dest')
    parser.add_argument('--exclude', action='append', default=[], metavar='PATTERN')
    args = parser.parse_args()

    src = os.path.abspath(args.src)
    dest = os.path.abspath(args.dest)

    if os.path.isdir(dest):
        remove_stale(dest, args.exclude)

    copy_tree(src, dest, args.exclude)


if __name__ == '__main__':
    main()

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The Markdown pages under docs/ as tests read them: fenced code blocks, and the files they spell out."""

import re

from support.ansible_run import REPO

DOCS = REPO / "docs"
_FENCE = re.compile(r"^```(\w*)\n(.*?)^```$", re.M | re.S)
# A block that is a whole file starts with a comment naming it: "# sc.tenablesc.yml: what it is for".
_FILE_NAME = re.compile(r"^# ([\w./-]+\.(?:yml|yaml|cfg))(?::|$)", re.M)


def fenced_blocks(path):
    """(language, text) of each fenced code block of a Markdown file, in order."""
    return _FENCE.findall(path.read_text(encoding="utf-8"))


def file_blocks(path):
    """{file name: text} of the blocks that spell out a whole file; a name given twice is an error."""
    files = {}
    for _language, text in fenced_blocks(path):
        named = _FILE_NAME.match(text)
        if named:
            assert named.group(1) not in files, "%s: two blocks are %s" % (path.name, named.group(1))
            files[named.group(1)] = text
    return files


def plain(text):
    """Text with runs of white space as single spaces, so wrapped prose compares with one-line messages."""
    return " ".join(text.split())

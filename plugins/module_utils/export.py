# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Streaming rows to a file that appears whole or not at all."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import csv
import json
import os
import tempfile
from contextlib import contextmanager

from ansible_collections.secops.tenablesc.plugins.module_utils.errors import ConfigurationError, ExportError

FORMATS = ("json", "jsonl", "csv")


def format_for(dest, requested=None):
    """The export format: as requested, else from the file name's extension, else jsonl."""
    if requested:
        return requested
    extension = os.path.splitext(dest)[1].lower().lstrip(".")
    return extension if extension in FORMATS else "jsonl"


class AtomicRowWriter:
    """Writes rows to a temporary file beside ``dest`` and renames it over ``dest`` only on success.

    Memory stays flat: each row is written as it comes. CSV columns are the
    first row's (nested dictionaries become ``parent.child`` columns).
    """

    def __init__(self, dest, file_format):
        if file_format not in FORMATS:
            raise ConfigurationError("format must be one of %s." % ", ".join(FORMATS))
        directory = os.path.dirname(os.path.abspath(dest))
        if not os.path.isdir(directory):
            raise ConfigurationError("dest %s: directory %s does not exist." % (dest, directory))
        self.dest = dest
        self._format = file_format
        self._directory = directory
        self._file = None
        self._csv = None
        self._count = 0

    def __enter__(self):
        with self._file_errors():
            handle, self._temporary = tempfile.mkstemp(prefix=".%s." % os.path.basename(self.dest), dir=self._directory)
            self._file = os.fdopen(handle, "w", newline="" if self._format == "csv" else None, encoding="utf-8")
            if self._format == "json":
                self._file.write("[")
        return self

    def write(self, row):
        with self._file_errors():
            if self._format == "csv":
                self._write_csv(row)
            elif self._format == "json":
                self._file.write((",\n" if self._count else "\n") + json.dumps(row, sort_keys=True))
            else:
                self._file.write(json.dumps(row, sort_keys=True) + "\n")
        self._count += 1

    @contextmanager
    def _file_errors(self):
        """A full disk or a read-only directory is the user's to fix: one clear error, no traceback."""
        try:
            yield
        except (OSError, IOError) as exc:
            raise ExportError("dest %s: %s." % (self.dest, exc.strerror or exc))

    def _write_csv(self, row):
        flat = _flatten(row)
        if self._csv is None:
            self._csv = csv.DictWriter(self._file, fieldnames=list(flat), extrasaction="ignore")
            self._csv.writeheader()
        self._csv.writerow(flat)

    def __exit__(self, exc_type, exc, traceback):
        try:
            with self._file_errors():
                if exc_type is None and self._format == "json":
                    self._file.write("\n]\n" if self._count else "]\n")
                self._file.close()
                if exc_type is None:
                    # Findings are sensitive: a new file stays private (0600); a replaced one keeps its mode.
                    if os.path.exists(self.dest):
                        os.chmod(self._temporary, os.stat(self.dest).st_mode & 0o7777)
                    os.replace(self._temporary, self.dest)
        finally:
            if os.path.exists(self._temporary):
                os.unlink(self._temporary)
        return False


def _flatten(row, prefix=""):
    flat = {}
    for key, value in row.items():
        name = prefix + key
        if isinstance(value, dict):
            flat.update(_flatten(value, name + "."))
        elif isinstance(value, list):
            flat[name] = json.dumps(value)
        else:
            flat[name] = "" if value is None else value
    return flat

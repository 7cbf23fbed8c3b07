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
# One encoder for every row: json.dumps with options builds a new one per call. Rows keep SC's key order.
_ENCODER = json.JSONEncoder()


def format_for(dest, requested=None):
    """The export format: as requested, else from the file name's extension, else jsonl."""
    if requested:
        return requested
    extension = os.path.splitext(dest)[1].lower().lstrip(".")
    return extension if extension in FORMATS else "jsonl"


class AtomicRowWriter:
    """Writes rows to a temporary file beside ``dest`` and renames it over ``dest`` only on success.

    Memory stays flat: each page of rows is written as it comes. CSV columns are the
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
        # The temporary file being written, its CSV writer and columns: set by the first rows.
        self._file = self._csv = self._columns = None
        self._count = 0

    def __enter__(self):
        with self._file_errors():
            handle, self._temporary = _temporary_beside(self.dest)
            self._file = os.fdopen(handle, "w", newline="" if self._format == "csv" else None, encoding="utf-8")
            if self._format == "json":
                self._file.write("[")
        return self

    def write_rows(self, rows):
        """Write a batch of rows (a page): one file write for all of them keeps the per-row cost low."""
        if not rows:
            return
        with self._file_errors():
            if self._format == "csv":
                self._write_csv(rows)
            elif self._format == "json":
                self._file.write((",\n" if self._count else "\n") + ",\n".join(map(_ENCODER.encode, rows)))
            else:
                self._file.write("\n".join(map(_ENCODER.encode, rows)) + "\n")
        self._count += len(rows)

    @contextmanager
    def _file_errors(self):
        """A full disk or a read-only directory is the user's to fix: one clear error, no traceback."""
        try:
            yield
        except (OSError, IOError) as exc:
            raise ExportError("dest %s: %s." % (self.dest, exc.strerror or exc))

    def _write_csv(self, rows):
        if self._columns is None:
            paths = _column_paths(rows[0])
            # (first key, keys below it): _cells walks them without slicing a path for every cell.
            self._columns = [(path[0], path[1:]) for path in paths]
            self._csv = csv.writer(self._file)
            self._csv.writerow([".".join(path) for path in paths])
        self._csv.writerows([_cells(row, self._columns) for row in rows])

    def __exit__(self, exc_type, exc, traceback):
        try:
            with self._file_errors():
                if exc_type is None and self._format == "json":
                    self._file.write("\n]\n" if self._count else "]\n")
                self._file.close()
                if exc_type is None:
                    _put_in_place(self._temporary, self.dest)
        finally:
            if os.path.exists(self._temporary):
                os.unlink(self._temporary)
        return False


def write_text_atomically(dest, text, label):
    """Replace ``dest`` with ``text`` at once (a crash leaves the old file); ``label`` names it in an error."""
    temporary = None
    try:
        handle, temporary = _temporary_beside(dest)
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        _put_in_place(temporary, dest)
    except (OSError, IOError) as exc:
        raise ExportError("%s %s: %s." % (label, dest, exc.strerror or exc))
    finally:
        if temporary and os.path.exists(temporary):
            os.unlink(temporary)


def _temporary_beside(dest):
    """A new temporary file in the directory of ``dest``, private (0600): (file descriptor, path)."""
    return tempfile.mkstemp(prefix=".%s." % os.path.basename(dest), dir=os.path.dirname(os.path.abspath(dest)))


def _put_in_place(temporary, dest):
    """Rename a finished temporary file over ``dest``. What is written is sensitive: a new file stays private
    (0600); a replaced one keeps its mode."""
    if os.path.exists(dest):
        os.chmod(temporary, os.stat(dest).st_mode & 0o7777)
    os.replace(temporary, dest)


def _column_paths(row):
    """The CSV columns of a row as key paths: nested dictionaries become ``parent.child`` columns."""
    paths = []
    for key, value in row.items():
        if isinstance(value, dict):
            paths += [(key,) + path for path in _column_paths(value)]
        else:
            paths.append((key,))
    return paths


def _cells(row, columns):
    """A row's values in the order of ``columns``; csv writes None (also for a missing value) as empty."""
    cells = []
    for first, rest in columns:
        value = row.get(first)
        for key in rest:
            value = value.get(key) if isinstance(value, dict) else None
        if isinstance(value, list):
            value = _ENCODER.encode(value)
        elif isinstance(value, dict):
            value = None
        cells.append(value)
    return cells

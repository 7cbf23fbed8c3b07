# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Rewrite every golden file and generated page from what the code produces now (`make goldens`).

- plugins/doc_fragments/*.py, from the option tables in module_utils;
- docs/reference/, from the plugins' own documentation (antsibull-docs);
- tests/integration/inventory/golden/*.json, `ansible-inventory --list` of each source against the simulator;
- docs/fault-matrix.md, every target against every fault the simulator scripts.

The tests compare these files and never write them; review the diff after a run.
"""

import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "tests"), str(REPO / "tests" / "integration" / "faults")]

# pylint: disable=wrong-import-position
from support.collection import collections_path, install_collection_loader  # noqa: E402

install_collection_loader()

from fault_doc import DOC as FAULT_MATRIX_PAGE, render as render_fault_matrix  # noqa: E402
from fault_matrix import FAULTS, observe  # noqa: E402
from generated_code import rendered as rendered_doc_fragments  # noqa: E402
from render_reference_docs import render as render_reference, write as write_reference  # noqa: E402
from sc_simulator import Dataset, Simulator  # noqa: E402
from support.goldens import INVENTORY_DATASET, inventory_golden_path, inventory_sources, listed_inventory  # noqa: E402
from support.servers import SESSION_DATASET  # noqa: E402


def write(path, text):
    path.write_text(text)
    print("wrote %s" % path.relative_to(REPO))


def main():
    for path, text in rendered_doc_fragments().items():
        write(path, text)
    write_reference(render_reference(collections_path() / "ansible_collections" / "secops" / "tenablesc"),
                    REPO / "docs" / "reference")
    print("wrote docs/reference/")
    with tempfile.TemporaryDirectory(prefix="goldens-") as workdir:
        workdir = Path(workdir)
        with Simulator(dataset=Dataset(**INVENTORY_DATASET), tls=True) as sc:
            for source in inventory_sources():
                write(inventory_golden_path(source), listed_inventory(sc, source, workdir))
        with Simulator(dataset=Dataset(**SESSION_DATASET), tls=True) as sc:
            observations = {}
            for fault in FAULTS:
                (workdir / fault.name).mkdir()
                observations[fault.name] = observe(sc, fault, workdir / fault.name)
            write(FAULT_MATRIX_PAGE, render_fault_matrix(observations))


if __name__ == "__main__":
    main()

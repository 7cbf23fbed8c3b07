# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""SC's catalog as in-process tests need it: what a NameResolver's client gets for repositories and asset lists."""


class RecordedCatalog:
    """Answers GET /repository and GET /asset of an organization user, in the shapes SC answers with.

    recorded: tests/conformance/corpus/repository_list.json and asset_list.json (IDs as strings; asset lists
    as the ``usable`` and the ``manageable`` ones). List 8 can be managed but not used.
    """

    ANSWERS = {
        "/repository": [dict(id="1", name="DMZ"), dict(id="2", name="Internal")],
        "/asset": {"usable": [dict(id="3", name="PCI Scope"), dict(id="5", name="Servers, Linux"),
                              dict(id="7", name="Cardholder Data")],
                   "manageable": [dict(id="5", name="Servers, Linux"), dict(id="7", name="Cardholder Data"),
                                  dict(id="8", name="Decommissioned")]},
    }

    def get(self, path, params=None):
        return self.ANSWERS[path]

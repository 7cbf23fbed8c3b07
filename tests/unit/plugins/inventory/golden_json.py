# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Make `ansible-inventory --list` output comparable across ansible-core versions and runs."""


def normalize(value):
    """Unwrap 2.19's {"__ansible_unsafe": ...} and sort group member lists (their order carries no meaning)."""
    if isinstance(value, dict):
        if set(value) == {"__ansible_unsafe"}:
            return normalize(value["__ansible_unsafe"])
        return {key: normalize(item) for key, item in value.items()}
    if isinstance(value, list):
        return [normalize(item) for item in value]
    return value


def normalize_inventory(inventory):
    inventory = normalize(inventory)
    # 2.19 names the serialization profile it used; older cores do not.
    inventory.get("_meta", {}).pop("profile", None)
    for name, group in inventory.items():
        if name != "_meta" and isinstance(group, dict):
            for key in ("hosts", "children"):
                if key in group:
                    group[key] = sorted(group[key])
    return inventory

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the simulated SC holds for one account, read from its dataset rather than through the collection.

The documentation promises groups and results; these are the answers to compare them with.
"""

from ansible_collections.secops.tenablesc.plugins.module_utils.rows import SEVERITY_NAMES
from support.ansible_run import run_inventory, sc_environment

DAY = 86400
SEVERITY_LEVELS = {name: level for level, name in enumerate(SEVERITY_NAMES)}


class Truth:
    """The open host findings (web application ones are left out by default) of the repositories assigned to
    ``user``, and questions about them."""

    def __init__(self, sc, user="vulnanalyst"):
        self.sc = sc
        visible = set(sc.users[user].repository_ids)
        self.findings = [finding for finding in sc.dataset.findings
                         if not finding.mitigated and finding.host.repository_id in visible and not finding.plugin.was]

    def ips(self, keep=lambda finding: True):
        """Addresses of the hosts with at least one open finding that ``keep`` accepts."""
        return {finding.host.ip for finding in self.findings if keep(finding)}

    def seen_within(self, days):
        earliest = self.sc.dataset.now - days * DAY
        return lambda finding: finding.last_seen >= earliest

    def repository_id(self, name):
        return next(r["id"] for r in self.sc.dataset.repositories if r["name"] == name)

    def asset_list_ips(self, name):
        """Addresses of the hosts with open findings that are members of the asset list ``name``."""
        asset_id = next(a["id"] for a in self.sc.dataset.asset_lists if a["name"] == name)
        mask = self.sc.assets.members(asset_id)
        return self.ips(lambda finding: mask[finding.host.index])


class Listing:
    """``ansible-inventory --list`` output: groups, host variables, and the addresses of a group's hosts."""

    def __init__(self, data):
        self.data = data
        self.hostvars = data["_meta"]["hostvars"]

    def hosts(self, group=None):
        if group is None:
            return set(self.hostvars)
        return set(self.data.get(group, {}).get("hosts", []))

    def ips(self, group=None):
        return {self.hostvars[name]["sc_ip"] for name in self.hosts(group)}

    def groups(self, prefix):
        """Names of the non-empty groups starting with ``prefix``."""
        return {name for name in self.data if name.startswith(prefix) and self.hosts(name)}


def list_inventory(sc, workdir, source, user="vulnanalyst", args=(), env=None):
    """Run ``ansible-inventory -i source --list`` from ``workdir`` against ``sc``; a failure fails the test.

    HOME is ``workdir`` so that a ``~`` in a cache path stays inside the test's directory. Every source a
    page shows must parse, whichever plugin reads it.
    """
    run = run_inventory(source, workdir, args=["--list"] + list(args), strict=False, env=dict(
        sc_environment(sc, user), ANSIBLE_INVENTORY_ANY_UNPARSED_IS_FAILED="1", HOME=str(workdir), **(env or {})))
    assert run.returncode == 0, run.output
    return Listing(run.listed)

# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Play one of the collection's roles through ansible-playbook against a simulator."""

from pathlib import Path

import yaml

from support.ansible_run import run_playbook


def sc_environment(sim, user):
    """The TENABLESC_* variables an AWX credential would inject for ``user``."""
    return dict(TENABLESC_URL=sim.url, TENABLESC_API_KEYS=sim.key_string(user), TENABLESC_CA_PATH=sim.ca_path,
                TENABLESC_RETRIES="1", TENABLESC_TIMEOUT="20")


def run_role(workdir, role, variables, inventory=None, hosts="localhost", args=(), env=None, play=None):
    """Play ``secops.tenablesc.<role>`` with ``variables`` and return the support.ansible_run Run.

    ``inventory`` (a dictionary) becomes an inventory file used next to ``localhost``; ``play`` adds
    keywords to the play.
    """
    playbook = Path(workdir) / "play.yml"
    entry = dict(name="Role under test", hosts=hosts, gather_facts=False,
                 roles=[{"role": "secops.tenablesc." + role, "vars": variables}], **(play or {}))
    playbook.write_text(yaml.safe_dump([entry]))
    options = list(args)
    if inventory is not None:
        inventory_file = Path(workdir) / "inventory.yml"
        inventory_file.write_text(yaml.safe_dump(inventory))
        options += ["-i", str(inventory_file)]
    # Pipelining: one process per module instead of a copy and a run; the roles run many modules.
    return run_playbook(playbook, workdir, options, dict(ANSIBLE_PIPELINING="1", **(env or {})))

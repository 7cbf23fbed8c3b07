# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""`make demo`: start the simulator with TLS, vault the key strings, list SC as an inventory, run playbooks/demo.yml
(which ends by patching a host and verifying the patch), stop the simulator.

The collection must already be installed under --collections-path (from the built tarball).
"""

import argparse
import json
import os
import secrets
import subprocess
import sys
import tempfile
from pathlib import Path

from simulator_process import simulator_process

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def vault_secrets(workdir, users):
    """Write the key strings the way users keep them: an ansible-vault encrypted vars file."""
    password_file = workdir / "vault-password"
    password_file.write_text(secrets.token_hex(16))
    password_file.chmod(0o600)
    secrets_file = workdir / "vault.yml"
    secrets_file.write_text("tenablesc_api_keys: %s\ntenablesc_manager_api_keys: %s\n" % (
        json.dumps(users["vulnanalyst"]["key_string"]), json.dumps(users["secmanager"]["key_string"])))
    subprocess.run([str(BIN / "ansible-vault"), "encrypt", str(secrets_file), "--vault-password-file", str(password_file)],
                   check=True, stdout=subprocess.DEVNULL)
    return secrets_file, password_file


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--collections-path", required=True)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tenablesc-demo-") as tmp:
        workdir = Path(tmp)
        with simulator_process(workdir / "sim.json") as state:
            print("demo: simulated Tenable Security Center at %s" % state["url"])
            secrets_file, password_file = vault_secrets(workdir, state["users"])
            env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=options.collections_path, ANSIBLE_NOCOLOR="1",
                       ANSIBLE_PYTHON_INTERPRETER=sys.executable, ANSIBLE_LOCALHOST_WARNING="0",
                       TENABLESC_URL=state["url"], TENABLESC_CA_PATH=state["ca_path"])
            print("demo: SC as a dynamic inventory, group sc_has_critical (ansible-inventory --graph):")
            inventory = workdir / "demo.tenablesc.yml"
            inventory.write_text("plugin: secops.tenablesc.tenablesc\nstrip_domain: true\n")
            graph = subprocess.run(
                [str(BIN / "ansible-inventory"), "-i", str(inventory), "--graph", "sc_has_critical"],
                env=dict(env, TENABLESC_API_KEYS=state["users"]["vulnanalyst"]["key_string"]),
                capture_output=True, text=True, check=False)
            members = [line for line in graph.stdout.splitlines() if line.strip().startswith("|--")]
            print("\n".join(members[:15] + (["  ... and %d more" % (len(members) - 15)] if len(members) > 15 else [])))
            if graph.returncode:
                print(graph.stderr)
                return graph.returncode
            # The playbook ends by patching one of those hosts and verifying the patch with a remediation scan.
            playbook = subprocess.run(
                [str(BIN / "ansible-playbook"), "-i", "localhost,", "-c", "local", str(REPO / "playbooks" / "demo.yml"),
                 "-e", "tenablesc_secrets_file=%s" % secrets_file, "--vault-password-file", str(password_file),
                 "-e", "demo_machines_url=%s/_sim/machines" % state["url"]],
                env=env, check=False)
    return playbook.returncode


if __name__ == "__main__":
    sys.exit(main())

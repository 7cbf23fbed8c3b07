# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""`make release-check`: the built tarball holds what users need, and works once installed.

1. The tarball has every plugin, the playbooks and roles, and none of the development files.
2. ansible-doc renders every plugin from the installed copy.
3. `ansible-playbook secops.tenablesc.check_api_keys`, run by its FQCN from an empty directory with only the
   installed copy on the collections path, passes against the simulator (TLS, keys from TENABLESC_* variables),
   and its output does not hold the secret key.
"""

import argparse
import fnmatch
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from simulator_process import simulator_process

BIN = Path(sys.executable).parent
FQCN = "secops.tenablesc"
REQUIRED_MEMBERS = (
    "MANIFEST.json", "FILES.json", "README.md", "LICENSE", "meta/runtime.yml", "changelogs/changelog.yaml",
    "plugins/modules/tenablesc_apikey_check.py", "plugins/modules/tenablesc_vulns_info.py",
    "plugins/modules/tenablesc_asset.py", "plugins/modules/tenablesc_asset_info.py",
    "plugins/inventory/tenablesc.py", "plugins/module_utils/client.py", "plugins/doc_fragments/connection.py",
    "playbooks/check_api_keys.yml",
)
# Development files that must never ship.
FORBIDDEN_PATTERNS = (
    ".venv*", "build/*", ".git/*", ".ci/*", "Makefile", "requirements-dev.txt", "tests/output/*",
    "*__pycache__*", "*.pyc", "*.tar.gz", ".pytest_cache*", ".hypothesis*", "collections/*",
)
PLUGINS = (
    ("module", "tenablesc_apikey_check"), ("module", "tenablesc_vulns_info"), ("module", "tenablesc_asset"),
    ("module", "tenablesc_asset_info"), ("inventory", "tenablesc"), ("filter", "asset_list_plan"),
)


def check_tarball(tarball):
    with tarfile.open(tarball) as archive:
        members = {name.split("/", 1)[1] if name.startswith("./") else name for name in archive.getnames()}
    problems = ["missing: %s" % name for name in REQUIRED_MEMBERS if name not in members]
    problems += ["development file shipped: %s" % name for name in sorted(members)
                 if any(fnmatch.fnmatch(name, pattern) for pattern in FORBIDDEN_PATTERNS)]
    if not any(name.startswith("roles/") for name in members):
        problems.append("missing: roles/")
    return problems


def run(command, env, cwd):
    return subprocess.run(command, env=env, cwd=cwd, capture_output=True, text=True, timeout=600, check=False)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--collections-path", required=True, help="where the tarball was installed")
    parser.add_argument("--tarball", required=True)
    options = parser.parse_args()

    problems = check_tarball(options.tarball)
    with tempfile.TemporaryDirectory(prefix="tenablesc-release-") as tmp:
        workdir = Path(tmp)
        env = {name: value for name, value in os.environ.items() if not name.startswith(("ANSIBLE_", "TENABLESC_"))}
        env.update(ANSIBLE_COLLECTIONS_PATH=str(Path(options.collections_path).resolve()),
                   ANSIBLE_COLLECTIONS_SCAN_SYS_PATH="false", ANSIBLE_PYTHON_INTERPRETER=sys.executable,
                   ANSIBLE_LOCALHOST_WARNING="0", ANSIBLE_NOCOLOR="1", ANSIBLE_LOCAL_TEMP=str(workdir / "tmp"))
        for plugin_type, name in PLUGINS:
            doc = run([str(BIN / "ansible-doc"), "-t", plugin_type, "%s.%s" % (FQCN, name)], env, workdir)
            if doc.returncode or "DOCUMENTATION" in doc.stderr:
                problems.append("ansible-doc -t %s %s.%s failed: %s" % (plugin_type, FQCN, name, doc.stderr.strip()))

        with simulator_process(workdir / "sim.json") as state:
            user = state["users"]["vulnanalyst"]
            playbook = run([str(BIN / "ansible-playbook"), "-i", "localhost,", "-c", "local", "%s.check_api_keys" % FQCN],
                           dict(env, TENABLESC_URL=state["url"], TENABLESC_CA_PATH=state["ca_path"],
                                TENABLESC_API_KEYS=user["key_string"]), workdir)
        output = playbook.stdout + playbook.stderr
        if playbook.returncode or "The keys work: vulnanalyst" not in output:
            problems.append("%s.check_api_keys from the installed copy failed (rc %d):\n%s"
                            % (FQCN, playbook.returncode, output))
        if user["secret_key"] in output:
            problems.append("the secret key appears in the playbook output")

    for problem in problems:
        print("release-check: %s" % problem, file=sys.stderr)
    if not problems:
        print("release-check: the tarball is complete, and %s.check_api_keys passed from the installed copy" % FQCN)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

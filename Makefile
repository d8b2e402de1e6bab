# Two commands do all set-up on a fresh machine:  make book   and   make test
# (Debian/Ubuntu; installs what is missing: the .venv, the book's JavaScript, Chromium for the browser tests.)
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HTML := _build/html
PORT ?= 8000
APT := DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: help book serve test test-fast lint bench clean vendor env chromium student

help:
	@echo "make book   build the book into $(HTML) (creates $(VENV) on first run)"
	@echo "make test   run every test (unit, data, build, notebooks in a fresh env, browser)"
	@echo "make serve  serve $(HTML) on http://127.0.0.1:$(PORT)"
	@echo "make bench  print build times, page weights and chart draw times"
	@echo "make lint   check the Python code with ruff (settings in pyproject.toml)"

env: $(STAMP)
$(STAMP): requirements.txt requirements-dev.txt constraints.txt pyproject.toml
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -r requirements-dev.txt -c constraints.txt
	@touch $@

vendor: _vendor/.vendor.json
_vendor/.vendor.json: scripts/vendor.json scripts/vendor.py
	@command -v npm >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) $(APT) npm; }
	$(PY) scripts/vendor.py _vendor

student: $(STAMP)
	$(BIN)/python -m thaw.student build

book: $(STAMP) vendor
	@mkdir -p _build; start=$$(date +%s); echo "Building the book (notebooks run once, then come from the cache)..."; \
	$(BIN)/jupyter-book build . -W -n --keep-going -q > _build/build.log 2>&1; rc=$$?; \
	grep -E "WARNING|ERROR|Error|Traceback" _build/build.log; \
	[ $$rc = 0 ] || { echo "Book build FAILED (full log: _build/build.log)"; exit $$rc; }; \
	echo "Built in $$(( $$(date +%s) - start )) s with no warnings. Open $(HTML)/index.html, or run: make serve"

serve:
	@echo "Serving $(HTML) on http://127.0.0.1:$(PORT) (Ctrl-C to stop)"
	$(PY) -m http.server $(PORT) --bind 127.0.0.1 --directory $(HTML)

chromium:
	@[ -n "$$CHROMIUM" ] || command -v chromium >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) $(APT) chromium fonts-dejavu-core; }

# Every test, with the time each phase took (set-up and build, browser, tests). While the book builds, the
# Binder-like environment is made and every notebook run in it, in the background; the notebook tests read those
# results. Tests run in six parallel workers: most of their time is spent waiting on a browser or a kernel.
test:
	@t0=$$(date +%s); $(MAKE) --no-print-directory env vendor; mkdir -p _build; rm -f _build/.notebooks-*; \
	results=$(CURDIR)/_build/.notebooks-$$$$.json; \
	$(PY) tests/support.py notebooks $$results > _build/notebooks.log 2>&1 & runner=$$!; \
	$(MAKE) --no-print-directory book; t1=$$(date +%s); \
	$(MAKE) --no-print-directory chromium; t2=$$(date +%s); \
	THAW_NOTEBOOK_RESULTS=$$results THAW_NOTEBOOK_PID=$$runner THAW_BOOK_BUILT=1 $(BIN)/python -m pytest tests -n 6 $(PYTEST_ARGS); rc=$$?; t3=$$(date +%s); \
	echo "make test phases: set-up and build $$((t1 - t0)) s, browser install $$((t2 - t1)) s, tests $$((t3 - t2)) s, total $$((t3 - t0)) s"; \
	exit $$rc

lint: $(STAMP)
	$(BIN)/ruff check thaw tests scripts

test-fast: $(STAMP) vendor
	$(BIN)/python -m pytest tests -m "not browser and not notebooks and not build" $(PYTEST_ARGS)

bench: book chromium
	$(BIN)/python tests/bench.py

clean:
	rm -rf _build .pytest_cache .hypothesis

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

KERNELS := $(CURDIR)/_build/binder-kernel
WORKERS ?= auto
T0 := $(shell date +%s)

.PHONY: help book serve test test-fast lint bench clean vendor env check-python binder-env chromium student

help:
	@echo "make book   build the student edition into $(HTML) and the teacher edition into $(HTML)/teacher (creates $(VENV) on first run)"
	@echo "make test   run every test (unit, data, build, notebooks in a fresh env, browser)"
	@echo "make test-fast  the tests that need no build (seconds)"
	@echo "make serve  serve $(HTML) on http://127.0.0.1:$(PORT)"
	@echo "make bench  print build times, page weights and chart draw times"
	@echo "make lint   check the Python code with ruff (settings in pyproject.toml)"

# Before anything: Python 3.11 or newer, whose venv module makes environments with pip (Debian and Ubuntu ship that
# part apart, in python3-venv: `import venv` works there, but ensurepip is missing). One line says what to install.
check-python: $(BIN)/python
$(BIN)/python:
	@$(PY) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || { echo "make: the course needs \
	  Python 3.11 or newer, and $(PY) is $$($(PY) -V 2>&1 | head -1): install python3.11, or run make PY=python3.11"; exit 1; }
	@$(PY) -m venv $(VENV) >/dev/null 2>&1 && $(BIN)/python -m pip --version >/dev/null 2>&1 || { rm -rf $(VENV); \
	  echo "make: $(PY) -m venv cannot make an environment with pip: sudo apt install python3-venv"; exit 1; }

env: $(STAMP)
$(STAMP): requirements.txt requirements-dev.txt constraints.txt pyproject.toml | $(BIN)/python
	@# uv (pinned in requirements-dev.txt) installs in seconds what pip takes a minute or two for, compiled as pip
	@# does (with PYTHONDONTWRITEBYTECODE set, nothing would be compiled later); pip if uv cannot
	$(BIN)/python -m pip install -q --disable-pip-version-check "$$(grep -E '^uv==' requirements-dev.txt)"
	$(BIN)/uv pip install -q --compile-bytecode --python $(BIN)/python -r requirements-dev.txt -c constraints.txt \
	  || { echo "uv could not install; trying pip"; $(BIN)/python -m pip install -q -r requirements-dev.txt -c constraints.txt; }
	@touch $@

vendor: _vendor/.vendor.json
_vendor/.vendor.json: scripts/vendor.json scripts/vendor.py
	@command -v npm >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) $(APT) npm; }
	$(PY) scripts/vendor.py _vendor

student: $(STAMP)
	$(BIN)/python -m thaw.student build

# Two editions, one entry (thaw/editions.py): the teacher edition (everything, _toc.yml) into _build/teacher, then the
# student edition (_toc.yml without the teacher part and the solutions) into $(HTML), the site's root; the teacher
# edition is copied to $(HTML)/teacher/. Both execute into one cache, so each notebook runs once. Warnings are
# errors in both; both builds' output goes to _build/build.log.
TEACHER := _build/teacher/_build/html
book: $(STAMP) vendor chromium  # chromium: kaleido draws the charts' static images with it
	@mkdir -p _build; start=$$(date +%s); echo "Building the teacher and student editions (notebooks run once, then come from the cache)..."; \
	$(BIN)/python -m thaw.editions student-toc _build/student_toc.yml || exit 1; \
	{ echo "== teacher edition"; $(BIN)/jupyter-book build . -W -n --keep-going -q --path-output _build/teacher; } > _build/build.log 2>&1; rc=$$?; \
	if [ $$rc = 0 ]; then { echo "== student edition"; $(BIN)/jupyter-book build . -W -n --keep-going -q --toc _build/student_toc.yml; } >> _build/build.log 2>&1; rc=$$?; fi; \
	grep -E "WARNING|ERROR|Error|Traceback|^thaw: " _build/build.log; \
	[ $$rc = 0 ] || { echo "Book build FAILED (full log: _build/build.log)"; exit $$rc; }; \
	$(BIN)/python -m thaw.editions prune $(HTML) && rm -rf $(HTML)/teacher && cp -r $(TEACHER) $(HTML)/teacher || exit 1; \
	echo "Built in $$(( $$(date +%s) - start )) s with no warnings. Students: $(HTML)/index.html; teachers: $(HTML)/teacher/index.html. Or run: make serve"

serve:
	@echo "Serving $(HTML) on http://127.0.0.1:$(PORT) (Ctrl-C to stop)"
	$(PY) -m http.server $(PORT) --bind 127.0.0.1 --directory $(HTML)

chromium:
	@[ -n "$$CHROMIUM" ] || command -v chromium >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) $(APT) chromium fonts-dejavu-core; }

# The environment the notebooks run in on Binder: requirements.txt only (tests/support.py makes it, in _build/binder-env).
binder-env: $(STAMP)
	$(BIN)/python tests/support.py binder-env

# $(call phase,what,command): one step of make test, and how long it took
phase = start=$$(date +%s); $(2) || exit 1; echo "make test: $(1) took $$(( $$(date +%s) - start )) s"

# Every test, one step after another: set-up; the Binder-like environment; the book, built once with that
# environment's kernel (so every notebook is executed once, as Binder would run it); then pytest on that build, in
# parallel workers (pytest-xdist, default scheduling). `make book` builds both editions (student and teacher).
test:
	@$(call phase,set-up,$(MAKE) --no-print-directory env vendor chromium)
	@$(call phase,the Binder-like environment,$(MAKE) --no-print-directory binder-env)
	@$(call phase,the book build,JUPYTER_PATH=$(KERNELS) $(MAKE) --no-print-directory book)
	@$(call phase,the tests,$(BIN)/python -m pytest tests -n $(WORKERS) $(PYTEST_ARGS))
	@echo "make test: all passed in $$(( $$(date +%s) - $(T0) )) s"

lint: $(STAMP)
	$(BIN)/ruff check thaw tests scripts

test-fast: $(STAMP) vendor
	$(BIN)/python -m pytest tests -m "not browser and not notebooks and not build" $(PYTEST_ARGS)

bench: book chromium binder-env
	$(BIN)/python tests/bench.py

clean:
	rm -rf _build .pytest_cache .hypothesis

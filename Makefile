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

book: $(STAMP) vendor chromium  # chromium: kaleido draws the charts' static images with it
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

# Every test, with the time each phase took. After set-up (the .venv, the book's JavaScript, Chromium), the
# Binder-like environment the notebooks run in is made and the book built with that environment's kernel, in the
# background, so every notebook is executed once, as Binder would run it. Meanwhile six test workers run what needs no
# build, then what needs it waits for it (tests/conftest.py). Workers take two tests at a time, the long ones first.
test:
	@t0=$$(date +%s); $(MAKE) --no-print-directory env vendor chromium || exit 1; mkdir -p _build; \
	rm -f _build/.book-rc; t1=$$(date +%s); \
	( ( $(PY) tests/support.py binder-env && \
	    JUPYTER_PATH=$(CURDIR)/_build/binder-kernel $(MAKE) --no-print-directory book ) > _build/make-book.out 2>&1; \
	  rc=$$?; echo $$(( $$(date +%s) - t1 )) > _build/.book-seconds; echo $$rc > _build/.book-rc ) & \
	THAW_BOOK_RC=$(CURDIR)/_build/.book-rc $(BIN)/python -m pytest tests -n 6 --dist load --maxschedchunk 2 $(PYTEST_ARGS); \
	rc=$$?; wait; t2=$$(date +%s); cat _build/make-book.out; \
	echo "make test phases: set-up $$((t1 - t0)) s; then the Binder-like environment and the book build ($$(cat _build/.book-seconds) s) beside the tests, $$((t2 - t1)) s; total $$((t2 - t0)) s"; \
	exit $$rc

lint: $(STAMP)
	$(BIN)/ruff check thaw tests scripts

test-fast: $(STAMP) vendor
	$(BIN)/python -m pytest tests -m "not browser and not notebooks and not build" $(PYTEST_ARGS)

bench: book chromium
	$(BIN)/python tests/bench.py

clean:
	rm -rf _build .pytest_cache .hypothesis

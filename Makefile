# avzone: two commands set everything up on a fresh machine.
#   make demo   create .venv, install, run the main job on the embedded Beijing data
#   make test   the same set-up, then lint, doctests and the whole test suite

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
OUT    ?= out
STAMP  := $(VENV)/.installed

.PHONY: demo test lint bench bench-service browser images clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test,dask,serve]"
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/avzone demo --out $(OUT)

# Debian's Chromium drives the map tests; installed here when missing.
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	      || echo "chromium could not be installed: browser tests will be skipped"; \
	  else echo "chromium missing and not root: browser tests will be skipped"; fi; \
	fi

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks tools

test: $(STAMP) browser lint
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_classify.py
	$(BIN)/python benchmarks/bench_locate.py

clean:
	rm -rf $(VENV) $(OUT) build dist .pytest_cache

images: $(STAMP) browser
	$(BIN)/python tools/make_images.py

bench-service: $(STAMP)
	$(BIN)/python benchmarks/bench_service.py

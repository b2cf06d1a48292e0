# avzone: two commands set everything up on a fresh machine.
#   make demo   create .venv, install, run the main job on the embedded Beijing data
#   make test   the same set-up (and, as root, Chromium, Firefox ESR, WebKitGTK and the Noto CJK fonts),
#               then lint, the map's .js/.css checks, mypy, doctests and the whole test suite
#   make fuzz   the fuzz tests with many more generated examples (FUZZ_EXAMPLES=1000)

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
OUT    ?= out
STAMP  := $(VENV)/.installed

.PHONY: demo test lint assets typecheck bench bench-service bench-map browser fonts node images clean fuzz

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test,dask,serve,districts]"
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/avzone demo --out $(OUT)

# Debian's Chromium drives the map tests; Firefox ESR and WebKitGTK (its WebDriver, on an Xvfb screen) the tests in
# the other engines (tests/test_browser_engines.py). Installed here when missing, each engine on its own: one that
# cannot be installed skips its own tests only.
ENGINES := "chromium /usr/bin/chromium" "firefox-esr /usr/bin/firefox-esr" \
	"webkit2gtk-driver xvfb /usr/bin/WebKitWebDriver /usr/bin/Xvfb"
browser:
	@for engine in $(ENGINES); do \
	  pkgs=""; missing=""; \
	  for w in $$engine; do case $$w in /*) [ -x $$w ] || missing=1;; *) pkgs="$$pkgs $$w";; esac; done; \
	  [ -z "$$missing" ] && continue; \
	  if [ "$$(id -u)" = 0 ]; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$pkgs >/dev/null) \
	      || echo "$$pkgs could not be installed: their browser tests will be skipped"; \
	  else echo "$$pkgs missing and not root: their browser tests will be skipped"; fi; \
	done

# Debian's Noto CJK fonts: the browser tests check that Chinese names render as real glyphs, not boxes.
fonts:
	@if ! fc-list 2>/dev/null | grep -q "Noto Sans CJK"; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk >/dev/null) \
	      || echo "fonts-noto-cjk could not be installed: the Chinese-glyph browser test will fail"; \
	  else echo "fonts-noto-cjk missing and not root: the Chinese-glyph browser test will fail"; fi; \
	fi

# Debian's Node.js checks the map's JavaScript (node --check); installed here when missing.
node:
	@if ! command -v node >/dev/null 2>&1 && ! command -v nodejs >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs >/dev/null) \
	      || echo "nodejs could not be installed: the JavaScript check will be skipped"; \
	  else echo "node missing and not root: the JavaScript check will be skipped"; fi; \
	fi

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks tools

# The map's JavaScript (node --check) and CSS (parsed with tinycss2) in src/avzone/assets.
assets: $(STAMP) node
	$(BIN)/python tools/check_assets.py

typecheck: $(STAMP)
	$(BIN)/mypy src/avzone

# The tests in parallel processes (pytest-xdist: one per CPU, at most 4; each test file in one process,
# so its module fixtures are made once). `$(BIN)/python -m pytest` runs them in one process.
TEST_WORKERS ?= auto
test: $(STAMP) browser fonts lint assets typecheck
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --maxprocesses 4 --dist loadfile

# The fuzz tests (hostile files, datasets, arrays, HTTP bodies, time texts) with many more examples than make test's.
FUZZ_EXAMPLES ?= 1000
fuzz: $(STAMP)
	AVZONE_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/python -m pytest -q \
	  tests/test_fuzz_inputs.py tests/test_fuzz_crs.py tests/service/test_fuzz.py tests/test_fuzz_time_text.py

# The benchmarks' peers (DuckDB spatial) come from the bench extra. BENCH_ARGS=--huge adds 1e8 points.
bench: $(STAMP)
	$(BIN)/pip install --quiet -e ".[bench]"
	$(BIN)/python benchmarks/bench_cold.py
	$(BIN)/python benchmarks/bench_classify.py $(BENCH_ARGS)
	$(BIN)/python benchmarks/bench_locate.py
	$(BIN)/python benchmarks/bench_events.py
	$(BIN)/python benchmarks/bench_check.py

clean:
	rm -rf $(VENV) $(OUT) build dist .pytest_cache .mypy_cache

images: $(STAMP) browser fonts
	$(BIN)/python tools/make_images.py

bench-service: $(STAMP)
	$(BIN)/python benchmarks/bench_service.py
	$(BIN)/python benchmarks/bench_mixed.py

# Load, pan and zoom times of a 1,000,000-point map in headless Chromium (needs `make browser fonts`).
bench-map: $(STAMP) browser fonts
	$(BIN)/python benchmarks/bench_map.py

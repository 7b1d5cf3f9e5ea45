# Two commands from a fresh clone:
#   make demo   installs kgbuild into .venv and builds seeds/ into out/graph.ttl + out/graph.html
#   make test   installs what the tests need (Python extras, rapper, chromium) and runs the suite
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip --disable-pip-version-check
KG     := $(VENV)/bin/kgbuild

.PHONY: demo install test test-deps eval bench clean screenshot

$(VENV)/.installed: pyproject.toml hatch_build.py kgbuild/_turtle.c
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q -e .
	@touch $@

install: $(VENV)/.installed

demo: install
	$(KG) build seeds/ -o out/graph.ttl
	$(KG) visualize out/graph.ttl -o out/graph.html

$(VENV)/.test-installed: $(VENV)/.installed pyproject.toml
	$(PIP) install -q -e ".[test]"
	@touch $@

test-deps: $(VENV)/.test-installed
	bash scripts/install-system-deps.sh

test: test-deps
	$(PY) -m pytest

# Dev keys (needs ../shared), then kgbuild's own sets (eval/README.md); set-b is held out.
eval: install
	$(KG) evaluate-set ../shared/gold/dev/*.json --docs seeds --docs ../shared/corpus/dev
	@for set in eval/set-*/; do echo "== $$set"; $(KG) evaluate-set $$set*.json --docs $$set || exit 1; done

# docs/view.png, the README's picture of the HTML view (seeds graph, headless chromium)
screenshot: test-deps
	$(PY) scripts/screenshot.py -o docs/view.png

# Benchmarks print their tables; docs/benchmarks-*.md record the figures and the bigger runs.
bench: install
	$(PY) benchmarks/bench_throughput.py
	$(PY) benchmarks/bench_store.py

clean:
	rm -rf out .pytest_cache

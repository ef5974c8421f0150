# Two commands on a fresh clone: `make run` serves the demo, `make test` runs the suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi
STAMP := $(VENV)/.installed

.PHONY: run test bench lint setup db translations catalogues axe clean

# The demo is read by a person at a terminal: plain log lines unless LOG_FORMAT says otherwise.
run: export LOG_FORMAT ?= text
run: db translations
	$(FLASK) seed-demo
	$(FLASK) run --host 127.0.0.1 --port 5000

test: $(STAMP) translations axe
	$(BIN)/python -m pytest -q tests

bench: $(STAMP)
	$(BIN)/python -m tests.benchmarks

lint: $(STAMP)
	$(BIN)/ruff check matcher tests wsgi.py

setup: $(STAMP)

db: $(STAMP)
	$(FLASK) db upgrade

# The catalogues are kept as .po files; the app reads them compiled (.mo, not kept in git).
translations: $(STAMP)
	$(BIN)/pybabel compile --statistics -d matcher/translations

# axe-core for the browser tests' accessibility checks, from npm, never served; without npm
# those checks skip and say why.
AXE := tests/browser/node_modules/axe-core/axe.min.js
axe: $(AXE)
$(AXE): tests/browser/package.json tests/browser/package-lock.json
	@if command -v npm >/dev/null; then npm ci --prefix tests/browser --no-audit --no-fund --silent; \
	  else echo "npm not found: the accessibility checks will skip" >&2; fi

# After changing text: extract every marked string and merge it into the three catalogues.
catalogues: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg --no-location --sort-output --no-wrap -o matcher/translations/messages.pot .
	$(BIN)/pybabel update --no-fuzzy-matching --ignore-obsolete --no-wrap -i matcher/translations/messages.pot -d matcher/translations

# The name normaliser's PyICU is built from source against the system's ICU (no maintained wheel
# can stand in: normality requires the pyicu package by name). Say what to install before pip
# starts, rather than fail deep in a C++ build; nothing is checked once PyICU imports.
NATIVE_HINT := PyICU needs a C++ compiler and ICU's headers; Debian or Ubuntu: apt-get install g++ pkg-config libicu-dev (macOS: brew install pkg-config icu4c)

$(STAMP): requirements.txt requirements-dev.txt
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -c 'import icu' 2>/dev/null || { command -v $(CXX) >/dev/null && pkg-config --exists icu-i18n; } \
	  || { echo "$(NATIVE_HINT)" >&2; exit 1; }
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $(STAMP)

clean:
	rm -rf $(VENV) .pytest_cache

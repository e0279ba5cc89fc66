# carerlink: two commands on a fresh clone — `make run` and `make test`.
# Everything is set up here from the package registries; nothing is installed by hand.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
FRONTEND_STAMP := frontend/dist/.built
NODE_STAMP := frontend/node_modules/.installed
export CARERLINK_PORT ?= 8000

.PHONY: run test lint typecheck jstest pytest fuzz bench setup frontend clean db-upgrade demo messages translations

run: setup db-upgrade demo  ## set up, migrate the SQLite default, seed demo data, serve on 127.0.0.1:$(CARERLINK_PORT)
	CARERLINK_SMS_PROVIDER=$${CARERLINK_SMS_PROVIDER-file} $(BIN)/carerlink serve  # texts go to var/texts/

test: setup lint typecheck jstest pytest  ## set up, then ruff, mypy, import layers, the app's node tests and pytest

setup: $(STAMP) translations frontend

# The server's words in every language (issue 17, carerlink.i18n): each language's gettext catalogue
# compiled at set-up (the .mo files are not committed), and the tests' pseudo-locale from the template.
LOCALE_DIR := src/carerlink/i18n/locale
PO_FILES := $(wildcard $(LOCALE_DIR)/*/LC_MESSAGES/carerlink.po)
MO_FILES := $(PO_FILES:.po=.mo) $(LOCALE_DIR)/en_XA/LC_MESSAGES/carerlink.mo

translations: $(MO_FILES)

$(LOCALE_DIR)/%/LC_MESSAGES/carerlink.mo: $(LOCALE_DIR)/%/LC_MESSAGES/carerlink.po | $(STAMP)
	$(BIN)/pybabel compile --statistics -D carerlink -l $* -i $< -o $@

$(LOCALE_DIR)/en_XA/LC_MESSAGES/carerlink.mo: $(LOCALE_DIR)/carerlink.pot | $(STAMP)
	$(BIN)/python -m carerlink.i18n.pseudo

messages: $(STAMP)  ## extract the server's messages into the template, bring every language's catalogue up to date
	$(BIN)/pybabel extract -F babel.cfg -k lazy_gettext -k N_ -c Translators: --no-location --sort-output --no-wrap \
		--project carerlink --msgid-bugs-address "" -o $(LOCALE_DIR)/carerlink.pot .
	$(BIN)/pybabel update -D carerlink -i $(LOCALE_DIR)/carerlink.pot -d $(LOCALE_DIR) \
		--no-fuzzy-matching --ignore-obsolete --no-wrap
	$(MAKE) --no-print-directory translations

$(STAMP): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	@touch $@

frontend:
	@if [ -f frontend/package.json ]; then $(MAKE) --no-print-directory $(FRONTEND_STAMP); fi

# The server's words the build copies into the app (frontend/src/generated/, by the .venv's Python).
APP_WORDS := src/carerlink/app_words.py src/carerlink/profiles/vocabulary.py src/carerlink/checkins/wellbeing.py

# Installed again only when the lock file changes; built again whenever a source file or APP_WORDS changes.
$(NODE_STAMP): frontend/package.json frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

$(FRONTEND_STAMP): $(NODE_STAMP) $(APP_WORDS) $(MO_FILES) $(shell find frontend -path frontend/node_modules -prune -o -path frontend/dist -prune -o -path frontend/test -prune -o -path frontend/src/generated -prune -o -type f -print 2>/dev/null) | $(STAMP)
	cd frontend && npm run --silent build
	@touch $@

jstest: frontend  ## the app's own unit tests (node:test): offline queue, service worker handlers, form errors
	@if [ -f frontend/package.json ]; then cd frontend && npm test --silent; fi

db-upgrade: setup
	$(BIN)/carerlink db upgrade

demo: setup
	$(BIN)/carerlink demo --if-empty

lint: setup
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/lint-imports --no-cache

typecheck: setup
	$(BIN)/mypy

# Two processes: the browser and multi-process tests, in order, in one of them (their xdist group, see
# tests/conftest.py); every other test goes to whichever is free. PYTEST_WORKERS=0: all in one process.
PYTEST_WORKERS ?= 2
pytest: setup
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

FUZZ_EXAMPLES ?= 200
fuzz: setup  ## schemathesis over every API operation, FUZZ_EXAMPLES each (`make test` tries 10)
	CARERLINK_TEST_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/pytest tests/test_api_schema.py -p no:cacheprovider -q

bench: setup  ## run the benchmarks in tests/benchmarks, print their figures, write the latest into BENCHMARKS.md
	CARERLINK_BENCH_RECORD=1 $(BIN)/pytest tests/benchmarks -p no:cacheprovider -s -q --override-ini="addopts=" $(BENCH_ARGS)

clean:
	rm -rf $(VENV) frontend/node_modules frontend/dist .mypy_cache .pytest_cache .ruff_cache

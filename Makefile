# Face Search Watch: one entry point, in Pelican's Makefile tradition. `make help` lists targets.
PY ?= python3
VENV ?= .venv
BIN = $(VENV)/bin
PELICAN = $(BIN)/pelican
INPUTDIR = content
OUTPUTDIR = output
CONFFILE = pelicanconf.py
PUBLISHCONF = publishconf.py
PORT ?= 8000
export PYTHONPATH := scripts

.DEFAULT_GOAL := help

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(VENV)/.runtime: requirements.txt
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.test: requirements-test.txt $(VENV)/.runtime
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@

# Builds need Pango, which WeasyPrint lays out the PDF briefs' text with; the browser tests also
# use Debian's Chromium and a Java runtime for the Nu HTML Checker. Missing ones are installed
# with apt-get as root, through sudo otherwise, or else named in a message to install them first
BUILD_PACKAGES = libpango-1.0-0 libpangoft2-1.0-0
DEBIAN_PACKAGES = chromium fonts-dejavu-core default-jre-headless $(BUILD_PACKAGES)
CHROMIUM ?= /usr/bin/chromium
JAVA ?= /usr/bin/java
PANGO ?= $(firstword $(wildcard /usr/lib/*/libpangoft2-1.0.so.0 /usr/lib64/libpangoft2-1.0.so.0))
ROOT_USER := $(filter 0,$(shell id -u))
SUDO ?= $(if $(ROOT_USER),,$(shell command -v sudo))
APT_GET = $(if $(ROOT_USER),apt-get,$(if $(SUDO),$(SUDO) apt-get))
no_apt = make $(1) needs the Debian packages $(2), and only root (or sudo) can install them. \
  Install them with: sudo apt-get install $(2) (or as root: apt-get install ...), then run make $(1) again
APT_INSTALL = $(APT_GET) update -qq && $(APT_GET) install -y -qq --no-install-recommends

$(CHROMIUM) $(JAVA):
	$(if $(APT_GET),,$(error $(call no_apt,test,$(DEBIAN_PACKAGES))))
	$(APT_INSTALL) $(DEBIAN_PACKAGES)

pango:
	$(if $(PANGO),,$(if $(APT_GET),$(APT_INSTALL) $(BUILD_PACKAGES),$(error $(call no_apt,$(firstword $(MAKECMDGOALS) html),$(BUILD_PACKAGES)))))

node_modules/.package-lock.json: package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

install: $(VENV)/.runtime ## Create .venv from the pinned requirements

messages: $(VENV)/.runtime ## Gather the words the site writes into locale/ and each language's catalogue
	$(BIN)/pybabel extract -F babel.cfg -k _ -k ngettext:1,2 -k N_ --no-location --sort-output --omit-header -o locale/messages.pot .
	$(BIN)/pybabel update -i locale/messages.pot -d locale --no-fuzzy-matching --ignore-obsolete

validate: $(VENV)/.runtime ## Check data/ against its schemas and rules, and print a report
	$(BIN)/python -m disclosures validate data

extract: $(VENV)/.runtime ## Re-extract record-level disclosures from their raw files into data/records/
	$(BIN)/python -m disclosures extract data

# DATA=folder builds from another data folder (python -m disclosures new folder starts one)
BUILD = $(BIN)/python -m disclosures build -o $(OUTPUTDIR) $(if $(DATA),--data $(DATA))

html: $(VENV)/.runtime pango ## Validate the data and build the site; output/ is replaced only by a whole build
	$(BUILD) -s $(CONFFILE)

publish: $(VENV)/.runtime pango ## Build the production site (absolute URLs, feeds), as html does
	$(BUILD) -s $(PUBLISHCONF)

serve: html ## Build, then serve output/ at http://localhost:$(PORT)
	$(PELICAN) --listen --port $(PORT) -o $(OUTPUTDIR) -s $(CONFFILE)

test: $(VENV)/.test pango $(CHROMIUM) $(JAVA) node_modules/.package-lock.json ## Run lint, the type checker and the whole suite
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/pytest -n auto

test-fast: $(VENV)/.test pango ## Lint, types and the unit tests alone: no site built, no browser (under a minute)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/pytest -m "not slow" -n auto

ROWS ?= 1000000
AGENCIES ?= 1000
bench: $(VENV)/.runtime pango ## Time each stage at real size against a DuckDB reference (ROWS=, AGENCIES=)
	$(BIN)/python -m bench --rows $(ROWS) --agencies $(AGENCIES)

FONT = node_modules/@fontsource/atkinson-hyperlegible
FONT_FILES = $(foreach subset,latin latin-ext,$(foreach weight,400 700,atkinson-hyperlegible-$(subset)-$(weight)-normal))
vendor: $(VENV)/.test ## Refresh theme/static/vendor, theme/fonts and theme/maps from the pinned npm packages
	npm ci --no-audit --no-fund
	mkdir -p theme/static/vendor/fonts theme/fonts
	$(foreach name,$(FONT_FILES),cp $(FONT)/files/$(name).woff2 theme/static/vendor/fonts/ && \
	  $(BIN)/python -m fontTools.ttLib --no-recalc-timestamp -o theme/fonts/$(name).ttf $(FONT)/files/$(name).woff && ) true
	cp $(FONT)/LICENSE theme/static/vendor/fonts/atkinson-hyperlegible.LICENSE.txt
	cp $(FONT)/LICENSE theme/fonts/atkinson-hyperlegible.LICENSE.txt
	cp node_modules/vega/build/vega.min.js theme/static/vendor/
	cp node_modules/vega/LICENSE theme/static/vendor/vega.LICENSE.txt
	npx esbuild theme/vendor/vega-interpreter.entry.js --bundle --minify --format=iife \
	  --global-name=vegaInterpreter --outfile=theme/static/vendor/vega-interpreter.min.js --log-level=warning
	cp node_modules/vega-interpreter/LICENSE theme/static/vendor/vega-interpreter.LICENSE.txt
	mkdir -p theme/maps
	node_modules/.bin/toposimplify -s 1e-5 -f < node_modules/us-atlas/states-10m.json > theme/maps/us-states-10m.json
	cp node_modules/us-atlas/LICENSE theme/maps/us-atlas.LICENSE.txt
	cp node_modules/world-atlas/countries-110m.json theme/maps/world-countries-110m.json
	cp node_modules/world-atlas/LICENSE theme/maps/world-atlas.LICENSE.txt

clean: ## Remove output/ and caches
	rm -rf $(OUTPUTDIR) .cache .bench .pytest_cache

.PHONY: help install pango messages validate extract html publish serve test test-fast bench vendor clean

# Set-up and everyday commands. Every target creates .venv/ first when needed.
VENV := .venv
STAMP := $(VENV)/.installed

.PHONY: setup serve build validate test

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

serve: setup
	NO_MKDOCS_2_WARNING=1 $(VENV)/bin/mkdocs serve --dev-addr 127.0.0.1:8000

build: setup
	NO_MKDOCS_2_WARNING=1 $(VENV)/bin/mkdocs build --strict

validate: setup
	$(VENV)/bin/site-builder validate

test: setup
	bash .ci/tests

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

# The sample site at :8000 and the comment service at :8001 (its register in .cache/), with the
# staff console at http://127.0.0.1:8001/staff/ (plain HTTP, for this preview only).
serve: setup
	mkdir -p .cache
	trap 'kill 0' EXIT; \
	$(VENV)/bin/site-builder comments serve --records exemplars --port 8001 \
	    --database sqlite:///.cache/comments.sqlite3 --origin http://127.0.0.1:8000 \
	    --staff-origin http://127.0.0.1:8001 --staff-insecure-cookie & \
	SITE_BUILDER_COMMENTS_URL=http://127.0.0.1:8001 NO_MKDOCS_2_WARNING=1 \
	    $(VENV)/bin/mkdocs serve --dev-addr 127.0.0.1:8000

build: setup
	NO_MKDOCS_2_WARNING=1 $(VENV)/bin/mkdocs build --strict

validate: setup
	$(VENV)/bin/site-builder validate

test: setup
	bash .ci/tests

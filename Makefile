# The commands of the README: `make demo`, `make test` and `make bench`. Each sets up what it needs.
PYTHON ?= python3.11
VENV ?= .venv
PORT ?= 8000
BIN = $(VENV)/bin

.PHONY: install demo demo-data test lint bench

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

demo-data: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo

demo: demo-data
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

bench: install
	$(BIN)/python bench/run.py

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest --numprocesses=auto --dist=worksteal

# The commands of the README: `make demo`, `make test` and `make bench`. Each sets up what it needs.
PYTHON ?= python3.11
VENV ?= .venv
PORT ?= 8000
BIN = $(VENV)/bin
# What installing and migrating print, kept out of the terminal (git-ignored).
SETUP_LOG ?= demo-setup.log

.PHONY: install demo demo-data test lint bench

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	@echo "Installing the project into $(VENV) (first run only, about a minute; details in $(SETUP_LOG))"
	@{ test -x $(BIN)/python || $(PYTHON) -m venv $(VENV); } >>$(SETUP_LOG) 2>&1 \
		&& $(BIN)/python -m pip install --quiet --upgrade pip >>$(SETUP_LOG) 2>&1 \
		&& $(BIN)/python -m pip install --quiet -e ".[test]" >>$(SETUP_LOG) 2>&1 \
		|| { tail -n 20 $(SETUP_LOG); echo "Installing failed: see $(SETUP_LOG)"; exit 1; }
	@touch $@

# The demo's public address follows the port it is served on, so that the sitemap, feeds,
# emails and the Wagtail site all give the address the server answers at.
demo demo-data: export BASE_URL = http://127.0.0.1:$(PORT)

demo-data: install
	@echo "Migrating the database (details in $(SETUP_LOG))"
	@$(BIN)/python manage.py migrate --noinput >>$(SETUP_LOG) 2>&1 \
		|| { tail -n 20 $(SETUP_LOG); echo "Migrating failed: see $(SETUP_LOG)"; exit 1; }
	@echo "Loading the demo content"
	@$(BIN)/python manage.py load_demo

demo: demo-data
	@$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

bench: install
	$(BIN)/python bench/run.py

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: lint
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest --numprocesses=auto --dist=worksteal

# The commands of the README: `make demo`, `make test` and `make bench`. Each sets up what it needs.
PYTHON ?= python3.11
VENV ?= .venv
PORT ?= 8000
BIN = $(VENV)/bin
# What installing and migrating print, kept out of the terminal (git-ignored).
SETUP_LOG ?= demo-setup.log

LOCK = requirements/lock.txt
LOCK_VENV = .lock-venv
AUDIT_VENV = .audit-venv
PIP_AUDIT_SERVICE ?= pypi
LOCK_OPTIONS ?=

.PHONY: install demo demo-data test lint bench lock audit

install: $(VENV)/.installed

# Exactly the versions and hashes of the lock file, then the project itself without
# letting pip pick any dependency of its own.
$(VENV)/.installed: pyproject.toml $(LOCK)
	@echo "Installing the project into $(VENV) (first run only, about a minute; details in $(SETUP_LOG))"
	@{ test -x $(BIN)/python || $(PYTHON) -m venv $(VENV); } >>$(SETUP_LOG) 2>&1 \
		&& $(BIN)/python -m pip install --quiet --upgrade pip >>$(SETUP_LOG) 2>&1 \
		&& $(BIN)/python -m pip install --quiet --require-hashes -r $(LOCK) >>$(SETUP_LOG) 2>&1 \
		&& $(BIN)/python -m pip install --quiet --no-deps -e . >>$(SETUP_LOG) 2>&1 \
		|| { tail -n 20 $(SETUP_LOG); echo "Installing failed: see $(SETUP_LOG)"; exit 1; }
	@touch $@

# The demo's public address follows the port it is served on, so that the sitemap, feeds,
# emails and the Wagtail site all give the address the server answers at.
demo demo-data: export BASE_URL = http://127.0.0.1:$(PORT)

# Regenerates the lock file from pyproject.toml after a dependency is added or changed,
# keeping the other pins (LOCK_OPTIONS=--upgrade moves every package to its newest allowed
# version), with pip-tools in a throw-away environment so that it stays out of the project's.
lock:
	rm -rf $(LOCK_VENV)
	$(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/python -m pip install --quiet pip-tools
	$(LOCK_VENV)/bin/pip-compile --quiet $(LOCK_OPTIONS) --generate-hashes --allow-unsafe \
		--no-emit-index-url --no-emit-find-links --extra test --strip-extras \
		-o $(LOCK) pyproject.toml
	rm -rf $(LOCK_VENV)

# Known vulnerabilities of the locked versions. pip-audit asks a vulnerability service
# (PIP_AUDIT_SERVICE: pypi or osv), so it needs the network; it runs in a throw-away
# environment of its own.
audit:
	rm -rf $(AUDIT_VENV)
	$(PYTHON) -m venv $(AUDIT_VENV)
	$(AUDIT_VENV)/bin/python -m pip install --quiet pip-audit
	$(AUDIT_VENV)/bin/pip-audit --vulnerability-service $(PIP_AUDIT_SERVICE) \
		--require-hashes --disable-pip -r $(LOCK); \
		status=$$?; rm -rf $(AUDIT_VENV); exit $$status

demo-data: install
	@echo "Migrating the database (details in $(SETUP_LOG))"
	@$(BIN)/python manage.py migrate --noinput >>$(SETUP_LOG) 2>&1 \
		|| { tail -n 20 $(SETUP_LOG); echo "Migrating failed: see $(SETUP_LOG)"; exit 1; }
	@echo "Loading the demo content"
	@$(BIN)/python manage.py load_demo

# The task worker (mail, renditions, cards, search indexing) and the periodic jobs
# (scheduled publishing, trending) run beside the development server and stop with it.
demo: demo-data
	@$(BIN)/python manage.py db_worker --no-reload --verbosity 0 & worker=$$!; \
		$(BIN)/python manage.py run_periodic --every 60 --verbosity 0 & periodic=$$!; \
		trap 'kill $$worker $$periodic 2>/dev/null' EXIT; \
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

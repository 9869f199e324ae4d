# Suluhu: `make run` opens the app, `make test` runs every test headless.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test check bench lock screenshots clean

$(STAMP): requirements.lock pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check setuptools==80.9.0 wheel==0.45.1
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation \
		--config-settings editable_mode=compat -e .
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/suluhu

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

check: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m tests.bench.run

screenshots: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m tests.ui.screenshots docs/screenshots

# Regenerate the pinned lock file from pyproject.toml (needs uv in the venv).
lock: $(STAMP)
	$(PY) -m pip install --quiet uv
	$(VENV)/bin/uv pip compile --quiet --extra dev --generate-hashes pyproject.toml -o requirements.lock

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache

# Suluhu: `make run` opens the app, `make test` runs every test headless.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# Translations: the .ts catalogues are committed, the .qm files are built (and git-ignored).
TS := $(wildcard resources/translations/suluhu_*.ts)
QM := $(TS:.ts=.qm)

.PHONY: run test check bench lock screenshots clean translations translations-update

$(STAMP): requirements.lock pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check setuptools==80.9.0 wheel==0.45.1
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation \
		--config-settings editable_mode=compat -e .
	touch $(STAMP)

translations: $(QM)

%.qm: %.ts $(STAMP)
	$(VENV)/bin/pyside6-lrelease -silent $< -qm $@

# Add new and changed source strings to every catalogue, then translate them in Qt Linguist
# (`make translations-update NEW=sw` starts suluhu_sw.ts). The English catalogue holds only
# the numerus forms ("%n day(s)" -> "1 day", "2 days").
SOURCES = $(shell find desktop -name '*.py' | sort)
translations-update: $(STAMP)
	for ts in $(filter-out %_en.ts,$(TS)) $(if $(NEW),resources/translations/suluhu_$(NEW).ts); do \
		$(VENV)/bin/pyside6-lupdate -silent -no-obsolete -locations relative $(SOURCES) -ts $$ts \
		|| exit 1; done
	$(VENV)/bin/pyside6-lupdate -silent -no-obsolete -pluralonly -locations relative \
		-target-language en $(SOURCES) -ts resources/translations/suluhu_en.ts
	$(PY) resources/translations/english_plurals.py resources/translations/suluhu_en.ts

run: $(STAMP) translations
	$(VENV)/bin/suluhu

test: $(STAMP) translations
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

check: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(PY) -m tests.bench.run

screenshots: $(STAMP) translations
	QT_QPA_PLATFORM=offscreen $(PY) -m tests.ui.screenshots docs/screenshots

# Regenerate the pinned lock file from pyproject.toml (needs uv in the venv).
lock: $(STAMP)
	$(PY) -m pip install --quiet uv
	$(VENV)/bin/uv pip compile --quiet --extra dev --generate-hashes pyproject.toml -o requirements.lock

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache

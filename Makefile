# Set-up is part of every target: a fresh machine needs only Python 3.11 and make.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: extract test test-fast lint bench fuzz raw gold clean bytecode

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# the package compiled once: pip does not compile an editable install, and where Python may not
# write bytecode (PYTHONDONTWRITEBYTECODE) every process would compile every module again, which
# costs a Word file's run 0.14 s of 0.92 (measured); stale files are compiled again
bytecode: $(STAMP)
	$(BIN)/python -m compileall -q pipeline tests bench tools scripts

extract: bytecode
	$(BIN)/annex extract $(wildcard raw/*.txt raw/*.docx raw/*.html raw/*.pdf) -o extracted

test: lint bytecode
	$(BIN)/python -m pytest

# the edit-test loop: no OCR, browser, LibreOffice, long documents, big property runs or PDFs read whole (`slow`)
test-fast: bytecode
	$(BIN)/python -m pytest -m "not slow"

# ruff (mccabe's count, max 19), mypy, and radon's count (which adds `and`/`or`, comprehensions
# and ternaries): no function of the package, tools or bench at 20 or more (tools/complexity.py)
lint: $(STAMP)
	$(BIN)/ruff check pipeline tests tools bench
	$(BIN)/mypy
	$(BIN)/python -m tools.complexity

# hostile variants of the raw files through `annex extract`: a table of outcomes (N cases, SEED);
# then valid transformations (as Word, editors and browsers write files) of the raw files and of
# N_VALID family plans per language, each of which must give its source's rows
N ?= 2000
SEED ?= 0
N_VALID ?= 30
fuzz: bytecode
	$(BIN)/python -m tests.fuzz $(N) $(SEED)
	$(BIN)/python -m tests.valid_fuzz $(N_VALID) $(SEED)

bench: bytecode
	$(BIN)/python bench/bench.py

raw: $(STAMP)
	$(BIN)/python scripts/make_raw.py

gold:
	$(PYTHON) gold/build_gold.py

clean:
	rm -rf $(VENV) build *.egg-info

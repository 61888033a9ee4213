"""TLS, mutual TLS and bearer tokens, on real servers with throw-away certificates (tests/support/pki.py).

One server serves TLS and wants a token; another wants a client certificate too and
runs two workers. Health and reflection answer without a token; the server's log
holds neither a token nor a word of the text.
"""
from __future__ import annotations

import os
import sys
import subprocess

import grpc
import pytest
from grpc_reflection.v1alpha import reflection_pb2, reflection_pb2_grpc

from support.paths import QUOTES, REPO
from support.pki import make_pki
from quotes import AsyncQuoteClient, QuoteClient
from quotes.channel import bearer_metadata, secure_setup
from quotes.client import check_health
from quotes.errors import Unauthenticated, Unavailable
from quotes.wire import EXTRACT_QUOTES, SERVICE_NAME
from quotes_service.server.config import from_argv, read_tokens
from quotes_service.server.security import TokenAuth

TOKEN_FROM_ENV = "env-token-" + "7f3a9c1e5b2d4f60" * 2
OTHER_ENV_TOKEN = "env-token-2-" + "0123456789abcdef"
TOKEN_FROM_FILE = "file-token-" + "c0ffee00deadbeef" * 2
WRONG_TOKEN = "wrong-token-" + "5eb63bbbe01eeed0" * 2
# A word that appears nowhere but in the articles these tests send.
MARKER = "Quillfeatherington"
ARTICLE = (f'"The bridge will open in {MARKER} on Monday," said Mayor Ana Ruiz, the head of the city council. '
           f'Officials said the {MARKER} crossing had cost more than planned.')


@pytest.fixture(scope="module")
def pki(tmp_path_factory):
    return make_pki(tmp_path_factory.mktemp("pki"))


def tls(pki, **extra) -> grpc.ChannelCredentials:
    return grpc.ssl_channel_credentials(root_certificates=pki.ca.read_bytes(), **extra)


@pytest.fixture(scope="module")
def token_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("tokens") / "tokens"
    path.write_text(f"# one token a line\n\n{TOKEN_FROM_FILE}\n")
    path.chmod(0o600)
    return path


@pytest.fixture(scope="module")
def tls_server(start_server, pki, token_file):
    """TLS, tokens from QUOTES_AUTH_TOKENS and from --auth-token-file."""
    return start_server("--tls-cert", str(pki.server_cert), "--tls-key", str(pki.server_key),
                        "--auth-token-file", str(token_file),
                        env={"QUOTES_AUTH_TOKENS": f"{TOKEN_FROM_ENV}, {OTHER_ENV_TOKEN}"},
                        credentials=tls(pki))


@pytest.fixture(scope="module")
def mtls_server(start_server, pki):
    """Mutual TLS through the QUOTES_TLS_* variables, two pre-forked workers, no tokens, and a
    plaintext health port for probes."""
    return start_server("--health-port", "0", workers=2, env={"QUOTES_TLS_CERT": str(pki.server_cert), "QUOTES_TLS_KEY": str(pki.server_key),
                                        "QUOTES_TLS_CLIENT_CA": str(pki.ca)},
                        credentials=tls(pki, private_key=pki.client_key.read_bytes(),
                                        certificate_chain=pki.client_cert.read_bytes()))


# -- TLS -------------------------------------------------------------------------------------------
def test_tls_serves_a_client_that_trusts_the_ca(tls_server, pki):
    with QuoteClient(tls_server.target, tls_ca=pki.ca, token=TOKEN_FROM_ENV) as client:
        result = client.extract(ARTICLE)
    [direct] = [q for q in result.quotes if q.type.name == "DIRECT"]
    assert direct.text.startswith("The bridge will open") and "Ruiz" in direct.speaker.name
    assert tls_server.events("serving")[0]["tls"] == "on"


def test_tls_server_name_override(tls_server, pki):
    with QuoteClient(f"localhost:{tls_server.port}", tls_ca=pki.ca.read_bytes(), tls_server_name="localhost",
                     token=TOKEN_FROM_ENV) as client:
        assert client.extract(ARTICLE).quotes


@pytest.mark.parametrize("how", ["plaintext", "untrusted CA"])
def test_tls_server_refuses_clients_that_cannot_do_its_tls(tls_server, pki, how):
    kwargs = {} if how == "plaintext" else {"tls_ca": pki.other_ca}
    with QuoteClient(tls_server.target, timeout=5, retries=0, token=TOKEN_FROM_ENV, **kwargs) as client:
        with pytest.raises(Unavailable):
            client.extract(ARTICLE)


def test_async_client_over_tls_with_a_token(tls_server, pki):
    import asyncio

    async def go():
        async with AsyncQuoteClient(tls_server.target, tls_ca=pki.ca, token=TOKEN_FROM_FILE) as client:
            return await client.extract(ARTICLE)

    assert asyncio.run(go()).quotes


# -- mutual TLS ------------------------------------------------------------------------------------
@pytest.mark.slow
def test_mtls_accepts_a_client_certificate_on_every_worker(mtls_server, pki):
    served_by = set()
    for _ in range(12):  # a connection each: the kernel spreads them over the two workers
        with QuoteClient(mtls_server.target, tls_ca=pki.ca, tls_cert=pki.client_cert, tls_key=pki.client_key) as c:
            served_by.add(c.extract(ARTICLE).served_by)
    assert len(served_by) == 2
    assert {e["tls"] for e in mtls_server.events("serving")} == {"mutual"}


@pytest.mark.slow
@pytest.mark.parametrize("how", ["no client certificate", "a certificate from another CA"])
def test_mtls_refuses_clients_without_a_trusted_certificate(mtls_server, pki, how):
    cert = {} if how.startswith("no") else {"tls_cert": pki.stranger_cert, "tls_key": pki.stranger_key}
    with QuoteClient(mtls_server.target, tls_ca=pki.ca, timeout=5, retries=0, **cert) as client:
        with pytest.raises(Unavailable):
            client.extract(ARTICLE)
        with pytest.raises(Unavailable):
            client.health()


# -- tokens ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("token", [None, WRONG_TOKEN, TOKEN_FROM_ENV[:-1], TOKEN_FROM_ENV + "x"],
                         ids=["none", "wrong", "prefix", "longer"])
def test_calls_without_a_valid_token_are_unauthenticated(tls_server, pki, token):
    with QuoteClient(tls_server.target, tls_ca=pki.ca, token=token) as client:
        with pytest.raises(Unauthenticated) as caught:
            client.extract(ARTICLE)
        assert caught.value.code == grpc.StatusCode.UNAUTHENTICATED
        assert caught.value.served_by  # x-served-by still says who refused
        if token:
            assert token not in str(caught.value)
        with pytest.raises(Unauthenticated):
            list(client.extract_many([ARTICLE, ARTICLE]))


@pytest.mark.parametrize("metadata", [
    (("authorization", f"Bearer {TOKEN_FROM_ENV}"),),
    (("authorization", f"bearer   {OTHER_ENV_TOKEN}"),),
    (("authorization", f"Bearer {TOKEN_FROM_FILE}"),),
], ids=["env token", "second env token, any case", "file token"])
def test_any_configured_token_is_accepted(tls_server, pki, metadata):
    with QuoteClient(tls_server.target, tls_ca=pki.ca, metadata=metadata) as client:
        assert client.extract(ARTICLE).quotes
        assert [len(d.quotes) > 0 for d in client.extract_many([ARTICLE, ARTICLE])] == [True, True]


def test_health_and_reflection_need_no_token(tls_server, pki):
    for service in ("", SERVICE_NAME):
        assert check_health(tls_server.target, service, credentials=tls(pki), timeout=5) == "SERVING"
    with grpc.secure_channel(tls_server.target, tls(pki)) as channel:
        stub = reflection_pb2_grpc.ServerReflectionStub(channel)
        replies = stub.ServerReflectionInfo(iter([reflection_pb2.ServerReflectionRequest(list_services="")]),
                                            timeout=5)
        assert SERVICE_NAME in {s.name for r in replies for s in r.list_services_response.service}


def test_the_health_port_answers_probes_in_plaintext_and_nothing_else(mtls_server):
    """Probes cannot present a client certificate: --health-port gives them grpc.health.v1 in
    plaintext, shared by the workers, and no other service (no article can be sent there)."""
    (health_port,) = {e["health_port"] for e in mtls_server.events("serving")}
    assert len(mtls_server.events("serving")) == 2 and health_port != mtls_server.port
    target = f"127.0.0.1:{health_port}"
    for _ in range(4):   # a new connection each time (either worker may take it)
        for service in ("", SERVICE_NAME):
            assert check_health(target, service, timeout=5) == "SERVING"
    with grpc.insecure_channel(target) as channel:
        with pytest.raises(grpc.RpcError) as caught:
            channel.unary_unary(EXTRACT_QUOTES)(b"", timeout=5)
        assert caught.value.code() == grpc.StatusCode.UNIMPLEMENTED
        stub = reflection_pb2_grpc.ServerReflectionStub(channel)
        with pytest.raises(grpc.RpcError) as caught:
            list(stub.ServerReflectionInfo(iter([reflection_pb2.ServerReflectionRequest(list_services="")]),
                                           timeout=5))
        assert caught.value.code() == grpc.StatusCode.UNIMPLEMENTED
    # The image's HEALTHCHECK finds it through QUOTES_HEALTH_PORT.
    check = subprocess.run([sys.executable, str(REPO / "deploy" / "healthcheck.py")],
                           env={**os.environ, "QUOTES_HEALTH_PORT": str(health_port), "QUOTES_PORT": "1"},
                           capture_output=True, text=True, timeout=30)
    assert check.returncode == 0, check.stderr
    assert check.stdout.strip() == f"127.0.0.1:{health_port}: SERVING"


def test_refusals_are_logged_without_the_token_or_the_text(tls_server, pki):
    with QuoteClient(tls_server.target, tls_ca=pki.ca, token=WRONG_TOKEN, metadata=[("x-request-id", "refused-1")]) \
            as client:
        with pytest.raises(Unauthenticated):
            client.extract(ARTICLE)
    with QuoteClient(tls_server.target, tls_ca=pki.ca, token=TOKEN_FROM_FILE,
                     metadata=[("x-request-id", "admitted-1")]) as client:
        assert client.extract(ARTICLE).quotes
    refused = tls_server.wait_event("call", request_id="refused-1")
    assert refused["code"] == "UNAUTHENTICATED" and refused["method"] == "ExtractQuotes"
    assert tls_server.wait_event("call", request_id="admitted-1")["code"] == "OK"
    log = tls_server.log_path.read_text(errors="replace")
    for secret in (TOKEN_FROM_ENV, OTHER_ENV_TOKEN, TOKEN_FROM_FILE, WRONG_TOKEN, MARKER, "Ana Ruiz"):
        assert secret not in log


# -- the CLI ---------------------------------------------------------------------------------------
def _cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if not k.startswith("QUOTES_")}
    return subprocess.run([QUOTES, *args], capture_output=True, text=True, cwd=REPO, env={**base, **env},
                          timeout=120)


def test_cli_extract_with_tls_ca_and_quotes_token(tls_server, pki, tmp_path):
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    common = ["extract", str(article), "--server", tls_server.target, "--tls-ca", str(pki.ca), "--format", "jsonl"]
    ok = _cli(*common, env={"QUOTES_TOKEN": TOKEN_FROM_ENV})
    assert ok.returncode == 0, ok.stderr
    assert '"text": "The bridge will open in' in ok.stdout

    refused = _cli(*common, "--retries", "0", env={})
    assert refused.returncode == 2
    [line] = refused.stderr.strip().splitlines()
    assert line.startswith("quotes: ") and "wants a valid token" in line and "QUOTES_TOKEN" in line


def test_cli_token_file_and_usage_errors(tls_server, pki, token_file, tmp_path):
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    common = ["extract", str(article), "--server", tls_server.target, "--tls-ca", str(pki.ca)]
    assert _cli(*common, "--token-file", str(token_file), env={}).returncode == 0
    both = _cli(*common, "--token-file", str(token_file), "--token", TOKEN_FROM_ENV, env={})
    assert both.returncode == 2 and "not both" in both.stderr
    no_key = _cli(*common, "--tls-cert", str(pki.client_cert), env={})
    assert no_key.returncode == 2 and "tls_key" in no_key.stderr
    missing = _cli("extract", str(article), "--server", tls_server.target, "--tls-ca", str(tmp_path / "nope.pem"),
                   env={})
    assert missing.returncode == 2 and "nope.pem" in missing.stderr and "Traceback" not in missing.stderr


# -- settings, without a server ---------------------------------------------------------------------
def _usage_error(capsys, argv, env=None) -> str:
    with pytest.raises(SystemExit) as exited:
        from_argv(argv, environ=env or {})
    assert exited.value.code == 2
    return capsys.readouterr().err


def test_tls_settings_are_checked_before_serving(capsys, pki, tmp_path):
    cert, key, ca = str(pki.server_cert), str(pki.server_key), str(pki.ca)
    assert "go together" in _usage_error(capsys, ["--tls-cert", cert])
    assert "go together" in _usage_error(capsys, [], {"QUOTES_TLS_KEY": key})
    assert "needs --tls-cert" in _usage_error(capsys, ["--tls-client-ca", ca])
    assert "cannot read it" in _usage_error(capsys, ["--tls-cert", str(tmp_path / "missing.pem"), "--tls-key", key])
    assert "KEY_VALUES_MISMATCH" in _usage_error(capsys, ["--tls-cert", cert, "--tls-key", str(pki.client_key)])
    assert "not a PEM CA bundle" in _usage_error(capsys, ["--tls-cert", cert, "--tls-key", key,
                                                          "--tls-client-ca", key])
    config = from_argv([], environ={"QUOTES_TLS_CERT": cert, "QUOTES_TLS_KEY": key, "QUOTES_TLS_CLIENT_CA": ca})
    assert (config.tls_cert, config.tls_key, config.tls_client_ca) == (cert, key, ca)


def test_tokens_come_from_the_environment_and_the_file(capsys, tmp_path, token_file):
    assert read_tokens(f" {TOKEN_FROM_ENV} ,{TOKEN_FROM_ENV},", None) == (TOKEN_FROM_ENV,)
    assert read_tokens(TOKEN_FROM_ENV, str(token_file)) == (TOKEN_FROM_ENV, TOKEN_FROM_FILE)
    assert read_tokens("", None) == ()
    config = from_argv(["--auth-token-file", str(token_file)], environ={})
    assert config.auth_tokens == (TOKEN_FROM_FILE,) and TOKEN_FROM_FILE not in repr(config)
    empty = tmp_path / "empty"
    empty.write_text("# nothing yet\n\n")
    short = tmp_path / "short"
    short.write_text("hunter2\n")
    for argv, env, complaint in [
        (["--auth-token-file", str(empty)], {}, "holds no token"),
        (["--auth-token-file", str(tmp_path / "missing")], {}, "cannot read it"),
        (["--auth-token-file", str(short)], {}, "shorter than 16"),
        ([], {"QUOTES_AUTH_TOKENS": ", ,"}, "holds no token"),
        ([], {"QUOTES_AUTH_TOKENS": "tøken-with-a-non-ascii-letter"}, "printable ASCII"),
    ]:
        err = _usage_error(capsys, argv, env)
        assert complaint in err
        assert "hunter2" not in err and "tøken" not in err


def test_token_check_reads_only_a_bearer_authorization():
    auth = TokenAuth([TOKEN_FROM_ENV, OTHER_ENV_TOKEN])
    assert auth.accepts([("authorization", f"Bearer {TOKEN_FROM_ENV}")])
    assert auth.accepts([("x-request-id", "1"), ("Authorization", f"BEARER {OTHER_ENV_TOKEN} ")])
    for metadata in ([], [("authorization", TOKEN_FROM_ENV)], [("authorization", f"Basic {TOKEN_FROM_ENV}")],
                     [("authorization", "Bearer ")], [("x-token", f"Bearer {TOKEN_FROM_ENV}")],
                     [("authorization", f"Bearer {WRONG_TOKEN}")], [("authorization", "Bearer \u00e9t\u00e9")]):
        assert not auth.accepts(metadata), metadata
    with pytest.raises(ValueError):
        TokenAuth([])


def test_client_security_arguments_are_checked():
    with pytest.raises(ValueError, match="tls_key"):
        secure_setup(credentials=None, tls=False, tls_ca=None, tls_cert=b"x", tls_key=None, tls_server_name=None,
                     token=None, metadata=())
    with pytest.raises(ValueError, match="not both"):
        secure_setup(credentials=grpc.ssl_channel_credentials(), tls=True, tls_ca=None, tls_cert=None, tls_key=None,
                     tls_server_name=None, token=None, metadata=())
    with pytest.raises(ValueError, match="needs TLS"):
        secure_setup(credentials=None, tls=False, tls_ca=None, tls_cert=None, tls_key=None, tls_server_name="x",
                     token=None, metadata=())
    with pytest.raises(ValueError, match="printable ASCII") as caught:
        bearer_metadata("two words")
    assert "two words" not in str(caught.value)
    creds, options, metadata = secure_setup(credentials=None, tls=True, tls_ca=None, tls_cert=None, tls_key=None,
                                            tls_server_name=None, token=" abc ", metadata=[("x-request-id", "1")])
    assert creds is not None and options == []
    assert metadata == (("authorization", "Bearer abc"), ("x-request-id", "1"))

"""`quotes serve` settings: flags, QUOTES_* variables, and which wins."""
from __future__ import annotations

import pytest

from quotes_service.server.config import MESSAGE_OVERHEAD_BYTES, ServerConfig, default_workers, from_argv

# (flags, environment, expected settings)
CASES = [
    ([], {}, {"host": "127.0.0.1", "port": 50051, "max_text_length": 1_000_000, "workers": default_workers()}),
    ([], {"QUOTES_HOST": "0.0.0.0", "QUOTES_PORT": "6000", "QUOTES_WORKERS": "3", "QUOTES_MAX_TEXT_LENGTH": "500"},
     {"host": "0.0.0.0", "port": 6000, "workers": 3, "max_text_length": 500}),
    (["--port", "7000", "--workers", "1"], {"QUOTES_PORT": "6000", "QUOTES_WORKERS": "4"}, {"port": 7000, "workers": 1}),
    (["--grace", "2.5", "--max-concurrent-rpcs", "4"], {"QUOTES_GRACE": "9"}, {"grace": 2.5, "max_concurrent_rpcs": 4}),
    ([], {"QUOTES_PORT": "  "}, {"port": 50051}),
    ([], {}, {"health_port": None, "metrics_port": None}),
    (["--health-port", "8081"], {"QUOTES_HEALTH_PORT": "9"}, {"health_port": 8081}),
    ([], {"QUOTES_HEALTH_PORT": "0"}, {"health_port": 0}),
]


@pytest.mark.parametrize("argv,env,expected", CASES)
def test_flags_and_environment(argv, env, expected):
    config = from_argv(argv, environ=env)
    for name, value in expected.items():
        assert getattr(config, name) == value, name


@pytest.mark.parametrize("argv,env,complaint", [
    ([], {"QUOTES_PORT": "http"}, "QUOTES_PORT='http'"),
    (["--port", "70000"], {}, "port 70000"),
    (["--workers", "0"], {}, "workers must be at least 1"),
    (["--max-text-length", "0"], {}, "max-text-length"),
    (["--log-level", "loud"], {}, "log-level"),
    (["--health-port", "70000"], {}, "health-port 70000 is not in 0..65535"),
    (["--port", "6000", "--health-port", "6000"], {}, "health-port and port are both 6000"),
    (["--metrics-port", "9100", "--health-port", "9100"], {}, "health-port and metrics-port are both 9100"),
])
def test_bad_settings_are_usage_errors(capsys, argv, env, complaint):
    with pytest.raises(SystemExit) as exited:
        from_argv(argv, environ=env)
    assert exited.value.code == 2
    assert complaint in capsys.readouterr().err


def test_message_cap_fits_the_text_limit_in_4_byte_code_points():
    config = ServerConfig(max_text_length=1000)
    assert config.max_message_bytes == 4000 + MESSAGE_OVERHEAD_BYTES


def test_ipv6_host_is_bracketed():
    assert ServerConfig(host="::", port=1).address == "[::]:1"


def test_a_container_cpu_quota_caps_the_default_workers(tmp_path):
    from quotes_service.server.config import cgroup_cpu_limit

    cpu_max = tmp_path / "cpu.max"
    for content, expected in (("max 100000\n", None), ("150000 100000\n", 2), ("50000 100000\n", 1),
                              ("200000 100000\n", 2), ("garbage", None)):
        cpu_max.write_text(content)
        assert cgroup_cpu_limit(str(cpu_max)) == expected, content
    assert cgroup_cpu_limit(str(tmp_path / "missing")) is None


# Every row of the flag table: (flag, a value to set, the setting it gives). Set by the flag, by
# its QUOTES_* variable, and with both (the flag wins).
EVERY_FLAG = [
    ("host", "0.0.0.0", "0.0.0.0"),
    ("port", "6000", 6000),
    ("workers", "37", 37),                 # not any machine's CPU count, the default
    ("max-text-length", "500", 500),
    ("threads", "9", 9),
    ("max-concurrent-rpcs", "4", 4),
    ("extract-concurrency", "2", 2),
    ("grace", "2.5", 2.5),
    ("max-call-seconds", "30", 30.0),
    ("log-level", "debug", "debug"),
    ("metrics-port", "9100", 9100),
    ("health-port", "8081", 8081),
]
NOT_IN_THE_TABLE_ABOVE = {"tls-cert", "tls-key", "tls-client-ca", "auth-token-file"}   # files: tests/service/test_security.py


def _options() -> dict[str, str]:
    from quotes_service.server.config import build_parser

    return {action.option_strings[0][2:]: action.help for action in build_parser()._actions
            if action.option_strings and action.option_strings[0].startswith("--") and action.dest != "help"}


def test_every_setting_has_a_flag_and_a_variable_in_its_help():
    import dataclasses

    fields = {f.name.replace("_", "-") for f in dataclasses.fields(ServerConfig)} - {"auth-tokens"}
    options = _options()
    assert set(options) == fields
    assert {flag for flag, _, _ in EVERY_FLAG} | NOT_IN_THE_TABLE_ABOVE == fields
    for flag, help_text in options.items():
        assert f"[QUOTES_{flag.upper().replace('-', '_')}, default " in help_text, flag


@pytest.mark.parametrize("flag,raw,value", EVERY_FLAG, ids=[row[0] for row in EVERY_FLAG])
def test_each_flag_and_its_variable(flag, raw, value):
    attr, env = flag.replace("-", "_"), "QUOTES_" + flag.upper().replace("-", "_")
    assert getattr(from_argv([f"--{flag}", raw], environ={}), attr) == value
    assert getattr(from_argv([], environ={env: raw}), attr) == value
    default = getattr(from_argv([], environ={}), attr)
    assert default != value, "pick a value that is not the default"
    assert getattr(from_argv([f"--{flag}", raw], environ={env: str(default)}), attr) == value


@pytest.mark.parametrize("flag", [row[0] for row in EVERY_FLAG if not isinstance(row[2], str)])
def test_a_variable_that_is_not_a_number_is_a_usage_error(capsys, flag):
    env = "QUOTES_" + flag.upper().replace("-", "_")
    with pytest.raises(SystemExit) as exited:
        from_argv([], environ={env: "many"})
    assert exited.value.code == 2
    assert f"{env}='many' is not a valid" in capsys.readouterr().err

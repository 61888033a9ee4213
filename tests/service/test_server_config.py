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

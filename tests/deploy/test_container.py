"""The Dockerfile, built and run for real: `make container-test`.

No Docker engine or registry here: the base is Debian bookworm made with
debootstrap (deploy/base-image.sh, cached), the image is built with
`podman build --isolation chroot`, and it runs under `buildah run --isolation
chroot`, which shares the host's network, so the server listens on a free port.
The container is started the way a runtime would: the image's own entrypoint,
user and environment, with only `--port` added.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from deploy_support import REPO, free_port, is_root, quotes_cli, report, require_packages, tail, wait_serving
from quotes.client import check_health

pytestmark = [pytest.mark.deploy, pytest.mark.slow]

IMAGE = "localhost/quotes:test"
# The host's CA bundle, handed to pip in the build as a secret: PyPI may sit behind a
# TLS-intercepting proxy whose CA the base image does not know.
CA_BUNDLE = Path("/etc/ssl/certs/ca-certificates.crt")
USER_ID = 10001


def podman_build(context: Path, base: str, tag: str | None, log: Path, extra: list[str] = ()) -> float:
    args = ["podman", "build", "--isolation", "chroot", "--format", "docker",
            "--build-arg", f"BASE_IMAGE={base}", "-f", str(context / "Dockerfile")]
    if CA_BUNDLE.exists():
        args += ["--secret", f"id=pip_cert,src={CA_BUNDLE}"]
    if tag:
        args += ["-t", tag]
    args += list(extra)
    started = time.monotonic()
    with open(log, "wb") as out:
        done = subprocess.run(args + [str(context)], stdout=out, stderr=subprocess.STDOUT)
    assert done.returncode == 0, f"podman build failed{tail(log, 30)}"
    return time.monotonic() - started


def inspect_image(image: str) -> dict:
    out = subprocess.run(["podman", "image", "inspect", image], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)[0]


@pytest.fixture(scope="module")
def image(request, tmp_path_factory):
    require_packages("podman", "buildah", "debootstrap")
    if not is_root():
        pytest.skip("needs root for podman build/buildah run --isolation chroot (CI and `make test` run as root)")
    started = time.monotonic()
    base = subprocess.run(["bash", str(REPO / "deploy" / "base-image.sh")], capture_output=True, text=True)
    assert base.returncode == 0, base.stderr
    base_image = base.stdout.strip()
    base_seconds = time.monotonic() - started
    log = tmp_path_factory.mktemp("build") / "build.log"
    build_seconds = podman_build(REPO, base_image, IMAGE, log)
    info = inspect_image(IMAGE)
    report(request, f"container: base image {base_image} ready in {base_seconds:.1f}s; "
                    f"podman build {build_seconds:.1f}s; {IMAGE} is {info['Size'] / 1e6:.0f} MB")
    return {"base": base_image, "info": info, "log": log}


@dataclass
class Running:
    container: str
    proc: subprocess.Popen
    port: int
    log: Path

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"


@pytest.fixture(scope="module")
def container(image, tmp_path_factory):
    config = image["info"]["Config"]
    port = free_port()
    log = tmp_path_factory.mktemp("container") / "serve.log"
    name = subprocess.run(["buildah", "from", "--quiet", IMAGE], capture_output=True, text=True, check=True).stdout.strip()
    command = list(config.get("Entrypoint") or []) + list(config.get("Cmd") or []) + ["--port", str(port)]
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            ["buildah", "run", "--isolation", "chroot", "--env", f"QUOTES_PORT={port}", name, "--", *command],
            stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT)
    running = Running(name, proc, port, log)
    try:
        wait_serving(running.address, 180, proc, log)
        yield running
    finally:
        if proc.poll() is None:
            server = server_pid(proc.pid)
            if server:
                _signal(server, signal.SIGKILL)
            proc.kill()
            proc.wait()
        subprocess.run(["buildah", "rm", name], capture_output=True)


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int(next(line for line in (entry / "status").read_text().splitlines()
                                if line.startswith("PPid:")).split()[1])
            except (OSError, StopIteration):
                continue
            tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def _cmdline(pid: int) -> list[str]:
    try:
        return (Path(f"/proc/{pid}/cmdline").read_bytes().rstrip(b"\0").decode(errors="replace").split("\0"))
    except OSError:
        return []


def server_pid(root: int) -> int | None:
    """The `quotes serve` process under `buildah run` (the container's main process), breadth first."""
    tree, queue = _children(), [root]
    while queue:
        pid = queue.pop(0)
        argv = _cmdline(pid)
        # Skip buildah's own chroot helpers (buildah-chroot-exec carries the command line too).
        if pid != root and "serve" in argv and not Path(argv[0]).name.startswith("buildah"):
            return pid
        queue.extend(tree.get(pid, []))
    return None


def _uids(pid: int) -> list[int]:
    line = next(l for l in Path(f"/proc/{pid}/status").read_text().splitlines() if l.startswith("Uid:"))
    return [int(x) for x in line.split()[1:]]


def _signal(pid: int, sig: int) -> None:
    try:
        os.kill(pid, sig)
    except ProcessLookupError:
        pass


def healthcheck(info: dict) -> dict | None:
    """The image's HEALTHCHECK (podman puts it beside Config; Docker inside it)."""
    return info.get("Healthcheck") or info.get("HealthCheck") or info["Config"].get("Healthcheck")


def test_image_config(image):
    config = image["info"]["Config"]
    assert config["User"].split(":")[0] == str(USER_ID)
    assert config["Entrypoint"][:2] == ["quotes", "serve"] and "0.0.0.0" in config["Entrypoint"]
    assert "50051/tcp" in config["ExposedPorts"]
    assert config["StopSignal"] == "SIGTERM"
    check = healthcheck(image["info"])
    assert check and check["Test"][0] in ("CMD", "CMD-SHELL"), "no HEALTHCHECK in the image (built --format docker?)"


def test_health_is_serving(container):
    assert check_health(container.address, "") == "SERVING"
    assert check_health(container.address) == "SERVING"


def test_the_images_healthcheck_passes_inside_the_container(image, container):
    check = healthcheck(image["info"])
    command = check["Test"][1:] if check["Test"][0] == "CMD" else ["sh", "-c", check["Test"][1]]
    done = subprocess.run(["buildah", "run", "--isolation", "chroot", "--env", f"QUOTES_PORT={container.port}",
                           container.container, "--", *command], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "SERVING" in done.stdout


def test_the_server_runs_as_the_unprivileged_user(container):
    pid = server_pid(container.proc.pid)
    assert pid, "no `quotes serve` process under buildah run"
    assert _uids(pid) == [USER_ID] * 4
    for child in _children().get(pid, []):  # workers, if any, too
        assert _uids(child)[0] == USER_ID


def test_the_user_can_write_only_to_scratch_directories(container):
    """What makes a read-only root filesystem safe (Kubernetes' readOnlyRootFilesystem, docker --read-only):
    the server's user can write nowhere but the world-writable scratch directories; /tmp gets an emptyDir."""
    done = subprocess.run(["buildah", "run", "--isolation", "chroot", container.container, "--", "find", "/", "-xdev",
                           "-writable", "!", "-path", "/proc/*", "!", "-path", "/sys/*", "!", "-path", "/dev/*"],
                          capture_output=True, text=True, timeout=120)
    writable = set(done.stdout.split())
    assert writable and writable <= {"/tmp", "/var/tmp", "/var/lock", "/run/lock"}, writable


def test_seeds_through_the_container_equal_in_process(container):
    seeds = sorted(str(p.relative_to(REPO)) for p in (REPO / "seeds").glob("*.txt"))
    assert seeds

    def extract(*extra: str) -> list[dict]:
        done = subprocess.run([quotes_cli(), "extract", *seeds, "--format", "jsonl", *extra],
                              capture_output=True, text=True, cwd=REPO, timeout=300,
                              env=_env_without("QUOTES_SERVER"))
        assert done.returncode == 0, done.stderr
        docs = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
        for doc in docs:
            doc.pop("served_by", None)
        return docs

    served = extract("--server", container.address)
    in_process = extract()
    assert [d["document_id"] for d in served] == seeds
    assert sum(len(d["quotes"]) for d in served) > 0
    # Both sides read the working tree's code: the image was built from it at the start of this module.
    differing = [a["document_id"] for a, b in zip(served, in_process) if a != b]
    assert not differing and len(served) == len(in_process), f"container and in-process differ on {differing}"


def test_sigterm_ends_the_container_with_exit_0(container):
    pid = server_pid(container.proc.pid)
    assert pid
    _signal(pid, signal.SIGTERM)
    try:
        code = container.proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        raise AssertionError(f"still running 60s after SIGTERM{tail(container.log)}")
    assert code == 0, f"exit {code}{tail(container.log)}"
    assert check_health(container.address, timeout=1) == "UNAVAILABLE"


def test_a_code_change_rebuilds_only_the_code_layers(request, image, tmp_path):
    """Dependencies sit in layers before the code: editing the code reuses them, in the build and in the
    image (the ~320 MB virtualenv layer is shared; only the code layer is new)."""
    context = tmp_path / "context"
    for name in ("Dockerfile", ".dockerignore", "pyproject.toml", "README.md", "requirements", "client", "service",
                 "deploy/healthcheck.py"):
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, context / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            (context / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, context / name)
    init = context / "service" / "quotes_service" / "__init__.py"
    init.write_text(init.read_text() + f"\n# rebuilt by the container test at {time.time()}\n")
    log, iidfile = tmp_path / "rebuild.log", tmp_path / "rebuild.iid"
    seconds = podman_build(context, image["base"], None, log, ["--iidfile", str(iidfile)])
    rebuilt = iidfile.read_text().strip()
    try:
        layers, new_layers = layer_sizes(IMAGE), layer_sizes(rebuilt)
    finally:
        subprocess.run(["podman", "rmi", rebuilt], capture_output=True)
    # In the build: the step installing dependencies and the model came from the cache.
    steps = log.read_text().split("STEP ")
    deps_step = next(s for s in steps if "--require-hashes" in s and s.lstrip()[0].isdigit())
    assert "Using cache" in deps_step, f"the dependency layer was rebuilt for a code change{tail(log, 30)}"
    # In the image: every layer is shared but the last, the code, which is small.
    assert len(new_layers) == len(layers) and new_layers[:-1] == layers[:-1], (layers, new_layers)
    assert new_layers[-1] != layers[-1] and new_layers[-1][1] < 5e6, new_layers[-1]
    report(request, f"container: rebuild after a code change {seconds:.1f}s")


def layer_sizes(image: str) -> list[tuple[str, int]]:
    """(digest, size) of each layer that holds files, base first."""
    history = json.loads(subprocess.run(["podman", "history", "--no-trunc", "--format", "json", image],
                                        capture_output=True, text=True, check=True).stdout)
    layers = inspect_image(image)["RootFS"]["Layers"]
    sizes = [h["size"] for h in reversed(history) if h["size"] > 0]  # ENV, USER, ...: no layer
    return list(zip(layers, sizes)) if len(sizes) == len(layers) else [(digest, 0) for digest in layers]


def _env_without(*names: str) -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in names}

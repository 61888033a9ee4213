"""deploy/k8s/: the manifests validate against the Kubernetes schemas and agree with each other and the image.

No cluster here: kubernetes-validate checks each object against the API's
OpenAPI schemas (strict: an unknown or misspelt field fails), for the oldest
Kubernetes these manifests support (native gRPC probes are GA in 1.27) and the
newest the package knows. The rest checks what a schema cannot: ports, names,
selectors and timings that must line up.
"""
from __future__ import annotations

import re

import pytest

from deploy_support import REPO
from quotes.wire import SERVICE_NAME

kubernetes_validate = pytest.importorskip(
    "kubernetes_validate", reason="needs the PyPI package kubernetes-validate (the dev extra; make install)")
yaml = pytest.importorskip("yaml", reason="needs PyYAML (a dependency of kubernetes-validate)")

K8S = REPO / "deploy" / "k8s"
OLDEST = "1.27.0"
VERSIONS = sorted({OLDEST, kubernetes_validate.latest_version()})


def manifests() -> dict[str, dict]:
    out = {}
    for path in sorted(K8S.glob("*.yaml")):
        if path.name == "kustomization.yaml":
            continue
        for doc in yaml.safe_load_all(path.read_text()):
            if doc:
                out[f"{doc['kind']}/{doc['metadata']['name']}"] = doc | {"__file__": path.name}
    return out


def without_file(doc: dict) -> dict:
    return {k: v for k, v in doc.items() if k != "__file__"}


@pytest.fixture(scope="module")
def objects() -> dict[str, dict]:
    return manifests()


@pytest.fixture(scope="module")
def pod(objects) -> dict:
    return objects["Deployment/quotes"]["spec"]["template"]


@pytest.fixture(scope="module")
def container(pod) -> dict:
    (only,) = pod["spec"]["containers"]
    return only


def grpc_port(container: dict) -> int:
    return next(p["containerPort"] for p in container["ports"] if p["name"] == "grpc")


def env(container: dict) -> dict[str, str]:
    return {e["name"]: e["value"] for e in container.get("env", [])}


def dockerfile() -> str:
    return (REPO / "Dockerfile").read_text()


@pytest.mark.parametrize("version", VERSIONS)
def test_every_manifest_validates_strictly(objects, version):
    assert set(objects) == {"Deployment/quotes", "Service/quotes", "Service/quotes-headless",
                            "HorizontalPodAutoscaler/quotes", "PodDisruptionBudget/quotes"}
    for name, doc in objects.items():
        try:
            kubernetes_validate.validate(without_file(doc), version, strict=True)
        except kubernetes_validate.ValidationError as exc:
            pytest.fail(f"{doc['__file__']} ({name}) is invalid for Kubernetes {version}: {exc.message} "
                        f"at {'.'.join(map(str, exc.path))}")


def test_kustomization_lists_every_manifest(objects):
    listed = yaml.safe_load((K8S / "kustomization.yaml").read_text())["resources"]
    assert sorted(listed) == sorted({doc["__file__"] for doc in objects.values()})


def test_probes_use_the_containers_port(container):
    port = grpc_port(container)
    for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
        assert container[probe]["grpc"]["port"] == port, probe
    assert env(container)["QUOTES_PORT"] == str(port)
    assert "QUOTES_TLS_CERT" not in env(container)   # plaintext probes need a plaintext port


def strategic_merge(base, patch):
    """Enough of kubectl's strategic merge for tls/: maps merge key by key; lists of maps with a
    ``name`` merge item by item by name (containers, ports, env, volumes, volumeMounts)."""
    if isinstance(base, dict) and isinstance(patch, dict):
        return {k: strategic_merge(base[k], v) if k in base else v for k, v in patch.items()} | \
               {k: v for k, v in base.items() if k not in patch}
    if isinstance(base, list) and isinstance(patch, list) and all(isinstance(i, dict) and "name" in i
                                                                    for i in base + patch):
        merged = {i["name"]: i for i in base}
        for item in patch:
            merged[item["name"]] = strategic_merge(merged[item["name"]], item) if item["name"] in merged else item
        return list(merged.values())
    return patch


@pytest.fixture(scope="module")
def tls_deployment(objects) -> dict:
    overlay = yaml.safe_load((K8S / "tls" / "kustomization.yaml").read_text())
    assert overlay["resources"] == ["../"]
    (patch_ref,) = overlay["patches"]
    patch = yaml.safe_load((K8S / "tls" / patch_ref["path"]).read_text())
    base = without_file(objects["Deployment/quotes"])
    assert (patch["kind"], patch["metadata"]["name"]) == (base["kind"], base["metadata"]["name"])
    return strategic_merge(base, patch)


@pytest.mark.parametrize("version", VERSIONS)
def test_the_tls_overlay_validates(tls_deployment, version):
    kubernetes_validate.validate(tls_deployment, version, strict=True)


def test_the_tls_overlay_moves_the_probes_to_the_health_port(tls_deployment):
    """With TLS on the service port, the probes ask the plaintext health-only port the server is
    told to open, which the container declares; the TLS files come from a mounted Secret."""
    pod = tls_deployment["spec"]["template"]["spec"]
    (container,) = pod["containers"]
    health = next(p["containerPort"] for p in container["ports"] if p["name"] == "health")
    settings = env(container)
    assert settings["QUOTES_HEALTH_PORT"] == str(health) != settings["QUOTES_PORT"] == str(grpc_port(container))
    for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
        assert container[probe]["grpc"]["port"] == health, probe
    assert container["readinessProbe"]["grpc"]["service"] == SERVICE_NAME   # kept from the base
    (mount,) = [m for m in container["volumeMounts"] if m["name"] == "tls"]
    for name in ("QUOTES_TLS_CERT", "QUOTES_TLS_KEY"):
        assert settings[name].startswith(mount["mountPath"] + "/")
    assert any(v["name"] == "tls" and "secret" in v for v in pod["volumes"])
    assert any(v["name"] == "tmp" for v in pod["volumes"])                            # kept from the base


def test_the_port_is_the_images(container):
    assert re.search(rf"^EXPOSE {grpc_port(container)}$", dockerfile(), re.M)


def test_readiness_asks_for_the_service_the_proto_defines(container):
    proto = (REPO / "proto" / "quotes" / "v1" / "quotes.proto").read_text()
    package = re.search(r"^package ([\w.]+);", proto, re.M).group(1)
    service = re.search(r"^service (\w+)", proto, re.M).group(1)
    assert container["readinessProbe"]["grpc"]["service"] == f"{package}.{service}"
    assert container["startupProbe"]["grpc"]["service"] == f"{package}.{service}"


@pytest.mark.parametrize("name", ["Service/quotes", "Service/quotes-headless"])
def test_services_reach_the_pods_port(objects, pod, container, name):
    spec = objects[name]["spec"]
    labels = pod["metadata"]["labels"]
    assert spec["selector"].items() <= labels.items()
    (port,) = spec["ports"]
    target = port["targetPort"]
    assert target == grpc_port(container) or target == "grpc"
    assert port["appProtocol"] == "kubernetes.io/h2c"


def test_the_headless_service_has_no_cluster_ip(objects):
    assert objects["Service/quotes-headless"]["spec"]["clusterIP"] == "None"
    assert objects["Service/quotes"]["spec"].get("clusterIP") != "None"


def test_selectors_match_the_pods(objects, pod):
    labels = pod["metadata"]["labels"]
    assert objects["Deployment/quotes"]["spec"]["selector"]["matchLabels"].items() <= labels.items()
    assert objects["PodDisruptionBudget/quotes"]["spec"]["selector"]["matchLabels"].items() <= labels.items()
    target = objects["HorizontalPodAutoscaler/quotes"]["spec"]["scaleTargetRef"]
    assert (target["apiVersion"], target["kind"], target["name"]) == ("apps/v1", "Deployment", "quotes")


def test_runs_as_the_images_unprivileged_user_on_a_read_only_root(pod, container):
    uid = re.search(r"^USER (\d+)", dockerfile(), re.M).group(1)
    security = pod["spec"]["securityContext"]
    assert security["runAsNonRoot"] is True and str(security["runAsUser"]) == uid
    assert container["securityContext"]["readOnlyRootFilesystem"] is True
    assert container["securityContext"]["allowPrivilegeEscalation"] is False
    assert container["securityContext"]["capabilities"]["drop"] == ["ALL"]
    tmp = next(m for m in container["volumeMounts"] if m["mountPath"] == "/tmp")
    volume = next(v for v in pod["spec"]["volumes"] if v["name"] == tmp["name"])
    assert "emptyDir" in volume


def test_the_grace_period_covers_pre_stop_and_drain(pod, container):
    pre_stop = container["lifecycle"]["preStop"]["exec"]["command"]
    assert pre_stop[0] == "sleep"
    drain = float(env(container)["QUOTES_GRACE"])
    assert pod["spec"]["terminationGracePeriodSeconds"] >= float(pre_stop[1]) + drain + 5


def test_workers_are_pinned_and_resources_bounded(container, objects):
    # Unset, the server starts one worker (and one model) per CPU of the node.
    assert env(container)["QUOTES_WORKERS"] == "1"
    resources = container["resources"]
    assert {"cpu", "memory"} <= resources["requests"].keys() and "memory" in resources["limits"]
    hpa = objects["HorizontalPodAutoscaler/quotes"]["spec"]
    pdb = objects["PodDisruptionBudget/quotes"]["spec"]
    assert hpa["minReplicas"] >= 2 and pdb["maxUnavailable"] < hpa["minReplicas"]


def test_metrics_port_is_declared_served_and_announced(pod, container):
    """The port Prometheus is told to scrape is the one the server is told to serve metrics on."""
    declared = next(p["containerPort"] for p in container["ports"] if p["name"] == "metrics")
    assert int(env(container)["QUOTES_METRICS_PORT"]) == declared != grpc_port(container)
    annotations = pod["metadata"].get("annotations", {})
    assert annotations.get("prometheus.io/port") == str(declared)
    assert annotations.get("prometheus.io/path") == "/metrics"

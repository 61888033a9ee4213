"""Render the nginx gRPC proxy configuration for a set of replicas.

    python3 deploy/nginx/render.py --out DIR --listen 0.0.0.0:8080 \
        --upstream 10.0.0.11:50051 --upstream 10.0.0.12:50051

writes DIR/quotes-grpc.conf (the http-level piece: upstream + server; drop it
into /etc/nginx/conf.d/) and DIR/nginx.conf (a whole configuration around it,
with pid, logs and temp files under DIR), then run:

    nginx -p DIR -e DIR/error.log -c DIR/nginx.conf

Only ${UPPER_CASE} names are parameters; nginx's own $variables pass through.
"""
from __future__ import annotations

import argparse
import os
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
_PARAM = re.compile(r"\$\{([A-Z_]+)\}")


def _fill(template: str, values: dict[str, str]) -> str:
    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in values:
            raise KeyError(f"template parameter ${{{name}}} has no value")
        return values[name]

    return _PARAM.sub(value, template)


def render(out_dir: str | os.PathLike[str], listen: str, upstreams: list[str],
           workers: str = "auto", user: str | None = None) -> Path:
    """Write quotes-grpc.conf and nginx.conf into out_dir; return nginx.conf's path.

    user: the `user` directive's argument, for a master process started as root
    (workers drop to it); None leaves the directive out (nginx started unprivileged).
    """
    if not upstreams:
        raise ValueError("at least one upstream replica (host:port) is needed")
    out = Path(out_dir).resolve()
    (out / "tmp").mkdir(parents=True, exist_ok=True)
    servers = "\n".join(f"    server {u} max_fails=1 fail_timeout=5s;" for u in upstreams)
    values = {
        "LISTEN": listen,
        "UPSTREAM_SERVERS": servers,
        "ACCESS_LOG": str(out / "access.log"),
        "PREFIX": str(out),
        "WORKER_PROCESSES": workers,
        "USER_DIRECTIVE": f"user {user};" if user else "# no `user`: nginx runs as whoever starts it",
    }
    (out / "quotes-grpc.conf").write_text(_fill((HERE / "quotes-grpc.conf.template").read_text(), values))
    conf = out / "nginx.conf"
    conf.write_text(_fill((HERE / "nginx.conf.template").read_text(), values))
    return conf


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True, help="directory for the rendered files, pid and logs")
    parser.add_argument("--listen", default="127.0.0.1:8080", help="nginx's listen address (default %(default)s)")
    parser.add_argument("--upstream", action="append", required=True, metavar="HOST:PORT",
                        help="a replica; repeat for each")
    parser.add_argument("--workers", default="auto", help="worker_processes (default %(default)s)")
    parser.add_argument("--user", help="`user` directive when nginx starts as root, e.g. 'www-data'")
    args = parser.parse_args()
    print(render(args.out, args.listen, args.upstream, args.workers, args.user))


if __name__ == "__main__":
    main()

"""The production topology of the README, started for real on this machine for the load
benchmark: a database with the data set and the benchmark's accounts, several app processes
(`streamlit run app.py`) and nginx in front with the configuration of deploy/nginx.conf."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
NGINX_SITE = ROOT / "deploy" / "nginx.conf"
PASSWORD = "Beban-uji-2026-rahasia"
SECRET = "beban-uji-" + "x" * 40  # one signing key for every process, as production has


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare_database(url: str, data: str) -> None:
    """Make sure `url` holds the data set (`national` or `demo`), loading it when missing."""
    os.environ["DATABASE_URL"] = url
    if url.startswith("postgresql"):
        _create_pg_database(url)
    from data_access.store.db import dispose_engines
    from data_access.store.setup import ensure_database, migrate

    dispose_engines()
    engine = sa.create_engine(url)
    migrate(engine)
    with engine.connect() as conn:
        partners = conn.execute(sa.text("SELECT count(*) FROM partner")).scalar_one()
    if data == "national" and partners < 500:
        subprocess.run(
            [sys.executable, "-m", "seed_data.national", "--database-url", url],
            cwd=ROOT,
            check=True,
        )
    elif data == "demo" and partners == 0:
        os.environ["LOAD_DEMO_DATA"] = "true"
        ensure_database(engine)
    engine.dispose()


def _create_pg_database(url: str) -> None:
    target = sa.engine.make_url(url)
    server = sa.create_engine(target.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with server.connect() as conn:
        found = conn.execute(
            sa.text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": target.database}
        ).first()
        if not found:
            conn.execute(sa.text(f'CREATE DATABASE "{target.database}"'))
    server.dispose()


def accounts(url: str, partners: int, staff: int) -> dict[str, list]:
    """The benchmark's accounts (made once, with a password known here): an operator for
    each of the first `partners` partners, and `staff` leadership and verifier accounts.
    Returns {'mitra': [(username, partner code, partner name)], 'staff': [(username, role)]}."""
    from data_access.accounts.accounts import create_user

    engine = sa.create_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(
            sa.text("SELECT id, code, name FROM partner ORDER BY id LIMIT :n"), {"n": partners}
        ).all()
        have = set(conn.execute(sa.text("SELECT username FROM app_user")).scalars())
    engine.dispose()
    out: dict[str, list] = {"mitra": [], "staff": []}
    for pid, code, name in rows:
        username = f"beban-mitra-{pid}"
        if username not in have:
            create_user(
                actor="beban",
                username=username,
                full_name=f"Operator {name}",
                role="mitra",
                password=PASSWORD,
                partner_code=code,
            )
        out["mitra"].append((username, code, name))
    for n in range(staff):
        role = "pimpinan" if n % 2 == 0 else "verifikator"
        username = f"beban-{role}-{n}"
        if username not in have:
            create_user(
                actor="beban",
                username=username,
                full_name=f"Staf {n}",
                role=role,
                password=PASSWORD,
            )
        out["staff"].append((username, role))
    return out


class Topology:
    """App processes and nginx, started and stopped together."""

    def __init__(self, url: str, processes: int):
        self.url, self.count = url, processes
        self.ports = [free_port() for _ in range(processes)]
        self.port = free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="pantau-beban-"))
        self.apps: list[subprocess.Popen] = []
        self.nginx: subprocess.Popen | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        env = {**os.environ, "DATABASE_URL": self.url, "LOAD_DEMO_DATA": "false",
               "SESSION_SECRET": SECRET, "APP_ENV": ""}  # fmt: skip
        for port in self.ports:
            log = (self.folder / f"app-{port}.log").open("w")
            self.apps.append(
                subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        "streamlit",
                        "run",
                        "app.py",
                        "--server.port",
                        str(port),
                        "--server.address",
                        "127.0.0.1",
                        "--server.headless",
                        "true",
                    ],
                    cwd=ROOT,
                    env=env,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                )
            )
        for port in self.ports:
            _wait(f"http://127.0.0.1:{port}/_stcore/health")
        conf = self.folder / "nginx.conf"
        conf.write_text(nginx_conf(self.ports, self.port, self.folder))
        command = [nginx_binary(), "-c", str(conf), "-p", str(self.folder)]
        self.nginx = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        _wait(f"{self.base}/_stcore/health")

    def pids(self) -> list[int]:
        return [app.pid for app in self.apps]

    def stop(self) -> None:
        kept = os.environ.get("LOAD_KEEP_LOGS")
        if kept:  # the processes' and nginx's logs, to look into a failure
            shutil.copytree(self.folder, kept, dirs_exist_ok=True)
        for process in [*self.apps, *([self.nginx] if self.nginx else [])]:
            process.terminate()
        for process in [*self.apps, *([self.nginx] if self.nginx else [])]:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        shutil.rmtree(self.folder, ignore_errors=True)


def nginx_binary() -> str:
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else "")
    if not found:
        raise SystemExit("nginx is not installed: apt-get install --no-install-recommends nginx")
    return found


def nginx_conf(ports: list[int], listen: int, folder: Path) -> str:
    """deploy/nginx.conf (the README's configuration) inside a minimal nginx.conf, with this
    run's ports and without TLS (the certificates are the agency's)."""
    site = NGINX_SITE.read_text(encoding="utf-8")
    servers = " ".join(f"server 127.0.0.1:{p};" for p in ports)
    site = re.sub(r"(upstream pantau \{[^}]*?)(server [^}]*)\}", rf"\1{servers} }}", site)
    site = re.sub(r"listen 443 ssl;[^\n]*", f"listen 127.0.0.1:{listen};", site)
    site = "\n".join(line for line in site.splitlines() if not line.strip().startswith("ssl_"))
    temp = " ".join(
        f"{name}_temp_path {folder / name};"
        for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return (
        f"worker_processes 1;\ndaemon off;\npid {folder / 'nginx.pid'};\n"
        f"error_log {folder / 'error.log'} warn;\nevents {{ worker_connections 4096; }}\n"
        f"http {{\n  access_log off;\n  {temp}\n{site}\n}}\n"
    )


def _wait(url: str, seconds: float = 90.0) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise SystemExit(f"{url} did not answer within {seconds:.0f} s")


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children, in MB (Linux /proc)."""
    total = 0
    for p in [pid, *_children(pid)]:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def cpu_seconds(pid: int) -> float:
    """Processor time (user and system) a process has used so far (Linux /proc)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def machine_busy_seconds() -> float:
    """Processor time the whole machine has spent busy so far, all cores (Linux /proc/stat)."""
    first = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    user, nice, system, idle, iowait, irq, softirq, steal = map(int, first[:8])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def _children(pid: int) -> list[int]:
    try:
        found = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []
    return [int(c) for c in found]


class Sampler(threading.Thread):
    """Each app process's resident memory, sampled every quarter second: the peak."""

    def __init__(self, pids: list[int]):
        super().__init__(daemon=True)
        self.pids, self.peak, self.running = pids, dict.fromkeys(pids, 0.0), True

    def run(self) -> None:
        while self.running:
            for pid in self.pids:
                self.peak[pid] = max(self.peak[pid], rss_mb(pid))
            time.sleep(0.25)

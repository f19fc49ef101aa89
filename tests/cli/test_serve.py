"""`indsats serve` runs gunicorn, one worker per core, DEBUG off, tokens out of its log lines."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> tuple[int, dict[str, str], str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status, dict(r.headers), r.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read().decode()


def _children(pid: int) -> list[int]:
    out = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text().split()
        out += [int(c) for c in text]
    return out


@pytest.fixture
def server(tmp_path):
    """`indsats serve` on a fresh embedded installation, stopped (Ctrl+C) afterwards."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "SECRET_KEY", "DEBUG"}
    }
    env["INDSATS_VAR_DIR"] = str(tmp_path)
    port = _free_port()
    log = open(tmp_path / "server.log", "w+")  # noqa: SIM115  (closed below)
    proc = subprocess.Popen(
        [sys.executable, "-m", "indsats.cli.main", "serve", "--port", str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(240):
            try:
                if _get(base + "/sundhed/")[0] == 200:
                    break
            except OSError:
                pass
            if proc.poll() is not None:
                break
            time.sleep(0.5)
        else:
            raise AssertionError("the server did not answer within 2 minutes")
        assert proc.poll() is None, (tmp_path / "server.log").read_text()[-3000:]
        yield proc, base, tmp_path / "server.log"
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


@pytest.mark.slow
def test_serve_runs_gunicorn_with_one_worker_per_core_and_debug_off(server):
    proc, base, log_path = server
    status, headers, _ = _get(base + "/sundhed/")
    assert status == 200 and "gunicorn" in headers.get("Server", ""), headers
    # The CLI process is gunicorn's master; its children are the workers.
    assert len(_children(proc.pid)) == (os.cpu_count() or 1)
    status, _, body = _get(base + "/findes-ikke/")
    assert status == 404 and "URLconf" not in body and "Traceback" not in body

    token = "eyJzYWciOiIwMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDAifQ:1tFake:Signature"
    assert _get(f"{base}/booking/{token}/")[0] == 404
    time.sleep(1)  # the access line is written after the response
    text = log_path.read_text()
    assert "/booking/[token]/" in text, text[-3000:]
    assert token[:20] not in text and "1tFake" not in text

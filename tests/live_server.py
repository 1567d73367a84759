"""A real `policykb serve` in a subprocess on 127.0.0.1 and a free port, for tests that need real HTTP."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

START_TIMEOUT = 180.0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def policykb_command() -> list[str]:
    exe = Path(sys.executable).parent / "policykb"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "api.cli"]


@contextmanager
def live_server(home: Path, *global_args: str, env: dict[str, str] | None = None,
                log: Path | None = None) -> Iterator[str]:
    """Start `policykb --home HOME [ARGS] serve --port P`, wait for /health, yield the base URL, stop it."""
    port = free_port()
    cmd = [*policykb_command(), "--home", str(home), *global_args, "serve", "--host", "127.0.0.1",
           "--port", str(port)]
    full_env = {k: v for k, v in os.environ.items() if k != "POLICYKB_API_KEY"}  # only what the test says
    full_env.update(env or {})
    out = open(log, "wb") if log else subprocess.DEVNULL  # noqa: SIM115 - closed below
    proc = subprocess.Popen(cmd, env=full_env, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(proc, base, log)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if log:
            out.close()  # type: ignore[union-attr]


def _wait_ready(proc: subprocess.Popen[bytes], base: str, log: Path | None) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            tail = log.read_text(errors="replace")[-3000:] if log else "(no log)"
            raise RuntimeError(f"policykb serve exited with {proc.returncode}:\n{tail}")
        try:
            if httpx.get(base + "/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.25)
    raise RuntimeError(f"policykb serve did not answer /health within {START_TIMEOUT:.0f} s")

"""Settings of the HTTP API, read once from the environment when the app is made.

| variable | default | meaning |
| --- | --- | --- |
| `POLICYKB_API_KEY` | unset | when set, writes need `Authorization: Bearer <key>`; when unset, writes are allowed only on loopback |
| `POLICYKB_MAX_UPLOAD_MB` | 50 | largest accepted upload (413 beyond it) |
| `POLICYKB_MAX_INGESTS` | 2 | uploads being ingested at once; more get 429 (each holds its file in memory) |
| `POLICYKB_CACHE_SIZE` | 1024 | repeated searches and questions answered from memory (per index state); 0 turns it off |

A bad value fails at start-up with `ConfigError`, never on the first request.
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping
from dataclasses import dataclass

from ingest.errors import ConfigError

LOOPBACK_NAMES = ("localhost", "localhost.localdomain", "ip6-localhost")


@dataclass(frozen=True)
class Settings:
    host: str = "127.0.0.1"
    api_key: str | None = None
    max_upload_mb: float = 50.0
    max_ingests: int = 2
    cache_size: int = 1024

    @property
    def max_upload_bytes(self) -> int:
        return int(self.max_upload_mb * 1024 * 1024)

    @property
    def loopback(self) -> bool:
        return is_loopback(self.host)

    @property
    def writes(self) -> str:
        """How writes are guarded: `key` (bearer key), `open` (loopback, no key) or `refused`."""
        if self.api_key:
            return "key"
        return "open" if self.loopback else "refused"

    @classmethod
    def from_env(cls, host: str = "127.0.0.1", env: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if env is None else env
        key = (env.get("POLICYKB_API_KEY") or "").strip() or None
        return cls(host=host, api_key=key,
                   max_upload_mb=_number(env, "POLICYKB_MAX_UPLOAD_MB", 50.0, float),
                   max_ingests=int(_number(env, "POLICYKB_MAX_INGESTS", 2, int)),
                   cache_size=int(_number(env, "POLICYKB_CACHE_SIZE", 1024, int, allow_zero=True)))


def is_loopback(host: str) -> bool:
    h = host.strip().strip("[]").lower()
    if h in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(h).is_loopback
    except ValueError:
        return False


def _number(env: Mapping[str, str], name: str, default: float, kind: type, allow_zero: bool = False) -> float:
    raw = env.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        value = kind(raw)
    except ValueError:
        raise ConfigError(f"{name}={raw!r} is not a number; unset it or give e.g. {name}={default}") from None
    if value < 0 or (value == 0 and not allow_zero):
        raise ConfigError(f"{name}={raw!r} must be {'0 or more' if allow_zero else 'greater than 0'}")
    return float(value)

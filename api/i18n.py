"""The one message table of everything a person reads: the page, CSV/XLSX headers, finding notes.

`api/http/static/messages.json` holds `{"zh": {key: text}, "en": {key: text}}` with the same
keys in both languages (a test checks). The page loads the file itself (`/static/messages.json`);
Python reads it here for the spreadsheet and calendar exports, so a header says the same thing
in a download as on the page. Templates use `{name}` placeholders.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Literal

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")
MESSAGES_PATH = Path(__file__).resolve().parent / "http" / "static" / "messages.json"


@lru_cache(maxsize=1)
def messages() -> dict[str, dict[str, str]]:
    data: dict[str, dict[str, str]] = json.loads(MESSAGES_PATH.read_text(encoding="utf-8"))
    return data


def msg(lang: str, key: str, **args: object) -> str:
    """The text of `key` in `lang` (English, then the key itself, when missing), placeholders filled."""
    table = messages()
    text = table.get(lang, {}).get(key) or table["en"].get(key) or key
    for name, value in args.items():
        text = text.replace("{" + name + "}", str(value))
    return text


def default_lang() -> Lang:
    """The command line's language for exports: Chinese when the locale says so, else English."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def columns(lang: str, keys: list[str]) -> dict[str, str]:
    """{field: localised column header} for spreadsheet rows built with these field keys."""
    return {k: msg(lang, "col_" + k) for k in keys}

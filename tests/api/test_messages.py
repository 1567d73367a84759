"""The one message table: both languages have the same keys, the page names no key it lacks, the Chinese
side has no English words but names, and every finding's note has a template its arguments fill."""

from __future__ import annotations

import re
from pathlib import Path

from api.crosscheck.checks import find_findings
from api.http.errors import HTTP_CODES
from api.i18n import MESSAGES_PATH, messages, msg
from index.store import Store
from ingest import errors

STATIC = MESSAGES_PATH.parent
NAMES = {"policykb", "CSV", "Excel", "ICS", "API", "BM25", "MB", "pdf", "txt", "md", "docx", "html", "htm", "ingest", "English"}
ENUMS = {
    "fk_": ["conflict", "sum", "naming", "unmet"], "role_": ["lead", "participant", "responsible"],
    "status_": ["overdue", "due", "later", "ongoing", "no deadline"], "kind_": ["target", "baseline", "achieved"],
    "dk_": ["by", "in_year", "ongoing"], "type_": ["responsibility", "deadline", "target", "fact", "none"],
    "basis_": ["stated", "relative", "recurring"], "lang_": ["zh", "en"],
    "what_": ["place name", "unit name", "document title"], "due_rule_": ["any", "last"],
    "due_rule_note_": ["any", "last"], "example_": ["1", "2", "3"],
}


def test_both_languages_have_the_same_non_empty_keys() -> None:
    table = messages()
    assert set(table) == {"zh", "en"} and set(table["zh"]) == set(table["en"])
    assert all(v.strip() for lang in table.values() for v in lang.values())
    for key in table["zh"]:  # the same placeholders on both sides
        assert set(re.findall(r"\{\w+\}", table["zh"][key])) == set(re.findall(r"\{\w+\}", table["en"][key])), key


def test_every_key_the_page_uses_is_in_the_table() -> None:
    used: set[str] = set()
    html = (STATIC / "index.html").read_text(encoding="utf-8")
    used |= set(re.findall(r'data-i18n(?:-ph)?="([^"]+)"', html))
    for js in STATIC.glob("*.js"):
        used |= set(re.findall(r'\bt\("([a-z0-9_ ]+)"', js.read_text(encoding="utf-8")))
    used |= {prefix + v for prefix, values in ENUMS.items() for v in values}
    codes = {c.code for c in vars(errors).values() if isinstance(c, type) and issubclass(c, errors.PolicyKBError)}
    used |= {"err_" + c for c in codes | set(HTTP_CODES.values()) if c not in ("error", "config", "index_mismatch",
                                                                             "method_not_allowed")}
    missing = {k for k in used if not k.endswith("_")} - set(messages()["en"])
    assert not missing, sorted(missing)


def test_the_chinese_side_has_no_english_words_but_names() -> None:
    zh = messages()["zh"]
    stray = {k: w for k, v in zh.items() if not k.startswith("example_")
             for w in re.findall(r"[A-Za-z]{2,}", re.sub(r"\{\w+\}", "", v)) if w not in NAMES}
    assert not stray, stray


def test_every_finding_note_has_a_template_its_arguments_fill(seed_store: Store) -> None:
    findings = find_findings(seed_store)
    assert findings and all(f["note_id"] for f in findings)
    for f in findings:
        for lang in ("zh", "en"):
            text = msg(lang, "note_" + f["note_id"], **f["note_args"])
            assert "note_" not in text and not re.search(r"\{\w+\}", text), (f["note_id"], text)
    assert {f["kind"] for f in findings} >= {"conflict", "naming"}


def test_the_page_builds_no_html_from_strings() -> None:
    for js in Path(STATIC).glob("*.js"):
        code = js.read_text(encoding="utf-8")
        assert "innerHTML" not in code and "insertAdjacentHTML" not in code and "document.write" not in code, js.name

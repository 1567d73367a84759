"""The import directions of docs/architecture.md, checked on the source: data flows ingest -> index -> api.

Each rule names a package and the packages it must not import (at any depth, including imports
inside functions). A new module that breaks the flow fails here with the offending line.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

FORBIDDEN: dict[str, tuple[str, ...]] = {
    "ingest": ("index", "api", "eval", "fastapi", "uvicorn"),
    "ingest.read": ("ingest.tasks", "ingest.targets", "ingest.pipeline"),
    "ingest.recognise": ("ingest.tasks", "ingest.targets", "ingest.pipeline"),
    "index": ("api", "eval", "fastapi", "uvicorn"),
    "api": ("eval",),
    "api.answer": ("fastapi", "api.http", "api.cli"),
    "api.crosscheck": ("fastapi", "api.http", "api.cli", "api.answer"),
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.extend((node.lineno, a.name) for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            out.append((node.lineno, node.module))
            out.extend((node.lineno, f"{node.module}.{a.name}") for a in node.names)
    return out


def _inside(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def _violations() -> list[str]:
    found = []
    for top in ("ingest", "index", "api"):
        for path in sorted((ROOT / top).rglob("*.py")):
            module = _module_name(path)
            for package, banned in FORBIDDEN.items():
                if not _inside(module, package):
                    continue
                for line, name in _imports(path):
                    if any(_inside(name, b) for b in banned):
                        found.append(f"{path.relative_to(ROOT)}:{line}: {module} imports {name} "
                                     f"({package} may not import {', '.join(banned)})")
    return found


def test_data_flows_one_way() -> None:
    assert _violations() == []


@pytest.mark.parametrize("package", ["ingest", "ingest.read", "ingest.recognise", "ingest.tasks", "ingest.targets",
                                     "index", "index.local", "index.milvus", "api", "api.answer", "api.crosscheck",
                                     "api.http"])
def test_each_package_says_what_it_does_and_may_import(package: str) -> None:
    init = ROOT / package.replace(".", "/") / "__init__.py"
    doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
    assert doc and "import" in doc.lower(), f"{init} needs a docstring saying what the package does and may import"

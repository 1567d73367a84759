"""The `policykb` command line (CONTRACT.md, "Command line").

Every sub-command takes `--json` and then prints exactly one JSON document on stdout;
progress bars and messages go to stderr. Exit codes: 0 success, 1 a file or lookup
failed (or the home's folder or database could not be used), 2 bad usage or a setting
that cannot work.

`serve` guards against slow clients (see `guarded_http_protocol`): a request's line and
headers must arrive within POLICYKB_HEADER_TIMEOUT seconds (default 10) and hold at most
64 KiB, and its body within POLICYKB_BODY_TIMEOUT seconds (default 300); idle keep-alive
connections close after 5 s.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from api.cli_due import iso_day, lang_arg
from api.cli_due import register as register_due
from index.backend import MODES, SearchFilters
from index.factory import BACKENDS
from index.home import Home
from ingest.errors import BadQueryError, NotFoundError, PolicyKBError
from ingest.settings import Settings, install

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
_GLOBAL_VALUED = ("--home", "--backend", "--embedder")  # global options that take a value


def _print_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=None) + "\n")


def _open(args: argparse.Namespace, create: bool = False) -> Home:
    """The home; read commands (create=False) first check it exists and holds documents, and create nothing."""
    if not create:
        from api.homecheck import require_documents

        require_documents(args.settings.home)
    return Home(args.settings.home, settings=args.settings)


# -- sub-commands ----------------------------------------------------------------------------
def cmd_ingest(args: argparse.Namespace) -> int:
    home = _open(args, create=True)
    report = home.ingest([Path(p) for p in args.paths], progress=not args.quiet, wait=args.wait)
    if args.json:
        _print_json(report.to_dict())
    else:
        for d in report.ingested:
            print(f"ingested  {d['source']}  ({d['doc_id']}): {d['chunks']} chunks, {d['tasks']} tasks, "
                  f"{d['targets']} targets")
        for d in report.skipped:
            print(f"unchanged {d.get('source')}  ({d.get('doc_id')})")
        for f in report.failed:
            print(f"FAILED    {f['error']}", file=sys.stderr)
        print(f"{len(report.ingested)} ingested, {len(report.skipped)} unchanged, {len(report.failed)} failed",
              file=sys.stderr)
        _note_vectors(report.vectors)
    return EXIT_FAILED if report.failed else EXIT_OK


def _note_vectors(vectors: dict[str, Any]) -> None:
    """On stderr, when not every chunk has its vectors yet: search ranks by text for the others."""
    if vectors and not vectors.get("complete", True):
        print(f"note: {vectors['embedded']} of {vectors['chunks']} chunks have their vectors so far; the rest are "
              "searchable by their text, and `policykb ingest` (any path) or the server makes their vectors",
              file=sys.stderr)


def cmd_documents(args: argparse.Namespace) -> int:
    docs = _open(args).documents()
    if args.json:
        _print_json(docs)
    else:
        for d in docs:
            vectors = "" if d["embedded"] >= d["chunks"] else f" ({d['embedded']} with vectors)"
            print(f"{d['doc_id']}  {d['lang']}  {d['chunks']:>4} chunks{vectors} {d['tasks']:>3} tasks "
                  f"{d['targets']:>4} targets  {d['source']}  {d['title']}")
    return EXIT_OK


def cmd_compact(args: argparse.Namespace) -> int:
    result = _open(args).compact()
    if args.json:
        _print_json(result)
    else:
        print(f"index rebuilt in one segment; store {result['store_bytes_before']:,} -> "
              f"{result['store_bytes_after']:,} bytes")
    return EXIT_OK


def cmd_remove(args: argparse.Namespace) -> int:
    _open(args).remove(args.doc_id)
    if args.json:
        _print_json({"removed": args.doc_id})
    else:
        print(f"removed {args.doc_id}")
    return EXIT_OK


def cmd_search(args: argparse.Namespace) -> int:
    if not args.query.strip():
        raise BadQueryError("the query is empty")
    home = _open(args)
    hits = home.search(args.query, k=args.k, mode=args.mode,
                       filters=SearchFilters(doc_ids=args.doc or [], lang=args.lang, section_prefix=args.section))
    vectors = home.vector_status()
    if args.json:
        _print_json({"query": args.query, "mode": args.mode, "hits": [h.to_dict() for h in hits], "vectors": vectors})
    else:
        if args.mode != "bm25":
            _note_vectors(vectors)
        for i, h in enumerate(hits, 1):
            print(f"{i:>2}. {h.score:.4f}  {h.source} p.{h.page or '-'}  {h.section}")
            print(f"    {h.quote[:160]}")
    return EXIT_OK


def cmd_ask(args: argparse.Namespace) -> int:
    from api.answer.answerer import answer_question

    answer = answer_question(_open(args), args.question)
    if args.json:
        _print_json(answer)
    else:
        print(answer["answer"])
        for i, c in enumerate(answer["citations"], 1):
            print(f"  [{i}] {c['source']} {c['section']}: {c['quote'][:120]}")
    return EXIT_OK


def cmd_tasks(args: argparse.Namespace) -> int:
    from api.i18n import default_lang
    from api.records import export_rows, list_tasks, write_table

    store = _open(args).store
    tasks = list_tasks(store, unit=args.unit, doc_id=args.doc, due_before=args.due_before, due_rule=args.due_rule)
    lang = args.lang or default_lang()
    if args.csv:
        write_table(Path(args.csv), export_rows(tasks, lang))
    if args.xlsx:  # the responsibility matrix of these tasks (openpyxl: ~0.35 s of imports, only when asked)
        from api.matrix import write_matrix

        write_matrix(Path(args.xlsx), tasks, lang, titles=_titles(store))
    if args.json:
        _print_json([t.to_dict() for t in tasks])
    else:
        for t in tasks:
            units = "、".join(f"{u.name}({u.role})" for u in t.units)
            dl = "; ".join(d.text for d in t.deadlines) or ("ongoing" if t.ongoing else "-")
            print(f"{t.source} {t.number} {t.title}\n    units: {units}\n    deadline: {dl}")
    return EXIT_OK


def cmd_targets(args: argparse.Namespace) -> int:
    from api.records import list_targets

    targets = list_targets(_open(args).store, indicator=args.indicator, scope=args.scope, doc_id=args.doc)
    if args.json:
        _print_json([t.to_dict() for t in targets])
    else:
        for t in targets:
            print(f"{t.source}  {t.scope}  {t.indicator}  {t.comparator} {t.value:g} {t.unit}  "
                  f"{t.year or ''} {t.kind}")
    return EXIT_OK


def cmd_units(args: argparse.Namespace) -> int:
    import datetime as dt

    from api.due import DueQuery, due_list, unit_load
    from api.i18n import default_lang
    from api.records import matrix_rows, responsibility_matrix, write_table

    store = _open(args).store
    matrix = responsibility_matrix(store, doc_id=args.doc)
    unit_load(matrix, due_list(store, DueQuery(as_of=args.as_of or dt.date.today(), doc_id=args.doc)))
    lang = args.lang or default_lang()
    if args.csv:
        write_table(Path(args.csv), matrix_rows(matrix, lang))
    if args.xlsx:
        from api.matrix import write_matrix

        write_matrix(Path(args.xlsx), store.tasks(args.doc), lang, titles=_titles(store))
    if args.json:
        _print_json(matrix)
    else:
        for row in matrix:
            print(f"{row['unit']}  led {row['led']}, joined {row['joined']}, overdue {row['overdue']}")
    return EXIT_OK


def _titles(store: Any) -> dict[str, str]:
    return {d["doc_id"]: d["title"] or d["source"] for d in store.documents()}


def cmd_due(args: argparse.Namespace) -> int:
    from api.cli_due import print_due, run_due

    doc = run_due(args, _open(args).store)
    if args.json:
        _print_json(doc)
    else:
        print_due(doc)
    return EXIT_OK


def cmd_crosscheck(args: argparse.Namespace) -> int:
    from api.crosscheck.checks import find_findings

    findings = find_findings(_open(args).store)
    if args.json:
        _print_json(findings)
    else:
        for f in findings:
            vals = " vs ".join(f"{v['value']:g}{v['unit']} ({v['citation']['source']})" for v in f["values"])
            print(f"[{f['kind']}] {f['scope']} {f['indicator']}: {vals}\n    {f['note']}")
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from api.http.app import create_app
    from api.http.server import guarded_http_protocol

    settings = args.settings.with_(host=args.host)
    home = Home(settings.home, settings=settings)  # a home that cannot be served is one line here, not a traceback
    try:
        home.check_embedder()
        home.search("水土保持", k=1, mode="bm25")
    finally:
        home.close()
    protocol = guarded_http_protocol(settings.header_timeout, settings.body_timeout)
    app = create_app(settings.home, host=args.host, settings=settings)
    uvicorn.run(app, host=args.host, port=args.port, log_level="info", timeout_keep_alive=5, http=protocol)
    return EXIT_OK


# -- parser ----------------------------------------------------------------------------------
def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The whole parser; given the `command` about to run, plugins are loaded only when it is not a core one."""
    p = argparse.ArgumentParser(
        prog="policykb",
        description="Knowledge base and grounded Q&A over Chinese and English policy and plan documents.",
        epilog="Example: policykb ingest corpus/ && policykb ask '崩岗治理由哪些单位负责？'")
    p.add_argument("--home", help=_setting_help("POLICYKB_HOME"))
    p.add_argument("--backend", choices=BACKENDS, default=None, help=_setting_help("POLICYKB_BACKEND"))
    p.add_argument("--embedder", default=None, help=_setting_help("POLICYKB_EMBEDDER"))
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, fn: Callable[[argparse.Namespace], int], help_: str) -> argparse.ArgumentParser:
        sp = sub.add_parser(name, help=help_, description=help_)
        sp.add_argument("--json", action="store_true", help="print exactly one JSON document on stdout")
        sp.set_defaults(func=fn)
        return sp

    sp = add("ingest", cmd_ingest, "ingest files and folders (.pdf .txt .md .docx .html .htm, recursively)")
    sp.add_argument("paths", nargs="+", metavar="PATH")
    sp.add_argument("-q", "--quiet", action="store_true", help="no progress bars")
    sp.add_argument("--wait", dest="wait", action="store_true", default=True,
                    help="return once every chunk has its vectors (the default); documents are searchable by "
                         "their text before that")
    sp.add_argument("--no-wait", dest="wait", action="store_false",
                    help="return once the documents are searchable by their text; their vectors are made by the "
                         "next `ingest` or by a running server")
    add("documents", cmd_documents, "list the documents in the home (with how many chunks have vectors)")
    add("compact", cmd_compact, "rebuild the index in one segment and give the store's free space back")
    sp = add("remove", cmd_remove, "remove a document with its chunks, records and index entries")
    sp.add_argument("doc_id", metavar="DOC_ID")
    sp = add("search", cmd_search, "hybrid (BM25 + embedding) search; hits cite their best sentence")
    sp.add_argument("query", metavar="QUERY")
    sp.add_argument("-k", type=_positive_k, default=10, help="number of hits (1-100, default 10)")
    sp.add_argument("--doc", action="append", metavar="DOC_ID", help="only these documents (repeatable)")
    sp.add_argument("--mode", choices=MODES, default="hybrid", help="retrieval mode (default hybrid)")
    sp.add_argument("--lang", choices=("zh", "en"), help="only documents in this language")
    sp.add_argument("--section", metavar="PREFIX", help="only chunks whose heading path starts with PREFIX")
    sp = add("ask", cmd_ask, "answer a question with citations (who, by when, what target, facts)")
    sp.add_argument("question", metavar="QUESTION")
    sp = add("tasks", cmd_tasks, "task records: measures with responsible units and deadlines")
    sp.add_argument("--unit", metavar="U", help="only tasks of this unit (as written or normalised)")
    sp.add_argument("--doc", metavar="DOC_ID")
    sp.add_argument("--due-before", metavar="YYYY-MM-DD", type=_date_arg, help="only tasks due before this date")
    sp.add_argument("--due-rule", choices=("any", "last"), default="any",
                    help="--due-before keeps tasks with any deadline before the date (any, default) or whose "
                    "last deadline is before it (last)")
    sp.add_argument("--csv", metavar="FILE", help="also write the tasks to a CSV file (one row per task)")
    sp.add_argument("--xlsx", metavar="FILE", help="also write the responsibility matrix of these tasks to an "
                    "Excel file")
    sp.add_argument("--lang", type=lang_arg, metavar="zh|en", help="language of file headers (default: the locale)")
    sp = add("targets", cmd_targets, "target records: indicator, scope, value, unit, year, kind")
    sp.add_argument("--indicator", metavar="I")
    sp.add_argument("--scope", metavar="S")
    sp.add_argument("--doc", metavar="DOC_ID")
    sp = add("units", cmd_units, "responsibility matrix: each unit, its aliases, its tasks with role")
    sp.add_argument("--doc", metavar="DOC_ID")
    sp.add_argument("--as-of", type=iso_day, metavar="YYYY-MM-DD", help="the date overdue counts are for "
                    "(default today)")
    sp.add_argument("--csv", metavar="FILE", help="also write the matrix to a CSV file (one row per unit and task)")
    sp.add_argument("--xlsx", metavar="FILE", help="also write the matrix to an Excel file (units down, tasks "
                    "across, one sheet per document)")
    sp.add_argument("--lang", type=lang_arg, metavar="zh|en", help="language of file headers (default: the locale)")
    add("crosscheck", cmd_crosscheck, "target consistency findings across documents and tables")
    register_due(add, cmd_due)
    # `eval` lives in the eval package, which the product does not import. Finding entry points scans
    # every installed distribution (~0.1 s with loading the plugin): core commands skip it.
    if command is None or command not in sub.choices:
        for plugin in _plugins():
            plugin(add)
    sp = add("serve", cmd_serve, "serve the HTTP API and the web page")
    sp.add_argument("--host", default="127.0.0.1")
    sp.add_argument("--port", type=_port, default=8000, help="TCP port, 1-65535 (default 8000)")
    return p


def _setting_help(name: str) -> str:
    """A global option's help: the meaning of its setting, as in the README's settings table."""
    from ingest.settings import VARIABLES

    var = next(v for v in VARIABLES if v.name == name)
    default = f"default {var.default}; " if var.default is not None else ""
    return f"{var.meaning} ({default}${name})"


def _plugins() -> list[Callable[..., None]]:
    """Sub-commands registered by other installed packages (entry point group `policykb.commands`).

    Each is a function `register(add)` that adds its parser through `add(name, func, help)`."""
    from importlib.metadata import entry_points

    found = []
    for ep in entry_points(group="policykb.commands"):
        try:
            found.append(ep.load())
        except ImportError:  # a plugin whose package is gone: the core commands still work
            continue
    return found


def _positive_k(value: str) -> int:
    try:
        k = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"-k takes a whole number, not {value!r}") from None
    if not 1 <= k <= 100:
        raise argparse.ArgumentTypeError("-k must be between 1 and 100")
    return k


def _port(value: str) -> int:
    try:
        port = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--port takes a whole number, not {value!r}") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"--port must be between 1 and 65535, not {port}")
    return port


def _date_arg(value: str) -> str:
    import datetime as dt

    try:
        dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date YYYY-MM-DD, not {value!r}") from None
    return value


def _command_of(argv: list[str]) -> str | None:
    """The sub-command named in `argv`: the first word that is neither an option nor a global option's value."""
    i = 0
    while i < len(argv):
        word = argv[i]
        if word.startswith("--") and "=" not in word and any(o.startswith(word) for o in _GLOBAL_VALUED):
            i += 2
        elif word.startswith("-"):
            i += 1
        else:
            return word
    return None


def main(argv: list[str] | None = None) -> int:
    parser = build_parser(_command_of(sys.argv[1:] if argv is None else argv))
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        args.settings = install(Settings.from_env(home=args.home, backend=args.backend, embedder=args.embedder))
        return int(args.func(args))
    except NotFoundError as exc:
        return _fail(args, exc, EXIT_FAILED)
    except BadQueryError as exc:
        return _fail(args, exc, EXIT_USAGE)
    except PolicyKBError as exc:
        return _fail(args, exc, EXIT_USAGE)
    except (OSError, sqlite3.Error) as exc:  # an unusable home folder or database, a full disk
        where = args.settings.home if hasattr(args, "settings") else args.home
        return _fail(args, PolicyKBError(f"{where}: {exc}"), EXIT_FAILED)
    except KeyboardInterrupt:
        print("policykb: interrupted", file=sys.stderr)
        return 130


def _fail(args: argparse.Namespace, exc: PolicyKBError, code: int) -> int:
    print(f"policykb: {exc}", file=sys.stderr)
    if getattr(args, "json", False):
        _print_json({"error": {"code": exc.code, "message": str(exc)}})
    return code


if __name__ == "__main__":
    sys.exit(main())

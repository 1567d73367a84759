"""The README's command table, made from the parser itself, so `--help` and the README say the same.

`python -m api.cli_help` prints the table; `tests/api/test_cli_first_hour.py` keeps the README's
block between `<!-- commands:start` and `<!-- commands:end -->` equal to it. The global options'
help comes from the settings' meanings (`ingest/settings.py`), the source of the settings table.
"""

from __future__ import annotations

import argparse


def _sub_action(parser: argparse.ArgumentParser) -> argparse._SubParsersAction:  # type: ignore[type-arg]
    return next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))


def _option(action: argparse.Action) -> str:
    if not action.option_strings:
        return str(action.metavar or action.dest)
    flag = max(action.option_strings, key=len)
    if action.nargs == 0:
        return flag
    if action.choices:
        return f"{flag} {'|'.join(str(c) for c in action.choices)}"
    return f"{flag} {action.metavar or action.dest.upper()}"


def command_help(parser: argparse.ArgumentParser) -> dict[str, str]:
    """{sub-command: its one-line help}, as `policykb --help` lists them."""
    return {a.dest: str(a.help) for a in _sub_action(parser)._choices_actions}


def markdown_table(parser: argparse.ArgumentParser) -> str:
    """Global options, then each sub-command with its options (but -h and --json) and its help."""
    rows = ["| command or option | arguments | does |", "| --- | --- | --- |"]
    for action in parser._actions:
        if action.option_strings and action.dest != "help":
            rows.append(f"| `{max(action.option_strings, key=len)}` | | {action.help} |")
    subs = _sub_action(parser)
    for name, help_ in command_help(parser).items():
        sp = subs.choices[name]
        opts = [f"`{_option(a)}`".replace("|", "\\|") for a in sp._actions if a.dest not in ("help", "json")]
        rows.append(f"| `policykb {name}` | {' '.join(opts)} | {help_} |".replace("  ", " "))
    return "\n".join(rows)


if __name__ == "__main__":  # python -m api.cli_help: print the table for the README
    from api.cli import build_parser

    print(markdown_table(build_parser()))

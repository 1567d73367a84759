"""Size scaling of ingestion: time and peak memory at 1x, 2x and 4x sizes (a benchmark, not a test).

For each kind of large or pathological document - a long PDF, a big text file, one long
line without punctuation, one giant table, an HTML page of many paragraphs - it generates
the document at 1x, 2x and 4x and ingests it into a fresh home in a child process,
recording the parse time (load -> clean -> structure -> chunk -> extract), the whole
ingest time (parse + store + BM25/FAISS build) and the child's peak RSS. The `hash`
embedder is used so that the figures are those of ingestion itself: embedding costs a
fixed time per chunk (see eval.bench.retrieval). Linear work doubles from 1x to 2x and
quadruples to 4x; quadratic work would grow 4x and 16x.

    python -m eval.bench.scale                    # 4x = issue 8's sizes: 500 pages, 20 MB, a 5 MB line, 30,000 rows
    python -m eval.bench.scale --scale 0.1        # everything ten times smaller
    python -m eval.bench.scale --kinds pdf --json

The generators are shared with tests/test_pathological.py, which runs the same documents
at small sizes in CI and at full size with POLICYKB_LONG=1.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

RUNNING_HEAD = "某省水土保持规划(2021-2035年)"
REGIONS = ["东山", "西岭", "南湖", "北坡", "中河", "青溪", "白石", "红岩", "金沙", "玉泉", "松林", "竹园", "桃源"]
FILLER = ("坚持生态优先、绿色发展,统筹山水林田湖草沙系统治理,因地制宜实施坡耕地综合整治、侵蚀沟治理和生态清洁小流域建设,"
          "健全水土保持监管制度体系,提升监测能力和信息化水平,")
NEEDLE = "鹰嘴岩崩岗群"
TABLE_CAPTION = "附表1 各乡镇水土保持率目标"


# -- generators ------------------------------------------------------------------------------
def page_line(p: int) -> str:
    """A line only page `p` holds, found by a query no other page matches."""
    code = "".join(REGIONS[int(d)] for d in f"{p:03d}")
    return f"本页专项:{code}坡面水系工程。"


def plan_pages(pages: int, seed: int = 1) -> list[list[str]]:
    """The lines of a plan of `pages` pages: a running head, numbered measures, one line unique to the page.

    Every page starts with a measure alike up to its numbers ("1.推进片区水土流失治理,治理面积N平方
    公里。"): content that must survive the removal of running heads."""
    rng = random.Random(seed)
    body = []
    for p in range(1, pages + 1):
        lines = [RUNNING_HEAD, f"1.推进片区水土流失治理,治理面积{rng.randint(10, 999)}平方公里。"]
        if p % 25 == 1:
            lines.append(f"第{p // 25 + 1}章 第{p // 25 + 1}部分重点任务")
        for i in range(2, 30):
            lines.append(f"{i}.{REGIONS[(p + i) % len(REGIONS)]}片区实施综合治理,到2025年治理面积达到"
                         f"{rng.randint(10, 999)}平方公里。")
        lines.insert(15, page_line(p))
        body.append(lines)
    return body


def plan_pdf(path: Path, pages: int, seed: int = 1) -> Path:
    """`plan_pages` as a PDF (reportlab's CJK font), with "- N -" at the foot of each page."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path), pagesize=A4)
    for number, lines in enumerate(plan_pages(pages, seed), start=1):
        c.setFont("STSong-Light", 11)
        y = 800
        for line in lines:
            c.drawString(50, y, line)
            y -= 18
        c.drawString(290, 30, f"- {number} -")
        c.showPage()
    c.save()
    return path


def big_text(n_bytes: int) -> str:
    """Plan-like text of about `n_bytes` UTF-8 bytes, with NEEDLE in its last paragraph."""
    parts, size, i = ["某市水土保持综合治理实施方案", "一、总体要求"], 0, 0
    while size < n_bytes:
        i += 1
        para = (f"({i % 9 + 1}){REGIONS[i % len(REGIONS)]}片区第{i}项措施。{FILLER}"
                f"确保完成年度治理任务{i % 50 + 1}平方公里。")
        if i % 40 == 0:
            parts.append(f"{'一二三四五六七八九'[i // 40 % 9]}、第{i // 40}部分")
        parts.append(para)
        size += len(para.encode("utf-8")) + 1
    parts.append(f"最后一段:{NEEDLE}综合整治由县水利局牵头。")
    return "\n".join(parts)


def long_line(n_bytes: int) -> str:
    """One line of about `n_bytes` UTF-8 bytes without punctuation or spaces, NEEDLE in the middle."""
    unit = "水土保持综合治理工程建设管理各地区加强领导落实责任确保完成目标任务"
    n = n_bytes // 3
    line = (unit * (n // len(unit) + 1))[:n]
    return line[:n // 2] + NEEDLE + line[n // 2:]


def giant_table(rows: int) -> list[list[str]]:
    """A header row and `rows` rows of five cells (number, town, area, current and target rates)."""
    header = [["序号", "乡镇", "治理面积(km²)", "水土保持率现状值(%)", "水土保持率目标值(%)"]]
    rng = random.Random(rows)
    return header + [[str(i), f"{REGIONS[i % len(REGIONS)]}{i}号镇", f"{rng.randint(1, 999)}.{rng.randint(0, 9)}",
                      f"{rng.randint(50, 80)}.{rng.randint(10, 99)}", f"{rng.randint(80, 95)}.{rng.randint(10, 99)}"]
                     for i in range(1, rows + 1)]


def flattened_table(table: list[list[str]], caption: str = TABLE_CAPTION) -> str:
    """A table as PDF extraction gives it: a caption, one cell per line after a tab, blank lines between rows."""
    return caption + "\n\n" + "\n\n".join("\n".join("\t" + c for c in row) for row in table) + "\n"


def html_paragraphs(n: int) -> str:
    return "<html><body>" + "".join(f"<p>{REGIONS[i % len(REGIONS)]}片区第{i}项治理措施。</p>"
                                    for i in range(n)) + "</body></html>"


# -- the benchmark ---------------------------------------------------------------------------
KINDS: dict[str, tuple[str, int, Callable[[Path, int], Path]]] = {
    # kind: (what 1x is, 1x size, writer of a file of that size)
    "pdf": ("PDF pages", 125, lambda folder, n: plan_pdf(folder / "plan.pdf", n)),
    "text": ("KB of text", 5120, lambda folder, n: _write(folder / "big.txt", big_text(n * 1024))),
    "line": ("KB in one line", 1280, lambda folder, n: _write(folder / "line.txt", long_line(n * 1024))),
    "table": ("table rows", 7500, lambda folder, n: _write(folder / "table.txt", flattened_table(giant_table(n)))),
    "html": ("HTML paragraphs", 25_000, lambda folder, n: _write(folder / "many.html", html_paragraphs(n))),
}


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def child(path: Path, home: Path) -> None:
    """In the measured process: parse `path`, then ingest it into `home`; print the times as JSON."""
    from index.home import Home
    from ingest.pipeline import parse_file

    started = time.perf_counter()
    doc = parse_file(path)
    parsed = time.perf_counter() - started
    chunks = len(doc.chunks)
    del doc
    h = Home(home, embedder="hash")
    started = time.perf_counter()
    report = h.ingest([path])
    ingested = time.perf_counter() - started
    h.close()
    if report.failed:
        raise SystemExit(f"ingest failed: {report.failed}")
    print(json.dumps({"parse_s": parsed, "ingest_s": ingested, "chunks": chunks}))


def measure(kind: str, size: int, scratch: Path) -> dict[str, float]:
    """Generate one document and ingest it in a child process; times, chunks, peak RSS and file size.

    The child is reaped with `os.wait4`, which returns its own resource usage: its peak RSS."""
    folder = Path(tempfile.mkdtemp(dir=scratch))
    path = KINDS[kind][2](folder, size)
    cmd = [sys.executable, "-m", "eval.bench.scale", "--child", str(path), str(folder / "home")]
    with open(folder / "out.json", "w") as out, open(folder / "err.txt", "w") as err:
        proc = subprocess.Popen(cmd, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{kind} x{size}: the child failed:\n{(folder / 'err.txt').read_text()[-3000:]}")
    result: dict[str, float] = json.loads((folder / "out.json").read_text().strip().splitlines()[-1])
    result["file_mb"] = path.stat().st_size / 1024 / 1024
    result["peak_rss_mb"] = usage.ru_maxrss / 1024  # Linux: kilobytes
    return result


def run(kinds: list[str], scale: float) -> list[dict[str, Any]]:
    """Every kind at 1x, 2x and 4x; each row also holds its times relative to 1x."""
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="policykb-scale-") as tmp:
        fixed = measure("line", 1, Path(tmp))  # a one-chunk document: the start-up cost of an ingest
        print(f"fixed cost of an ingest (one chunk): {fixed['ingest_s']:.2f} s, peak RSS {fixed['peak_rss_mb']:.0f} MB",
              file=sys.stderr)
        for kind in kinds:
            what, base, _ = KINDS[kind]
            first: dict[str, float] = {}
            for mult in (1, 2, 4):
                size = max(1, round(base * scale * mult))
                r = measure(kind, size, Path(tmp))
                first = first or r
                row: dict[str, Any] = {
                    "kind": kind, "x": mult, "size": f"{size} {what}", **r,
                    "parse_ratio": r["parse_s"] / first["parse_s"],
                    "ingest_ratio": (r["ingest_s"] - fixed["ingest_s"]) / max(1e-9, first["ingest_s"] - fixed["ingest_s"])}
                rows.append(row)
                print(_line(row), file=sys.stderr, flush=True)
    return rows


def _line(r: dict[str, Any]) -> str:
    return (f"{r['kind']:<6} {r['x']}x {r['size']:<22} {r['file_mb']:6.1f} MB  parse {r['parse_s']:7.2f} s "
            f"(x{r['parse_ratio']:.1f})  ingest {r['ingest_s']:7.2f} s (x{r['ingest_ratio']:.1f} beyond the fixed "
            f"cost)  {r['chunks']:>6} chunks  peak RSS {r['peak_rss_mb']:5.0f} MB")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m eval.bench.scale", description=__doc__.split("\n\n")[0])
    p.add_argument("--kinds", default=",".join(KINDS), help=f"comma-separated, of: {', '.join(KINDS)}")
    p.add_argument("--scale", type=float, default=1.0, help="multiply every size (default 1: 4x = issue 8's sizes)")
    p.add_argument("--json", action="store_true", help="print the rows as JSON on stdout")
    p.add_argument("--child", nargs=2, metavar=("FILE", "HOME"), help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.child:
        child(Path(args.child[0]), Path(args.child[1]))
        return 0
    kinds = [k for k in args.kinds.split(",") if k]
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        p.error(f"unknown kinds {unknown}; valid: {', '.join(KINDS)}")
    rows = run(kinds, args.scale)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())

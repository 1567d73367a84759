"""Real test documents generated on the fly: Chinese PDFs (reportlab's built-in STSong-Light),
DOCX, HTML, text in several encodings, and broken files of every kind."""

from __future__ import annotations

import io
from pathlib import Path

PLAN_LINES = [
    "某省林业发展实施方案",
    "一、总体要求",
    "(一)主要目标",
    "到2025年,全省森林覆盖率达到45%以上。",
    "二、重点任务",
    "(一)加强森林资源保护",
    "1.完善林长制。建立省市县三级林长体系,压实保护发展森林资源责任。[责任单位:省林业局、各市人民政府]",
    "2.开展国土绿化行动。科学推进造林绿化,2024年6月底前完成年度任务。(责任单位:省林业局牵头,省自然资源厅参与。完成时限:2024年6月底前)",
]


def chinese_pdf(path: Path, pages: list[list[str]]) -> Path:
    """A PDF with one list of lines per page, in a CJK font pypdf can extract."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    c = canvas.Canvas(str(path), pagesize=A4)
    for number, lines in enumerate(pages, start=1):
        c.setFont("STSong-Light", 11)
        y = 800
        for line in lines:
            c.drawString(50, y, line)
            y -= 18
        c.drawString(290, 30, f"- {number} -")
        c.showPage()
    c.save()
    return path


def encrypted_pdf(path: Path, source: Path) -> Path:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(source).pages:
        writer.add_page(page)
    writer.encrypt(user_password="secret", owner_password="owner")
    with path.open("wb") as f:
        writer.write(f)
    return path


def zero_page_pdf(path: Path) -> Path:
    from pypdf import PdfWriter

    buf = io.BytesIO()
    PdfWriter().write(buf)
    path.write_bytes(buf.getvalue())
    return path


def docx_file(path: Path, paragraphs: list[str], table: list[list[str]] | None = None) -> Path:
    import docx

    d = docx.Document()
    for p in paragraphs:
        d.add_paragraph(p)
    if table:
        t = d.add_table(rows=len(table), cols=len(table[0]))
        for i, row in enumerate(table):
            for j, cell in enumerate(row):
                t.cell(i, j).text = cell
    d.save(str(path))
    return path

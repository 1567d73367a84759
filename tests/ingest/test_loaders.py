"""Loaders and bad input: every broken file fails alone with a message naming it."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.home import Home
from ingest.errors import IngestError
from ingest.pipeline import parse_file
from ingest.read.loaders import decode_text, load_file
from tests.docgen import PLAN_LINES, chinese_pdf, docx_file, encrypted_pdf, zero_page_pdf

TEXT = "\n".join(PLAN_LINES)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16", "utf-16-le", "utf-16-be"])
def test_text_encodings_are_detected(tmp_path: Path, encoding: str) -> None:
    data = TEXT.encode(encoding)
    if encoding == "utf-16-le":
        data = TEXT.encode("utf-16-le")  # no BOM: detected from the zero bytes
    assert decode_text(data, "x.txt") == TEXT


def test_pdf_pages_and_page_map(tmp_path: Path) -> None:
    pdf = chinese_pdf(tmp_path / "plan.pdf", [PLAN_LINES[:4], PLAN_LINES[4:]])
    doc = parse_file(pdf)
    assert doc.pages == 2
    assert "森林覆盖率达到45%以上" in doc.text
    assert "- 1 -" not in doc.text and "- 2 -" not in doc.text  # page numbers are furniture
    second = doc.text.index("二、重点任务")
    chunk = next(c for c in doc.chunks if c.start <= second < c.end)
    assert chunk.page == 2
    assert all(doc.text[c.start:c.end] == c.text for c in doc.chunks)


def test_docx_and_html(tmp_path: Path) -> None:
    d = parse_file(docx_file(tmp_path / "a.docx", PLAN_LINES, [["序号", "任务", "牵头单位"], ["1", "造林", "省林业局"]]))
    assert "完善林长制" in d.text and "省林业局" in d.text
    assert any(b.kind == "table_row" for b in d.blocks)
    html = "<html><head><title>T</title><script>x=1</script></head><body>" + "".join(
        f"<p>{line}</p>" for line in PLAN_LINES) + "</body></html>"
    (tmp_path / "a.html").write_text(html, encoding="utf-8")
    h = parse_file(tmp_path / "a.html")
    assert "完善林长制" in h.text and "x=1" not in h.text


BAD = {
    "empty.txt": b"",
    "blank.txt": b"   \n\n  ",
    "binary.txt": bytes(range(256)) * 40,
    "corrupt.pdf": b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage",
    "notes.xyz": b"hello",
}


def _bad_files(folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name, data in BAD.items():
        (folder / name).write_bytes(data)
        paths[name] = folder / name
    src = folder.parent / "src"
    src.mkdir(exist_ok=True)
    good = chinese_pdf(src / "good_src.pdf", [PLAN_LINES])
    paths["encrypted.pdf"] = encrypted_pdf(folder / "encrypted.pdf", good)
    paths["zero_pages.pdf"] = zero_page_pdf(folder / "zero_pages.pdf")
    truncated = good.read_bytes()
    (folder / "truncated.pdf").write_bytes(truncated[: len(truncated) // 3])
    paths["truncated.pdf"] = folder / "truncated.pdf"
    return paths


@pytest.mark.parametrize("name", [*BAD, "encrypted.pdf", "zero_pages.pdf", "truncated.pdf"])
def test_each_bad_file_fails_with_its_name(tmp_path: Path, name: str) -> None:
    path = _bad_files(tmp_path / "bad")[name]
    with pytest.raises(IngestError) as info:
        parse_file(path)
    assert str(path) in str(info.value)
    assert len(str(info.value).splitlines()) == 1


def test_batch_with_bad_files_keeps_the_good_ones_and_the_store(tmp_path: Path) -> None:
    folder = tmp_path / "batch"
    _bad_files(tmp_path / "scratch" / "broken")
    (folder / "broken").mkdir(parents=True)
    for f in (tmp_path / "scratch" / "broken").iterdir():
        f.rename(folder / "broken" / f.name)
    (folder / "gbk.txt").write_bytes(TEXT.encode("gbk"))
    (folder / "utf16.txt").write_bytes(("英文之外:" + TEXT.replace("林业", "水利")).encode("utf-16"))
    chinese_pdf(folder / "plan.pdf", [PLAN_LINES])
    home = Home(tmp_path / "home", embedder="hash")
    first = home.ingest([folder / "gbk.txt"])
    assert len(first.ingested) == 1
    before = home.store.documents()
    report = home.ingest([folder])
    names = {Path(f["path"]).name for f in report.failed}
    # "notes.xyz" is not a supported suffix, so a folder walk skips it rather than failing it
    assert names == {"empty.txt", "blank.txt", "binary.txt", "corrupt.pdf", "encrypted.pdf", "zero_pages.pdf",
                     "truncated.pdf"}
    assert {d["source"] for d in report.ingested} == {"utf16.txt", "plan.pdf"}
    assert [d["source"] for d in report.skipped] == ["gbk.txt"]
    after = {d["doc_id"] for d in home.store.documents()}
    assert {d["doc_id"] for d in before} <= after and len(after) == 3
    assert "水利" in home.store.text(next(d["doc_id"] for d in report.ingested if d["source"] == "utf16.txt"))
    home.close()


def test_unsupported_suffix_named_directly_fails(tmp_path: Path) -> None:
    p = tmp_path / "notes.xyz"
    p.write_text("hello")
    with pytest.raises(IngestError, match="unsupported file type"):
        load_file(p)


def test_a_front_matters_issuer_gives_the_place_the_text_does_not(tmp_path: Path) -> None:
    from ingest.pipeline import parse_file
    path = tmp_path / "opinion.md"
    path.write_text("---\n标题: 关于推进本市新建建筑可再生能源应用的实施意见\n发布单位: 甲乙市住房和城乡建设管理委员会\n"
                    "发布日期: 2023-02-06\n---\n\n# 关于推进本市新建建筑可再生能源应用的实施意见\n\n二、主要目标\n"
                    "到2030年，城镇新建建筑可再生能源替代率达到15%。\n", encoding="utf-8")
    doc = parse_file(path)
    assert (doc.meta.region, doc.meta.issuer) == ("甲乙市", "甲乙市住房和城乡建设管理委员会")
    assert [t.scope for t in doc.targets] == ["甲乙市"]


def test_a_text_file_carrying_inline_html_is_read_without_its_tags(tmp_path: Path) -> None:
    """"<span style=…>Sec. 3. Reports.</span> (a) The Secretary shall …" in a .txt (or .md) file: the reader sees no
    tags, so neither do the section reader and the citations; a Markdown table's "<br>" inside a cell stays."""
    path = tmp_path / "order.txt"
    path.write_text("Executive Order on Westland Rivers\n\n<span style=\"text-decoration: underline\">Sec. 3. Reports."
                    "</span> (a) The Secretary of the Interior shall publish a river report by June 30, 2027.\n\n"
                    "<div>Sec. 4. General Provisions.</div>\n\n| Action | Note |\n| --- | --- |\n| Plant trees | one<br>two |\n",
                    encoding="utf-8")
    doc = parse_file(path)
    assert "<span" not in doc.text and "</div>" not in doc.text and "one<br>two" in doc.text
    assert [(t.number, [u.normalized for u in t.units]) for t in doc.tasks] == [
        ("Sec. 3(a)", ["Secretary of the Interior"])]

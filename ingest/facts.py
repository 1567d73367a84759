"""What a document says about itself: title, issuer, document number, date, kind and region.

Nothing here needs a manifest or a file name; a manifest may only refine what the text says
(`merge`). The rules follow how official documents are laid out:

- **Title**: the name a document gives itself (`关于印发《X》的通知` -> X, `《X》（以下简称…）`),
  else its first title-like lines, joined when a Chinese title is broken across two lines
  (`国务院关于做好当前和今后一个时期` + `促进就业工作的若干意见`). Date lines, speaker lines
  (`——2026年1月20日在…人民代表大会…上`), 发文字号 lines (`国发〔2018〕39号`), addressee lines
  (`各省、自治区…：`) and draft marks are never titles.
- **Date**: the 落款 or release date on a line of its own (`2018年11月16日`, `二〇二六年一月二十日`,
  `January 27, 2021`, `Date modified: 2024-12-02`), else the date of a speaker line.
- **Kind**: from the title's last word (规划, 方案, 意见, 通知, 政府工作报告, Executive Order …) and
  from what the text is (摘要/Abstract + 关键词/Keywords: a paper).
- **Region**: the place the title or issuer starts with; 国务院/国家 documents are national;
  a work report's place is in its speaker line (`在江苏省第十四届人民代表大会…`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import fields, replace

from ingest.models import DocMeta
from ingest.recognise.dates import iso_date, month_number
from ingest.recognise.places import most_named, place_in_title
from ingest.recognise.polities import polity_in, polity_most_named

_CJK = re.compile(r"[\u3400-\u9fff]")
_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,12}\s*[〔\[［(（【]\s*((?:19|20)\d{2})\s*[〕\]］)）】]\s*\d{1,4}\s*号")
_CN_DATE = re.compile(r"((?:19|20)\d{2}|[〇零一二三四五六七八九]{4})\s*年\s*([0-9一二三四五六七八九十]{1,3})\s*月"
                      r"\s*([0-9一二三四五六七八九十]{1,3})\s*日")
_MONTH_NAMES = r"(January|February|March|April|May|June|July|August|September|October|November|December)"
_EN_DATE = re.compile(rf"\b{_MONTH_NAMES}\s+(\d{{1,2}}),\s*((?:19|20)\d{{2}})\b")
_EN_DAY_FIRST = re.compile(rf"(\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH_NAMES},?\s+((?:19|20)\d{{2}})", re.I)  # "14 March 2025"
# the field line a page or an order states its date on: "Effective date: 2026-01-20", "Published: 14 March 2025"
_DATE_FIELD = re.compile(r"(?:[A-Z][A-Za-z .]{1,30}[,:]\s*(?=dated))?"  # "Lucknow: Dated 10 February, 2026"
                         r"(?:date modified|date of issue|issue date|date issued|date signed|effective date|release date|"
                         r"last updated|dated|date|issued(?: on)?|published(?: on)?|signed(?: on)?|adopted(?: on)?|"
                         r"approved(?: on)?|发布日期|印发日期|成文日期|发文日期|日期|发布时间)(?![A-Za-z])\s*[:：]?\s*(.+?)"
                         r"(?:\s+(?:来源|作者|浏览|字号)\s*[:：].*)?", re.I)  # "日期：2022年01月24日 来源：某融媒体中心"
_ISO_DATE = re.compile(r"\b((?:19|20)\d{2})-(\d{2})-(\d{2})\b")
_NEWS_DATELINE = re.compile(r"((?:19|20)\d{2})-(\d{2})-(\d{2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*(?:[|｜]|来源|$)")
# the line under a speech's title: "——2026年1月20日在…人民代表大会…上", also without the dash, in brackets, or
# broken after 人民代表大会 (its rest, "六次会议上", on the next line)
_SPEAKER = re.compile(r"^[—\-－]{1,2}.*(?:在|于).*(?:会议|大会|会)上|^[—\-－（(]{0,2}\s*(?:(?:19|20)\d{2}|[〇零一二三四五六七八九]{4})"
                      r"\s*年[^在于]{0,16}(?:在|于)[^，。]{2,40}?(?:人民代表大会|代表大会|会议)")
_PLACE_LEVEL = r"(?:特别行政区|自治区|自治州|自治县|自治旗|省|市|县|区|州|旗|盟)"
_CONGRESS = re.compile(r"第[一二三四五六七八九十]+届人民代表大会")
# the last place named right before it: "济南市历城区" -> 历城区 (one place after another, the finest last)
_INNERMOST = re.compile(rf"[\u4e00-\u9fff]{{1,6}}?{_PLACE_LEVEL}")
_WHOLE_PLACE = re.compile(_INNERMOST.pattern + "$")  # the place ending where the text does
_CONGRESS_REACH = 800
_NATIONAL_CONGRESS = re.compile(r"届全国人大|全国人民代表大会第[一二三四五六七八九十]+次会议")
_WORK_REPORT = re.compile(r"政府工作报告")
# who gives a government work report: "某县人民政府县长", "自治区主席"
_LEADER = r"(?:省长|市长|县长|区长|旗长|州长|盟长|主席)"
_SPEAKER_GOVERNMENT = re.compile(rf"([\u4e00-\u9fff]{{2,8}}?(?:省|市|县|区|旗))人民政府(?:代理)?{_LEADER}"
                                 r"[\u4e00-\u9fff]{0,4}?(?:在|代表)")
# a place's party committee and government cited by name: "中共甲市委", "、甲市人民政府"
_OWN_ORGANS = re.compile(r"中共([\u4e00-\u9fff]{2,6}?[省市县区])委|(?:^|(?<=[《、，,（(\s]))([\u4e00-\u9fff]{2,6}?[省市县区])人民政府",
                         re.M)
_SPEAKER_REST = re.compile(r"^[^，。]{0,12}(?:会议|大会|会)上[）)]?$")
# who gives the speech: "封丘县人民政府县长 王振海", "自治区主席 王莉霞", "县长 王 丽"
_SPEAKER_NAME = re.compile(rf"^[\u4e00-\u9fff]{{0,16}}?(?:代理?)?{_LEADER}\s*[\u4e00-\u9fff](?:\s?[\u4e00-\u9fff]){{1,3}}$")
_ADDRESSEE = re.compile(r"[：:]$")
_DRAFT = re.compile(r"^[(（]?(?:征求意见稿|送审稿|草案|试行|讨论稿)[)）]?$|^[(（]此件[^()（）]{0,10}[)）]$")  # (此件公开发布)
_NOT_TITLE = re.compile(r"^(?:前\s*言|目\s*录|摘\s*要|abstract|contents|关键词|key ?words|table|figure|box|"
                        r"附表|附件|专栏|表\s*\d|图\s*\d|date modified|by the authority)", re.IGNORECASE)
_SELF_NAMED = [
    re.compile(r"印发《([^》]{4,80})》的?通知"),
    re.compile(r"《([^》]{4,80})》\s*[(（]以下简称"),
    re.compile(r"(?:制定|编制|修订|研究制定)了?《([^》]{4,80})》"),
    re.compile(r"(?:现将|特将)《([^》]{4,80})》"),
    # "《A》（《B》）已经市政府同意，现印发给你们" / "…已经市人民政府常务会议审议通过。现印发…": the first named
    re.compile(r"《([^》]{4,80})》(?:[、和及与]?《[^》]{4,80}》)*\s*[,，]?\s*(?:已经.{0,30}?(?:同意|通过)[，,。]?)?"
               r"\s*现(?:予)?(?:印发|转发)"),
]
_NUMBERED = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d+(?:\.\d+)*[.、．\s]|"
                       r"\((?:[a-z]{1,2}|[ivxl]{1,5}|[A-Z])\)\s|"  # a statute's list item: "(ii) 28 per cent by 2015, and"
                       r"第[一二三四五六七八九十百\d]+[章节条部分]|[#*\-|>])")
_ORIGINAL_TITLE = re.compile(r"^(?:原标题|原題|原标題|标题|題目|题目|题)\s*[:：]\s*")  # a copy's "原标题：X", a form's "题：X"
_LEADING_NUMBER = re.compile(r"^[\u4e00-\u9fff]{1,12}\s*[〔\[［(（【]\s*(?:19|20)\d{2}\s*[〕\]］)）】]\s*\d{1,4}\s*号\s+(?=\S)")
_FIELD_LINE = re.compile(r"^\s*\*\*[^*]{1,30}:\*\*|^\s*\*\*[^*]{1,30}\*\*:")
_LETTERS = re.compile(r"[A-Za-z\u4e00-\u9fff]{2}")
# a page's field line: "Policy status:In Force", "Last updated: 3 May 2024"
_PLAIN_FIELD = re.compile(r"^(?:Date(?:\s\w+)?|Policy\sstatus|Status|Last\supdated|Updated|Published|Effective(?:\sdate)?|Category|"
                          r"Type|Version|Author|Source|Reference|Tags?|Keywords?|Language|Document\s(?:type|number))\s?:"
                          r"|^[A-Z][A-Za-z ]{1,30}:(?=[A-Z0-9])", re.I)  # "Policy Type:Policy Support" (no space: a field)
_CARRIES = r"关于(?:印发|转发|发布|下发)"  # a notice that carries a document: "关于印发《X》的通知"
_TRANSMITS = re.compile(_CARRIES + r"(.{4,80}?)的通知")
# a sentence that cites the document it carries out ("为落实《…关于印发…的通知》…") is not a title
_CITING = re.compile(r"^(?:为|根据|按照|依据|依照|结合|贯彻|落实)")
_FRONT_TITLE = re.compile(r"^title:\s*(.+)$", re.I)
_CN_TITLE_END = re.compile(r"(?:规划|计划|方案|意见|通知|批复|决定|办法|措施|细则|要点|纲要|报告|条例|规定|"
                           r"指南|标准|公告|通报|函)(?:[(（][^()（）]*[)）])*$")
# a document that reports actions ("FACT SHEET: …", "Today, the Governor signed …", "has issued Executive Order …")
ANNOUNCEMENT = re.compile(r"\bfact\s+sheet\b|\bannounc(?:es|ed|ing)\b|\bsign(?:s|ed)\b|\b(?:today|has|have)\s+(?:issued|"
                          r"unveiled|launched|released)\b|\bpress\s+release\b", re.I)
ANNOUNCEMENT_OPENING = 800  # characters: the title, dateline and lead paragraph
# the document kind from the last word of its title; the first that matches wins
_KINDS: list[tuple[str, re.Pattern[str]]] = [
    ("work_report", re.compile(r"政府工作报告|government work report", re.I)),
    ("work_points", re.compile(r"工作要点")),
    ("approval", re.compile(r"批复$")),
    ("plan", re.compile(r"规划|计划|方案|纲要|action plan|strategy|roadmap|\bplan\b", re.I)),
    ("opinion", re.compile(r"意见$")),
    ("measures", re.compile(r"措施|办法|细则|规定|指南")),
    ("notice", re.compile(r"通知$|通告$|公告$")),
    ("executive_order", re.compile(r"executive order", re.I)),
    ("law", re.compile(r"条例|\bact\b|\bRCW\b|^\d+[A-Z]\.\d+|^(?:House|Senate|Assembly)?\s*Bill No\. \d", re.I)),
    ("policy", re.compile(r"\bpolicy\b|\bdirective\b", re.I)),
]
_PAPER = re.compile(r"(?:摘\s*要|abstract)[\s\S]{0,3000}?(?:关\s*键\s*词|key\s*words)", re.IGNORECASE)
_NATIONAL_ISSUER = re.compile(r"^(?:国务院|中共中央|国家(?!级)|全国人民代表大会)")  # not "国家级生态县…"
# an approval is about the place whose plan or request it approves: "国务院关于甲省乙新区总体规划的批复"
_APPROVAL_OF = re.compile(r"关于(?:同意)?(.+)的批复$")
# a US executive order governs the country: "By the authority vested in me as President by the Constitution"
_PRESIDENT = re.compile(r"vested in me as President\b", re.I)
# a city's or state's order: its letterhead ("THE CITY OF NEW YORK") or its authority ("as Mayor of the City of …")
_EN_LETTERHEAD = re.compile(r"^(?:THE\s+)?(?:CITY|STATE|COUNTY|COMMONWEALTH|TOWN|BOROUGH)\s+OF\s+"
                            r"(?P<place>[A-Z][A-Z.'’ -]{1,30}?)\s*$"
                            # "Republic of the Philippines" over a bill or an order: the state it is of
                            r"|\A\W*(?:(?:The\s+)?Republic|REPUBLIC|Kingdom|KINGDOM)\s+(?:of|OF)\s+(?:the\s+|THE\s+)?"
                            r"(?P<state>[A-Z][A-Za-z'’ -]{2,30}?)\s*$", re.M)
_EN_OFFICE_OF = re.compile(r"vested in me as (?:the\s+)?(?:Mayor|Governor|County Executive|Premier|First Minister)\s+of\s+"
                           r"(?:the\s+)?(?:(?:City|State|County|Commonwealth|Province|Town)\s+of\s+)?"
                           r"(?P<place>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})")
_ISSUER_END = re.compile(r"(?:国务院|办公厅|办公室|人民政府|政府|委员会|管委会|委|局|厅|部|署|院|中心|办)$")


def read_facts(text: str, loaded_title: str | None = None) -> DocMeta:
    """The facts the text states about its own document (see the module docstring)."""
    head = text[:4000]
    lines = [ln.strip() for ln in head.split("\n")]
    title = document_title(lines, head, loaded_title)
    if title is None or (not _CJK.search(title) and len(title.split()) < 2):
        title = running_title(text) or title  # "Strategies" (a table's column) under a running head
    issuer = issuer_of(lines, text)
    number = next((m for ln in lines[:12] if (m := _DOC_NUMBER.fullmatch(ln))), None)
    return DocMeta(title=title, issuer=issuer, date=document_date(text),
                   kind=document_kind(title or "", text), doc_number=number.group(0) if number else None,
                   region=document_region(title or "", issuer or "", head, text))


def running_title(text: str) -> str | None:
    """A title-like line repeated three times or more (a PDF's running head: "| Westland … Strategy |"), if any:
    the document's name, printed on its pages. An English one is set in title case (table cells repeat too)."""
    seen = Counter(ln.strip().strip("|").strip() for ln in text.split("\n"))
    repeated = [ln for ln, n in seen.most_common() if n >= 3 and _title_like(ln) and _HEADLINE.match(ln)]
    return repeated[0] if repeated else None


# a headline: Chinese, or English words most of which start in capitals ("Westland Climate Smart Farming Strategy")
_HEADLINE = re.compile(r"^[\u4e00-\u9fff]{6,}|^[A-Z][\w’'-]*(?:\s+(?:[A-Z][\w’'-]*|of|and|for|the|on|in|to)){2,}$")


def merge(found: DocMeta, manifest: DocMeta) -> DocMeta:
    """The text's facts, with what a manifest states taking precedence field by field."""
    given = {f.name: getattr(manifest, f.name) for f in fields(DocMeta) if getattr(manifest, f.name)}
    return replace(found, **given)


def document_title(lines: list[str], head: str, loaded_title: str | None = None) -> str | None:
    """The transmitted document of a 印发 notice, else a title line naming a document kind, else the
    name the text gives itself, else the loader's title (PDF/HTML metadata), else the first title-like line."""
    top = "".join(ln for ln in lines[:3] if not _CITING.match(ln) and not re.search(r"[。；;]$", ln))
    m = _TRANSMITS.search(top)
    if m:
        carried = re.sub(r"\s+", "", m.group(1))
        quoted = re.search(r"《([^》]{4,80})》$", carried)  # "关于转发区建设管理委制订的《X》的通知": X
        carried = quoted.group(1) if quoted else carried.strip("《》")
        named = self_named_title(head) if _SELF_REFERENCE.search(carried) else None
        return named if named and named.endswith(carried[-6:]) else carried  # "本区…方案": "《某区…方案》已经…同意"
    return _untransmitted_title(lines, head, loaded_title)


_SELF_REFERENCE = re.compile(r"本[省市区县镇]")


def _untransmitted_title(lines: list[str], head: str, loaded_title: str | None) -> str | None:
    order = order_title(lines) or short_title(head) or bill_title(lines) or submission_title(lines)
    if order:
        return order
    subject = subject_title(lines)
    if subject and not lines[0].startswith("# "):
        return subject
    line_title = first_title(lines)
    carried = re.search(_CARRIES + r"(.{4,80})$", line_title or "")
    if carried:  # "…办公厅关于印发X工作方案" (a notice's title without its 的通知): X is the document
        return carried.group(1)
    named = self_named_title(head)
    if line_title and _CN_TITLE_END.search(line_title):
        return named if named and len(named) > len(line_title) and named.startswith(line_title) else line_title
    return named or loaded_title or line_title


# a numbered order under a letterhead: "EXECUTIVE ORDER NO. 30" (OCR: "N0.26"), its date, then its subject in capitals
_ORDER_NUMBER = re.compile(r"^EXECUTIVE\s+ORDER\s+(?:N[O0]\.?|NUMBER|#)?\s*(\d{1,5})\s*$", re.I)
_CAPITALS = re.compile(r"^[^a-z]*[A-Z]{2}[^a-z]*$")


def order_title(lines: list[str]) -> str | None:
    """"Executive Order No. 30: UPDATED SAFETY PRACTICES OF …": a city's or state's numbered order names itself by
    its number and the subject lines set in capitals below its date; the letterhead above ("THE CITY OF …",
    "OFFICE OF THE MAYOR", an address) is no title."""
    for i, line in enumerate(lines[:15]):
        m = _ORDER_NUMBER.match(line)
        if not m:
            continue
        subject: list[str] = []
        for nxt in lines[i + 1:i + 6]:
            if not nxt or (not subject and _EN_DATE.search(nxt.replace(". ", ", "))):
                continue
            if not _CAPITALS.match(nxt) or nxt.upper().startswith("WHEREAS") or len(subject) == 3:
                break
            subject.append(nxt)
        name = f"Executive Order No. {m.group(1)}"
        return f"{name}: {' '.join(subject)}" if subject else name
    return None


# a letter's or memorandum's subject line: "Subject: Regarding the implementation of the Westland Housing Policy, 2026."
_SUBJECT = re.compile(r"^(?:subject\s*[:.–-]|sub\s*[:.]|re\s*:)\s*(?:regarding\s+|in\s+respect\s+of\s+)?(?:the\s+)?"
                      r"(?:implementation\s+of\s+(?:the\s+)?)?(?P<what>[A-Za-z].{3,200}?)\.?$", re.I)


def subject_title(lines: list[str]) -> str | None:
    """What a government order, letter or memorandum is about, from its subject line near the top: such a
    document has no title of its own above its letterhead, addresses and date."""
    for line in lines[:40]:
        m = _SUBJECT.match(line.strip("*_# "))
        if m:
            return m.group("what").strip()
    return None


_SUBMISSION = re.compile(r"^#*\s*(?:Submission|Response)\s+(?:from|by|of)\s+\S.{3,120}$", re.I)


def submission_title(lines: list[str]) -> str | None:
    """"Submission from the Westland Government" under the inquiry's name: a submission is named by who submits it
    (the inquiry it answers heads the page above it)."""
    for line in lines[:8]:
        if _SUBMISSION.match(line.strip()):
            return line.strip().lstrip("# ").strip("*_ ")
    return None


# a bill as a legislature prints it: session lines, "HOUSE BILL NO. 1687", sponsors, "AN ACT", "To repeal … relating to X."
_BILL_NUMBER = re.compile(r"^(?:(HOUSE|SENATE|ASSEMBLY)\s+)?(BILL)\s+(?:NO\.?|NUMBER|#)\s*(\d{1,5})\s*$", re.I)
_RELATING = re.compile(r"\b(relating\s+to\s+[^.;]{3,120})")


# a statute's short-title clause: "This Act shall be known as the “Westland Rivers Act.”", "may be cited as the …"
_SHORT_TITLE = re.compile(r"\b(?:This|The)\s+(?:Act|Law|Ordinance|Bill|Code)\s+(?:shall|may)\s+be\s+(?:known|cited)\s+as\s+"
                          r"(?:the\s+)?[“\"](?P<name>[^”\"\n]{5,160}?)[.,]?[”\"]")


def short_title(head: str) -> str | None:
    """The name a statute gives itself in its short-title section: what it is cited as, above any bill number or
    the legislature's lines printed over it."""
    m = _SHORT_TITLE.search(head[:6000])
    return m.group("name").strip().rstrip(".,") if m else None


def bill_title(lines: list[str]) -> str | None:
    """"House Bill No. 1687, relating to renewable energy resources": a bill is named by its number and what its
    act relates to; the session and sponsor lines above or beside it are no title."""
    for i, line in enumerate(lines[:15]):
        m = _BILL_NUMBER.match(line.strip())
        if not m:
            continue
        name = " ".join(w.capitalize() for w in (m.group(1) or "", "Bill")).strip() + f" No. {m.group(3)}"
        act = " ".join(lines[i + 1:i + 10])
        about = _RELATING.search(act)
        return f"{name}, {about.group(1).strip()}" if about else name
    return None


def self_named_title(head: str) -> str | None:
    """The title a document gives itself in its first lines (印发《X》的通知, 《X》（以下简称…）)."""
    flat = head[:2000].replace("\n", "")
    for pattern in _SELF_NAMED:
        m = pattern.search(flat)
        if m:
            return re.sub(r"\s+", "", m.group(1)).replace("〈", "《").replace("〉", "》")
    return None


def _title_like(line: str) -> bool:
    limit = 64 if _CJK.search(line) else 140
    return (4 <= len(line) <= limit and not re.search(r"[。;；.:：,，、]$", line) and not _NOT_TITLE.match(line)
            and not _NUMBERED.match(line) and not _is_furniture(line))


def _is_furniture(line: str) -> bool:
    """Lines near a title that are not the title: dates, speaker lines, 文号, addressees, draft marks."""
    return bool(_CN_DATE.fullmatch(line.strip("（）() ")) or _EN_DATE.fullmatch(line.rstrip(".")) or _SPEAKER.match(line)
                or _SPEAKER_REST.match(line) or _SPEAKER_NAME.match(line) or _DOC_NUMBER.fullmatch(line) or _ADDRESSEE.search(line) or _DRAFT.match(line)
                or line.lower().startswith(("date modified", "title:", "---")))


def _unspaced(line: str) -> str:
    """A title set with a space between its characters ("政 府 工 作 报 告") as it reads."""
    return line.replace(" ", "") if re.fullmatch(r"[\u4e00-\u9fff](?: [\u4e00-\u9fff]){2,}", line) else line


def _broken_title(line: str, following: list[str]) -> str | None:
    """A Chinese title centred over two or three lines ("国务院办公厅关于有效发挥" / "某某基金作用切实支持" /
    "小微企业发展的指导意见"): the lines joined up to the one that ends in a document kind."""
    if not _CJK.search(line) or _CN_TITLE_END.search(line):
        return None
    joined = line
    for nxt in following:
        if not nxt or not _title_like(nxt) or not _CJK.search(nxt):
            return None
        joined += nxt
        if _CN_TITLE_END.search(nxt):
            return joined
    return None


def first_title(lines: list[str]) -> str | None:
    """The first title-like line of the head, joined with the next when a Chinese title breaks mid-name."""
    candidates = [_unspaced(_LEADING_NUMBER.sub("", _ORIGINAL_TITLE.sub("", ln.lstrip("# ").strip())).strip("`*_ "))
                  for ln in lines[:15]]
    for i, line in enumerate(candidates):
        front = _FRONT_TITLE.match(line)
        if front:
            return front.group(1).strip().strip("\"'")
        if re.match(r"#{1,2}(?!#)\s*[^\s#]", lines[i]) and len(line) <= 300:  # a Markdown title ("##09 Themes"): numbers
            # and stops allowed
            return line.rstrip(".")
        if not line or not _title_like(line) or _FIELD_LINE.match(lines[i]) or not _LETTERS.search(line) \
                or _PLAIN_FIELD.match(line):
            continue  # "**Session:** 2023" is a record's field, "2006" a table's cell
        broken = _broken_title(line, candidates[i + 1:i + 3])
        if broken:
            return broken
        if _ISSUER_END.search(line) and not _CN_TITLE_END.search(line) and len(line) <= 30:
            continue  # an organ's name alone (a letterhead, the 落款) names who issues, not what
        return line
    return None


def _cn_date(m: re.Match[str]) -> str | None:
    import cn2an  # imported where used: ~0.6 s of imports and pattern compiling most commands never need

    try:
        year = int(cn2an.transform(m.group(1), "cn2an")) if not m.group(1).isdigit() else int(m.group(1))
        month = int(m.group(2)) if m.group(2).isdigit() else int(cn2an.cn2an(m.group(2), "smart"))
        day = int(m.group(3)) if m.group(3).isdigit() else int(cn2an.cn2an(m.group(3), "smart"))
    except (ValueError, KeyError):
        return None
    return iso_date(year, month, day) if 1 <= day <= 31 else None


def _line_date(line: str) -> str | None:
    """The date of a line that is only a date (落款 or release line), Chinese, English or ISO."""
    bare = re.sub(r"[*_`]", "", line).strip().strip("（）()").rstrip(".。")  # "Effective date: **2026-01-20**"
    m = _CN_DATE.fullmatch(bare)
    if m:
        return _cn_date(m)
    m = _EN_DATE.fullmatch(bare)
    if m:
        return iso_date(int(m.group(3)), month_number(m.group(1)) or 0, int(m.group(2)))
    m = _EN_DAY_FIRST.fullmatch(bare)
    if m:
        return iso_date(int(m.group(3)), month_number(m.group(2)) or 0, int(m.group(1)))
    m = _DATE_FIELD.fullmatch(bare)
    if m:
        iso = _ISO_DATE.search(m.group(1))
        return iso_date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3))) if iso else _line_date(m.group(1))
    m = _NEWS_DATELINE.match(bare)  # "2026-03-16 10:40:34 | 来源：某日报": a news page's release line
    if m:
        return iso_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    return None


def document_date(text: str) -> str | None:
    """The document's own date: the 落款 (an issuer line followed by a date line, wherever it is: the
    annexes may follow it), else a date line in the head or tail, else a speaker line's."""
    import cn2an  # imported where used: ~0.6 s of imports and pattern compiling most commands never need

    lines = text.split("\n")
    for i in range(len(lines) - 1):
        nxt = lines[i + 1].strip()
        if nxt and len(nxt) <= 24 and _ISSUER_END.search(lines[i].strip()) and len(lines[i].strip()) <= 30:
            iso = _line_date(nxt)
            if iso:
                return iso
    for line in lines[:25] + lines[-25:]:
        if len(line.strip()) <= 40:
            iso = _line_date(line)
            if iso:
                return iso
    for line in lines[:25]:
        if _SPEAKER.match(line.strip()):
            m = _CN_DATE.search(line)
            if m:
                return _cn_date(m)
            m = re.search(r"((?:19|20)\d{2}|[〇零一二三四五六七八九]{4})\s*年\s*([0-9一二三四五六七八九十]{1,3})\s*月", line)
            if m:
                year = int(m.group(1)) if m.group(1).isdigit() else int(cn2an.transform(m.group(1), "cn2an"))
                month = int(m.group(2)) if m.group(2).isdigit() else int(cn2an.cn2an(m.group(2), "smart"))
                return iso_date(year, month)
    return None


def document_kind(title: str, text: str) -> str | None:
    """plan, opinion, notice, measures, work_report, work_points, approval, law, executive_order, policy, paper or
    announcement."""
    opening = "\n".join(ln.strip() for ln in text[:1500].split("\n")[:5])
    if _PAPER.search(text[:6000]) or re.search(r"^(?:摘\s*要|abstract)\b", opening, re.I | re.M):
        return "paper"
    if re.search(r"\bexecutive order\b", text[:300], re.I) or re.search(r"by the authority vested in me as president",
                                                                       text[:3000], re.I):
        return "executive_order"
    for kind, pattern in _KINDS:
        if pattern.search(title):
            return kind
    if re.search(r"向大会(?:报告(?:政府)?工作|作政府工作报告)|各位代表[：:，,]|"
                 rf"{_LEADER}[\u4e00-\u9fff]{{1,4}}作政府工作报告", text[:3000]):
        return "work_report"  # a government's report to its people's congress, whatever its title line says
    if ANNOUNCEMENT.search(text[:ANNOUNCEMENT_OPENING]):
        return "announcement"  # a fact sheet, a press release: what was signed, awarded, launched
    return None


def issuer_of(lines: list[str], text: str) -> str | None:
    """Who issues the document: the organisation its title line starts with (X关于…), else its 落款 line,
    else a letterhead line."""
    for line in lines[:6]:
        m = re.match(r"^(?:#+\s*)?([\u4e00-\u9fff（）()]{2,30}?)(?:关于|印发|转发)", line)  # "# 某区政府办公室关于…
        if m and _ISSUER_END.search(m.group(1)):
            return m.group(1)
    tail = [ln.strip() for ln in text.split("\n")]
    for i, line in enumerate(tail):
        if i + 1 < len(tail) and _line_date(tail[i + 1]) and 2 <= len(line) <= 30 and _ISSUER_END.search(line):
            return line
    if re.search(r"^THE WHITE HOUSE", text, re.M):
        return "The White House"
    for line in lines[:3]:  # a letterhead: the organ's name alone on a top line ("某市某区城市管理局")
        if re.fullmatch(r"[\u4e00-\u9fff（）()]{4,30}", line) and _ISSUER_END.search(line) \
                and not _CN_TITLE_END.search(line):
            return line
    return None


def document_region(title: str, issuer: str, head: str, text: str = "") -> str | None:
    """The place the document governs: named by its title (or the place an approval is about) or issuer,
    the United States for a President's order, national for central organs, or the place of the congress in
    a work report's speaker line."""
    for line in head.split("\n")[:12]:
        if _SPEAKER.match(line.strip()):
            m = re.search(r"在([\u4e00-\u9fff]{1,12}?(?:省|市|自治区|县|区|州|旗|盟))第", line)
            if m:
                return m.group(1)
    approved = _APPROVAL_OF.search(title)
    for source in (approved.group(1) if approved else "", title, issuer):
        place = place_in_title(source)
        if place:
            return place
    if _PRESIDENT.search(head) or issuer == "The White House":
        return "United States"
    local = _EN_LETTERHEAD.search(head[:300]) or _EN_OFFICE_OF.search(head)
    if local:  # "THE CITY OF NEW YORK" over a mayor's order; "vested in me as Governor of the State of X"
        place = " ".join((local.group("place") or local.groupdict().get("state") or "").split())
        return place.title() if place.isupper() else place
    if _NATIONAL_ISSUER.match(issuer or "") or _NATIONAL_ISSUER.match(title or ""):
        return "全国"
    polity = _english_polity(title, head) or _statute_polity(head, text)
    if polity:
        return polity
    congress = _congress_place(head)
    if congress:
        return congress
    if _NATIONAL_CONGRESS.search(head[:_CONGRESS_REACH]) and _WORK_REPORT.search(title):
        return "全国"  # "总理…在十四届全国人大四次会议上作《政府工作报告》": the State Council's report
    return _speaker_place(head) or _own_organs_place(head) or _issued_place(head) or _most_named_city(text)


# the words that end the run of characters before a place name ("支持在甲乙市…": 在; "依托甲市…": 依托)
_BEFORE_NAME = re.compile(r"^.*(?:在|的|和|与|对|助力|推动|推进|支持|依托|联动|印发|为|及|是|将|于|把|向|从|到|至|由|按|以|让|使|给|"
                          r"各|全|本|我|该|结合|加快|打造|建设|鼓励|有关)")


def _most_named_city(text: str) -> str | None:
    """A Chinese text whose title, issuer and 落款 name no place but whose body keeps naming one city or county
    ("助力某市打造…", "支持在某市重点园区…" twice or more, every other one less than half as often): that place."""
    if not text or not _CJK.search(text[:300]):
        return None
    counts: Counter[str] = Counter()
    for m in re.finditer(r"([\u4e00-\u9fff]{2,8})(市|县)(?![长委民政区级域内外场])", text):
        run = _BEFORE_NAME.sub("", m.group(1))
        name = run[-4:] + m.group(2)
        if len(run) >= 2 and not name.endswith(("城市", "直辖市")) and place_in_title(name) == name:
            counts[name] += 1
    return most_named(counts)


def _english_polity(title: str, head: str) -> str | None:
    """The country or state an English document's title names ("Norwegian Climate Act"), else the one its
    opening keeps naming ("Our Targets" over "…charts targets … across Westland")."""
    if title and not _CJK.search(title) and (polity := polity_in(title)):
        return polity
    return polity_most_named(head) if not _CJK.search(head[:300]) else None


# a statute that calls its own polity "the State" / "this State" / "the Commonwealth"
_OWN_STATE = re.compile(r"\b(?:the|this)\s+(?:State|Commonwealth|Province|Territory)\b(?!\s+of\b)")


def _statute_polity(head: str, text: str) -> str | None:
    """A statute's section that says "the State" for its own and names the state only further on ("sells
    electricity for consumption in the State" … "Westland's electric utility companies"): the state the whole
    text names most."""
    if _CJK.search(head[:300]) or not _OWN_STATE.search(text):
        return None
    return polity_most_named(text)


def _congress_place(head: str) -> str | None:
    """The place whose congress a news report of the session names: "济南市历城区第十九届…" -> 历城区."""
    for m in _CONGRESS.finditer(head[:_CONGRESS_REACH]):
        before = re.split(r"[^\u4e00-\u9fff]|在", head[max(0, m.start() - 24):m.start()])[-1]  # "某某市长在X…"
        places = [p.group(0) for p in _INNERMOST.finditer(before) if p.end() == len(before)]
        if places:
            return places[-1]
        whole = _WHOLE_PLACE.search(before)  # "禾州市": its 州 is no level of its own
        if whole:
            return whole.group(0)
    return None


_ISSUED = re.compile(r"(?:印发|公布|发布)了?《?([\u4e00-\u9fff][^》，,。；]{3,40})")


def _issued_place(head: str) -> str | None:
    """A news copy's "市委、市政府印发了某市2027年…民生实事项目清单": the place of the document it reports."""
    m = _ISSUED.search(head[:_CONGRESS_REACH])
    return place_in_title(m.group(1)) if m else None


def _speaker_place(head: str) -> str | None:
    """A report's speaker named with the government ("某县人民政府县长李某在作《政府工作报告》时…")."""
    m = _SPEAKER_GOVERNMENT.search(head[:_CONGRESS_REACH])
    return m.group(1) if m and place_in_title(m.group(1)) == m.group(1) else None


def _own_organs_place(head: str) -> str | None:
    """A document whose title names no place but which cites its own place's organs ("根据《中共甲市委、甲市人民政府
    关于…的决定》") and speaks as that level (市科协, 市发展改革委, 全市): that place. The level must be the one the
    document speaks as, so a county citing its city's decision is not taken for the city."""
    named = [n for m in _OWN_ORGANS.finditer(head[:1500]) if place_in_title(n := m.group(1) or m.group(2)) == n]
    if not named:
        return None
    levels = {lv: len(re.findall(rf"(?:全|我|本){lv}(?![长委场民])|(?<![\u4e00-\u9fff]){lv}[\u4e00-\u9fff]{{1,8}}?"
                                 rf"(?:局|委|办|厅|院|科协|中心)", head)) for lv in "省市县区"}
    level, count = max(levels.items(), key=lambda kv: kv[1])
    fitting = [n for n in named if n.endswith(level)]
    return fitting[0] if fitting and count >= 3 and count > 2 * (sum(levels.values()) - count) else None

"""Near-miss means none: does the evidence state what the question pins down?

A question that asks for the 2030 target where a plan states only the 2025 one, for 两江新区
where the table has no such row, for the participants of a task that names only a lead, or
for what 银保监会 does in a document that never names it, would otherwise get a confident
answer about something else. Before an answer is given, each detail the question pins down
(`Query`) is looked for in the evidence the answer rests on (`Evidence`: the cited sentences,
the chunks they lie in, the records, the documents' lines):

- **document**: a title quoted in 《》 is (nearly) the title of a document of the corpus;
- **place**: each place the question names is in the evidence or its document's line; a stretch
  of a river asked (upstream, 下游) is the one the cited sentences speak of;
- **year**: each year the question asks about (not one dating a document) is stated by the
  evidence or its record (十四五 counts as 2025) - the document's own title does not count:
  a "十四五" plan that reports 十三五 investment does not state the 十四五 investment;
- **table**: a table named (附表2) is the one the evidence lies in;
- **role** and **unit**: as the task records found them (`tasks.TaskMatch`);
- **what is asked** (how much / by when): the content words of the clause that asks
  ("营业收入要达到多少", "什么时间前制定…管理办法", "how many million board feet") are in the
  evidence - at least half of them.

The first difference found is returned with a sentence saying what the documents give instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from api.answer.grounding import PERIOD_WORDS, place_of_adjective, segment, spelled_out
from api.answer.lexical import CJK_RUN, stem
from api.answer.query import Query, years_of
from api.answer.targets import PERSONS
from ingest.read.script import to_simplified
from ingest.read.sentences import sentence_spans
from ingest.recognise.places import place_core
from ingest.recognise.quantities import unit_spellings
from ingest.recognise.unit_names import alias_table

_ASK_CUE = re.compile(r"多少|几[个座处条项家名人年月]|目标|何时|什么时[间候]|期限|时限|截止|哪[一]?年|是什么|有哪些|哪些|"
                      r"\bhow (?:many|much|long|often)\b|\bwhat\b|\bwhen\b|\bwhich\b|\bby when\b", re.I)
_GENERIC_WORDS = frozenset(
    "多少 目标 目标值 达到 要求 计划 提出 全市 全省 全县 全国 要 到 年底 年末 期间 是 的 在 前 时间 什么 时候 何时 期限 "
    "时限 截止 完成 哪些 哪个 有 为 给予 可 能 达 规模 数量 总数 建成 打造 培育 建设 实现 应 需 需要 各地 本 该 "
    "文件 方案 规划 意见 通知 措施 这项 任务 工作 单位 部门 负责 多久 有效期 施行 全年 今年 当年 年度 预期 主要 "
    "预计 计划 提出 政府 人民政府 省政府 市政府 县政府 区政府 工作报告 报告 "
    # asking for a share or a size names no indicator: "多大比例的面积" asks for the % of the area
    "多大 多大比例 比例 占比 多高 多长 多远 几成 百分之几 "
    # a bound asked ("最高是多少") is the record's comparator, whatever words the text bounds it with (不高于, 不超过)
    "最高 最低 最多 最少 至多 至少 上限 下限".split())
_EN_GENERIC = frozenset(
    "what which who whom when where why how many much long often is are was were do does did the a an of in on "
    "at to for by with and or from under its their this that these those there be been must should shall will "
    "would can could may might has have had any all each per than order plan policy document target set sets aim "
    "under end year years total number share percent date deadline they it them he she we its "
    # how a question asks for a goal, not what the goal is of: "How much … does Westland want by 2035?"
    "want wants wanted aim aims aimed aiming expect expects expected hope hopes planned planning need needs needed "
    "going supposed required require requires meant get got "
    # how a question asks for a level to be reached: "By when must … reach 100 per cent?"
    "reach reaches reached achieve achieves achieved attain attains attained meet meets cent".split())
MAX_MISSING_SHARE = 0.5
# 多少个, 几名: the question word and its classifier; 哪一年, 哪个年份: asking when
_ASKING = re.compile(r"^(?:多少|几)[\u4e00-\u9fff]?$|^多长时间$|^多久$|^哪(?:一|个)?(?:年|年份|年度)$")
# short forms of statistical indicators that questions use and documents spell out
_SHORT_FORMS = {"规上": "规模以上", "社零": "社会消费品零售总额", "固投": "固定资产投资", "一般预算": "一般公共预算",
                "水保": "水土保持"}
_MEASURE = re.compile(r"(?:多少|几)\s*(万元|亿元|元|万人|万|亿|个|家|名|人|条|座|处|项|户|所|平方米|亩|公顷|公里|千米|km2?|吨|"
                      r"岁|辆|台|套|张|间|千瓦|兆瓦)")
_COUNTED = re.compile(r"[\u4e00-\u9fffA-Za-z]{2,10}?(?=[？?，,。的是]|$)")  # "多少个市级AI社区"
_MONEY = re.compile(r"多少(?:资金|钱|经费|奖励|补贴|补助|金额)|奖补标准|多少万元|多少元|多少亿元"
                    r"|(?:投资|资金|经费|金额|补贴|补助|奖励|投入)(?:总?额|规模)?(?:是|为|有|共|达)?多少")  # "总投资是多少"
_MONEY_NOUNS = ("资金", "奖励", "补贴", "补助", "经费", "奖补", "资助", "投资", "投入", "额度", "贷款")
_NUMERAL = r"(?:\d[\d.,]*|[一二三四五六七八九十百千万两]+)\s*(?:万|亿)?"
# a question asking for a share ("多少比例", "百分之几", "几成"), and the ways a text states one
_SHARE_ASKED = re.compile(r"多少比例|多大比例|百分之几|几成|比例[^，,。？?]{0,4}(?:是|为)多少|占比多少|多少的比例|比例多少")
_SHARE_STATED = re.compile(r"\d\s*[%％]|百分之[一二三四五六七八九十百\d]|[一二三四五六七八九十\d]成|[一二三四五六七八九十\d]分之|"
                           r"\d\s*个百分点|翻[一两番]|全额|减半")


@dataclass
class Evidence:
    """What an answer rests on."""

    texts: list[str]  # what states the answer: cited sentences, record fields
    lines: list[str]  # the evidence documents' lines (title, issuer, region, date)
    context: list[str] = field(default_factory=list)  # the passages the cited spans lie in
    heads: list[str] = field(default_factory=list)  # the openings of the evidence documents
    years: set[int] = field(default_factory=set)  # years the records state
    tables: list[str] = field(default_factory=list)  # captions / sections the evidence lies in


@dataclass(frozen=True)
class Difference:
    what: str  # document | place | year | table | role | unit | indicator | deadline | nobody | item | noitem
    detail: str

    def sentence(self, lang: str, given: str = "") -> str:
        """What the documents give instead, in the question's language."""
        if lang == "zh":
            base = {"document": f"语料中没有《{self.detail}》这份文件", "place": f"文档没有关于“{self.detail}”的内容",
                    "year": f"文档没有给出{self.detail}年的数据", "table": f"{self.detail}中没有所问内容",
                    "role": f"该任务没有列出{'牵头' if self.detail == 'lead' else '参与/配合'}单位",
                    "unit": f"文档中没有“{self.detail}”负责的任务", "indicator": f"文档没有提到“{self.detail}”",
                    "deadline": "文档没有规定所问事项的完成时间", "nobody": "文档没有写明所问事项由谁负责",
                    "item": f"文档中这一内容写在其他条目下，不属于“{self.detail}”",
                    "noitem": f"文档中没有“{self.detail}”这一条目"}[self.what]
            return base + (f"（文档给出的是：{given}）" if given else "") + "。"
        base = {"document": f"no document titled “{self.detail}” is in the corpus",
                "place": f"the documents say nothing about {self.detail}",
                "year": f"the documents give no figure for {self.detail}",
                "table": f"{self.detail} does not hold what is asked",
                "role": f"the task names no {'lead' if self.detail == 'lead' else 'participating'} unit",
                "unit": f"no task of the documents names {self.detail}",
                "indicator": f"the documents do not mention “{self.detail}”",
                "deadline": "the documents set no date for what is asked",
                "nobody": "the documents do not say who is responsible for what is asked",
                "item": f"the documents state this under another item, not under {self.detail}",
                "noitem": f"the documents have no {self.detail}"}[self.what]
        return base[0].upper() + base[1:] + (f" (they give: {given})" if given else "") + "."


def _fold(texts: list[str]) -> list[str]:
    return [to_simplified(t) for t in texts]


def _norm(text: str) -> str:
    return re.sub(r"[\s《》“”\"'()（）·,，、—\-~～]", "", text).lower()


def names_a_document(title: str) -> bool:
    """Whether a name quoted in 《》 is a document's (its last word a document's kind), not a form's or a book's."""
    return bool(_NAMES_A_DOCUMENT.search(title))


def title_known(title: str, lines: list[str]) -> bool:
    """Whether a title quoted in 《》 is (nearly) a document's: all but one of its bigrams in one line."""
    t = _norm(title)
    grams = {t[i:i + 2] for i in range(len(t) - 1)}
    for line in lines:
        n = _norm(line)
        if t in n or (grams and len([g for g in grams if g not in n]) <= max(1, len(grams) // 12)):
            return True
    return False


def _place_present(place: str, hay: str) -> bool:
    core = place_core(place) or place
    return place in hay or (len(core) >= 2 and core in hay) or spelled_out(place, hay)


def _asking_clause(q: Query) -> str:
    clauses = [c for c in re.split(r"[，,。;；？?！!]", q.text) if _ASK_CUE.search(c)] or [q.text]
    return " ".join(clauses)  # "over how many years …, and in what unit": every asking clause


def _chinese_words(q: Query) -> list[str]:
    """The asking clause's words in order, years and places out before segmenting: "2025年云溪市地区…"
    would otherwise give the word 年云溪市."""
    clause = PERIOD_WORDS.sub(" ", _asking_clause(q))
    for short, full in _SHORT_FORMS.items():  # 规上工业, 水保率: the statistics' own short forms
        clause = clause.replace(short, full)
    table = alias_table()
    for short in sorted(table.suffix, key=len, reverse=True):  # 卫健委: a department's short name
        if short in clause and table.suffix[short] not in clause:
            clause = clause.replace(short, table.suffix[short])
    for place in sorted(q.places, key=len, reverse=True):
        clause = clause.replace(place, " ")
    return segment(clause)


def asked_words(q: Query, document_lines: list[str], cut: list[str] | None = None) -> list[str]:
    """The content words of the clause that asks, less places, years, document words and generic words
    (`cut`: the clause's words, when the caller has them already)."""
    doc_text = " ".join(document_lines)
    places = " ".join(q.places)
    if q.lang == "en":
        tokens = re.findall(r"[A-Za-z]+", _asking_clause(q))
        # names (Westland's, Eastport) are places and parties, checked as such: the words asked are the measure's
        words = [stem(w.lower()) for i, w in enumerate(tokens)
                 if w.lower() not in _EN_GENERIC and not (i and w[0].isupper() and not w.isupper())]
        return [w for w in dict.fromkeys(words) if w not in _EN_GENERIC and len(w) > 2
                and w not in stem_all(doc_text) and w not in stem_all(places)]
    out = []
    for w in cut if cut is not None else _chinese_words(q):
        if len(w) >= 2 and CJK_RUN.fullmatch(w) and w not in _GENERIC_WORDS and not _ASKING.match(w) \
                and w not in doc_text and w not in places:
            out.append(w)
    return list(dict.fromkeys(out))


def missing_qualifier(cut: list[str], words: list[str], missing: list[str]) -> str:
    """A word the evidence lacks right before one it has ("棉花|产量" where only 粮食产量 is stated): the
    question names a kind of the measure the documents do not give ("" when there is none)."""
    for a, b in zip(cut, cut[1:], strict=False):
        if a in missing and b in words and b not in missing:
            return a + b
    return ""


_WHAT_IS = re.compile(r"\bwhat(?:'s|\s+(?:is|was|are|were))?\s+(?:the\s+|an?\s+)?"
                      r"((?:[a-z][\w-]*\s+){0,5}?[a-z][\w-]*)\s+(?:of|for|in|at|on|does|do|did|is|are|was|were|"
                      r"will|would|should|must|shall|has|have|had|can)\b", re.I)


def asked_phrase(question: str) -> list[str]:
    """Stemmed content words of the thing an English "what is the X of …" asks for ("forest
    coverage rate"): the indicator itself, which the evidence must name, not only its place."""
    m = _WHAT_IS.search(question)
    if not m:
        return []
    words = [stem(w.lower()) for w in re.findall(r"[A-Za-z]+", m.group(1)) if w.lower() not in _EN_GENERIC]
    return [w for w in dict.fromkeys(words) if w not in _EN_GENERIC and len(w) > 2]


def as_asked(stems: list[str], question: str) -> list[str]:
    """Stems as the question spells them ("greenhous" -> "greenhouse"), to be shown to the asker."""
    spelled: dict[str, str] = {}
    for w in re.findall(r"[A-Za-z]+", question):
        spelled.setdefault(stem(w.lower()), w)
    return [spelled.get(s, s) for s in stems]


def stem_all(text: str) -> set[str]:
    return {stem(w.lower()) for w in re.findall(r"[A-Za-z]+", text)}


def missing_words(words: list[str], hay: str, english: bool) -> list[str]:
    """The words the evidence does not have. A Chinese word counts as had without the modal the segmenter
    glued to it ("率要", "比要稳定": 要/应/需/能); an English adjective of a place as had when the place is
    ("Canadian" where the text says Canada)."""
    if english:
        have = stem_all(hay)
        return [w for w in words if w not in have and not _said_by_unit(w, hay)
                and not ((stem := place_of_adjective(w)) and any(h.startswith(stem) for h in have))]
    return [w for w in words if w not in hay and len(bare_word(w)) >= 2 and bare_word(w) not in hay]


# words a figure's unit says by itself: "6.3 GW" is a capacity, "40 ha" an area, "25%" a share
_UNIT_SAYS = [(re.compile(r"^(?:capac|power)"), re.compile(r"\d\s*(?:[kMGT]W|gigawatts?|megawatts?)\b(?!h)")),
              (re.compile(r"^(?:area|land)"), re.compile(r"\d\s*(?:ha|hectares?|acres?|km2|square)\b", re.I)),
              (re.compile(r"^(?:share|percent|proport|rate)"), re.compile(r"\d\s*(?:%|percent\b|per\s*cent\b)", re.I))]


def _said_by_unit(word: str, hay: str) -> bool:
    """Whether the evidence states the measure the word names through the unit of one of its figures."""
    return any(names.match(word) and unit.search(hay) for names, unit in _UNIT_SAYS)


_MODAL = re.compile(r"[要应需能]")



def bare_word(word: str) -> str:
    """A question word without the modal or time particle the segmenter glued to it ("率要", "前建好")."""
    return _MODAL.sub("", word.replace("可以", "可")).lstrip("前后内")




def check(q: Query, ev: Evidence, all_lines: list[str]) -> Difference | None:
    """The first detail the question pins down that the evidence does not state, or None. A Traditional-script
    document is compared in simplified characters, as its question is read."""
    ev = replace(ev, texts=_fold(ev.texts), lines=_fold(ev.lines), context=_fold(ev.context), heads=_fold(ev.heads),
                 tables=_fold(ev.tables))
    all_lines = _fold(all_lines)
    for title in q.titles:  # a title the evidence cites ("提出对《…办法》的修订建议") is a document it names, not one asked
        if names_a_document(title) and not title_known(title, all_lines) and not any(title in t for t in ev.texts + ev.context):
            return Difference("document", title)
    return _where_and_when(q, ev) or _what(q, ev)


# what 《》 holds in a question is a document when its name ends in a document's kind; a form (…情况表), a book or a
# programme quoted in a document ("报送《进度统计表》") is looked for in the text like any other words
_NAMES_A_DOCUMENT = re.compile(r"(?:规划|计划|方案|意见|通知|办法|纲要|条例|措施|举措|报告|要点|规定|细则|决定|决议|通告|公告|"
                               r"批复|函|法|指南|标准|战略|政策)(?:[(（][^()（）]{1,12}[)）])?$")

_SECTIONS = [re.compile(p, re.I) for p in (
    r"上游|\bupstream\b|\bupper (?:reach|course|section)", r"中游|\bmidstream\b|\bmiddle (?:reach|course|section)",
    r"下游|\bdownstream\b|\blower (?:reach|course|section)")]


def _section_missing(q: Query, ev: Evidence) -> str:
    """The stretch of a river the question asks about (upstream, 中游 …) when the sentences that state
    what is asked speak of another stretch and not of it: "the upstream water quality remains
    Class II" does not answer for the downstream section ("" when they do, or no stretch is asked).
    The stating sentences are the cited ones naming at least half the words of what is asked
    ("water quality class", 水质); the first cited text when none does."""
    asked = [p for p in _SECTIONS if p.search(q.text)]
    if len(asked) != 1 or not ev.texts:
        return ""
    english = q.lang == "en"
    words = asked_phrase(q.text) if english else [
        w for w in segment(q.text) if len(w) >= 2 and CJK_RUN.fullmatch(w) and w not in _GENERIC_WORDS
        and not any(p.search(w) for p in _SECTIONS)]
    sentences = [t[s.start:s.end] for t in ev.texts for s in sentence_spans(t)]
    stating = [s for s in sentences
               if words and 2 * len(missing_words(words, s, english)) <= len(words)] or ev.texts[:1]
    said = "\n".join(stating)
    if asked[0].search(said) or not any(p.search(said) for p in _SECTIONS if p is not asked[0]):
        return ""
    match = asked[0].search(q.text)
    return match.group(0) if match else ""


def _where_and_when(q: Query, ev: Evidence) -> Difference | None:
    """Places (and the stretch of a river), years asked, the document's own year, tables."""
    wide = "\n".join(ev.texts + ev.context)
    hay = "\n".join([wide, *ev.lines, *ev.heads])  # the documents' own lines and openings name their place
    for place in q.places:
        english = [en for zh, en in q.spelled if zh == place]  # "Yunnan" read as 云南: an English text says Yunnan
        if not _place_present(place, hay) and not any(re.search(rf"\b{re.escape(en)}\b", hay) for en in english):
            return Difference("place", english[0] if english else place)
    section = _section_missing(q, ev)
    if section:
        return Difference("place", section)
    stated = years_of("\n".join(ev.texts)) | ev.years
    for year in sorted(q.years if q.intent != "responsibility" else ()):  # a who-question's year describes the task
        if year not in stated:
            return Difference("year", str(year))
    own = "\n".join(ev.lines + ev.heads)
    for year in sorted(q.doc_years):  # "the 2022 Action Plan": the document's own year (one whose title, date and
        if ev.lines and str(year) not in own and years_of(own):  # opening state none cannot contradict it)
            return Difference("year", str(year))
    for ref in q.tables:
        if not any(ref in re.sub(r"\s+", "", t) for t in ev.tables):
            return Difference("table", ref)
    return None


_LIST_ITEM = re.compile(r"(?:^|\s)(?:[(（](?:\d{1,2}|[a-z]|[ivx]{1,4}|[一二三四五六七八九十]{1,3})[)）]|\d{1,2}[.、]|[a-z][.)]|[-*•●])\s",
                        re.M)


def _lead_ins(ev: Evidence) -> list[str]:
    """The lines ending in a colon that introduce the list an evidence text is an item of (in its passage)."""
    if not ev.texts or not ev.context or not _LIST_ITEM.search(ev.texts[0]):
        return []
    passage = ev.context[0]
    item = next((line for line in ev.texts[0].split("\n") if _LIST_ITEM.search(line)), "")
    at = passage.find(item.strip()[-40:]) if item.strip() else -1
    if at < 0:
        at = len(passage)
    leads = [line for line in passage[:at].split("\n") if re.search(r"[:：]\s*$", line)]
    return leads[-1:]  # the nearest: a passage may hold two lists, each under its own lead-in


def _figure_missing(q: Query, hay: str) -> str:
    """A figure the question states ("cut its emissions by 60%") where the evidence gives figures in the same unit and
    none of them is it (45%): the documents state another level ("" when they state it, or no figure in that unit)."""
    if not q.figures:
        return ""
    from api.answer.readings import figures_stated

    stated, worded = figures_stated(hay)
    for value, unit in sorted(q.figures):
        same_unit = [v for v, u in stated if u == unit]
        if same_unit and value not in same_unit and value not in worded:
            return f"{value:g}{unit}" if unit == "%" else f"{value:g} {unit}"
    return ""


_CHAIR = re.compile(r"\b(vice[- ]chair|co-?chair|chair)(?:s|ed|ing)?\b", re.I)


def _what(q: Query, ev: Evidence) -> Difference | None:
    """The office asked (chair, co-chair), the measure and the content words of what is asked. A list item is
    read with the lead-in it completes ("Each water utility … shall establish a standard of:" / "(4) One
    hundred per cent … by 2050")."""
    hay = "\n".join([*ev.texts, *_lead_ins(ev)])
    chair = _CHAIR.search(q.text)
    if chair and not CJK_RUN.search(hay) and not re.search(re.escape(chair.group(1)).replace("\\-", "[- ]?"), hay, re.I):
        return Difference("indicator", chair.group(1))
    quoted = _quoted_missing(q.text, "\n".join([hay, *ev.context]))
    if quoted:
        return Difference("indicator", quoted)
    measure = _kind_missing(q, "\n".join([*ev.texts[:1], *_lead_ins(ev)])) or _measure_missing(q, hay) \
        or qualifier_figure_missing(q.text, hay) or _code_missing(q.text, hay) or _figure_missing(q, hay)
    if measure:
        return Difference("indicator", measure)
    if q.lang == "en" and CJK_RUN.search(hay):
        return None  # English words cannot be looked for in Chinese text
    phrase = asked_phrase(q.text) if q.lang == "en" and q.intent in ("target", "fact") else []
    lost = missing_words(phrase, hay, True)
    if len(phrase) >= 2 and len(lost) * 2 > len(phrase):
        return Difference("indicator", " ".join(as_asked(lost, q.text)))
    if q.intent not in ("target", "deadline"):
        return None  # who-questions paraphrase freely
    cut = _chinese_words(q) if q.lang == "zh" else []
    words = asked_words(q, ev.lines, cut)
    missing = missing_words(words, hay, q.lang == "en")
    specific = [w for w in missing if len(bare_word(w)) >= 3 and CJK_RUN.fullmatch(w)]  # 石漠化, 营业收入: the thing itself
    if words and missing and (len(missing) / len(words) > MAX_MISSING_SHARE or specific):
        return Difference("indicator", "".join(missing) if q.lang == "zh" else " ".join(missing))
    kind = missing_qualifier(cut, words, missing) if q.intent == "target" else ""
    return Difference("indicator", kind) if kind else None


# a pollutant's or standard's code ("PM2.5", "PM10", "NO2", "CO2"): one code is not another, whatever the words
_CODE = re.compile(r"(?<![A-Za-z0-9.])([A-Za-z]{1,5}\d+(?:\.\d+)?)(?![A-Za-z0-9])")


def _code_missing(question: str, hay: str) -> str:
    """A code the question names that the evidence does not ("PM2.5" asked, "PM10" stated), else ""."""
    have = {c.lower() for c in _CODE.findall(hay) + _CODE.findall(hay.replace(" ", ""))}
    asked = _CODE.findall(question.replace(" ", "") if CJK_RUN.search(question) else question)  # "PM 2.5浓度"
    return next((c for c in asked if c.lower() not in have and not _YEAR_CODE.fullmatch(c)), "")


_YEAR_CODE = re.compile(r"[A-Za-z]+(?:19|20)\d{2}")  # "FY2025" is a year the date checks read, not a code


_HOW_MANY = re.compile(r"\bhow many ((?:[a-z]+ ){0,3}?[a-z]+?)s?\b(?= (?:does|do|did|must|should|will|are|is|have|has|in|of|per)\b)",
                       re.I)
_EN_NUMBER = (r"(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
              r"sixty|seventy|eighty|ninety|hundred|thousand|million|billion)")


# a term the question quotes (“创新券”, "Clean Ports Initiative"): the name of a thing, which the answer's passage must
# use; a quote of one word or of a long sentence is left to the other checks
_QUOTED = re.compile(r"[“「『\"]([^”」』\"]{2,30})[”」』\"]")


def _quoted_missing(question: str, hay: str) -> str:
    """The first term the question quotes that the evidence's passages never write ("" when all are written)."""
    flat = re.sub(r"\s+", "", hay).lower()
    for term in _QUOTED.findall(question):
        if len(term.split()) > 6 or not re.sub(r"\s+", "", term):
            continue
        # a quoted list ("进党校、进机关、进学校") may leave items out: each item must be written
        for item in re.split(r"[、，,；;]", term):
            if re.sub(r"\s+", "", item) and re.sub(r"\s+", "", item).lower() not in flat:
                return term
    return ""


_SHARE_ASKED_EN = re.compile(r"\bwhat (?:share|percentage|proportion|percent|fraction)\b", re.I)
_SHARE_STATED_EN = re.compile(r"\d\s*%|\bper\s?cent\b|\bpercentage\b|\b(?:half|third|quarter|two-thirds|three-quarters)\b"
                              r"|\b\w+-(?:fifths?|tenths?)\b", re.I)
_MONEY_ASKED_EN = re.compile(r"\bin dollars\b|\bhow many dollars\b|\bdollar (?:amount|value|figure)\b|"
                             r"\bhow much (?:money|funding|will be paid|must be paid)\b", re.I)
_MONEY_STATED_EN = re.compile(r"[$€£]\s*\d|\b(?:dollars?|euros?|pounds sterling|USD|EUR|GBP)\b", re.I)


def _kind_missing(q: Query, first: str) -> str:
    """An English question asking for a share ("what share of …") or a sum of money ("in dollars") when the sentence
    that answers it states no share or no money ("" when it does, or neither is asked)."""
    if q.lang == "zh" or CJK_RUN.search(first):
        return ""
    if _SHARE_ASKED_EN.search(q.text) and not _SHARE_STATED_EN.search(first):
        return "a share"
    if _MONEY_ASKED_EN.search(q.text) and not _MONEY_STATED_EN.search(first):
        return "an amount of money"
    return ""


def _measure_missing(q: Query, hay: str) -> str:
    """The measure a "how many / how much" asks for ("多少家", "多少资金", "how many board feet", "what share", "in
    dollars") when no number in the evidence carries it ("" when one does, or nothing is asked in a measure)."""
    if q.lang != "zh":
        if CJK_RUN.search(hay):
            return ""
        m = _HOW_MANY.search(q.text)
        if not m or CJK_RUN.search(hay):
            return ""
        noun = m.group(1).split()[-1].lower()
        found = re.search(rf"{_EN_NUMBER}\W+(?:[\w-]+\W+){{0,4}}?{re.escape(noun[:5])}", hay, re.I)
        return "" if found else m.group(1)
    if _SHARE_ASKED.search(q.text):  # "给予多少比例的补贴": a share, which the evidence must state
        return "" if _SHARE_STATED.search(hay) else "具体比例"
    if _MONEY.search(q.text):
        nouns = [n for n in _MONEY_NOUNS if n in q.text]
        clauses = [c for c in re.split(r"[，,；;。\n]", hay) if re.search(_NUMERAL + r"元", c)]
        return "" if any(all(n in c for n in nouns) for c in clauses) else "金额"
    m = _MEASURE.search(q.text)
    if not m:
        return ""
    unit = m.group(1)
    same = set(PERSONS) if unit in PERSONS else unit_spellings(unit)  # 多少名 is answered in 人 too
    spellings = "|".join(re.escape(u) for u in sorted(same, key=len, reverse=True))
    if not re.search(rf"{_NUMERAL}\s*(?:{spellings})", hay):
        return f"多少{unit}"
    counted = _COUNTED.match(q.text, m.end())  # "多少个充电桩": what is counted must be what the evidence counts
    return counted.group(0) if counted and counted.group(0)[:2] not in hay else ""


# a figure that qualifies what is asked ("immunised at 24 months", "5岁以下儿童", "within 30 days"), not a year
# a figure that qualifies what is asked ("immunised at 24 months", "5岁以下儿童", "within 30 days"), not a year
_QUALIFIER_FIGURE = re.compile(r"(?<![\d.])(\d{1,3}(?:\.\d+)?)\s*-?\s*(months?|years?|days?|weeks?|hours?|minutes?|km|"
                               r"kilomet(?:er|re)s?|miles?|个月|岁|周岁|日|天|周|小时|分钟|公里)(?![a-z])", re.I)


_WORDED_SPAN = re.compile(r"\b((?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-[a-z]+)?|one|two|three|four|five|"
                          r"six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|"
                          r"eighteen|nineteen)(?=\s+(?:months?|years?|days?|weeks?|hours?|minutes?)\b)", re.I)


def _in_digits(text: str) -> str:
    """Spans of time written in words as digits ("six hours" -> "6 hours"), to compare them with digits."""
    from ingest.recognise.en_deadlines import number_word

    return _WORDED_SPAN.sub(lambda m: str(n) if (n := number_word(m.group(1))) is not None else m.group(0), text)


def qualifier_figure_missing(question: str, hay: str) -> str:
    """A figure with a unit of time, age or distance that the question pins ("at 12 months") when the evidence
    gives that unit only with other figures ("at 24 months"): the nearest sentence is then no answer. Evidence
    without the unit in figures ("ninety days") is left to the other checks."""
    question, hay = _in_digits(question), _in_digits(hay)  # "within four hours" / "within six hours"
    stated: dict[str, set[str]] = {}
    for m in _QUALIFIER_FIGURE.finditer(hay):
        stated.setdefault(m.group(2).lower().rstrip("s"), set()).add(m.group(1))
    for m in _QUALIFIER_FIGURE.finditer(question):
        given = stated.get(m.group(2).lower().rstrip("s"))
        if given and m.group(1) not in given:
            return m.group(0).strip()
    return ""


_PERIOD = re.compile(r"\d+\s*(?:日|天|个工作日|个月|周|年)(?:内|以内)|起施行|有效期|每(?:年|季度|月)|"
                     r"\b(?:within|no later than|not later than|by|before)\s+(?:\d|[A-Z][a-z]+ \d|the end)|"
                     r"\b(?:within|no later than|not later than)\s+[a-z]+(?:[- ][a-z]+)?\s+(?:\(\d+\)\s+)?"
                     r"(?:calendar\s+|business\s+)?(?:days?|weeks?|months?|years?|hours?)\b|"  # "within ninety days"
                     r"\b(?:each|every|annual|annually)\b|\d{4}\s*年|\b(?:19|20)\d\d\b", re.I)


def states_a_date(sentences: list[str]) -> bool:
    """Whether any of the sentences states a date, a period or a recurrence (what a "when" answer needs)."""
    from ingest.recognise.deadlines import find_dates

    return any(find_dates(s) or _PERIOD.search(s) for s in sentences)

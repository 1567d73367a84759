"""Who a cited sentence makes responsible, when no task record says it: units named in the sentence.

Answers come from records where they exist and from cited sentences otherwise, so that a
"who" answer does not hinge on one extractor. Chinese sentences: the document's known unit
names, else unit-shaped names (…局, …委员会, 各…政府). English sentences: the actors before
the modal verb ("the Secretary of Energy, in consultation with …, shall …"), written as
offices ("the Secretary of X", "the Administrator of the EPA", "the Director of OMB") or as
named bodies ("the Federal Geographic Data Committee", "Bristol City Council").
"""

from __future__ import annotations

import re

from index.store import Store
from ingest.models import Citation, Unit
from ingest.recognise.units import looks_like_unit, parse_units

_UNIT_IN_TEXT = re.compile(r"(?:各|[省市县区州乡镇])[\u4e00-\u9fff]{1,10}?(?:人民政府|政府|委员会|局|委|办公室|办|中心|厅|站|院|所|"
                           r"公司|集团)")
_OFFICE = (r"(?:Secretary|Administrator|Director|Chair(?:man|person)?|Co-Chairs?|Attorney General|Commissioner|"
           r"Deputy Secretary|Under Secretary|Assistant Secretary|Advisor|Adviser|Envoy|Chief|Head|President|"
           r"Vice President|Counsel|Coordinator|Officer|Assistant to the President)")
_NAME = r"(?:[A-Z][\w.&’'-]*|of|the|for|on|and(?=\s+(?!the\b)[A-Z]))"
_ACTOR = re.compile(
    rf"\b(?:[Tt]he\s+)?(?:(?:[A-Z][\w’'-]*\s+)*{_OFFICE}(?:\s+(?:of|for|to)\s+(?:the\s+)?(?:{_NAME}\s*)*[A-Z][\w.&’'-]*)?|"
    rf"(?:[A-Z][\w.&’'-]*\s+){{1,6}}(?:Council|Committee|Commission|Agency|Board|Department|Office|Group|Task Force|"
    rf"Service|Administration|Institute|Authority|Bureau)|[A-Z]{{2,}}(?:\s+Council)?)")
_MODAL = re.compile(r"\b(?:shall|must|will|should|is responsible|are responsible|leads?|chairs?)\b")
_NOT_ACTOR = frozenset(("The", "Sec", "This", "Such", "Section", "Executive Order", "Act", "United States", "State",
                        "Federal", "Government"))


def chinese_units(store: Store, question: str, cite: Citation) -> list[Unit]:
    """Units a Chinese sentence names: the document's known unit names, else unit-shaped names."""
    known = {n: u.normalized or u.name for t in store.tasks(cite.doc_id) for u in t.units for n in (u.name, u.normalized)}
    found: list[Unit] = []
    rest = cite.quote
    for name in sorted(known, key=len, reverse=True):
        if len(name) >= 2 and name in rest and name not in question:
            found.append(Unit(name=name, normalized=known[name], role="responsible"))
            rest = rest.replace(name, " ")
    if not found:
        found = duty_subjects(rest, question)
    if not found:
        for m in _UNIT_IN_TEXT.finditer(rest):
            if m.group(0) not in question and looks_like_unit(m.group(0)):
                found.append(Unit(name=m.group(0), normalized=m.group(0), role="responsible"))
    return found[:8]


# the bodies a Chinese sentence gives a duty to: its subject before 要/负责/牵头/会同/应 ("甲省司法厅负责统筹…",
# "各市（州）人民政府要…建设…系统", "省财政厅要会同有关部门…")
_DUTY_SUBJECT = re.compile(r"(?:^|[。；;！!])\s*(?:[^。；;，,由]{1,8}由|由)?(?P<who>[\u4e00-\u9fff（）()、]{2,40}?)"
                           r"(?:要|负责|牵头|会同|应当|应|须|必须|承担|统筹)")
# "X会同A、B、C等负责解释": those X acts with share the duty
_WITH = re.compile(r"会同(?P<with>[\u4e00-\u9fff（）()、]{2,80}?)(?:等(?:有关)?(?:部门|单位)?)?(?:负责|共同|联合|研究|制定|做好|组织|开展)")


# office holders who lead in person ("成立由区领导牵头的…工作组", "由分管副县长牵头"): who, though no body
LEADER = re.compile(r"[\u4e00-\u9fff]{0,6}(?:领导|负责人|负责同志|书记|市长|县长|区长|省长|主任|局长)")
_GENERIC_BODY = re.compile(r"(?:各|有关|相关|其他|各级|各有关)*(?:部门|单位|地区|地方|方面|机构)")


def duty_subjects(text: str, question: str) -> list[Unit]:
    """The units a sentence's subject names, when it names units only (not "各地要…"), or the units a notice asks
    to act ("请财政部会同有关部门…"); of a measure's sentences, the one sharing most of the question's words first."""
    sentences = [_ITEM_NUMBER.sub("", s) for s in re.split(r"(?<=[。；;！!])", text) if s.strip()]
    ranked = sorted(sentences, key=lambda s: -_shared_bigrams(s, question))
    for sentence in ranked:
        for m in [*_DUTY_SUBJECT.finditer(sentence), *_ASKED_TO_ACT.finditer(sentence)]:
            names = [u.name for u in parse_units(m.group("who"))]
            if names and all((looks_like_unit(n) or LEADER.fullmatch(n)) and not _GENERIC_BODY.fullmatch(n) for n in names) \
                    and not any(n in question for n in names):
                joint = _WITH.match(sentence, m.end() - 2) if sentence.startswith("会同", m.end() - 2) else None
                names += [u.name for u in parse_units(joint.group("with")) if looks_like_unit(u.name)
                          and not _GENERIC_BODY.fullmatch(u.name)] if joint else []
                return [Unit(name=n, normalized=n, role="responsible") for n in dict.fromkeys(names)]
    return []


# a notice asks named bodies to act: "请甲部会同有关部门…", "请甲部、乙部等部门在2029年2月底前完成"
_ASKED_TO_ACT = re.compile(r"(?:^|[。；;，,！!])\s*请(?P<who>[\u4e00-\u9fff、]{2,40}?)(?:等(?:有关)?部门)?"
                           r"(?:会同|牵头|负责|落实|抓紧|尽快|按照|根据|在|于|研究|制定|出台|提出|完善|修订|做好|加强|组织)")


def _shared_bigrams(sentence: str, question: str) -> int:
    """How many of the question's Chinese character pairs the sentence writes (0 for an English question)."""
    pairs = {question[i:i + 2] for i in range(len(question) - 1) if _CJK2.fullmatch(question[i:i + 2])}
    return sum(p in sentence for p in pairs)


_ITEM_NUMBER = re.compile(r"^\s*(?:[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.、．]|[一二三四五六七八九十]{1,3}、)")
_CJK2 = re.compile(r"[\u4e00-\u9fff]{2}")


ASKED_SUBJECT = re.compile(r"\bwhat (?:must|should|shall|will|does|is) (the [A-Z][\w ,’'-]+?) "
                            r"(?:do|doing|consider|required|expected)\b")


def english_actors(sentence: str, question: str = "") -> list[Unit]:
    """The actors of an English sentence (those before its modal verb when it has one, else any),
    not the ones the question names - except the subject of "what must X do", which is the answer."""
    asked = ASKED_SUBJECT.search(question)
    if asked and asked.group(1).lower().removeprefix("the ") in sentence.lower():
        name = asked.group(1)
        return [Unit(name=name, normalized=name.removeprefix("the "), role="responsible")]
    m = _MODAL.search(sentence)
    found = _actors(sentence[: m.start()] if m else sentence, question)
    return found or (_actors(sentence, question) if m else [])


def _actors(head: str, question: str) -> list[Unit]:
    out: list[Unit] = []
    for a in _ACTOR.finditer(head):
        before = head[max(0, a.start() - 12):a.start()]
        if re.search(r"(?:\(|\bthrough\s+(?:the\s+)?)$", before):
            continue  # "(OMB)" repeats a name; "through the Directors of …" names an intermediary
        name = re.sub(r"\s+", " ", a.group(0)).strip(" ,;")
        name = re.sub(r"^(?:[Tt]he\s+)", "the ", name)
        bare = name.removeprefix("the ")
        if bare in _NOT_ACTOR or len(bare) < 3 or (question and bare.lower() in question.lower()):
            continue
        if not any(bare in u.name for u in out):
            out.append(Unit(name=name, normalized=bare, role="responsible"))
    return out[:6]

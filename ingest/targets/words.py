"""The words around a figure: which indicator it measures and which place it belongs to.

Chinese plans put the indicator before the figure (森林面积由2015年的3.2万km2),
the counted thing after a classifier (新建8个水文监测站), or leave it to the previous
clause (…，增加了8.5%). These helpers turn the text before and after a figure into an
indicator name and, when the clause starts with a place, a scope. They know grammar words,
not documents.
"""

from __future__ import annotations

import re

from ingest.recognise.places import is_self_reference
from ingest.recognise.quantities import SERVICE_VERBS

# "到2025年", "2026年6月底前", "2025年的基础上": a date phrase, limits included ("…底前完成改造100公里")
_YEAR_PHRASE = re.compile(r"(?:由|从|到|至|于|在|截至|截止|比|较|相比|与)?\s*(?:19|20)\d{2}\s*年(?:\d{1,2}\s*月份?(?:\d{1,2}\s*[日号])?)?"
                          r"(?:底|末|初|上旬|中旬|下旬)?(?:之前|以前|前)?(?:起|开始)?(?:的)?(?:基础上)?(?:继续)?")
_TRAIL = re.compile(
    r"(?:为|是|达|达到|提高到|提升到|提高至|提升至|下降到|下降至|降至|降到|降低到|减少到|减少了|减少|增加到|增加了|增加|"
    r"增长|控制在|保持在|稳定在|压缩至|压缩到|缩短至|缩短到|压缩|缩短|约|近|超过|不低于|不少于|不超过|共|共计|累计|合计|总计|仅|只有|已|有|的|由|从|至|到|完成|"
    r"分别|分别占|各|要|(?<![供响效适对反感])应|原则上应?|不小于|不多于|达到了|实现|力争|确保|努力|争取)$")
_LEAD = re.compile(
    r"^(?:其中|并且|并|且|和|及|以及|同时|另外|此外|全市|全县|全省|全区|区内|县内|市内|域内|目前|现有|仍有|预计|初步测算|我们|全年|同比|比上年|较上年|比去年|较去年|共计|共|累计|"
    r"总计|合计|已|通过|此外|新一轮|更远高于|远高于|高于|低于|超过|相当于|约|计(?!划)|还|都|均|要|力争|确保|进一步|全面|"
    r"努力|争取|实现)")
_COMPARE = re.compile(r"^(?:更远高于|远高于|高于|低于|略高于|略低于|超过|相当于)")
_PLACE_NAME = r"[\u4e00-\u9fff]{1,8}?(?:高新区|新区|开发区|自治县|区|县|市|州|旗)"
# a list of places that a figure is stated for: "锦江区、成华区、高新区…", "乐都、平安两区"
_PLACE_LIST = re.compile(rf"^((?:{_PLACE_NAME}、)+{_PLACE_NAME}|(?:[\u4e00-\u9fff]{{2,4}}、)+[\u4e00-\u9fff]{{2,4}}"
                         rf"[两二三四五六七八九十]个?(?:区|县|市))(?![\u4e00-\u9fff]{{0,1}}(?:、|和))")
# kinds of area, not named places: 城区、郊区; 全市, 各县
_NOT_NAMED = re.compile(r"^(?:全|本|各|该)|^(?:城区|郊区|市区|山区|社区|园区|景区|城市|农村|新城区|老城区|主城区|中心城区)$")
# a named basin ("某江流域", "某某库区"), not a kind of one ("主要流域", "重点流域", "小流域": which waters, no place)
_BASIN = re.compile(r"^(?:全国|(?!主要|重点|各|全|所有|其他|其余|相关|有关|小|大中)(?:[\u4e00-\u9fff]{1,3}[江河湖海]流域|"
                    r"[\u4e00-\u9fff]{2,6}(?:库区|流域)))")
# "在X区新建…": a place introduced by 在 before a verb of doing (not a list of places)
_AT_PLACE = re.compile(r"^在([^、，,和及]{2,16}?(?:区域|地区|片区|屏障区|流域|库区|区|县|市|乡|镇))(?=新建|建设|建成|实施|开展|"
                       r"治理|完成|改造|新增|布设|设立|建立)")
_VERBS = ("新建", "建设", "建成", "完成", "实施", "开展", "治理", "改造", "划分", "审批", "新增", "升级", "培育",
          "创建", "打造", "建立", "设立", "规划", "修复", "验收", "查处", "复核", "整治", "配备", "培训")
_NOUN_STOP = re.compile(r"进行|开展|实施|作为|用于|的|并|和|(?<![涉普危顾波提触惠遍])及(?![时早以])|,|，|;|；|。|:|：|\s|\(|（|、|(?<=[\u4e00-\u9fff]{2})(?:完成|实现|累计|带动)|为(?:主要|重点|服务)?(?:对象|主体)")
_NUMBERING = re.compile(r"^\s*(?:[(（][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}、|\d{1,3}[.、．](?!\d)|[①-⑳]|"
                        r"[一二三四五六七八九十]{1,2}是)")  # "一是建设…": an enumerator of official prose
_CJK = re.compile(r"[\u4e00-\u9fffA-Za-z]")
# a count of places ("6个区县", "12个乡镇"), not of things of a level ("3个省级园区", "5个县级医院") or of
# words that open with a place character ("2个市场", "10个乡村振兴示范点", "3个区域中心")
PLACE_NOUNS = re.compile(r"^\s*(?!乡村|市场|区域|区块|县域|市域)(?>区县|县区|县市|市县|个区|个县|区|县|市|省|乡镇|乡|镇|村|街道)(?!级|[站点所园馆院室厅]|中心|服务|示范)")


_OPEN_QUOTE = re.compile(r"^.*《(?=[^》]*$)")  # "…包括《城镇新增就业": the measure the open title mark quotes


def strip_clause(pre: str) -> str:
    """`pre` without year phrases, lead words and trailing verbs: what names the measure."""
    t = _NUMBERING.sub("", _YEAR_PHRASE.sub("", _OPEN_QUOTE.sub("", pre)))
    t = re.sub(r"[\s\"“”‘’()（）\[\]【】]", "", t).lstrip("、，,；;")  # "2026年、2027年新建…": the list's mark
    prev = None
    while prev != t:
        prev = t
        t = _LEAD.sub("", t)
        t = _TRAIL.sub("", t)
    return t


def leading_place(pre: str, places: list[str]) -> tuple[str | None, str]:
    """A place the clause starts with (a known place longest first, 全国, a basin) and the rest of the clause."""
    t = _COMPARE.sub("", re.sub(r"^(?:其中|并|且|和|及|而|确保|力争|争取)", "", _NUMBERING.sub("", pre).strip()))
    m = _AT_PLACE.match(t)
    if m:
        return m.group(1), t[m.end(1):]
    for place in places:
        if place and t.startswith(place) and not is_self_reference(place):
            return place, t[len(place):]
    m = _BASIN.match(t)
    if m and len(t) > len(m.group(0)) - 1:
        return m.group(0), t[len(m.group(0)):]
    m = _PLACE_LIST.match(t)
    if m and not any(_NOT_NAMED.match(item) for item in m.group(1).split("、")):
        return m.group(1), t[m.end(1):]  # "乐都、平安两区…", "锦江区、成华区…": the places it is stated for
    return None, pre


def counted_noun(post: str) -> str:
    """The thing a classifier counts: "水文监测站" in "8个水文监测站，…"."""
    m = _NOUN_STOP.search(post)
    noun = post[: m.start()] if m else post
    return noun[:16]


def head_noun(post: str) -> str:
    """The thing counted after a classifier, past its modifiers: "20个具有示范作用的智慧农业产业园" ->
    智慧农业产业园 (the noun after the clause's last 的), else the words right after it."""
    return noun_after_de(post) or counted_noun(post)


def noun_after_de(post: str) -> str:
    """The noun after the last 的 of the clause a figure opens ("个具有示范作用的智慧农业产业园" -> 智慧农业产业园;
    "、面积不低于6万平方米的示范园区": the noun a run of figures qualifies), "" when the clause names none. The clause
    ends at the next figure's item ("…的大品种、10家以上…的企业": that item has its own noun)."""
    clause = re.split(r"[，,；;。:：]", post, maxsplit=1)[0]
    clause = re.split(r"、(?=\d)", clause, maxsplit=1)[0]
    if "的" not in clause:
        return ""
    head = clause.rsplit("的", 1)[1].strip(" ”\"’」")
    return head if has_words(head) and len(head) <= 16 and not re.search(r"\d", head) else ""


def verb_tail(pre: str) -> str:
    """The verb right before a counted figure ("新建" in "按照原则,新建"), if it is a verb of doing."""
    t = re.sub(r"[\s,，;；:：]", "", pre)
    for verb in _VERBS:
        if t.endswith(verb):
            return verb
    return ""


_LATIN_LETTER = re.compile(r"[A-Za-z]")
_HAN = re.compile(r"[\u4e00-\u9fff]")


def written_in_english(text: str) -> bool:
    """English by its letters, however many figures it holds ("a. 2030: 60% of 1990 emissions."): Latin letters
    outnumber Chinese characters two to one. Everything else is read with the Chinese rules."""
    return len(_LATIN_LETTER.findall(text)) > 2 * len(_HAN.findall(text))


def has_words(text: str, n: int = 2) -> bool:
    """Enough letters to name something (a lone verb particle does not)."""
    return len(_CJK.findall(text)) >= n


_SERVICE_WORD = re.compile(rf"^[”\"’」]*\s*(?:内)?({SERVICE_VERBS})")
_DOING_ONLY = re.compile(r"^(?:实现|打造|构建|提供|发放|安排|给予|为|每年|每季度?|每月|每半年|每周|每家|全市|全省|全区|全县|力争|确保|达到|形成|组建|"
                         r"开展|举办|组织|建成|建设|新建|实施|完成|推进|新增|[^\u4e00-\u9fff])*$")


def measure_noun(core: str, post: str) -> str | None:
    """What a measure counts when the words before it name no thing ("每年安排3000万元消费券",
    "提供不少于500小时的免费培训", "打造“15分钟健康服务圈”"), or the standard a service time sets
    ("实现不动产登记“一日办结”" -> 不动产登记办结时限). None when the words before name it already."""
    service = _SERVICE_WORD.match(post)
    if service:
        return re.sub(r"^(?:实现|压缩|缩短)|(?:压缩|缩短|控制)(?:至|到|在)?$", "", core) + service.group(1) + "时限"
    if not _DOING_ONLY.fullmatch(re.sub(r"[“”\"'‘’]", "", core)):
        return None
    noun = _unpaired_quotes(counted_noun(re.sub(r"^[”\"’」]*的?", "", post)))  # "…办公生活圈”": its closing mark
    return noun if has_words(noun) else None


def _unpaired_quotes(noun: str) -> str:
    """A name without a quotation mark whose partner it left behind ("办公生活圈”"); "“不打烊”服务" keeps its pair."""
    if noun.endswith(("”", "」")) and not re.search(r"[“「]", noun):
        noun = noun[:-1]
    if noun.startswith(("“", "「")) and not re.search(r"[”」]", noun):
        noun = noun[1:]
    return noun

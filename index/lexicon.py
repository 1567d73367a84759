"""The domain user dictionary, grown from the corpus itself: no term is hard-coded.

Sources, in order of trust:
- task records: every unit name as written and normalised (`store.tasks()`);
- target records: indicator names and scopes, as written and normalised (`store.targets()`);
- the text: organisation names that appear as items of an enumeration
  ("责任单位:县水土保持中心、县自然资源局、县林业局") and end in an organisational suffix
  (局, 委, 中心, 站, 院, 办, 政府...). Requiring the enumeration keeps out sentence fragments
  that merely end in such a character ("...的新格局").

Records are filled by the extraction step; when there are none, the text harvest alone
still gives the tokenizer the corpus' unit names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from index.store import Store

ORG_SUFFIXES = ("人民政府", "政府", "委员会", "管委会", "办公室", "中心", "集团", "公司", "研究所", "科研所",
                "监测站", "分站", "局", "委", "厅", "办", "院", "站", "所", "处", "队", "社", "会")
# Role words that follow a unit name in responsibility lists ("水土局负责", "长科院承担").
ROLE_TAILS = ("按职责分工负责", "依据职责分工负责", "分别承担", "技术牵头", "组织协调", "牵头负责", "负责", "牵头",
              "参与", "配合", "承担", "组织", "协调", "落实", "等")
_ITEM_SPLIT = re.compile(r"[、，,；;：:（）()\[\]【】\s。]+")
_CJK_ONLY = re.compile(r"^[\u4e00-\u9fff]{2,16}$")
_SCOPE_NOISE = re.compile(r"^(全市|全省|全县|全国|合计|总体平均|小计)$")
# General-language verbs that end in an organisational suffix character (查处, 督办...) and
# prepositions that open a clause, not a name: an item with either is not an organisation.
_VERB_ENDINGS = ("查处", "惩处", "论处", "督办", "举办", "承办", "主办", "创办", "开办", "兴办", "到处", "之处")
_CLAUSE_OPENERS = ("对", "由", "在", "向", "把", "将", "被", "从", "按", "经")


def strip_role(item: str) -> str:
    for tail in ROLE_TAILS:
        if item.endswith(tail) and len(item) > len(tail) + 1:
            return item[: -len(tail)]
    return item


def _is_org(item: str) -> bool:
    return (bool(_CJK_ONLY.match(item)) and item.endswith(ORG_SUFFIXES) and 3 <= len(item) <= 12
            and not item.endswith(_VERB_ENDINGS) and not item.startswith(_CLAUSE_OPENERS))


def text_terms(text: str) -> set[str]:
    """Organisation names listed in enumerations (items joined by 、) of `text`."""
    found: set[str] = set()
    for segment in re.split(r"[，,；;。:：()（）\[\]【】\n]", text):
        if "、" not in segment:
            continue
        items = [strip_role(i) for i in _ITEM_SPLIT.split(segment) if i]
        orgs = [i for i in items if _is_org(i)]
        if len(orgs) >= 2:
            found.update(orgs)
    return found


def record_terms(store: Store, doc_ids: Iterable[str] | None = None) -> set[str]:
    """Unit names of task records and indicator/scope names of target records (of `doc_ids`, or all)."""
    terms: set[str] = set()
    ids: list[str | None] = [None] if doc_ids is None else list(doc_ids)
    tasks = [t for d in ids for t in store.tasks(d)] if ids != [] else []
    targets = [t for d in ids for t in store.targets(d)] if ids != [] else []
    for task in tasks:
        for unit in task.units:
            terms.update(n for n in (unit.name, unit.normalized) if n)
    for target in targets:
        for name in (target.indicator, target.indicator_normalized, target.scope, target.scope_normalized):
            if name and not _SCOPE_NOISE.match(name):
                terms.add(name)
    return {t.strip() for t in terms if 2 <= len(t.strip()) <= 24}


def harvest(store: Store, texts: Iterable[str] | None = None, doc_ids: Iterable[str] | None = None) -> list[str]:
    """The user dictionary of `store` (or of its documents `doc_ids`): record terms plus
    enumeration-harvested organisation names."""
    ids = None if doc_ids is None else list(doc_ids)
    terms = record_terms(store, ids)
    if texts is None:
        texts = (store.text(d) or "" for d in (ids if ids is not None else [d["doc_id"] for d in store.documents()]))
    for text in texts:
        terms |= text_terms(text)
    return sorted(terms)

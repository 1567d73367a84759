/* policykb web page: ask, search, tasks, targets, documents. No build step, no dependencies. */
"use strict";

// ---- labels ---------------------------------------------------------------------------------
const LABELS = {
  zh: {
    tagline: "政策文件知识库", tab_ask: "问答", tab_search: "检索", tab_tasks: "任务", tab_targets: "目标",
    tab_documents: "文档", ask_placeholder: "提问，例如：崩岗治理由哪些单位负责？", ask_button: "提问",
    search_placeholder: "检索词，例如：水土保持率 目标", search_button: "检索", k_label: "条数",
    mode_hybrid: "混合", mode_bm25: "关键词 BM25", mode_dense: "语义向量",
    unit_label: "单位", unit_placeholder: "如：水土保持局", due_label: "截止早于", doc_label: "文档",
    all_docs: "全部文档", filter_button: "筛选", by_task: "按任务", by_unit: "按单位", csv_button: "下载 CSV",
    indicator_label: "指标", indicator_placeholder: "如：水土保持率", scope_label: "范围", only_conflicts: "只看冲突",
    upload_button: "上传并入库", key_placeholder: "API 密钥", close: "关闭", loading: "处理中…",
    answer: "回答", citations: "引用", open_source: "查看原文", confidence: "置信度", units: "单位",
    deadlines: "时限", targets: "目标值", no_answer: "文档中没有找到可靠答案。", hits: "条结果",
    no_hits: "没有结果。", score: "得分", fused: "融合", section: "章节", page: "页",
    number: "编号", task: "任务", lead: "牵头", participants: "参与", deadline: "时限", source: "来源",
    ongoing: "长期", tasks_count: "项任务", unit: "单位", aliases: "别名", no_tasks: "没有符合条件的任务。",
    indicator: "指标", scope: "范围", year: "年份", value: "数值", kind: "类型", no_targets: "没有符合条件的目标。",
    values: "个数值", documents_n: "份文档", scopes_n: "个范围", findings: "一致性检查", conflict_mark: "冲突",
    no_findings: "未发现冲突。", title: "标题", lang: "语言", chunks: "段落", doc_tasks: "任务", doc_targets: "目标",
    remove: "删除", open: "打开", confirm_remove: "确定删除该文档及其索引？", uploaded: "已入库",
    unchanged: "文件未变化，无需重新入库", removed: "已删除", writes_refused: "服务器未设置 API 密钥且不在本机地址监听，已禁止上传与删除。",
    writes_key: "上传与删除需要 API 密钥。", examples: "示例",
    type_responsibility: "责任", type_deadline: "时限", type_target: "目标", type_fact: "事实", type_none: "无答案",
    role_lead: "牵头", role_participant: "参与", role_responsible: "负责",
    dk_by: "之前", dk_in_year: "年内", dk_ongoing: "长期", kind_target: "目标", kind_baseline: "基期", kind_achieved: "已实现",
    fk_conflict: "冲突", fk_sum: "合计不符", fk_naming: "名称不一", fk_unmet: "未达成", error: "出错了",
  },
  en: {
    tagline: "policy knowledge base", tab_ask: "Ask", tab_search: "Search", tab_tasks: "Tasks", tab_targets: "Targets",
    tab_documents: "Documents", ask_placeholder: "Ask, e.g. What is Chongqing's soil and water conservation rate target for 2025?",
    ask_button: "Ask", search_placeholder: "Search, e.g. soil and water conservation rate target",
    search_button: "Search", k_label: "Hits", mode_hybrid: "Hybrid", mode_bm25: "Keyword (BM25)", mode_dense: "Semantic",
    unit_label: "Unit", unit_placeholder: "e.g. 水土保持局", due_label: "Due before", doc_label: "Document",
    all_docs: "All documents", filter_button: "Filter", by_task: "By task", by_unit: "By unit", csv_button: "Download CSV",
    indicator_label: "Indicator", indicator_placeholder: "e.g. 水土保持率", scope_label: "Scope",
    only_conflicts: "Conflicts only", upload_button: "Upload and ingest", key_placeholder: "API key", close: "Close",
    loading: "Working…", answer: "Answer", citations: "Citations", open_source: "Open in document",
    confidence: "confidence", units: "Units", deadlines: "Deadlines", targets: "Targets",
    no_answer: "The documents hold no grounded answer.", hits: "hits", no_hits: "No hits.", score: "score",
    fused: "fused", section: "Section", page: "p.", number: "No.", task: "Task", lead: "Lead",
    participants: "Participating", deadline: "Deadline", source: "Source", ongoing: "ongoing", tasks_count: "tasks",
    unit: "Unit", aliases: "Also written as", no_tasks: "No tasks match.", indicator: "Indicator", scope: "Scope",
    year: "Year", value: "Value", kind: "Kind", no_targets: "No targets match.", values: "values",
    documents_n: "documents", scopes_n: "scopes", findings: "Consistency check", conflict_mark: "conflict",
    no_findings: "No conflicts found.", title: "Title", lang: "Lang", chunks: "Chunks", doc_tasks: "Tasks",
    doc_targets: "Targets", remove: "Remove", open: "Open", confirm_remove: "Remove this document and its index entries?",
    uploaded: "Ingested", unchanged: "Unchanged: already ingested", removed: "Removed",
    writes_refused: "Uploads and removals are off: the server has no API key and listens beyond loopback.",
    writes_key: "Uploads and removals need the API key.", examples: "Examples",
    type_responsibility: "responsibility", type_deadline: "deadline", type_target: "target", type_fact: "fact",
    type_none: "no answer", role_lead: "lead", role_participant: "participating", role_responsible: "responsible",
    dk_by: "by", dk_in_year: "within year", dk_ongoing: "ongoing", kind_target: "target", kind_baseline: "baseline",
    kind_achieved: "achieved", fk_conflict: "conflict", fk_sum: "sum mismatch", fk_naming: "naming",
    fk_unmet: "unmet", error: "Error",
  },
};
const EXAMPLES = {
  zh: ["崩岗治理由哪些单位负责？", "水土局牵头的任务有哪些、什么时候完成？", "重庆市2025年水土保持率目标是多少？"],
  en: ["What is Chongqing's soil and water conservation rate target for 2025?",
    "What measures were taken in the M River small watershed?", "崩岗治理由哪些单位负责？"],
};

const browserLang = ((navigator.languages && navigator.languages[0]) || navigator.language || "zh").toLowerCase();
let lang = localStorage.getItem("policykb.lang") || (browserLang.startsWith("zh") ? "zh" : "en");
const t = (key) => (LABELS[lang] && LABELS[lang][key]) || LABELS.en[key] || key;

// ---- small helpers --------------------------------------------------------------------------
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "style") node.style.cssText = v;  // CSSOM: allowed by the page's CSP, a style attribute is not
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : String(c));
  }
  return node;
}
const $ = (id) => document.getElementById(id);
const fmt = (x, d = 3) => (x === null || x === undefined ? "–" : Number(x).toFixed(d));

async function api(method, path, body, headers) {
  const opts = { method, headers: Object.assign({}, headers || {}) };
  if (body instanceof FormData) opts.body = body;
  else if (body !== undefined) { opts.body = JSON.stringify(body); opts.headers["Content-Type"] = "application/json"; }
  const res = await fetch(path, opts);
  let data = null;
  try { data = await res.json(); } catch (e) { data = null; }
  if (!res.ok) {
    const msg = data && data.error ? data.error.message : res.status + " " + res.statusText;
    const err = new Error(msg); err.status = res.status; throw err;
  }
  return data;
}
function showError(box, err) { box.replaceChildren(el("div", { class: "error" }, t("error") + ": " + err.message)); }
function loading(box) { box.replaceChildren(el("div", { class: "muted" }, t("loading"))); }

function citeLabel(c) {
  const parts = [c.source];
  if (c.section) parts.push(c.section);
  if (c.page) parts.push(t("page") + " " + c.page);
  return parts.join(" · ");
}
function citeLink(c, text) {
  return el("a", { href: "#", class: "cite-link", "data-doc": c.doc_id, "data-start": c.start, "data-end": c.end,
    onclick: (e) => { e.preventDefault(); openDoc(c.doc_id, c.start, c.end); } }, text || t("open_source"));
}
function roleBadge(role) { return el("span", { class: "badge role-" + role }, t("role_" + role)); }
function unitChip(u) { return el("span", { class: "chip", title: u.normalized }, u.name, " ", roleBadge(u.role)); }

// ---- views and the address bar --------------------------------------------------------------
const VIEWS = ["ask", "search", "tasks", "targets", "documents"];
const loaded = {};
const last = { answer: null, hits: null };  // re-rendered when the language changes

function parseHash() {
  const h = location.hash.replace(/^#\/?/, "");
  const i = h.indexOf("?");
  const view = i < 0 ? h : h.slice(0, i);
  const params = new URLSearchParams(i < 0 ? "" : h.slice(i + 1));
  return { view: VIEWS.includes(view) ? view : "ask", params };
}
function setHash(view, params) {
  const q = new URLSearchParams(params || {}).toString();
  history.replaceState(null, "", "#" + view + (q ? "?" + q : ""));
}
function show(view) {
  for (const v of VIEWS) $("view-" + v).hidden = v !== view;
  for (const b of document.querySelectorAll("#tabs button")) b.classList.toggle("on", b.dataset.view === view);
  if (!loaded[view] && LOADERS[view]) { loaded[view] = true; LOADERS[view](); }
}

function applyLabels() {
  document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
  for (const n of document.querySelectorAll("[data-i18n]")) n.textContent = t(n.dataset.i18n);
  for (const n of document.querySelectorAll("[data-i18n-ph]")) n.placeholder = t(n.dataset.i18nPh);
  $("lang-toggle").textContent = lang === "zh" ? "English" : "中文";
  renderExamples();
}

// ---- ask ------------------------------------------------------------------------------------
function renderExamples() {
  $("ask-examples").replaceChildren(el("span", { class: "muted small" }, t("examples") + ":"),
    ...EXAMPLES[lang].map((q) => el("button", { type: "button", class: "chip link", onclick: () => { $("ask-input").value = q; ask(q); } }, q)));
}

async function ask(question) {
  const box = $("ask-result");
  setHash("ask", { q: question });
  loading(box);
  try {
    last.answer = await api("POST", "/ask", { question });
    renderAnswer(box, last.answer);
  } catch (err) { showError(box, err); }
}

function renderAnswer(box, a) {
  const none = a.type === "none";
  const card = el("div", { class: "card answer" + (none ? " none" : ""), id: "answer" },
    el("div", { class: "card-head" }, el("span", { class: "badge type" }, t("type_" + a.type)),
      el("span", { class: "muted small" }, t("confidence") + " " + Math.round((a.confidence || 0) * 100) + "%")),
    el("p", { class: "answer-text" }, a.answer || t("no_answer")));
  if (a.units && a.units.length) card.append(el("div", { class: "facts" }, el("span", { class: "label" }, t("units")), ...a.units.map(unitChip)));
  if (a.deadlines && a.deadlines.length) {
    card.append(el("div", { class: "facts" }, el("span", { class: "label" }, t("deadlines")),
      ...a.deadlines.map((d) => el("span", { class: "chip" }, d.text, d.date ? " → " + d.date : "", " ",
        el("span", { class: "badge" }, t("dk_" + d.kind)), d.what ? " · " + d.what : ""))));
  }
  if (a.targets && a.targets.length) {
    card.append(el("div", { class: "facts" }, el("span", { class: "label" }, t("targets")),
      ...a.targets.map((x) => el("span", { class: "chip" }, `${x.scope} ${x.indicator} ${x.comparator} ${x.value}${x.unit}`,
        x.year ? ` (${x.year})` : "", " ", citeLink(x.citation, "↗")))));
  }
  const cites = a.citations || [];
  const list = el("ol", { class: "citations" }, ...cites.map((c, i) => el("li", { class: "citation", id: "cite-" + (i + 1) },
    el("div", { class: "cite-head" }, el("span", { class: "muted small" }, citeLabel(c)), citeLink(c)),
    el("blockquote", {}, c.quote))));
  box.replaceChildren(card, cites.length ? el("h3", {}, t("citations") + " (" + cites.length + ")") : "", list);
}

// ---- search ---------------------------------------------------------------------------------
async function search(query, mode, k) {
  const box = $("search-result");
  setHash("search", { q: query, mode, k });
  loading(box);
  try {
    const r = await api("POST", "/search", { query, mode, k });
    last.hits = r.hits;
    renderHits(box, r.hits);
  } catch (err) { showError(box, err); }
}

function scoreBar(name, value, max) {
  const w = value === null || value === undefined || !max ? 0 : Math.max(2, Math.round(100 * value / max));
  return el("div", { class: "score-row" }, el("span", { class: "score-name" }, name),
    el("span", { class: "bar" }, el("span", { class: "fill", style: "width:" + w + "%" })),
    el("span", { class: "score-val" }, fmt(value)));
}

function highlighted(text, quote) {
  const i = quote ? text.indexOf(quote) : -1;
  if (i < 0) return el("p", { class: "chunk" }, text);
  return el("p", { class: "chunk" }, text.slice(0, i), el("mark", {}, quote), text.slice(i + quote.length));
}

function renderHits(box, hits) {
  if (!hits.length) { box.replaceChildren(el("div", { class: "muted" }, t("no_hits"))); return; }
  const max = (key) => Math.max(0, ...hits.map((h) => (key ? h.scores[key] : h.score) || 0));
  const mx = { f: max(null), b: max("bm25"), d: max("dense") };
  box.replaceChildren(el("div", { class: "muted small" }, hits.length + " " + t("hits")),
    ...hits.map((h, i) => el("div", { class: "card hit" },
      el("div", { class: "hit-main" },
        el("div", { class: "cite-head" }, el("span", { class: "rank" }, "#" + (i + 1)),
          el("span", { class: "muted small" }, citeLabel(h)), citeLink(h)),
        highlighted(h.text, h.quote)),
      el("div", { class: "scores" }, scoreBar(t("fused"), h.score, mx.f), scoreBar("BM25", h.scores.bm25, mx.b),
        scoreBar("dense", h.scores.dense, mx.d)))));
}

// ---- tasks ----------------------------------------------------------------------------------
const tasksState = { tasks: [], matrix: [], byUnit: false };

async function loadTasks() {
  const box = $("tasks-result");
  const params = {};
  const unit = $("tasks-unit").value.trim(), due = $("tasks-due").value, doc = $("tasks-doc").value;
  if (unit) params.unit = unit;
  if (due) params.due_before = due;
  if (doc) params.doc = doc;
  setHash("tasks", params);
  loading(box);
  try {
    const qs = new URLSearchParams(params).toString();
    const [tasks, matrix] = await Promise.all([api("GET", "/tasks" + (qs ? "?" + qs : "")),
      api("GET", "/units" + (doc ? "?doc=" + encodeURIComponent(doc) : ""))]);
    tasksState.tasks = tasks;
    const ids = new Set(tasks.map((x) => x.task_id));
    tasksState.matrix = matrix.map((r) => Object.assign({}, r, { tasks: r.tasks.filter((x) => ids.has(x.task_id)) }))
      .filter((r) => r.tasks.length && (!unit || matchUnit(r, unit)));
    $("unit-names").replaceChildren(...matrix.flatMap((r) => [r.unit, ...r.aliases]).map((n) => el("option", { value: n })));
    renderTasks();
  } catch (err) { showError(box, err); }
}

function matchUnit(row, unit) {
  const u = unit.replace(/\s/g, "");
  return [row.unit, ...row.aliases].some((n) => n.includes(u) || u.includes(n));
}

function deadlineText(task) {
  if (task.deadlines.length) return task.deadlines.map((d) => d.text + (d.date ? " (" + d.date + ")" : "")).join("; ");
  return task.ongoing ? t("ongoing") : "–";
}

function renderTasks() {
  const box = $("tasks-result");
  $("tasks-by-task").classList.toggle("on", !tasksState.byUnit);
  $("tasks-by-unit").classList.toggle("on", tasksState.byUnit);
  if (!tasksState.tasks.length) { box.replaceChildren(el("div", { class: "muted" }, t("no_tasks"))); return; }
  if (tasksState.byUnit) { box.replaceChildren(matrixTable()); return; }
  const rows = tasksState.tasks.map((x) => el("tr", {},
    el("td", { class: "nowrap" }, x.number),
    el("td", {}, el("details", {}, el("summary", {}, x.title || x.text.slice(0, 60)), el("p", { class: "small" }, x.text)),
      el("div", { class: "muted small" }, x.section)),
    el("td", {}, ...x.units.filter((u) => u.role !== "participant").map(unitChip)),
    el("td", {}, ...x.units.filter((u) => u.role === "participant").map(unitChip)),
    el("td", {}, deadlineText(x)),
    el("td", {}, el("span", { class: "small" }, x.source), " ", citeLink(x.citation, "↗"))));
  box.replaceChildren(el("div", { class: "muted small" }, tasksState.tasks.length + " " + t("tasks_count")),
    el("table", { class: "grid" }, el("thead", {}, el("tr", {}, ...["number", "task", "lead", "participants", "deadline", "source"]
      .map((k) => el("th", {}, t(k))))), el("tbody", {}, rows)));
}

function matrixTable() {
  const byId = new Map(tasksState.tasks.map((x) => [x.task_id, x]));
  const rows = tasksState.matrix.map((r) => el("tr", {},
    el("td", { class: "unit-cell" }, el("strong", {}, r.unit), r.aliases.length ? el("div", { class: "muted small" }, t("aliases") + ": " + r.aliases.join("、")) : ""),
    el("td", {}, el("ul", { class: "plain" }, ...r.tasks.map((rt) => {
      const x = byId.get(rt.task_id);
      return el("li", {}, roleBadge(rt.role), " ", x ? `${x.number} ${x.title}` : rt.task_id, " ",
        x ? el("span", { class: "muted small" }, deadlineText(x)) : "", " ", x ? citeLink(x.citation, "↗") : "");
    })))));
  return el("table", { class: "grid" }, el("thead", {}, el("tr", {}, el("th", {}, t("unit")), el("th", {}, t("task")))),
    el("tbody", {}, rows));
}

function csvCell(v) {
  const s = v === null || v === undefined ? "" : String(v);
  return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}
function csvText() {
  let header, rows;
  if (tasksState.byUnit) {
    const byId = new Map(tasksState.tasks.map((x) => [x.task_id, x]));
    header = ["unit", "aliases", "role", "number", "title", "deadline", "due", "source"];
    rows = tasksState.matrix.flatMap((r) => r.tasks.map((rt) => {
      const x = byId.get(rt.task_id) || {};
      return [r.unit, r.aliases.join("、"), rt.role, x.number, x.title, x.deadlines ? deadlineText(x) : "", lastDate(x), x.source];
    }));
  } else {
    header = ["source", "number", "section", "title", "lead", "participants", "deadline", "due", "ongoing", "text"];
    rows = tasksState.tasks.map((x) => [x.source, x.number, x.section, x.title,
      x.units.filter((u) => u.role !== "participant").map((u) => u.name).join("、"),
      x.units.filter((u) => u.role === "participant").map((u) => u.name).join("、"),
      x.deadlines.map((d) => d.text).join("; "), lastDate(x), x.ongoing ? "yes" : "", x.text]);
  }
  // UTF-8 with a byte-order mark so that Excel opens Chinese text correctly
  return "\ufeff" + [header, ...rows].map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
}
function downloadCsv() {
  const a = el("a", { href: URL.createObjectURL(new Blob([csvText()], { type: "text/csv;charset=utf-8" })),
    download: tasksState.byUnit ? "policykb-units.csv" : "policykb-tasks.csv" });
  document.body.append(a); a.click(); a.remove();
}
function lastDate(x) {
  const ds = (x.deadlines || []).map((d) => d.date).filter(Boolean).sort();
  return ds.length ? ds[ds.length - 1] : "";
}

// ---- targets --------------------------------------------------------------------------------
// a table row's citation covers every value in the row, so a value is known by its citation and itself
const valueKey = (c, value) => c.doc_id + ":" + c.start + ":" + c.end + "=" + value;

async function loadTargets() {
  const box = $("targets-result"), fbox = $("targets-findings");
  const params = {};
  const indicator = $("targets-indicator").value.trim(), scope = $("targets-scope").value.trim();
  if (indicator) params.indicator = indicator;
  if (scope) params.scope = scope;
  setHash("targets", params);
  loading(box);
  try {
    const qs = new URLSearchParams(params).toString();
    const [targets, findings] = await Promise.all([api("GET", "/targets" + (qs ? "?" + qs : "")), api("GET", "/crosscheck")]);
    if (!indicator && !scope) {
      const names = [...new Set(targets.map((x) => x.indicator_normalized || x.indicator))].sort();
      $("indicator-names").replaceChildren(...names.map((n) => el("option", { value: n })));
    }
    renderTargets(box, fbox, targets, findings);
  } catch (err) { showError(box, err); }
}

function renderTargets(box, fbox, targets, findings) {
  const conflictOf = new Map();
  for (const f of findings) for (const v of f.values) conflictOf.set(valueKey(v.citation, v.value), f);
  const shown = new Set(targets.map((x) => x.indicator_normalized || x.indicator));
  const conflictKeys = new Set(targets.map((x) => valueKey(x.citation, x.value)));
  const relevant = findings.filter((f) => !targets.length || shown.has(f.indicator) ||
    f.values.some((v) => conflictKeys.has(valueKey(v.citation, v.value))));
  fbox.replaceChildren(el("details", { class: "card findings", open: relevant.length ? true : null },
    el("summary", {}, t("findings") + " (" + relevant.length + ")"),
    relevant.length ? el("ul", { class: "plain" }, ...relevant.map(findingItem)) : el("div", { class: "muted" }, t("no_findings"))));
  let list = targets;
  if ($("targets-conflicts").checked) list = list.filter((x) => conflictOf.has(valueKey(x.citation, x.value)));
  if (!list.length) { box.replaceChildren(el("div", { class: "muted" }, t("no_targets"))); return; }
  const groups = new Map();
  for (const x of list) {
    const key = x.indicator_normalized || x.indicator;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(x);
  }
  const ordered = [...groups.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
  box.replaceChildren(...ordered.map(([name, xs], gi) => targetGroup(name, xs, conflictOf, gi < 6)));
}

function findingItem(f) {
  return el("li", { class: "finding" }, el("span", { class: "badge warn" }, t("fk_" + f.kind) || f.kind), " ",
    el("strong", {}, f.scope + " " + f.indicator), " — ", f.note, el("div", { class: "small" },
      ...f.values.map((v) => el("span", { class: "chip" }, fmtValue(v.value) + v.unit + " · " + v.citation.source + " ", citeLink(v.citation, "↗")))));
}
const fmtValue = (v) => (typeof v !== "number" || Number.isInteger(v) ? String(v) : String(Number(v.toFixed(4))));

function targetGroup(name, xs, conflictOf, open) {
  xs.sort((a, b) => (a.scope || "").localeCompare(b.scope || "") || (a.year || 0) - (b.year || 0) || a.source.localeCompare(b.source));
  const docs = new Set(xs.map((x) => x.doc_id)), scopes = new Set(xs.map((x) => x.scope));
  const rows = xs.map((x) => {
    const f = conflictOf.get(valueKey(x.citation, x.value));
    return el("tr", { class: f ? "conflict" : null, title: f ? f.note : null },
      el("td", {}, x.scope), el("td", {}, x.year || "–"),
      el("td", { class: "num" }, x.comparator === "=" ? "" : x.comparator + " ", el("strong", {}, fmtValue(x.value)), " " + x.unit),
      el("td", {}, t("kind_" + x.kind)),
      el("td", {}, el("span", { class: "small" }, x.source), x.table ? el("div", { class: "muted small" }, x.table) : ""),
      el("td", {}, f ? el("span", { class: "badge warn" }, "⚠ " + t("conflict_mark")) : "", " ", citeLink(x.citation, "↗")));
  });
  return el("details", { class: "card group", open: open || null },
    el("summary", {}, el("strong", {}, name), el("span", { class: "muted small" },
      ` ${xs.length} ${t("values")} · ${docs.size} ${t("documents_n")} · ${scopes.size} ${t("scopes_n")}`)),
    el("table", { class: "grid" }, el("thead", {}, el("tr", {}, ...["scope", "year", "value", "kind", "source", ""].map((k) => el("th", {}, k ? t(k) : "")))),
      el("tbody", {}, rows)));
}

// ---- documents ------------------------------------------------------------------------------
let docs = [];
let writes = "open";

async function loadDocuments() {
  const box = $("documents-result");
  try {
    const [list, health] = await Promise.all([api("GET", "/documents"), api("GET", "/health")]);
    docs = list; writes = health.writes;
    fillDocSelect();
    $("upload-key").hidden = writes !== "key";
    $("upload-note").textContent = writes === "refused" ? t("writes_refused") : writes === "key" ? t("writes_key") : "";
    for (const b of $("upload-form").querySelectorAll("button, input")) b.disabled = writes === "refused";
    const rows = docs.map((d) => el("tr", {},
      el("td", {}, el("a", { href: "#", onclick: (e) => { e.preventDefault(); openDoc(d.doc_id, 0, 0); } }, d.title),
        el("div", { class: "muted small" }, d.source + " · " + d.doc_id)),
      el("td", {}, d.lang), el("td", { class: "num", title: "with vectors / chunks" }, d.embedded == null || d.embedded >= d.chunks ? d.chunks : `${d.embedded}/${d.chunks}`), el("td", { class: "num" }, d.tasks),
      el("td", { class: "num" }, d.targets),
      el("td", {}, writes === "refused" ? "" : el("button", { type: "button", class: "ghost danger", onclick: () => removeDoc(d) }, t("remove")))));
    box.replaceChildren(el("table", { class: "grid" }, el("thead", {}, el("tr", {},
      ...["title", "lang", "chunks", "doc_tasks", "doc_targets", ""].map((k) => el("th", {}, k ? t(k) : "")))), el("tbody", {}, rows)));
  } catch (err) { showError(box, err); }
}

function fillDocSelect() {
  for (const sel of document.querySelectorAll(".doc-select")) {
    const cur = sel.value;
    sel.replaceChildren(el("option", { value: "" }, t("all_docs")), ...docs.map((d) => el("option", { value: d.doc_id }, d.title)));
    sel.value = cur;
  }
}
function authHeaders() {
  const key = $("upload-key").value.trim();
  return key ? { Authorization: "Bearer " + key } : {};
}

async function upload() {
  const file = $("upload-file").files[0];
  if (!file) return;
  const out = $("upload-result");
  loading(out);
  const form = new FormData();
  form.append("file", file);
  try {
    const r = await api("POST", "/documents", form, authHeaders());
    out.replaceChildren(el("div", { class: "ok" }, (r.status === "unchanged" ? t("unchanged") : t("uploaded")) +
      ": " + r.title + ` (${r.chunks} ${t("chunks")}, ${r.tasks} ${t("doc_tasks")}, ${r.targets} ${t("doc_targets")})`));
    resetLoaded();
    loadDocuments();
  } catch (err) { showError(out, err); }
}

async function removeDoc(d) {
  if (!confirm(t("confirm_remove") + "\n" + d.title)) return;
  const out = $("upload-result");
  try {
    await api("DELETE", "/documents/" + encodeURIComponent(d.doc_id), undefined, authHeaders());
    out.replaceChildren(el("div", { class: "ok" }, t("removed") + ": " + d.title));
    resetLoaded();
    loadDocuments();
  } catch (err) { showError(out, err); }
}
function resetLoaded() { for (const v of ["tasks", "targets"]) loaded[v] = false; }

// ---- document view --------------------------------------------------------------------------
async function openDoc(docId, start, end) {
  const panel = $("doc-panel"), pre = $("doc-text");
  panel.hidden = false;
  document.body.classList.add("with-doc");
  pre.replaceChildren(t("loading"));
  try {
    const d = await api("GET", "/documents/" + encodeURIComponent(docId) + "/text");
    const meta = docs.find((x) => x.doc_id === docId);
    $("doc-title").textContent = meta ? meta.title : d.source;
    $("doc-meta").textContent = d.source + (end > start ? ` · [${start}, ${end})` : "");
    if (end > start) {
      const mark = el("mark", { id: "doc-mark" }, d.text.slice(start, end));
      pre.replaceChildren(d.text.slice(0, start), mark, d.text.slice(end));
      mark.scrollIntoView({ block: "center" });
    } else {
      pre.replaceChildren(d.text);
      pre.scrollTop = 0;
    }
  } catch (err) { pre.replaceChildren(t("error") + ": " + err.message); }
}
function closeDoc() { $("doc-panel").hidden = true; document.body.classList.remove("with-doc"); }

function rerender() {
  if (last.answer) renderAnswer($("ask-result"), last.answer);
  if (last.hits) renderHits($("search-result"), last.hits);
  if (tasksState.tasks.length) renderTasks();
  if (loaded.targets) loadTargets();
  if (loaded.documents) loadDocuments();
}

// ---- wiring ---------------------------------------------------------------------------------
const LOADERS = { tasks: loadTasks, targets: loadTargets, documents: loadDocuments };

function init() {
  applyLabels();
  $("lang-toggle").addEventListener("click", () => {
    lang = lang === "zh" ? "en" : "zh";
    localStorage.setItem("policykb.lang", lang);
    applyLabels();
    fillDocSelect();
    rerender();
  });
  for (const b of document.querySelectorAll("#tabs button")) {
    b.addEventListener("click", () => { setHash(b.dataset.view); show(b.dataset.view); });
  }
  $("ask-form").addEventListener("submit", (e) => { e.preventDefault(); const q = $("ask-input").value.trim(); if (q) ask(q); });
  $("search-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const q = $("search-input").value.trim();
    if (q) search(q, $("search-mode").value, Math.min(100, Math.max(1, parseInt($("search-k").value, 10) || 10)));
  });
  $("tasks-form").addEventListener("submit", (e) => { e.preventDefault(); loadTasks(); });
  $("tasks-by-task").addEventListener("click", () => { tasksState.byUnit = false; renderTasks(); });
  $("tasks-by-unit").addEventListener("click", () => { tasksState.byUnit = true; renderTasks(); });
  $("tasks-csv").addEventListener("click", downloadCsv);
  $("targets-form").addEventListener("submit", (e) => { e.preventDefault(); loadTargets(); });
  $("targets-conflicts").addEventListener("change", loadTargets);
  $("upload-form").addEventListener("submit", (e) => { e.preventDefault(); upload(); });
  $("doc-close").addEventListener("click", closeDoc);
  document.addEventListener("keydown", (e) => { if (e.key === "Escape") closeDoc(); });
  api("GET", "/documents").then((list) => { docs = list; fillDocSelect(); }).catch(() => {});

  const { view, params } = parseHash();
  if (view === "tasks") { $("tasks-unit").value = params.get("unit") || ""; $("tasks-due").value = params.get("due_before") || ""; }
  if (view === "targets") { $("targets-indicator").value = params.get("indicator") || ""; $("targets-scope").value = params.get("scope") || ""; }
  show(view);
  const q = params.get("q");
  if (view === "ask" && q) { $("ask-input").value = q; ask(q); }
  if (view === "search" && q) {
    $("search-input").value = q;
    if (params.get("mode")) $("search-mode").value = params.get("mode");
    if (params.get("k")) $("search-k").value = params.get("k");
    search(q, $("search-mode").value, parseInt($("search-k").value, 10) || 10);
  }
}

init();

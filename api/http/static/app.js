/* policykb web page: ask, search, tasks, targets (this file), deadlines (due.js), documents (documents.js),
   wiring (main.js). No build step, no dependencies; the DOM is built with textContent only. */
"use strict";

// ---- messages: every string a person reads comes from /static/messages.json ------------------
let MESSAGES = { zh: {}, en: {} };
const browserLang = ((navigator.languages && navigator.languages[0]) || navigator.language || "zh").toLowerCase();
let lang = localStorage.getItem("policykb.lang") || (browserLang.startsWith("zh") ? "zh" : "en");
function t(key, args) {
  let s = (MESSAGES[lang] && MESSAGES[lang][key]) || MESSAGES.en[key] || key;
  for (const [k, v] of Object.entries(args || {})) s = s.split("{" + k + "}").join(String(v));
  return s;
}
const has = (key) => Boolean(MESSAGES[lang] && MESSAGES[lang][key]);
async function loadMessages() { MESSAGES = await (await fetch("/static/messages.json")).json(); }

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
  let res;
  try { res = await fetch(path, opts); } catch (e) { throw apiError(0, "network", String(e)); }
  let data = null;
  try { data = await res.json(); } catch (e) { data = null; }
  if (!res.ok) throw apiError(res.status, data && data.error ? data.error.code : "", data && data.error ? data.error.message : res.statusText);
  return data;
}
function apiError(status, code, message) {
  const err = new Error(message); err.status = status; err.code = code; return err;
}
// the page's own words for an error; the server's technical message stays in the tooltip
function errorText(err) { return has("err_" + err.code) ? t("err_" + err.code) : t("err_other"); }
function showError(box, err) {
  box.replaceChildren(el("div", { class: "error", title: err.message || "" }, t("error") + ": " + errorText(err)));
}
function loading(box) { box.replaceChildren(el("div", { class: "muted" }, t("loading"))); }

function citeLabel(c) {
  const parts = [c.title || c.source];
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
const VIEWS = ["ask", "search", "tasks", "due", "targets", "documents"];
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
  $("lang-toggle").textContent = t("lang_switch");
  renderExamples();
  countChars();
  showDueRule();
}

// ---- ask ------------------------------------------------------------------------------------
function renderExamples() {
  $("ask-examples").replaceChildren(el("span", { class: "muted small" }, t("examples") + ":"),
    ...[1, 2, 3].map((i) => t("example_" + i)).map((q) => el("button", { type: "button", class: "chip link",
      onclick: () => { $("ask-input").value = q; countChars(); ask(q); } }, q)));
}

// the limit is shown before it bites: a counter under the box, and a question over it is not sent
const askMax = () => parseInt($("ask-input").dataset.max, 10);
function countChars() {
  const n = $("ask-input").value.length, max = askMax();
  $("ask-count").textContent = t("chars_left", { n, max });
  $("ask-count").classList.toggle("over", n > max);
}
function submitAsk() {
  const q = $("ask-input").value.trim();
  if (!q) return;
  if (q.length > askMax()) {
    $("ask-result").replaceChildren(el("div", { class: "error" }, t("too_long", { max: askMax() })));
    return;
  }
  ask(q);
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
  const low = !none && (a.confidence || 0) < 0.7;  // calibrated: at 0.7 and above, right nine times in ten
  const card = el("div", { class: "card answer" + (none ? " none" : "") + (low ? " low" : ""), id: "answer" },
    el("div", { class: "card-head" }, el("span", { class: "badge type" }, t("type_" + a.type)),
      el("span", { class: "muted small" }, t("confidence") + " " + Math.round((a.confidence || 0) * 100) + "%"),
      low ? el("span", { class: "badge low" }, t("low_confidence")) : ""),
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
      el("div", { class: "scores" }, scoreBar(t("fused"), h.score, mx.f), scoreBar(t("bm25"), h.scores.bm25, mx.b),
        scoreBar(t("dense"), h.scores.dense, mx.d)))));
}

// ---- tasks ----------------------------------------------------------------------------------
const tasksState = { tasks: [], matrix: [], byUnit: false };

async function loadTasks() {
  const box = $("tasks-result");
  const params = {};
  const unit = $("tasks-unit").value.trim(), due = $("tasks-due").value, doc = $("tasks-doc").value;
  if (unit) params.unit = unit;
  if (due) { params.due_before = due; params.due_rule = $("tasks-due-rule").value; }
  if (doc) params.doc = doc;
  tasksState.params = params;
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

// downloads are made by the server from the same filters: CSV the flat list, Excel the matrix
function download(path) {
  const q = new URLSearchParams(Object.assign({}, tasksState.params || {}, { lang })).toString();
  const a = el("a", { href: path + "?" + q, download: "" });
  document.body.append(a); a.click(); a.remove();
}
function showDueRule() { $("tasks-due-note").textContent = t("due_rule_note_" + $("tasks-due-rule").value); }
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
  const filtered = $("targets-indicator").value.trim() || $("targets-scope").value.trim();
  const relevant = !filtered ? findings : findings.filter((f) => shown.has(f.indicator) ||
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

// a finding in the page's language: its kind, what it is about and its note from the message table
function findingNote(f) {
  if (!f.note_id || !has("note_" + f.note_id)) return f.note;
  const args = Object.assign({}, f.note_args || {});
  if (args.kind) args.kind = t("kind_" + args.kind);
  return t("note_" + f.note_id, args);
}
function findingItem(f) {
  const what = f.kind === "naming" && has("what_" + f.indicator) ? t("what_" + f.indicator) : f.indicator;
  return el("li", { class: "finding" }, el("span", { class: "badge warn" }, t("fk_" + f.kind)), " ",
    el("strong", {}, f.scope + " " + what), " — ", findingNote(f), el("div", { class: "small" },
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
  if (dueState.data) renderDue();
}


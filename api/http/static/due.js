/* policykb web page: the deadlines view (时限) — each unit's task deadlines on a timeline, overdue marked. */
"use strict";

const dueState = { data: null, load: [], params: {} };

function dueParams() {
  const params = { within: $("due-within").value };
  const asOf = $("due-as-of").value, unit = $("due-unit").value.trim(), doc = $("due-doc").value;
  if (asOf) params.as_of = asOf;
  if (unit) params.unit = unit;
  if (doc) params.doc = doc;
  if ($("due-overdue").checked) params.overdue = "true";
  return params;
}

async function loadDue() {
  const box = $("due-result");
  const params = dueParams();
  dueState.params = params;
  setHash("due", params);
  setDueLinks();
  loading(box);
  try {
    const qs = new URLSearchParams(params).toString();
    const unitQs = new URLSearchParams(Object.assign({}, params.as_of ? { as_of: params.as_of } : {},
      params.doc ? { doc: params.doc } : {})).toString();
    const [data, load] = await Promise.all([api("GET", "/due?" + qs), api("GET", "/units" + (unitQs ? "?" + unitQs : ""))]);
    dueState.data = data;
    dueState.load = load;
    $("unit-names").replaceChildren(...load.flatMap((r) => [r.unit, ...r.aliases]).map((n) => el("option", { value: n })));
    renderDue();
  } catch (err) { showError(box, err); }
}

// the download links carry the view's filters and the page's language
function setDueLinks() {
  const q = new URLSearchParams(Object.assign({}, dueState.params, { lang })).toString();
  $("due-csv").href = "/due.csv?" + q;
  $("due-ics").href = "/due.ics?" + q;
}

function renderDue() {
  const data = dueState.data;
  if (!data) return;
  setDueLinks();
  renderLoad();
  const box = $("due-result");
  const groups = groupByUnit(data.items);
  if (!groups.length) { box.replaceChildren(el("div", { class: "muted" }, t("no_due"))); return; }
  box.replaceChildren(el("div", { class: "muted small" }, statusLine(data.counts)), ...groups.map(unitCard));
}

function statusLine(counts) {
  return Object.entries(counts).filter(([, n]) => n).map(([s, n]) => t("status_" + s) + " " + n).join(" · ");
}

// an item appears under each unit it names (with that unit's role); items naming none under "no unit"
function groupByUnit(items) {
  const want = (dueState.params.unit || "").replace(/\s/g, "");
  const groups = new Map();
  for (const item of items) {
    const units = item.units.length ? item.units : [{ name: "", normalized: "", role: "" }];
    for (const u of units) {
      const key = u.normalized || u.name;
      if (want && key && !(key.includes(want) || u.name.includes(want) || want.includes(key))) continue;
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push({ item, role: u.role });
    }
  }
  const overdue = (xs) => xs.filter((x) => x.item.status === "overdue").length;
  return [...groups.entries()].sort((a, b) => overdue(b[1]) - overdue(a[1]) || b[1].length - a[1].length ||
    a[0].localeCompare(b[0]));
}

function unitCard([unit, entries]) {
  const dated = entries.filter((x) => x.item.date);
  const undated = entries.filter((x) => !x.item.date);
  const rest = ["ongoing", "no deadline"].map((s) => [s, undated.filter((x) => x.item.status === s).length])
    .filter(([, n]) => n).map(([s, n]) => t("status_" + s) + " " + n).join(" · ");
  const nOver = entries.filter((x) => x.item.status === "overdue").length;
  return el("details", { class: "card group due-unit", open: dated.length ? true : null, "data-unit": unit },
    el("summary", {}, el("strong", {}, unit || t("no_unit")), " ",
      nOver ? el("span", { class: "badge status-overdue" }, t("status_overdue") + " " + nOver) : "",
      el("span", { class: "muted small" }, ` ${dated.length} ${t("items_count")}` + (rest ? " · " + rest : ""))),
    dated.length ? el("ol", { class: "timeline" }, ...dated.map(timelineItem)) : "");
}

function daysText(item) {
  if (item.days === null || item.days === undefined) return "";
  if (item.days === 0) return t("today");
  return item.days < 0 ? t("days_over", { n: -item.days }) : t("days_left", { n: item.days });
}

function timelineItem({ item, role }) {
  const c = item.citation;
  return el("li", { class: "tl-item status-" + item.status.replace(" ", "-") },
    el("div", { class: "tl-date" }, el("strong", {}, item.date), el("div", { class: "small" }, daysText(item))),
    el("div", { class: "tl-body" },
      el("span", { class: "badge status-" + item.status.replace(" ", "-") }, t("status_" + item.status)), " ",
      role ? roleBadge(role) : "", " ",
      el("a", { href: "#", class: "task-link", onclick: (e) => { e.preventDefault(); openDoc(c.doc_id, c.start, c.end); } },
        [item.number, item.title].filter(Boolean).join(" ")),
      el("div", { class: "muted small" }, (item.deadline ? item.deadline.text : "") +
        (item.basis && item.basis !== "stated" ? " · " + t("basis_" + item.basis) : "") + " · " + item.source)));
}

function renderLoad() {
  const want = (dueState.params.unit || "").replace(/\s/g, "");
  const rows = dueState.load.filter((r) => !want || [r.unit, ...r.aliases].some((n) => n.includes(want) || want.includes(n)));
  const box = $("due-load");
  if (!rows.length) { box.replaceChildren(); return; }
  box.replaceChildren(el("details", { class: "card", open: true }, el("summary", {}, t("unit_load")),
    el("table", { class: "grid load" }, el("thead", {}, el("tr", {}, ...["unit", "led", "joined", "overdue_n"].map((k) => el("th", {}, t(k))))),
      el("tbody", {}, ...rows.map((r) => el("tr", { class: r.overdue ? "has-overdue" : null },
        el("td", {}, el("a", { href: "#", onclick: (e) => { e.preventDefault(); $("due-unit").value = r.unit; loadDue(); } }, r.unit)),
        el("td", { class: "num" }, r.led), el("td", { class: "num" }, r.joined),
        el("td", { class: "num" }, r.overdue ? el("strong", { class: "warn-text" }, r.overdue) : r.overdue)))))));
}

/* policykb web page: wiring — messages first, then the controls, then the view the address names. */
"use strict";

const LOADERS = { tasks: loadTasks, due: loadDue, targets: loadTargets, documents: loadDocuments };

function wire() {
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
  $("ask-form").addEventListener("submit", (e) => { e.preventDefault(); submitAsk(); });
  $("ask-input").addEventListener("input", countChars);
  $("search-form").addEventListener("submit", (e) => {
    e.preventDefault();
    const q = $("search-input").value.trim();
    if (q.length > parseInt($("search-input").dataset.max, 10)) {
      $("search-result").replaceChildren(el("div", { class: "error" }, t("too_long", { max: $("search-input").dataset.max })));
      return;
    }
    if (q) search(q, $("search-mode").value, Math.min(100, Math.max(1, parseInt($("search-k").value, 10) || 10)));
  });
  $("tasks-form").addEventListener("submit", (e) => { e.preventDefault(); loadTasks(); });
  $("tasks-due-rule").addEventListener("change", () => { showDueRule(); if ($("tasks-due").value) loadTasks(); });
  $("tasks-by-task").addEventListener("click", () => { tasksState.byUnit = false; renderTasks(); });
  $("tasks-by-unit").addEventListener("click", () => { tasksState.byUnit = true; renderTasks(); });
  $("tasks-csv").addEventListener("click", () => download("/tasks.csv"));
  $("tasks-xlsx").addEventListener("click", () => download("/tasks.xlsx"));
  $("due-form").addEventListener("submit", (e) => { e.preventDefault(); loadDue(); });
  $("due-overdue").addEventListener("change", loadDue);
  $("targets-form").addEventListener("submit", (e) => { e.preventDefault(); loadTargets(); });
  $("targets-conflicts").addEventListener("change", loadTargets);
  $("upload-form").addEventListener("submit", (e) => { e.preventDefault(); upload(); });
  $("upload-file").addEventListener("change", () => {  // the browser's own file button would not follow our language
    const f = $("upload-file").files[0];
    if (f) $("upload-name").removeAttribute("data-i18n"); else $("upload-name").dataset.i18n = "no_file";
    $("upload-name").textContent = f ? f.name : t("no_file");
  });
  $("doc-close").addEventListener("click", closeDoc);
  document.addEventListener("keydown", (e) => { if (e.key === "Escape") closeDoc(); });
}

function restore(view, params) {
  if (view === "tasks") {
    $("tasks-unit").value = params.get("unit") || "";
    $("tasks-due").value = params.get("due_before") || "";
    $("tasks-due-rule").value = params.get("due_rule") === "last" ? "last" : "any";
    showDueRule();
  }
  if (view === "due") {
    $("due-unit").value = params.get("unit") || "";
    $("due-as-of").value = params.get("as_of") || "";
    if (params.get("within")) $("due-within").value = params.get("within");
    $("due-overdue").checked = params.get("overdue") === "true";
  }
  if (view === "targets") { $("targets-indicator").value = params.get("indicator") || ""; $("targets-scope").value = params.get("scope") || ""; }
}

async function init() {
  try { await loadMessages(); } catch (e) { /* the keys themselves show; the page still works */ }
  applyLabels();
  wire();
  api("GET", "/documents").then((list) => { docs = list; fillDocSelect(); showEmptyHome(list.length === 0); }).catch(() => {});

  const raw = location.hash.replace(/^#\/?/, "");
  if (raw.startsWith("doc?")) {  // a link to a cited span (the calendar's events carry these)
    const p = new URLSearchParams(raw.slice(4));
    show("ask");
    openDoc(p.get("doc") || "", parseInt(p.get("start"), 10) || 0, parseInt(p.get("end"), 10) || 0);
    return;
  }
  const { view, params } = parseHash();
  restore(view, params);
  show(view);
  const q = params.get("q");
  if (view === "ask" && q) { $("ask-input").value = q; countChars(); submitAsk(); }
  if (view === "search" && q) {
    $("search-input").value = q;
    if (params.get("mode")) $("search-mode").value = params.get("mode");
    if (params.get("k")) $("search-k").value = params.get("k");
    search(q, $("search-mode").value, parseInt($("search-k").value, 10) || 10);
  }
}

init();

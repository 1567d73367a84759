/* policykb web page: the documents view — list, upload and removal, each with visible progress. */
"use strict";

let docs = [];
let writes = "open";
let maxUploadMb = 50;

async function loadDocuments() {
  const box = $("documents-result");
  try {
    const [list, health] = await Promise.all([api("GET", "/documents"), api("GET", "/health")]);
    docs = list; writes = health.writes; maxUploadMb = health.max_upload_mb;
    fillDocSelect();
    showEmptyHome(docs.length === 0);
    $("upload-key").hidden = writes !== "key";
    $("upload-types").textContent = t("upload_types", { mb: fmtValue(maxUploadMb) });
    $("upload-note").textContent = writes === "refused" ? t("writes_refused") : writes === "key" ? t("writes_key") : "";
    for (const b of $("upload-form").querySelectorAll("button, input")) b.disabled = writes === "refused";
    const rows = docs.map((d) => el("tr", { "data-doc": d.doc_id },
      el("td", {}, el("a", { href: "#", onclick: (e) => { e.preventDefault(); openDoc(d.doc_id, 0, 0); } }, d.title),
        el("div", { class: "muted small" }, d.source + " · " + d.doc_id)),
      el("td", {}, has("lang_" + d.lang) ? t("lang_" + d.lang) : d.lang), el("td", { class: "num", title: t("chunks_embedded") }, d.embedded == null || d.embedded >= d.chunks ? d.chunks : `${d.embedded}/${d.chunks}`),
      el("td", { class: "num" }, d.tasks), el("td", { class: "num" }, d.targets),
      el("td", {}, writes === "refused" ? "" : el("button", { type: "button", class: "ghost danger remove",
        onclick: (e) => removeDoc(d, e.currentTarget) }, t("remove")))));
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
function showEmptyHome(empty) { $("empty-home").hidden = !empty; }
function authHeaders() {
  const key = $("upload-key").value.trim();
  return key ? { Authorization: "Bearer " + key } : {};
}

// ---- progress: a bar while bytes go up, then the seconds a server-side step has taken -----------
const progress = { timer: null };
function progressShow(percent, text) {
  $("progress").hidden = false;
  if (percent === null) $("progress-bar").removeAttribute("value"); else $("progress-bar").value = percent;
  $("progress-text").textContent = text;
}
function progressTick(key) {
  clearInterval(progress.timer);
  const started = Date.now();
  const tick = () => progressShow(null, t(key, { s: Math.round((Date.now() - started) / 1000) }));
  tick();
  progress.timer = setInterval(tick, 500);
}
function progressDone() { clearInterval(progress.timer); $("progress").hidden = true; }

// fetch() cannot report upload progress, XMLHttpRequest can
function sendWithProgress(form) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/documents");
    for (const [k, v] of Object.entries(authHeaders())) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) progressShow(Math.round(100 * e.loaded / e.total), t("uploading", { p: Math.round(100 * e.loaded / e.total) })); };
    xhr.upload.onload = () => progressTick("ingesting");
    xhr.onerror = () => reject(apiError(0, "network", "network error"));
    xhr.onload = () => {
      let data = null;
      try { data = JSON.parse(xhr.responseText); } catch (e) { data = null; }
      if (xhr.status >= 200 && xhr.status < 300) resolve(data);
      else reject(apiError(xhr.status, data && data.error ? data.error.code : "", data && data.error ? data.error.message : xhr.statusText));
    };
    xhr.send(form);
  });
}

async function upload() {
  const file = $("upload-file").files[0];
  if (!file) return;
  const out = $("upload-result");
  out.replaceChildren();
  if (file.size > maxUploadMb * 1024 * 1024) { showError(out, apiError(413, "too_large", "")); return; }
  const form = new FormData();
  form.append("file", file);
  progressShow(0, t("uploading", { p: 0 }));
  try {
    const r = await sendWithProgress(form);
    out.replaceChildren(el("div", { class: "ok" }, (r.status === "unchanged" ? t("unchanged") : t("uploaded")) +
      ": " + r.title + ` (${r.chunks} ${t("chunks")}, ${r.tasks} ${t("doc_tasks")}, ${r.targets} ${t("doc_targets")})`));
    resetLoaded();
    loadDocuments();
  } catch (err) { showError(out, err); } finally { progressDone(); }
}

async function removeDoc(d, button) {
  if (!confirm(t("confirm_remove") + "\n" + d.title)) return;
  const out = $("upload-result");
  out.replaceChildren();
  if (button) { button.disabled = true; button.closest("tr").classList.add("removing"); }
  progressTick("removing");
  try {
    await api("DELETE", "/documents/" + encodeURIComponent(d.doc_id), undefined, authHeaders());
    out.replaceChildren(el("div", { class: "ok" }, t("removed") + ": " + d.title));
    resetLoaded();
    loadDocuments();
  } catch (err) {
    showError(out, err);
    if (button) { button.disabled = false; button.closest("tr").classList.remove("removing"); }
  } finally { progressDone(); }
}
function resetLoaded() { for (const v of ["tasks", "targets", "due"]) loaded[v] = false; }

"use strict";
// The kashif page. Plain JavaScript, no build step, nothing loaded from outside.
// The server returns every sentence's score, so moving the threshold slider
// re-highlights here without a new request.

// Mirrors kashif/detector.py: short articles flag only very confident scores.
const MIN_SENTENCES = 6; // detector.MIN_SENTENCES
const SHORT_ARTICLE_THRESHOLD = 0.9; // detector.SHORT_ARTICLE_THRESHOLD
const MAX_FILE_BYTES = 2 * 1024 * 1024; // inputs.MAX_BYTES

const I18N = {
  ar: {
    title: "كاشف — الجمل المُقحمة في الأخبار",
    appName: "كاشف",
    tagline: "يكشف الجمل المُقحمة آليًا في الأخبار العربية",
    apiDocs: "توثيق الواجهة البرمجية",
    tabCheck: "فحص مقال",
    tabCompare: "مقارنة بالأصل",
    tokenLabel: "رمز الوصول (KASHIF_API_TOKEN)",
    articleLabel: "نص المقال",
    articlePlaceholder: "الصق نص المقال هنا: العنوان، ثم سطر فارغ، ثم الفقرات.",
    fileLabel: "أو افتح ملفًا نصيًا",
    checkButton: "افحص",
    thresholdLabel: "العتبة",
    thresholdReset: "عتبة النموذج",
    modelCut: "(النموذج)",
    downloadBrackets: "تنزيل النص بالأقواس",
    downloadJson: "تنزيل JSON",
    legend: "الجمل المظلّلة يُرجَّح أنها مُقحمة؛ كلما اشتد اللون ارتفعت الدرجة. مرّر المؤشر فوق الجملة أو المسها لترى الأسباب.",
    suspectLabel: "المقال المشتبه به",
    originalLabel: "النص الأصلي",
    compareButton: "قارن",
    statusInserted: "مُضافة",
    statusModified: "معدّلة",
    statusDeleted: "محذوفة",
    footer: "كاشف يعمل دون اتصال: لا يُرسل النص إلى أي جهة غير هذا الخادم.",
    count: "الجمل المشتبه بها: {0} من {1}",
    compareCount: "مُضافة: {0} · معدّلة: {1} · محذوفة من الأصل: {2}",
    score: "الدرجة",
    noReasons: "لا أسباب مفصّلة: الدرجة دون عتبة النموذج.",
    working: "جارٍ الفحص…",
    done: "تم الفحص.",
    emptyText: "الصق نص المقال أولًا.",
    emptyPair: "الصق المقال المشتبه به والنص الأصلي أولًا.",
    needToken: "هذا الخادم يطلب رمز وصول: أدخله في الحقل أعلاه ثم أعد المحاولة.",
    networkError: "تعذّر الاتصال بالخادم.",
    failed: "تعذّر الفحص: {0}",
    fileTooBig: "الملف أكبر من الحد (2 ميغابايت).",
    fileNotUtf8: "الملف ليس نصًا بترميز UTF-8.",
    fileLoaded: "فُتح الملف: {0}",
    matchedTo: "تقابل في الأصل: {0}",
  },
  en: {
    title: "kashif — spliced sentences in the news",
    appName: "kashif",
    tagline: "finds machine-written sentences spliced into Arabic news",
    apiDocs: "API documentation",
    tabCheck: "Check an article",
    tabCompare: "Compare with the original",
    tokenLabel: "Access token (KASHIF_API_TOKEN)",
    articleLabel: "Article text",
    articlePlaceholder: "Paste the article here: title, a blank line, then the paragraphs.",
    fileLabel: "or open a text file",
    checkButton: "Check",
    thresholdLabel: "Threshold",
    thresholdReset: "Model threshold",
    modelCut: "(model)",
    downloadBrackets: "Download bracketed text",
    downloadJson: "Download JSON",
    legend: "Highlighted sentences were probably spliced in; the stronger the colour, the higher the score. Hover over or tap a sentence to see why.",
    suspectLabel: "Suspect article",
    originalLabel: "Original",
    compareButton: "Compare",
    statusInserted: "added",
    statusModified: "modified",
    statusDeleted: "deleted",
    footer: "kashif works offline: the text goes to this server and nowhere else.",
    count: "Suspect sentences: {0} of {1}",
    compareCount: "Added: {0} · modified: {1} · deleted from the original: {2}",
    score: "Score",
    noReasons: "No detailed reasons: the score is below the model's threshold.",
    working: "Checking…",
    done: "Done.",
    emptyText: "Paste the article first.",
    emptyPair: "Paste the suspect article and the original first.",
    needToken: "This server needs an access token: enter it in the field above and try again.",
    networkError: "Cannot reach the server.",
    failed: "Check failed: {0}",
    fileTooBig: "The file is over the 2 MB limit.",
    fileNotUtf8: "The file is not UTF-8 text.",
    fileLoaded: "Opened {0}",
    matchedTo: "Matches in the original: {0}",
  },
};

const state = {
  lang: "ar",
  text: "", // the text the current report is about
  cps: [], // its code points: the API's offsets count code points, not UTF-16 units
  report: null,
  custom: null, // slider threshold once the user moves it; null = the model's flags
  pinned: null, // sentence whose reasons stay open after a tap
  comparison: null,
};

const $ = (id) => document.getElementById(id);

function t(key, ...args) {
  return args.reduce((s, a, i) => s.replace(`{${i}}`, a), I18N[state.lang][key]);
}

// ---- language --------------------------------------------------------

function applyLanguage() {
  const root = document.documentElement;
  root.lang = state.lang;
  root.dir = state.lang === "ar" ? "rtl" : "ltr";
  document.title = t("title");
  document.querySelectorAll("[data-i18n]").forEach((el) => { el.textContent = t(el.dataset.i18n); });
  document.querySelectorAll("[data-i18n-placeholder]").forEach((el) => { el.placeholder = t(el.dataset.i18nPlaceholder); });
  const toggle = $("lang-toggle");
  toggle.textContent = state.lang === "ar" ? "English" : "العربية";
  toggle.lang = state.lang === "ar" ? "en" : "ar";
  toggle.dir = state.lang === "ar" ? "ltr" : "rtl";
  if (state.report) updateFlags();
}

async function switchLanguage() {
  state.lang = state.lang === "ar" ? "en" : "ar";
  try { localStorage.setItem("kashif-lang", state.lang); } catch (e) { /* private mode */ }
  applyLanguage();
  // reasons come in the language asked for: ask again
  if (state.report) await runCheck(state.text, true);
  if (state.comparison) await runCompare(state.comparison.texts);
}

// ---- talking to the API ----------------------------------------------

async function api(path, body) {
  const headers = { "Content-Type": "application/json" };
  const token = $("token").value.trim();
  if (token) headers.Authorization = `Bearer ${token}`;
  let res;
  try {
    res = await fetch(path, { method: "POST", headers, body: JSON.stringify(body) });
  } catch (e) {
    throw new Error(t("networkError"));
  }
  let data = null;
  try { data = await res.json(); } catch (e) { /* not JSON */ }
  if (res.status === 401) {
    $("token-box").hidden = false;
    $("token").focus();
    throw new Error(t("needToken"));
  }
  if (!res.ok) throw new Error(t("failed", (data && data.detail) || `HTTP ${res.status}`));
  return data;
}

function setStatus(id, message, isError) {
  const el = $(id);
  el.textContent = message;
  el.classList.toggle("error", Boolean(isError));
}

async function withBusy(button, statusId, work) {
  button.disabled = true;
  setStatus(statusId, t("working"));
  try {
    await work();
    setStatus(statusId, t("done"));
  } catch (e) {
    setStatus(statusId, e.message, true);
  } finally {
    button.disabled = false;
  }
}

// ---- check one article -----------------------------------------------

async function runCheck(text, keepThreshold) {
  if (!text.trim()) {
    setStatus("check-status", t("emptyText"), true);
    return;
  }
  await withBusy($("check"), "check-status", async () => {
    const report = await api("/v1/detect", { text, lang: state.lang });
    state.text = text;
    state.cps = Array.from(text);
    state.report = report;
    if (!keepThreshold) state.custom = null;
    renderArticle();
    $("result").hidden = false;
  });
}

function slice(a, b) {
  return state.cps.slice(a, b).join("");
}

function renderArticle() {
  hidePop();
  const view = $("rendered");
  view.replaceChildren();
  let pos = 0;
  state.report.sentences.forEach((s, i) => {
    if (s.start > pos) view.append(slice(pos, s.start));
    const span = document.createElement("span");
    span.className = "sent";
    span.dataset.i = String(i);
    span.textContent = slice(s.start, s.end);
    span.style.setProperty("--a", (0.12 + 0.5 * s.score).toFixed(2));
    view.append(span);
    pos = s.end;
  });
  if (pos < state.cps.length) view.append(slice(pos));
  const warnings = $("warnings");
  warnings.replaceChildren(...state.report.warnings.map((w) => {
    const li = document.createElement("li");
    li.textContent = w;
    li.dir = "auto";
    return li;
  }));
  updateFlags();
}

/** Which sentences are flagged at the slider's threshold, as the server would flag them. */
function currentFlags() {
  const sentences = state.report.sentences;
  if (state.custom === null) return sentences.map((s) => s.inserted);
  const cut = sentences.length < MIN_SENTENCES ? Math.max(state.custom, SHORT_ARTICLE_THRESHOLD) : state.custom;
  return sentences.map((s) => s.score >= cut);
}

function updateFlags() {
  const flags = currentFlags();
  document.querySelectorAll("#rendered .sent").forEach((span) => {
    const i = Number(span.dataset.i);
    const on = flags[i];
    span.classList.toggle("flag", on);
    if (on) {
      span.tabIndex = 0;
      span.dataset.score = state.report.sentences[i].score.toFixed(2);
    } else {
      span.removeAttribute("tabindex");
      delete span.dataset.score;
    }
  });
  if (state.pinned && !state.pinned.classList.contains("flag")) hidePop();
  const n = flags.filter(Boolean).length;
  $("count").textContent = t("count", n, flags.length);
  const cut = state.custom === null ? state.report.threshold : state.custom;
  $("threshold").value = String(cut);
  $("threshold-value").value = `${cut.toFixed(2)}${state.custom === null ? ` ${t("modelCut")}` : ""}`;
}

// ---- reasons on hover, focus and tap ---------------------------------
// One popover serves both views; each view says which spans explain
// themselves and what they say.

function listOf(items) {
  const ul = document.createElement("ul");
  ul.append(...items.map((text) => {
    const li = document.createElement("li");
    li.textContent = text;
    return li;
  }));
  return ul;
}

function para(text, className) {
  const p = document.createElement(className === "score" ? "div" : "p");
  if (className) p.className = className;
  p.textContent = text;
  return p;
}

/** Popover content for a sentence of the checked article. */
function detectPopContent(span) {
  const s = state.report.sentences[Number(span.dataset.i)];
  return [para(`${t("score")}: ${s.score.toFixed(2)}`, "score"), s.reasons.length ? listOf(s.reasons) : para(t("noReasons"))];
}

/** Popover content for a sentence of the compared suspect article. */
function comparePopContent(span) {
  const s = state.comparison.result.sentences[Number(span.dataset.i)];
  const label = { inserted: t("statusInserted"), modified: t("statusModified") }[s.status] || s.status;
  const parts = [para(label, "score")];
  if (s.reasons.length) parts.push(listOf(s.reasons));
  const changes = (s.diff || []).filter((d) => d.op !== "equal").map((d) => `«${d.original || "—"}» ← «${d.suspect || "—"}»`);
  if (changes.length) parts.push(listOf(changes));
  return parts;
}

const POPOVER_VIEWS = [
  { id: "rendered", selector: ".sent.flag", content: detectPopContent },
  { id: "suspect-view", selector: ".sent[data-i]", content: comparePopContent },
];

function showPop(span, view, pin) {
  const pop = $("pop");
  pop.replaceChildren(...view.content(span));
  pop.lang = state.lang;
  pop.dir = state.lang === "ar" ? "rtl" : "ltr";
  document.querySelectorAll(".sent.active").forEach((el) => el.classList.remove("active"));
  span.classList.add("active");
  if (span.dataset.partner) $(span.dataset.partner).classList.add("active");
  state.pinned = pin ? span : null;
  pop.hidden = false;
  const r = span.getBoundingClientRect();
  const w = pop.offsetWidth;
  let x = state.lang === "ar" ? r.right - w : r.left;
  x = Math.max(8, Math.min(x, document.documentElement.clientWidth - w - 8));
  pop.style.left = `${x + window.scrollX}px`;
  pop.style.top = `${r.bottom + window.scrollY + 6}px`;
}

function hidePop() {
  $("pop").hidden = true;
  state.pinned = null;
  document.querySelectorAll(".sent.active").forEach((el) => el.classList.remove("active"));
}

function wirePopover(view) {
  const root = $(view.id);
  const target = (e) => {
    const el = e.target.closest && e.target.closest(view.selector);
    return el && root.contains(el) ? el : null;
  };
  root.addEventListener("mouseover", (e) => {
    const el = target(e);
    if (el && !state.pinned) showPop(el, view, false);
  });
  root.addEventListener("mouseout", (e) => {
    if (target(e) && !state.pinned) hidePop();
  });
  root.addEventListener("focusin", (e) => {
    const el = target(e);
    if (el) showPop(el, view, false);
  });
  root.addEventListener("click", (e) => {
    const el = target(e);
    if (!el) return;
    e.stopPropagation();
    if (state.pinned === el) hidePop();
    else showPop(el, view, true);
  });
  root.addEventListener("keydown", (e) => {
    const el = target(e);
    if (el && (e.key === "Enter" || e.key === " ")) {
      e.preventDefault();
      showPop(el, view, true);
    }
  });
}

// ---- downloads -------------------------------------------------------

/** kashif/brackets.py `wrap`: flagged spans in [ ], with [ ] and a backslash before them escaped. */
function wrapBrackets(cps, spans) {
  const marks = new Map();
  for (const [a, b] of [...spans].sort((p, q) => p[0] - q[0] || p[1] - q[1])) {
    marks.set(a, (marks.get(a) || "") + "[");
    marks.set(b, "]" + (marks.get(b) || ""));
  }
  const stream = []; // [character, isMarkup]
  cps.forEach((ch, i) => {
    for (const m of marks.get(i) || "") stream.push([m, true]);
    stream.push([ch, false]);
  });
  for (const m of marks.get(cps.length) || "") stream.push([m, true]);
  return stream.map(([ch, markup], k) => {
    if (markup || !"[]\\".includes(ch)) return ch;
    if (ch === "\\") {
      const next = k + 1 < stream.length ? stream[k + 1][0] : "";
      return next && "[]\\".includes(next) ? "\\\\" : "\\";
    }
    return "\\" + ch;
  }).join("");
}

function save(name, content, type) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

function downloadBrackets() {
  const flags = currentFlags();
  const spans = state.report.sentences.filter((_, i) => flags[i]).map((s) => [s.start, s.end]);
  save("kashif-brackets.txt", wrapBrackets(state.cps, spans), "text/plain;charset=utf-8");
}

async function downloadJson() {
  let report = state.report;
  if (state.custom !== null) {
    // the contract's flags and reasons at the slider's threshold come from the server
    try {
      report = await api("/v1/detect", { text: state.text, threshold: state.custom, lang: state.lang });
    } catch (e) {
      setStatus("check-status", e.message, true);
      return;
    }
  }
  save("kashif.json", `${JSON.stringify(report, null, 2)}\n`, "application/json");
}

// ---- compare with the original ---------------------------------------

async function runCompare(texts) {
  const { suspect, original } = texts || { suspect: $("suspect").value, original: $("original").value };
  if (!suspect.trim() || !original.trim()) {
    setStatus("compare-status", t("emptyPair"), true);
    return;
  }
  await withBusy($("compare"), "compare-status", async () => {
    const result = await api("/v1/compare", { suspect, original, lang: state.lang });
    state.comparison = { texts: { suspect, original }, suspect: Array.from(suspect), original: Array.from(original), result };
    renderComparison();
    $("compare-result").hidden = false;
  });
}

/** Render `cps` (code points) with `spans` ({start, end, cls, i?, id?, partner?}) wrapped in spans. */
function markSpans(view, cps, spans) {
  view.replaceChildren();
  let pos = 0;
  for (const s of [...spans].sort((p, q) => p.start - q.start)) {
    if (s.start < pos) continue;
    if (s.start > pos) view.append(cps.slice(pos, s.start).join(""));
    const span = document.createElement("span");
    span.className = `sent ${s.cls}`;
    span.textContent = cps.slice(s.start, s.end).join("");
    if (s.i !== undefined) {
      span.dataset.i = String(s.i);
      span.tabIndex = 0;
    }
    if (s.id) span.id = s.id;
    if (s.partner) span.dataset.partner = s.partner;
    view.append(span);
    pos = s.end;
  }
  if (pos < cps.length) view.append(cps.slice(pos).join(""));
}

function renderComparison() {
  hidePop();
  const { suspect, original, result } = state.comparison;
  const suspectSpans = [];
  const originalSpans = result.deleted.map((d) => ({ start: d.start, end: d.end, cls: "deleted" }));
  result.sentences.forEach((s, i) => {
    if (s.status === "same") return;
    const partner = s.status === "modified" && s.original ? `cmp-o${i}` : undefined;
    suspectSpans.push({ start: s.start, end: s.end, cls: s.status, i, partner });
    if (partner) originalSpans.push({ start: s.original.start, end: s.original.end, cls: "modified", id: partner });
  });
  markSpans($("suspect-view"), suspect, suspectSpans);
  markSpans($("original-view"), original, originalSpans);
  const n = (status) => result.sentences.filter((s) => s.status === status).length;
  $("compare-count").textContent = t("compareCount", n("inserted"), n("modified"), result.deleted.length);
  const warnings = $("compare-warnings");
  warnings.replaceChildren(...result.warnings.map((w) => Object.assign(para(w), { dir: "auto" })));
}

// ---- files and tabs --------------------------------------------------

function wireFile(inputId, targetId, statusId) {
  $(inputId).addEventListener("change", async (e) => {
    const file = e.target.files[0];
    e.target.value = ""; // choosing the same file again must load it again
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) {
      setStatus(statusId, t("fileTooBig"), true);
      return;
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    let text;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch (err) {
      setStatus(statusId, t("fileNotUtf8"), true);
      return;
    }
    $(targetId).value = text;
    setStatus(statusId, t("fileLoaded", file.name));
  });
}

function selectTab(which) {
  for (const name of ["check", "compare"]) {
    const on = name === which;
    $(`tab-${name}`).setAttribute("aria-selected", String(on));
    $(`panel-${name}`).hidden = !on;
  }
  hidePop();
}

document.addEventListener("DOMContentLoaded", () => {
  try {
    const saved = localStorage.getItem("kashif-lang");
    if (saved === "en" || saved === "ar") state.lang = saved;
  } catch (e) { /* private mode */ }
  applyLanguage();
  POPOVER_VIEWS.forEach(wirePopover);
  document.addEventListener("click", (e) => {
    if (state.pinned && !$("pop").contains(e.target)) hidePop();
  });
  document.addEventListener("keydown", (e) => { if (e.key === "Escape") hidePop(); });
  wireFile("article-file", "article", "check-status");
  wireFile("suspect-file", "suspect", "compare-status");
  wireFile("original-file", "original", "compare-status");
  $("lang-toggle").addEventListener("click", switchLanguage);
  $("tab-check").addEventListener("click", () => selectTab("check"));
  $("tab-compare").addEventListener("click", () => selectTab("compare"));
  $("check").addEventListener("click", () => runCheck($("article").value, false));
  $("compare").addEventListener("click", () => runCompare(null));
  $("threshold").addEventListener("input", (e) => {
    state.custom = Number(e.target.value);
    updateFlags();
  });
  $("threshold-reset").addEventListener("click", () => {
    state.custom = null;
    updateFlags();
  });
  $("download-brackets").addEventListener("click", downloadBrackets);
  $("download-json").addEventListener("click", downloadJson);
});

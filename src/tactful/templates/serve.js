"use strict";
// Every note and reply is set with textContent or .value: a stranger's text is never HTML.
const TOKEN = document.querySelector('meta[name="tactful-token"]').content;
const $ = (id) => document.getElementById(id);

async function api(path, body, raw) {
  const init = body === undefined ? {} : {
    method: "POST",
    headers: raw ? {"X-Tactful-Token": TOKEN, "Content-Type": "application/octet-stream", "X-Filename": raw}
                 : {"X-Tactful-Token": TOKEN, "Content-Type": "application/json"},
    body: raw ? body : JSON.stringify(body),
  };
  const response = await fetch(path, init);
  const data = await response.json();
  if (!response.ok) { throw new Error(data.error || ("error " + response.status)); }
  return data;
}

function fit(area) {
  // Tall enough to show the whole reply (sign-off included) without scrolling inside it.
  area.rows = Math.max(6, area.value.split("\n").length + 2);
}

function debounce(fn, ms) {
  let timer = null;
  return (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), ms); };
}

function showChecks(list, validation) {
  // Every check with its verdict, its message and the reply's words it rests on.
  list.replaceChildren();
  for (const [name, check] of Object.entries(validation.checks)) {
    const item = document.createElement("li");
    item.className = check.passed ? "pass" : (check.severity === "warning" ? "warn" : "fail");
    const label = document.createElement("b");
    label.textContent = (check.passed ? "✓ " : "✗ ") + name;
    item.append(label, ": " + check.message);
    if (check.evidence && check.evidence.length) {
      const quote = document.createElement("q");
      quote.textContent = check.evidence.join(" | ");
      item.append(" ", quote);
    }
    list.append(item);
  }
}

function showParts(target, message, parts) {
  // The three parts highlighted, located as plain substrings; the rest stays plain text.
  target.replaceChildren();
  const spans = [];
  for (const name of ["appreciation", "rationale", "openness"]) {
    const part = (parts[name] || "").trim();
    const at = part ? message.indexOf(part) : -1;
    if (at >= 0) { spans.push([at, at + part.length, name]); }
  }
  spans.sort((a, b) => a[0] - b[0]);
  let position = 0;
  for (const [start, end, name] of spans) {
    if (start < position) { continue; }
    target.append(document.createTextNode(message.slice(position, start)));
    const mark = document.createElement("mark");
    mark.className = "part " + name;
    mark.title = name;
    mark.textContent = message.slice(start, end);
    target.append(mark);
    position = end;
  }
  target.append(document.createTextNode(message.slice(position)));
}

// --- one note ---------------------------------------------------------------------------
let variant = 0;
let lastNote = "";
async function write(next) {
  const note = $("note").value;
  variant = next ? variant + 1 : 0;
  $("write-status").textContent = "Writing...";
  $("write-status").classList.remove("error");
  try {
    const data = await api("/api/rewrite", {note, style: $("style").value, variant, engine: $("engine").value});
    lastNote = note;
    $("reply-panel").hidden = false;
    $("reply").value = data.message;
    fit($("reply"));
    showParts($("preview"), data.message, data.parts);
    showChecks($("checks"), data.validation);
    $("verdict").textContent = data.validation.valid ? "valid" : "invalid";
    $("triage").textContent = data.triage
      ? "Triage: " + data.triage.kind + ", " + data.triage.action + ". " + data.triage.reason : "";
    $("write-status").textContent = "Engine: " + data.engine + (data.fallback ? " (offline fallback)" : "");
    $("another").disabled = false;
  } catch (error) {
    $("write-status").textContent = error.message;
    $("write-status").classList.add("error");
  }
}
const recheck = debounce(async () => {
  const reply = $("reply").value;
  try {
    const data = await api("/api/check", {reply, note: lastNote, style: $("style").value});
    showChecks($("checks"), data);
    $("verdict").textContent = data.valid ? "valid" : "invalid";
    $("preview").textContent = reply;
  } catch (error) {
    $("verdict").textContent = error.message;
  }
}, 200);
$("write").addEventListener("click", () => write(false));
$("another").addEventListener("click", () => write(true));
$("reply").addEventListener("input", recheck);

function copyReply(text, button) {
  // copyText and showCopied come from copy.js, shared with report.html.
  copyText(text).then(() => showCopied(button, "Copy reply"), () => {
    button.textContent = "Copy failed: select the reply";
  });
}
$("copy").addEventListener("click", (event) => copyReply($("reply").value, event.target));

// --- backlog ----------------------------------------------------------------------------
const ORDER = ["meet", "ask", "decline"];
async function loadBacklog() {
  const data = await api("/api/backlog");
  const root = $("cards");
  root.replaceChildren();
  const groups = {};
  for (const card of data.cards) { (groups[card.action] = groups[card.action] || []).push(card); }
  const rank = (action) => (ORDER.includes(action) ? ORDER.indexOf(action) : ORDER.length);
  const names = Object.keys(groups).sort((a, b) => rank(a) - rank(b));
  for (const action of names) {
    const section = document.createElement("section");
    section.className = "group";
    section.dataset.action = action;
    const title = document.createElement("h2");
    title.textContent = action + " (" + groups[action].length + ")";
    section.append(title);
    for (const card of groups[action]) { section.append(renderCard(card)); }
    root.append(section);
  }
}

function renderCard(card) {
  const article = document.createElement("article");
  article.className = "card " + card.status;
  article.dataset.key = card.key;
  const head = document.createElement("header");
  const name = document.createElement("h3");
  name.textContent = card.from || "(no name)";
  const status = document.createElement("span");
  status.className = "badge status-badge";
  status.textContent = card.status;
  head.append(name, status);
  const note = document.createElement("p");
  note.className = "text note-text";
  note.textContent = card.note || "No note.";
  const reply = document.createElement("textarea");
  reply.className = "reply-edit";
  reply.value = card.message;
  fit(reply);
  const checks = document.createElement("p");
  checks.className = "status card-verdict";
  checks.textContent = card.valid ? "valid" : "invalid";
  const save = debounce(async () => {
    try {
      const state = await api("/api/backlog/card", {key: card.key, message: reply.value, note: card.note});
      checks.textContent = (state.valid ? "valid" : "invalid") + " (edit saved)";
    } catch (error) { checks.textContent = error.message; }
  }, 300);
  reply.addEventListener("input", save);
  const row = document.createElement("div");
  row.className = "row";
  for (const [label, value] of [["Mark sent", "sent"], ["Skip", "skipped"], ["Reopen", "open"]]) {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = label;
    button.dataset.status = value;
    button.addEventListener("click", async () => {
      const state = await api("/api/backlog/card", {key: card.key, status: value});
      article.className = "card " + state.status;
      status.textContent = state.status;
    });
    row.append(button);
  }
  const copy = document.createElement("button");
  copy.type = "button";
  copy.className = "copy";
  copy.textContent = "Copy reply";
  copy.addEventListener("click", () => copyReply(reply.value, copy));
  row.append(copy);
  article.append(head, note, reply, checks, row);
  return article;
}

async function openExport(file) {
  if (!file) { $("open-status").textContent = "Choose the ZIP or Invitations.csv first."; return; }
  $("open-status").textContent = "Drafting...";
  try {
    const data = await api("/api/backlog/open", await file.arrayBuffer(), file.name);
    $("open-status").textContent = data.drafted + " new replies drafted.";
    await loadBacklog();
  } catch (error) { $("open-status").textContent = error.message; }
}
$("open").addEventListener("click", () => openExport($("export").files[0]));
const drop = $("drop");
drop.addEventListener("dragover", (event) => { event.preventDefault(); drop.classList.add("over"); });
drop.addEventListener("dragleave", () => drop.classList.remove("over"));
drop.addEventListener("drop", (event) => {
  event.preventDefault();
  drop.classList.remove("over");
  openExport(event.dataTransfer.files[0]);
});

// --- profile ----------------------------------------------------------------------------
async function loadProfile() {
  const data = await api("/api/profile");
  $("profile-path").textContent = "Saved in " + data.path;
  $("p-name").value = data.values.name || "";
  $("p-policy").value = data.values.policy || "";
  $("p-channels").value = (data.values.channels || []).join("\n");
  $("p-style").value = data.values.style || "long";
  $("p-lang").value = data.values.lang || "";
}
$("p-save").addEventListener("click", async () => {
  try {
    await api("/api/profile", {
      name: $("p-name").value, policy: $("p-policy").value, channels: $("p-channels").value,
      style: $("p-style").value, lang: $("p-lang").value,
    });
    $("p-status").textContent = "Saved.";
  } catch (error) { $("p-status").textContent = error.message; }
});

// --- tabs -------------------------------------------------------------------------------
function show(tab) {
  for (const section of document.querySelectorAll(".tab")) { section.hidden = section.id !== "tab-" + tab; }
  if (tab === "backlog") { loadBacklog(); }
  if (tab === "profile") { loadProfile(); }
  history.replaceState(null, "", "#" + tab);
}
for (const link of document.querySelectorAll(".tabs a")) {
  link.addEventListener("click", () => show(link.dataset.tab));
}
show((location.hash || "#one").slice(1) || "one");

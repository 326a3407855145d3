"use strict";
// Copying a reply, shared by report.html and the serve page: the clipboard API where the
// page is a secure context, else a hidden textarea and execCommand.
function copyByHand(text) {
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.appendChild(area);
  area.select();
  let ok = false;
  try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
  area.remove();
  if (!ok) { throw new Error("copy refused"); }
}
function copyText(text) {
  if (navigator.clipboard && window.isSecureContext) {
    return navigator.clipboard.writeText(text).catch(() => copyByHand(text));
  }
  return new Promise((resolve) => { copyByHand(text); resolve(); });
}
function showCopied(button, label) {
  button.textContent = "Copied";
  button.classList.add("copied");
  setTimeout(() => {
    button.textContent = label;
    button.classList.remove("copied");
  }, 1600);
}

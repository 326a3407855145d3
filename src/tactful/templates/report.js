"use strict";
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
document.addEventListener("click", (event) => {
  const button = event.target.closest("button.copy");
  if (!button) { return; }
  copyText(button.dataset.reply).then(() => {
    button.textContent = "Copied";
    button.classList.add("copied");
    setTimeout(() => {
      button.textContent = "Copy reply";
      button.classList.remove("copied");
    }, 1600);
  }, () => {
    button.textContent = "Copy failed: select the reply";
  });
});
function doneKey(card) { return "tactful-done:" + card.dataset.key; }
for (const box of document.querySelectorAll("label.done input")) {
  const card = box.closest(".card");
  try { box.checked = localStorage.getItem(doneKey(card)) === "1"; } catch (e) { /* no storage */ }
  card.classList.toggle("is-done", box.checked);
  box.addEventListener("change", () => {
    card.classList.toggle("is-done", box.checked);
    try { localStorage.setItem(doneKey(card), box.checked ? "1" : "0"); } catch (e) { /* ok */ }
  });
}

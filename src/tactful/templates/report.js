"use strict";
document.addEventListener("click", (event) => {
  const button = event.target.closest("button.copy");
  if (!button) { return; }
  copyText(button.dataset.reply).then(() => showCopied(button, "Copy reply"), () => {
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

// Behaviour every page shares, kept out of the HTML so the Content-Security-Policy can
// forbid inline script: selects that submit their form, confirmations, "back" links.
"use strict";

document.addEventListener("change", (event) => {
  const field = event.target;
  if (field.matches && field.matches("[data-autosubmit]") && field.form) {
    field.form.submit();
  }
});

document.addEventListener("submit", (event) => {
  const button = event.submitter;
  const question = (button && button.dataset.confirm) || event.target.dataset.confirm;
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});

document.addEventListener("click", (event) => {
  const link = event.target.closest && event.target.closest("a[data-back]");
  if (link && window.history.length > 1) {
    event.preventDefault();
    window.history.back();
  }
});

// A table wider than its box scrolls inside it (on a phone): the box takes keyboard
// focus so arrow keys scroll it, and says what it holds.
function markScrollRegions() {
  document.querySelectorAll(".table-responsive, table.data").forEach((box) => {
    if (box.hasAttribute("tabindex") || box.scrollWidth <= box.clientWidth + 1) return;
    box.tabIndex = 0;
    if (box.tagName !== "TABLE") {
      const caption = box.querySelector("caption");
      box.setAttribute("role", "region");
      box.setAttribute("aria-label", (caption ? caption.textContent.trim() + ", " : "") + "tabel, geser ke samping");
    }
  });
}
markScrollRegions();
window.addEventListener("resize", markScrollRegions);

// On a phone the agency's tabs scroll sideways: bring the current one into view.
const activeTab = document.querySelector(".agency-tabs .nav-link.active");
if (activeTab) {
  const tabs = activeTab.closest(".agency-tabs");
  tabs.scrollLeft = activeTab.offsetLeft - tabs.offsetLeft - 16;
}

// The performance tree: a search box that keeps the branches holding a match (opened)
// and hides the rest, and a button that opens or closes every branch.
document.querySelectorAll("[data-tree-search]").forEach((input) => {
  const tree = document.querySelector(input.dataset.treeSearch);
  if (!tree) return;
  const empty = tree.parentElement.querySelector("[data-tree-empty]");
  input.addEventListener("input", () => {
    const wanted = input.value.trim().toLocaleLowerCase("id");
    let shown = 0;
    tree.querySelectorAll("li").forEach((item) => {
      const match = !wanted || item.textContent.toLocaleLowerCase("id").includes(wanted);
      item.hidden = !match;
      if (match) shown += 1;
      const branch = item.querySelector(":scope > details");
      if (branch && wanted && match) branch.open = true;
    });
    if (empty) empty.classList.toggle("d-none", shown > 0);
  });
});

document.addEventListener("click", (event) => {
  const button = event.target.closest && event.target.closest("[data-tree-toggle]");
  if (!button) return;
  const tree = document.querySelector(button.dataset.treeToggle);
  const open = button.dataset.open === "1";
  tree.querySelectorAll("details").forEach((branch) => { branch.open = open; });
  button.dataset.open = open ? "0" : "1";
  button.textContent = open ? "Tutup semua" : "Buka semua";
});

// Live capaian in the targets and realizations grid. The numbers come from the
// server's engine (grid_preview); this script only sends the row and shows the answer.
(function () {
  const form = document.getElementById("grid-form");
  if (!form) return;
  const url = form.dataset.previewUrl;
  const csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  const timers = new Map();

  function preview(row) {
    const prefix = row.dataset.row;
    const body = new FormData();
    body.append("prefix", prefix);
    row.querySelectorAll("input").forEach((input) => body.append(input.name, input.value));
    fetch(url, { method: "POST", body, headers: { "X-CSRFToken": csrf }, credentials: "same-origin" })
      .then((response) => response.json())
      .then((data) => show(row, prefix, data))
      .catch(() => {});
  }

  function show(row, prefix, data) {
    row.querySelectorAll("input").forEach((input) => {
      const name = input.name.slice(prefix.length + 1);
      const message = data.ok ? null : data.errors[name];
      input.classList.toggle("is-invalid", Boolean(message));
      let feedback = input.parentElement.querySelector(".invalid-feedback");
      if (message) {
        if (!feedback) {
          feedback = document.createElement("div");
          feedback.className = "invalid-feedback";
          input.parentElement.appendChild(feedback);
        }
        feedback.textContent = message;
      } else if (feedback) {
        feedback.remove();
      }
    });
    if (!data.ok) return;
    row.querySelector("[data-out=capaian]").textContent = data.capaian;
    row.querySelector("[data-out=target]").textContent = data.target || "–";
    row.querySelector("[data-out=target_source]").textContent = data.target_source;
    const badge = row.querySelector("[data-out=predicate] .badge");
    badge.textContent = data.predicate;
    badge.className = "badge text-bg-" + (data.colour || "secondary");
    const status = row.querySelector("[data-out=status]");
    status.textContent = data.status ? data.status_label : "";
    status.className = "small status-" + data.status;
    row.dataset.flags = data.flags.join(" | ");
  }

  // Like a spreadsheet: Enter and the up/down arrows move to the same column of the
  // next or previous row; left/right arrows leave a cell at the start or end of its text.
  form.addEventListener("keydown", (event) => {
    const input = event.target;
    if (!input.matches("tr[data-row] input[type=text]")) return;
    const cell = input.closest("td");
    const row = cell.parentElement;
    let target = null;
    if (event.key === "Enter" || event.key === "ArrowDown" || event.key === "ArrowUp") {
      const up = event.key === "ArrowUp" || (event.key === "Enter" && event.shiftKey);
      let next = up ? row.previousElementSibling : row.nextElementSibling;
      while (next && !target) {
        const candidate = next.children[cell.cellIndex];
        target = candidate && candidate.querySelector("input[type=text]:not([readonly])");
        next = up ? next.previousElementSibling : next.nextElementSibling;
      }
      if (event.key === "Enter") event.preventDefault(); // Enter never submits half a grid
    } else if (event.key === "ArrowLeft" || event.key === "ArrowRight") {
      const atStart = input.selectionStart === 0 && input.selectionEnd === 0;
      const atEnd = input.selectionStart === input.value.length;
      if ((event.key === "ArrowLeft" && !atStart) || (event.key === "ArrowRight" && !atEnd)) return;
      const inputs = Array.from(row.querySelectorAll("input[type=text]:not([readonly])"));
      target = inputs[inputs.indexOf(input) + (event.key === "ArrowLeft" ? -1 : 1)];
    }
    if (target) {
      event.preventDefault();
      target.focus();
      target.select();
    }
  });

  // Leaving with unsaved changes asks first; saving does not.
  let dirty = false;
  form.addEventListener("submit", () => { dirty = false; });
  window.addEventListener("beforeunload", (event) => {
    if (dirty) {
      event.preventDefault();
      event.returnValue = "";
    }
  });

  form.addEventListener("input", (event) => {
    const row = event.target.closest("tr[data-row]");
    dirty = true;
    if (!row || event.target.readOnly) return;
    clearTimeout(timers.get(row));
    timers.set(row, setTimeout(() => preview(row), 250));
  });
})();

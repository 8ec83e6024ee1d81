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
    const badge = row.querySelector("[data-out=predicate] .badge");
    badge.textContent = data.predicate;
    badge.className = "badge text-bg-" + (data.colour || "secondary");
    const status = row.querySelector("[data-out=status]");
    status.textContent = data.status ? data.status_label : "";
    status.className = "small status-" + data.status;
    row.dataset.flags = data.flags.join(" | ");
  }

  form.addEventListener("input", (event) => {
    const row = event.target.closest("tr[data-row]");
    if (!row || event.target.readOnly) return;
    clearTimeout(timers.get(row));
    timers.set(row, setTimeout(() => preview(row), 250));
  });
})();

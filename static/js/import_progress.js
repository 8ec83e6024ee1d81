// Polls a large upload being checked or imported in the background; once the step is
// over, goes to its result (the preview, or the upload page with the outcome).
(function () {
  const box = document.getElementById("import-progress");
  if (!box) return;
  const out = (name) => box.querySelector(`[data-out=${name}]`);
  function poll() {
    fetch(box.dataset.statusUrl, { credentials: "same-origin" })
      .then((r) => r.json())
      .then((data) => {
        out("label").textContent = data.label;
        out("step").textContent = data.step ? ": " + data.step : "";
        if (data.next) window.location.assign(data.next);
        else setTimeout(poll, 1000);
      })
      .catch(() => setTimeout(poll, 3000));
  }
  poll();
})();

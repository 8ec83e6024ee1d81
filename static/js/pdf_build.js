// Polls the background PDF build and shows its progress until it is done or failed.
(function () {
  const box = document.getElementById("pdf-build");
  if (!box) return;
  const bar = box.querySelector(".progress-bar");
  const out = (name) => box.querySelector(`[data-out=${name}]`);
  function poll() {
    fetch(box.dataset.statusUrl, { credentials: "same-origin" })
      .then((r) => r.json())
      .then((data) => {
        bar.style.width = data.progress + "%";
        bar.textContent = data.progress + " %";
        out("label").textContent = data.label;
        out("step").textContent = data.step || "menunggu giliran";
        out("error").textContent = data.error || "";
        if (data.status === "done") out("download").classList.remove("d-none");
        else if (data.status !== "failed") setTimeout(poll, 1000);
      })
      .catch(() => setTimeout(poll, 3000));
  }
  poll();
})();

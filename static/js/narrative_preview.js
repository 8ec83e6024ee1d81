// The narrative's preview follows the typing: the server renders it with the report's
// own renderer (and its allow-list), so the preview is exactly what will be printed.
(function () {
  const form = document.getElementById("narrative-form");
  const out = document.getElementById("narrative-preview");
  if (!form || !out) return;
  const body = form.querySelector("textarea[name=body]");
  const csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  let timer = null;
  body.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const data = new FormData();
      data.append("body", body.value);
      fetch(form.dataset.previewUrl, { method: "POST", body: data, headers: { "X-CSRFToken": csrf }, credentials: "same-origin" })
        .then((r) => r.json())
        .then((answer) => { out.innerHTML = answer.html; }) // sanitized by the server (nh3 allow-list)
        .catch(() => {});
    }, 300);
  });
})();

// Upload progress for large workbooks: the bytes sent, then "memproses" while the
// server validates and saves. Without JavaScript the form posts normally.
(function () {
  const form = document.getElementById("upload-form");
  if (!form || !window.XMLHttpRequest) return;
  const bar = document.querySelector("#upload-progress .progress-bar");
  const box = document.getElementById("upload-progress");
  const status = document.getElementById("upload-status");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const xhr = new XMLHttpRequest();
    xhr.open("POST", form.action || window.location.href);
    box.classList.remove("d-none");
    form.querySelector("button[type=submit]").disabled = true;
    xhr.upload.onprogress = (e) => {
      if (!e.lengthComputable) return;
      const percent = Math.round((e.loaded / e.total) * 100);
      bar.style.width = percent + "%";
      status.textContent = "Mengunggah " + percent + " %";
      if (percent === 100) status.textContent = "Berkas terkirim; memeriksa dan menyimpan data ...";
    };
    xhr.onload = () => {
      if (xhr.responseURL && xhr.responseURL !== window.location.href) {
        window.location.href = xhr.responseURL;
        return;
      }
      document.open();
      document.write(xhr.responseText);
      document.close();
    };
    xhr.onerror = () => {
      status.textContent = "Unggah gagal; periksa koneksi lalu coba lagi.";
      form.querySelector("button[type=submit]").disabled = false;
    };
    xhr.send(new FormData(form));
  });
})();

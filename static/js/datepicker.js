// Date fields written dd/mm/yyyy get a calendar in Indonesian (flatpickr, vendored:
// works offline). Typing the date stays possible; the server checks it either way.
"use strict";

document.querySelectorAll("input[data-datepicker]").forEach((input) => {
  if (!window.flatpickr) return;
  window.flatpickr(input, {
    locale: "id",
    dateFormat: "d/m/Y",
    allowInput: true,
    disableMobile: true, // the phone's own picker would show the phone's locale
  });
});

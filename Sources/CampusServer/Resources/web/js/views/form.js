// Form helpers: labelled fields, and a problem+json error shown next to the field it names.
import { h, replace } from "../dom.js";

export function field(name, label, attributes = {}) {
  const id = "field-" + name;
  const input = attributes.tag === "textarea"
    ? h("textarea", { id, name, ...attributes, tag: undefined })
    : h("input", { id, name, "aria-describedby": id + "-error", ...attributes });
  return [h("label", { for: id }, label), input, h("p", { id: id + "-error", class: "error", role: "alert" })];
}

export function showProblem(form, error) {
  for (const node of form.querySelectorAll(".error")) node.textContent = "";
  const general = form.querySelector(".form-error");
  let placed = false;
  for (const { field, message } of error.fields || []) {
    const slot = form.querySelector(`#field-${CSS.escape(field)}-error`);
    if (slot) { slot.textContent = message; placed = true; }
  }
  if (!placed && general) replace(general, error.message);
}

export function values(form) {
  return Object.fromEntries(new FormData(form).entries());
}

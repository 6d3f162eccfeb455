// Sign up, confirm the email, sign in and reset a password. The session lives in HttpOnly cookies set by the
// API; the page only remembers that it has one (session.js).
import { h, replace } from "../dom.js";
import { t } from "../i18n.js";
import { post } from "../api.js";
import { signedIn } from "../session.js";
import { navigate } from "../app.js";
import { field, showProblem, values } from "./form.js";

function page(main, title, form, ...after) {
  document.title = title + " · Campus";
  replace(main, h("h1", {}, title), form, ...after);
}

function submitting(form, action) {
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    try { await action(values(form)); } catch (error) { showProblem(form, error); } finally { button.disabled = false; }
  });
  return form;
}

export function signUp(main) {
  const form = submitting(h("form", { novalidate: true },
    field("name", t("name"), { autocomplete: "name", required: true }),
    field("email", t("email"), { type: "email", autocomplete: "email", required: true }),
    field("password", t("password"), { type: "password", autocomplete: "new-password", required: true, minlength: 8 }),
    h("p", { class: "error form-error", role: "alert" }),
    h("button", { type: "submit" }, t("signUp"))), async (body) => {
    const session = await post("/auth/register", body);
    signedIn(session.user);
    navigate("/verify");
  });
  page(main, t("signUp"), form);
}

export function verify(main) {
  const form = submitting(h("form", { novalidate: true },
    h("p", {}, t("verifyHint")),
    field("code", t("code"), { inputmode: "numeric", autocomplete: "one-time-code", required: true, maxlength: 6 }),
    h("p", { class: "error form-error", role: "alert" }),
    h("button", { type: "submit" }, t("verify"))), async (body) => {
    await post("/auth/verify-email", { code: body.code.trim() });
    navigate("/dashboard");
  });
  page(main, t("verifyTitle"), form);
}

export function signIn(main) {
  const form = submitting(h("form", { novalidate: true },
    field("email", t("email"), { type: "email", autocomplete: "email", required: true }),
    field("password", t("password"), { type: "password", autocomplete: "current-password", required: true }),
    h("p", { class: "error form-error", role: "alert" }),
    h("button", { type: "submit" }, t("signIn"))), async (body) => {
    const session = await post("/auth/login", body);
    signedIn(session.user);
    navigate(session.user.email_verified ? "/dashboard" : "/verify");
  });
  page(main, t("signIn"), form, h("p", {}, h("a", { href: "/reset" }, t("forgot"))));
}

export function reset(main) {
  const status = h("p", { role: "status", class: "ok" });
  const ask = submitting(h("form", { novalidate: true },
    field("email", t("email"), { type: "email", autocomplete: "email", required: true }),
    h("p", { class: "error form-error", role: "alert" }),
    h("button", { type: "submit" }, t("sendCode"))), async (body) => {
    await post("/auth/forgot-password", { email: body.email });
    replace(status, t("verifyHint"));
    set.querySelector("#field-set-email").value = body.email;
  });
  const set = submitting(h("form", { novalidate: true },
    field("email", t("email"), { type: "email", autocomplete: "email", required: true }),
    field("code", t("code"), { inputmode: "numeric", autocomplete: "one-time-code", required: true }),
    field("new_password", t("newPassword"), { type: "password", autocomplete: "new-password", required: true }),
    h("p", { class: "error form-error", role: "alert" }),
    h("button", { type: "submit" }, t("newPassword"))), async (body) => {
    await post("/auth/reset-password", body);
    replace(status, t("resetDone"));
  });
  // Two forms on one page would repeat ids; the second one's are its own.
  for (const element of set.querySelectorAll("[id]")) element.id = element.id.replace("field-", "field-set-");
  for (const element of set.querySelectorAll("[for]")) element.setAttribute("for", element.getAttribute("for").replace("field-", "field-set-"));
  for (const element of set.querySelectorAll("[aria-describedby]")) element.setAttribute("aria-describedby", element.getAttribute("aria-describedby").replace("field-", "field-set-"));
  page(main, t("resetTitle"), ask, status, set);
}

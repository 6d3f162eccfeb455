import { h, replace } from "../dom.js";
import { t } from "../i18n.js";
import { me } from "../session.js";
import { navigate } from "../app.js";

export async function show(main) {
  if (await me()) return navigate("/dashboard", { replaceState: true });
  document.title = "Campus";
  replace(main,
    h("h1", {}, t("welcome")),
    h("p", {}, t("welcomeText")),
    h("p", { class: "row" }, h("a", { class: "button", href: "/catalog" }, t("browse")), h("a", { href: "/signup" }, t("signUp"))));
}

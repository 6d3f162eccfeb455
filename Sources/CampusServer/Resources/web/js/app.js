// The cabinet's router: each path maps to a view module that renders into <main>. Links inside the app are
// followed without reloading; the server answers every page path with the same index.html.
import { h, replace } from "./dom.js";
import { language, setLanguage, t } from "./i18n.js";
import { me, signOut } from "./session.js";
import { patch } from "./api.js";
import * as auth from "./views/auth.js";
import * as catalog from "./views/catalog.js";
import * as course from "./views/course.js";
import * as lesson from "./views/lesson.js";
import * as quiz from "./views/quiz.js";
import * as dashboard from "./views/dashboard.js";
import * as home from "./views/home.js";
import * as practice from "./views/practice.js";

const routes = [
  [/^\/$/, home.show],
  [/^\/signin$/, auth.signIn],
  [/^\/signup$/, auth.signUp],
  [/^\/verify$/, auth.verify],
  [/^\/reset$/, auth.reset],
  [/^\/catalog$/, catalog.show],
  [/^\/courses\/([^/]+)$/, course.show],
  [/^\/lessons\/([^/]+)$/, lesson.show],
  [/^\/quizzes\/([^/]+)$/, quiz.show],
  [/^\/quizzes\/([^/]+)\/attempts\/([^/]+)$/, quiz.result],
  [/^\/practices\/([^/]+)$/, practice.show],
  [/^\/dashboard$/, dashboard.show],
];

let stopCurrent = null;

export function navigate(path, { replaceState = false } = {}) {
  if (replaceState) history.replaceState(null, "", path); else history.pushState(null, "", path);
  return render();
}

async function render() {
  if (stopCurrent) { stopCurrent(); stopCurrent = null; }
  const main = document.getElementById("main");
  await chrome();
  const path = location.pathname;
  for (const [pattern, view] of routes) {
    const match = path.match(pattern);
    if (!match) continue;
    try {
      stopCurrent = (await view(main, ...match.slice(1).map(decodeURIComponent))) || null;
    } catch (error) {
      replace(main, h("h1", {}, t("error")), h("p", { class: "error", role: "alert" }, error.message));
    }
    main.focus({ preventScroll: true });
    return;
  }
  document.title = t("notFound") + " · Campus";
  replace(main, h("h1", {}, t("notFound")), h("p", {}, h("a", { href: "/" }, "Campus")));
}

async function chrome() {
  const user = await me();
  // The language a signed-in learner chose is kept with the profile, so every device follows it.
  if (user?.language && user.language !== language()) setLanguage(user.language);
  document.documentElement.lang = language();
  for (const element of document.querySelectorAll("[data-t]")) element.textContent = t(element.dataset.t);
  const nav = document.getElementById("nav");
  replace(nav,
    h("a", { href: "/catalog" }, t("catalog")),
    user ? [h("a", { href: "/dashboard" }, t("dashboard")),
            h("button", { type: "button", class: "secondary", onclick: async () => { await signOut(); navigate("/"); } }, t("signOut"))]
         : [h("a", { href: "/signin" }, t("signIn")), h("a", { href: "/signup" }, t("signUp"))]);
  const dark = document.documentElement.dataset.theme === "dark";
  const themeButton = document.getElementById("theme");
  themeButton.textContent = dark ? t("themeLight") : t("themeDark");
  themeButton.setAttribute("aria-pressed", String(dark));
  document.getElementById("language").textContent = t("languageSwitch");
}

function startTheme() {
  const saved = localStorage.getItem("campus.theme");
  const dark = saved ? saved === "dark" : matchMedia("(prefers-color-scheme: dark)").matches;
  document.documentElement.dataset.theme = dark ? "dark" : "light";
}

startTheme();
document.getElementById("theme").addEventListener("click", () => {
  const next = document.documentElement.dataset.theme === "dark" ? "light" : "dark";
  localStorage.setItem("campus.theme", next);
  document.documentElement.dataset.theme = next;
  chrome();
});
document.getElementById("language").addEventListener("click", async () => {
  const next = language() === "ru" ? "en" : "ru";
  setLanguage(next);
  const user = await me();
  if (user) user.language = (await patch("/users/me", { language: next })).language;
  render();
});
document.addEventListener("click", (event) => {
  const link = event.target.closest("a");
  if (!link || link.target || link.origin !== location.origin || event.ctrlKey || event.metaKey || event.shiftKey) return;
  if (link.pathname.startsWith("/api/") || link.pathname.startsWith("/assets/")) return;
  event.preventDefault();
  navigate(link.pathname + link.search);
});
addEventListener("popstate", render);
render();

import { h, replace } from "../dom.js";
import { t } from "../i18n.js";
import { get } from "../api.js";
import { navigate } from "../app.js";

export async function show(main) {
  document.title = t("catalog") + " · Campus";
  const params = new URLSearchParams(location.search);
  const categories = (await get("/categories")).items;
  const results = h("div", { "aria-live": "polite" });
  const form = h("form", { class: "filters", role: "search" },
    h("div", {}, h("label", { for: "q" }, t("search")), h("input", { id: "q", name: "q", type: "search", value: params.get("q") || "" })),
    h("div", {}, h("label", { for: "category" }, t("category")),
      h("select", { id: "category", name: "category" }, h("option", { value: "" }, t("any")),
        categories.map((category) => h("option", { value: category.slug, selected: params.get("category") === category.slug }, category.name)))),
    h("div", {}, h("label", { for: "level" }, t("level")),
      h("select", { id: "level", name: "level" }, h("option", { value: "" }, t("any")),
        ["beginner", "intermediate", "advanced"].map((level) => h("option", { value: level, selected: params.get("level") === level }, level)))),
    h("button", { type: "submit" }, t("search")));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const query = new URLSearchParams([...new FormData(form).entries()].filter(([, value]) => value));
    navigate("/catalog" + (query.size ? "?" + query : ""));
  });
  replace(main, h("h1", {}, t("catalog")), form, results);
  const query = new URLSearchParams([...params.entries()].filter(([key, value]) => ["q", "category", "level"].includes(key) && value));
  const courses = (await get("/courses" + (query.size ? "?" + query : ""))).items;
  replace(results, courses.length === 0 ? h("p", {}, t("noCourses")) : h("ul", { class: "cards" }, courses.map(card)));
}

export function price(course) {
  if (course.is_free || !course.price_cents) return null;
  return new Intl.NumberFormat(document.documentElement.lang, { style: "currency", currency: course.currency || "RUB" })
    .format(course.price_cents / 100);
}

function card(course) {
  return h("li", { class: "card" },
    h("h2", {}, h("a", { href: "/courses/" + encodeURIComponent(course.slug) }, course.title)),
    h("p", { class: "muted" }, [course.level, price(course)].filter(Boolean).join(" · ")),
    h("p", {}, course.description));
}

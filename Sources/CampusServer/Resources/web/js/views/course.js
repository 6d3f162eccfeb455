import { h, replace } from "../dom.js";
import { t } from "../i18n.js";
import { get, post } from "../api.js";
import { me } from "../session.js";
import { navigate } from "../app.js";
import { price } from "./catalog.js";

export async function show(main, reference) {
  const { course, modules, final_quiz_id: finalQuiz } = await get("/courses/" + encodeURIComponent(reference));
  document.title = course.title + " · Campus";
  const status = h("p", { role: "status" });
  const user = await me();
  const cost = price(course);
  const enroll = h("button", { type: "button", onclick: async () => {
    if (!user) return navigate("/signin");
    try {
      await post(`/courses/${encodeURIComponent(course.slug)}/enrollment`);
      replace(status, h("span", { class: "ok" }, t("enrolled")));
    } catch (error) {
      replace(status, h("span", { class: "error" }, error.status === 402 ? `${t("paid")} ${cost ?? ""}` : error.message));
    }
  } }, t("enroll"));
  // A paid course offers checkout through each provider this Campus has configured (the plans list them).
  const providers = cost ? [...new Set((await get("/plans")).flatMap((plan) => plan.providers || []))] : [];
  const buy = providers.map((provider) => h("button", { type: "button", class: "secondary", onclick: async () => {
    if (!user) return navigate("/signin");
    try {
      const checkout = await post("/billing/checkout",
        { course_id: course.id, provider, return_url: location.origin + location.pathname },
        { "idempotency-key": crypto.randomUUID() });
      location.assign(checkout.confirmation_url);
    } catch (error) {
      replace(status, h("span", { class: "error" }, error.message));
    }
  } }, `${t("buy")} · ${cost} (${provider})`));
  replace(main,
    h("h1", {}, course.title),
    h("p", { class: "muted" }, [course.level, cost ? `${t("price")}: ${cost}` : null].filter(Boolean).join(" · ")),
    h("p", {}, course.description),
    h("div", { class: "row" }, enroll, buy), status,
    h("h2", {}, t("lessons")),
    modules.map((module) => h("section", {},
      h("h3", {}, module.title),
      h("ol", {}, module.lessons.map((lesson) => h("li", {},
        h("a", { href: "/lessons/" + encodeURIComponent(lesson.id) }, lesson.title),
        lesson.preview ? h("span", { class: "muted" }, ` (${t("preview")})`) : null))))),
    finalQuiz ? [h("h2", {}, t("finalQuiz")), h("p", {}, h("a", { class: "button", href: "/quizzes/" + encodeURIComponent(finalQuiz) }, t("startQuiz")))] : null);
}

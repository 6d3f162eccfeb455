// The lesson reader: Markdown rendered by markdown.js (text nodes only), the lesson's blocks, bookmark, note,
// completion and the next lesson. Heartbeats go every 30 s while the tab is visible, and only for enrolled
// learners (the API keeps time only for them).
import { h, replace } from "../dom.js";
import { t, language } from "../i18n.js";
import { get, post, put } from "../api.js";
import { me } from "../session.js";
import { navigate } from "../app.js";
import { parse, render, inline } from "../markdown.js";

function block({ type, data = {} }) {
  switch (type) {
    case "callout": return h("aside", { class: "callout", "data-tone": data.tone }, render(inline(String(data.text ?? "")), document));
    case "checklist": return h("ul", { class: "checklist" }, (data.items || []).map((item, index) =>
      h("li", {}, h("label", { class: "choice" }, h("input", { type: "checkbox", id: `check-${index}` }), String(item)))));
    case "code": return h("pre", {}, h("code", {}, String(data.code ?? "")));
    default: return null;
  }
}

// Lessons usually open with their own title as a heading; the page already shows it as the h1, and the
// lesson's top heading level becomes h2 so no level is skipped.
function withoutTitle(nodes, title) {
  const [first, ...rest] = nodes;
  const body = first && /^h\d$/.test(first.tag) && first.children.join("") === title ? rest : nodes;
  const levels = body.filter((node) => /^h\d$/.test(node.tag)).map((node) => Number(node.tag[1]));
  const shift = levels.length ? Math.min(...levels) - 2 : 0;
  return body.map((node) => /^h\d$/.test(node.tag) ? { ...node, tag: "h" + Math.max(2, Number(node.tag[1]) - shift) } : node);
}

export async function show(main, id) {
  const user = await me();
  let lesson;
  try {
    lesson = await get("/lessons/" + encodeURIComponent(id));
  } catch (error) {
    if (error.status === 401) return navigate("/signin", { replaceState: true });
    throw error;
  }
  document.title = lesson.title + " · Campus";
  // Progress, notes and time are kept for enrolled learners only; others just read (a preview).
  const enrolled = user && (await get("/users/me/dashboard")).enrollments.some((item) => item.course_id === lesson.course_id);
  const status = h("p", { role: "status" });
  const say = (text, ok = true) => replace(status, h("span", { class: ok ? "ok" : "error" }, text));
  const path = "/lessons/" + encodeURIComponent(lesson.id);
  const note = h("textarea", { id: "note", rows: 3 });
  const actions = enrolled ? [
    h("div", { class: "row" },
      h("button", { type: "button", onclick: async () => { await post(path + "/completion"); say(t("completed")); } }, t("complete")),
      h("button", { type: "button", class: "secondary", "aria-pressed": "false", onclick: async (event) => {
        const on = event.currentTarget.getAttribute("aria-pressed") !== "true";
        await put(path + "/bookmark", { bookmarked: on });
        event.currentTarget.setAttribute("aria-pressed", String(on));
        event.currentTarget.textContent = on ? t("bookmarked") : t("bookmark");
      } }, t("bookmark"))),
    h("label", { for: "note" }, t("note")), note,
    h("button", { type: "button", class: "secondary", onclick: async () => { await put(path + "/note", { note: note.value }); say(t("saved")); } }, t("saveNote")),
  ] : null;
  replace(main,
    h("p", {}, h("a", { href: "/courses/" + encodeURIComponent(lesson.course_slug) }, "← " + lesson.course_slug)),
    h("h1", {}, lesson.title),
    h("article", { class: "lesson" }, render(withoutTitle(parse(lesson.content_mdx || ""), lesson.title), document), (lesson.blocks || []).map(block)),
    lesson.practices?.length ? [h("h2", {}, t("practice")), h("ul", {}, lesson.practices.map((item) => h("li", {},
      h("a", { href: "/practices/" + encodeURIComponent(item.id) },
        typeof item.title === "object" ? item.title[language()] ?? item.title.en : item.title),
      item.passed ? h("span", { class: "ok" }, " ✓") : null)))] : null,
    actions, status,
    lesson.next_lesson_id ? h("p", {}, h("a", { class: "button", href: "/lessons/" + encodeURIComponent(lesson.next_lesson_id) }, t("next") + " →")) : null);
  if (!enrolled) return null;
  const beat = () => { if (document.visibilityState === "visible") post(path + "/heartbeat").catch(() => {}); };
  beat();
  const timer = setInterval(beat, 30_000);
  return () => clearInterval(timer);
}

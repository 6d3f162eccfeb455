// The learner's cabinet: courses with progress, streak, time on task, recent tests with a per-category chart
// of the assessment over time (SVG drawn here), and achievements when there are any.
import { h, replace } from "../dom.js";
import { t } from "../i18n.js";
import { get } from "../api.js";
import { me } from "../session.js";
import { navigate } from "../app.js";

const SVG = "http://www.w3.org/2000/svg";
const COLORS = ["#0b5cad", "#b35c00", "#1d6b34", "#8e24aa", "#a4161a", "#00796b"];

function svg(tag, attributes = {}, ...children) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  element.append(...children.flat(Infinity));
  return element;
}

function percent(score) {
  if (score == null) return null;
  if (typeof score === "number") return score;
  return typeof score.score === "number" ? score.score : null;
}

export function chart(attempts) {
  const series = new Map();
  attempts.forEach((attempt, index) => {
    for (const [category, score] of Object.entries(attempt.category_scores || {})) {
      const value = percent(score);
      if (value == null) continue;
      if (!series.has(category)) series.set(category, []);
      series.get(category).push([index, value]);
    }
  });
  const width = 600, height = 240, left = 36, bottom = 24, top = 8;
  const x = (index) => left + (attempts.length < 2 ? (width - left) / 2 : (index * (width - left - 12)) / (attempts.length - 1));
  const y = (value) => top + ((100 - value) * (height - top - bottom)) / 100;
  const lines = [...series.entries()].map(([category, points], index) => svg("g", {},
    svg("polyline", { points: points.map(([i, v]) => `${x(i)},${y(v)}`).join(" "), fill: "none", stroke: COLORS[index % COLORS.length], "stroke-width": 2 }),
    points.map(([i, v]) => svg("circle", { cx: x(i), cy: y(v), r: 3, fill: COLORS[index % COLORS.length] }, svg("title", {}, `${category}: ${Math.round(v)}%`)))));
  const figure = svg("svg", { class: "chart", viewBox: `0 0 ${width} ${height}`, role: "img", "aria-labelledby": "chart-title" },
    svg("title", { id: "chart-title" }, t("chartTitle")),
    [0, 50, 100].map((value) => [svg("line", { class: "axis", x1: left, x2: width, y1: y(value), y2: y(value) }),
      svg("text", { x: 0, y: y(value) + 4 }, `${value}%`)]),
    lines);
  const legend = h("ul", { class: "row", style: undefined }, [...series.keys()].map((category, index) =>
    h("li", {}, h("span", { "aria-hidden": "true", class: "swatch", "data-color": index }, "■ "), category)));
  legend.querySelectorAll(".swatch").forEach((swatch) => { swatch.style.color = COLORS[Number(swatch.dataset.color) % COLORS.length]; });
  return h("figure", {}, figure, h("figcaption", {}, legend));
}

export async function show(main) {
  const user = await me();
  if (!user) return navigate("/signin", { replaceState: true });
  const dashboard = await get("/users/me/dashboard");
  document.title = t("dashboard") + " · Campus";
  const completed = dashboard.last_attempts.filter((attempt) => attempt.status === "completed").slice(0, 8).reverse();
  const details = await Promise.all(completed.map((attempt) =>
    get(`/quizzes/${encodeURIComponent(attempt.quiz_id)}/attempts/${attempt.id}`).catch(() => null)));
  replace(main,
    h("h1", {}, `${t("dashboard")}: ${user.name}`),
    h("p", { class: "row" },
      h("span", {}, `${t("streak")}: `, h("strong", {}, dashboard.current_streak)),
      h("span", {}, `${t("time")}: `, h("strong", {}, `${Math.round(dashboard.total_time_seconds / 60)} ${t("minutes")}`))),
    h("h2", {}, t("progress")),
    dashboard.enrollments.length === 0 ? h("p", {}, t("noEnrollments"), " ", h("a", { href: "/catalog" }, t("browse")))
      : h("ul", { class: "cards" }, dashboard.enrollments.map((item) => h("li", { class: "card" },
        h("h3", {}, h("a", { href: "/courses/" + encodeURIComponent(item.course_slug) }, item.course_title)),
        h("div", { class: "progress", role: "progressbar", "aria-valuemin": 0, "aria-valuemax": 100, "aria-valuenow": item.percent_complete,
          "aria-label": `${t("progress")}: ${item.course_title}` }, progressBar(item.percent_complete)),
        h("p", {}, `${item.percent_complete}%`),
        item.next_lesson ? h("p", {}, h("a", { href: "/lessons/" + encodeURIComponent(item.next_lesson.id) }, `${t("next")}: ${item.next_lesson.title}`)) : null))),
    h("h2", {}, t("attempts")),
    dashboard.last_attempts.length === 0 ? h("p", {}, t("noAttempts")) : [
      chart(details.filter(Boolean)),
      h("ul", {}, dashboard.last_attempts.map((attempt) => h("li", {},
        h("a", { href: `/quizzes/${encodeURIComponent(attempt.quiz_id)}/attempts/${attempt.id}` },
          `${attempt.quiz_id} · ${attempt.status} · ${attempt.score ?? "—"} · ${attempt.level ?? ""}`)))),
    ],
    dashboard.recent_achievements?.length ? [h("h2", {}, t("achievements")),
      h("ul", {}, dashboard.recent_achievements.map((award) => h("li", {}, `${award.icon ?? ""} ${award.title}`)))] : null);
}

function progressBar(value) {
  const bar = h("span");
  bar.style.width = `${Math.max(0, Math.min(100, value))}%`;
  return bar;
}

// A practice exercise: the statement, an editor (a monospace textarea where Tab indents), run to see what the
// checker's engine answers, submit for the verdict with each check's result.
import { h, replace } from "../dom.js";
import { t, language } from "../i18n.js";
import { get, post } from "../api.js";
import { me } from "../session.js";
import { navigate } from "../app.js";
import { parse, render } from "../markdown.js";

function submission(kind, text) {
  if (kind === "sql") return { query: text };
  const value = JSON.parse(text);
  return kind === "json" ? { document: value } : { requests: value };
}

function indentOnTab(event) {
  if (event.key !== "Tab" || event.shiftKey || event.ctrlKey || event.altKey || event.metaKey) return;
  // Tab inserts two spaces; Escape then Tab leaves the editor, so keyboard users are never trapped.
  if (event.target.dataset.escaped === "1") { event.target.dataset.escaped = ""; return; }
  event.preventDefault();
  const editor = event.target, start = editor.selectionStart;
  editor.setRangeText("  ", start, editor.selectionEnd, "end");
}

function table(run) {
  if (run.error) return h("p", { class: "error" }, run.error);
  if (run.columns) {
    return h("table", {}, h("thead", {}, h("tr", {}, run.columns.map((column) => h("th", { scope: "col" }, column)))),
      h("tbody", {}, run.rows.map((row) => h("tr", {}, row.map((cell) => h("td", {}, cell === null ? "NULL" : String(cell)))))));
  }
  if (run.exchanges) return h("pre", {}, run.exchanges.map((exchange) => `${exchange.method} ${exchange.path} → ${exchange.status}\n`).join(""));
  return h("pre", {}, JSON.stringify(run, null, 2));
}

export async function show(main, id) {
  if (!(await me())) return navigate("/signin", { replaceState: true });
  const practice = await get("/practices/" + encodeURIComponent(id));
  const title = typeof practice.title === "object" ? practice.title[language()] ?? practice.title.en : practice.title;
  document.title = title + " · Campus";
  const editor = h("textarea", { id: "solution", class: "code", spellcheck: "false", rows: 14, onkeydown: indentOnTab,
    onkeyup: (event) => { if (event.key === "Escape") event.target.dataset.escaped = "1"; } });
  editor.value = practice.editor?.starter ?? "";
  const output = h("div", { "aria-live": "polite" });
  const act = (path, show) => async () => {
    let body;
    try { body = submission(practice.kind, editor.value); } catch (error) { return replace(output, h("p", { class: "error" }, error.message)); }
    try { show(await post(`/practices/${encodeURIComponent(practice.id)}/${path}`, body)); }
    catch (error) { replace(output, h("p", { class: "error", role: "alert" }, error.message)); }
  };
  replace(main,
    practice.lesson_id ? h("p", {}, h("a", { href: "/lessons/" + encodeURIComponent(practice.lesson_id) }, "← " + t("lessons"))) : null,
    h("h1", {}, title),
    h("div", { class: "lesson" }, render(parse(practice.statement_mdx || ""), document)),
    h("label", { for: "solution" }, t("solution")), editor,
    h("p", { class: "muted" }, t("tabHint")),
    h("div", { class: "row" },
      h("button", { type: "button", class: "secondary", onclick: act("run", (run) => replace(output, table(run))) }, t("run")),
      h("button", { type: "button", onclick: act("submit", (verdict) => replace(output,
        h("p", { class: verdict.passed ? "ok" : "error" }, `${verdict.passed ? t("passed") : t("failed")} · ${verdict.score} / ${verdict.max_score}`),
        h("ul", {}, verdict.checks.map((check) => h("li", { class: check.passed ? "ok" : "error" },
          `${check.passed ? "✓" : "✗"} ${check.name}${check.message ? ": " + check.message : ""}`))))) }, t("submitSolution"))),
    output);
}

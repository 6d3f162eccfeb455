// The assessment: every question on one page, a countdown to the server's deadline, answers saved as they
// change, then the result with category scores, the percentile and recommendations as they arrive.
import { h, replace } from "../dom.js";
import { t } from "../i18n.js";
import { get, post, put } from "../api.js";
import { me } from "../session.js";
import { navigate } from "../app.js";
import { parse, render } from "../markdown.js";

const quizPath = (quiz) => "/quizzes/" + encodeURIComponent(quiz);

function question(item, saved, changed) {
  const name = "q-" + item.id;
  const legend = h("legend", {}, item.question ?? item.text ?? item.id);
  if (item.mode === "text") {
    const input = h("input", { id: name, name, value: saved ?? "", oninput: changed });
    return h("div", { class: "question" }, h("label", { for: name }, legend.textContent), input);
  }
  const type = item.mode === "multiple" ? "checkbox" : "radio";
  const chosen = new Set([saved].flat().filter((value) => value !== undefined));
  return h("div", { class: "question" }, h("fieldset", {}, legend, item.options.map((option, index) =>
    h("label", { class: "choice", for: `${name}-${index}` },
      h("input", { type, id: `${name}-${index}`, name, value: option.value, checked: chosen.has(option.value), onchange: changed }),
      option.text ?? option.value))));
}

function collect(form, questions) {
  const answers = {};
  for (const item of questions) {
    const name = "q-" + item.id;
    if (item.mode === "text") {
      const value = form.querySelector(`#${CSS.escape(name)}`).value.trim();
      if (value) answers[item.id] = value;
    } else {
      const values = [...form.querySelectorAll(`input[name="${CSS.escape(name)}"]:checked`)].map((input) => input.value);
      if (values.length) answers[item.id] = item.mode === "multiple" ? values : values[0];
    }
  }
  return answers;
}

export async function show(main, quiz) {
  if (!(await me())) return navigate("/signin", { replaceState: true });
  const attempt = await post(quizPath(quiz) + "/start");
  document.title = t("finalQuiz") + " · Campus";
  const attemptPath = `${quizPath(quiz)}/attempts/${attempt.attempt_id}`;
  const status = h("p", { role: "status", class: "muted" });
  const timer = h("p", { class: "timer", "aria-live": "off" });
  let pending = null;
  const save = () => {
    clearTimeout(pending);
    pending = setTimeout(async () => {
      try { await put(attemptPath + "/answers", { answers: collect(form, attempt.questions) }); replace(status, t("autosaved")); }
      catch (error) { replace(status, h("span", { class: "error" }, error.message)); }
    }, 800);
  };
  const form = h("form", { novalidate: true, class: "quiz" },
    attempt.questions.map((item) => question(item, (attempt.answers || {})[item.id], save)),
    h("p", { class: "error form-error", role: "alert" }),
    h("button", { type: "submit" }, t("submit")));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearTimeout(pending);
    try {
      await post(attemptPath + "/submit", { answers: collect(form, attempt.questions) });
      navigate(`${quizPath(quiz)}/attempts/${attempt.attempt_id}`);
    } catch (error) {
      replace(form.querySelector(".form-error"), error.message);
    }
  });
  replace(main, h("h1", {}, t("finalQuiz")), timer, form, status);
  const deadline = Date.parse(attempt.expires_at);
  const tick = () => {
    const left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
    timer.textContent = `${t("timeLeft")}: ${Math.floor(left / 60)}:${String(left % 60).padStart(2, "0")}`;
  };
  tick();
  const interval = setInterval(tick, 1000);
  return () => { clearInterval(interval); clearTimeout(pending); };
}

function recommendationText(value) {
  if (!value) return null;
  // The plan is Markdown (the built-in one and the LLM's); it goes through the same safe renderer as lessons.
  return render(parse(typeof value === "string" ? value : JSON.stringify(value)), document);
}

export async function result(main, quiz, id) {
  const path = `${quizPath(quiz)}/attempts/${encodeURIComponent(id)}`;
  const attempt = await get(path);
  document.title = t("result") + " · Campus";
  const recommendations = h("div", { "aria-live": "polite", class: "lesson" }, recommendationText(attempt.recommendations) ?? t("waiting"));
  const scores = Object.entries(attempt.category_scores || {});
  replace(main,
    h("h1", {}, t("result")),
    h("p", {}, `${t("levelResult")}: `, h("strong", {}, attempt.level ?? "—"), ` · ${t("score")}: ${attempt.score}${attempt.max_score ? " / " + attempt.max_score : ""}`),
    attempt.percentile != null ? h("p", {}, `${t("percentile")} ${attempt.percentile}%`) : null,
    scores.length ? h("table", {}, h("caption", { class: "muted" }, t("category")),
      h("tbody", {}, scores.map(([name, score]) => h("tr", {}, h("th", { scope: "row" }, score.name ?? name),
        h("td", {}, `${Math.round(score.score ?? 0)}%`))))) : null,
    attempt.strengths?.length ? [h("h2", {}, t("strengths")), h("ul", {}, attempt.strengths.map((item) => h("li", {}, item)))] : null,
    attempt.weaknesses?.length ? [h("h2", {}, t("weaknesses")), h("ul", {}, attempt.weaknesses.map((item) => h("li", {}, item)))] : null,
    h("h2", {}, t("recommendations")), recommendations,
    attempt.question_details?.length ? [h("h2", {}, t("answers")), h("ol", {}, attempt.question_details.map((detail) =>
      h("li", {}, h("p", {}, detail.question ?? detail.question_id),
        detail.chosen_text ? h("p", { class: detail.correct ? "ok" : "error" }, [detail.chosen_text].flat().join(", ")) : null,
        detail.best_text ? h("p", { class: "muted" }, `${t("best")}: ${[detail.best_text].flat().join(", ")}`) : null,
        detail.explanation ? h("p", {}, detail.explanation) : null)))] : null,
    h("p", {}, `${t("share")}: `, h("a", { href: location.pathname }, location.href)));
  // A plan written by the LLM replaces the built-in one a few seconds after the submit.
  let polls = 0, shown = JSON.stringify(attempt.recommendations ?? null);
  const interval = setInterval(async () => {
    if (++polls > 10) return clearInterval(interval);
    try {
      const plan = (await get(path)).recommendations;
      if (plan && JSON.stringify(plan) !== shown) { shown = JSON.stringify(plan); replace(recommendations, recommendationText(plan)); }
    } catch { clearInterval(interval); }
  }, 3000);
  return () => clearInterval(interval);
}

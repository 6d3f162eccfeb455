// Russian and English. The choice is kept in this browser (localStorage) and sent as Accept-Language, so
// the API answers with content in the same language.
const strings = {
  en: {
    skip: "Skip to content", catalog: "Catalog", dashboard: "My learning", signIn: "Sign in", signUp: "Sign up",
    signOut: "Sign out", languageSwitch: "Русский", themeDark: "Dark theme", themeLight: "Light theme",
    loading: "Loading…", name: "Name", email: "Email", password: "Password", code: "Code from the email",
    newPassword: "New password", verify: "Verify", verifyTitle: "Confirm your email",
    verifyHint: "We sent a six-digit code to your email. Running Campus locally with `swift run campus`? The mail is written to campus-data/mail/.",
    verified: "Email confirmed.", forgot: "Forgot your password?", resetTitle: "Reset your password",
    sendCode: "Send the code", resetDone: "Password changed. Sign in with the new one.", welcome: "Learn system analysis by doing",
    welcomeText: "Courses, lessons, practice exercises checked on the server, and an assessment of your skills.",
    browse: "Browse courses", search: "Search", level: "Level", any: "Any", noCourses: "No courses match.",
    enroll: "Enroll", enrolled: "You are enrolled.", openLesson: "Open", preview: "free preview", price: "Price",
    paid: "This course is paid.", lessons: "Lessons", finalQuiz: "Final test", startQuiz: "Start the test",
    complete: "Mark as completed", completed: "Completed", bookmark: "Bookmark", bookmarked: "Bookmarked",
    note: "My note", saveNote: "Save note", saved: "Saved.", next: "Next lesson", timeLeft: "Time left",
    submit: "Submit answers", autosaved: "Answers saved.", result: "Result", score: "Score", levelResult: "Level",
    strengths: "Strengths", weaknesses: "To work on", percentile: "Better than", recommendations: "Recommendations",
    waiting: "Being prepared…", answers: "Your answers", best: "Best answer", share: "Share link",
    streak: "Streak (days)", time: "Time on task", attempts: "Recent tests", achievements: "Achievements",
    progress: "Progress", chartTitle: "Assessment results by category", noAttempts: "No tests taken yet.",
    noEnrollments: "You are not enrolled in any course yet.", notFound: "Page not found.", error: "Something went wrong.",
    minutes: "min", category: "Category", requiredSignIn: "Sign in to continue.", practice: "Practice",
    solution: "Your solution", run: "Run", submitSolution: "Submit for checking", passed: "Passed", failed: "Not yet",
    tabHint: "Tab indents; press Escape, then Tab, to leave the editor.", buy: "Buy", subscribe: "Subscribe",
  },
  ru: {
    skip: "К содержанию", catalog: "Каталог", dashboard: "Моё обучение", signIn: "Войти", signUp: "Регистрация",
    signOut: "Выйти", languageSwitch: "English", themeDark: "Тёмная тема", themeLight: "Светлая тема",
    loading: "Загрузка…", name: "Имя", email: "Email", password: "Пароль", code: "Код из письма",
    newPassword: "Новый пароль", verify: "Подтвердить", verifyTitle: "Подтвердите email",
    verifyHint: "Мы отправили шестизначный код на вашу почту. Campus запущен локально (`swift run campus`)? Письма лежат в campus-data/mail/.",
    verified: "Email подтверждён.", forgot: "Забыли пароль?", resetTitle: "Сброс пароля",
    sendCode: "Отправить код", resetDone: "Пароль изменён. Войдите с новым паролем.", welcome: "Системный анализ на практике",
    welcomeText: "Курсы, уроки, практические задания с проверкой на сервере и оценка навыков.",
    browse: "Смотреть курсы", search: "Поиск", level: "Уровень", any: "Любой", noCourses: "Курсы не найдены.",
    enroll: "Записаться", enrolled: "Вы записаны.", openLesson: "Открыть", preview: "бесплатно", price: "Цена",
    paid: "Курс платный.", lessons: "Уроки", finalQuiz: "Итоговый тест", startQuiz: "Начать тест",
    complete: "Отметить пройденным", completed: "Пройден", bookmark: "В закладки", bookmarked: "В закладках",
    note: "Моя заметка", saveNote: "Сохранить заметку", saved: "Сохранено.", next: "Следующий урок", timeLeft: "Осталось",
    submit: "Отправить ответы", autosaved: "Ответы сохранены.", result: "Результат", score: "Баллы", levelResult: "Уровень",
    strengths: "Сильные стороны", weaknesses: "Над чем поработать", percentile: "Лучше, чем", recommendations: "Рекомендации",
    waiting: "Готовятся…", answers: "Ваши ответы", best: "Лучший ответ", share: "Ссылка",
    streak: "Серия (дней)", time: "Время занятий", attempts: "Последние тесты", achievements: "Достижения",
    progress: "Прогресс", chartTitle: "Результаты оценки по категориям", noAttempts: "Тестов пока нет.",
    noEnrollments: "Вы пока не записаны ни на один курс.", notFound: "Страница не найдена.", error: "Что-то пошло не так.",
    minutes: "мин", category: "Категория", requiredSignIn: "Войдите, чтобы продолжить.", practice: "Практика",
    solution: "Ваше решение", run: "Запустить", submitSolution: "Отправить на проверку", passed: "Зачтено", failed: "Пока не зачтено",
    tabHint: "Tab делает отступ; нажмите Escape, затем Tab, чтобы выйти из редактора.", buy: "Купить", subscribe: "Оформить подписку",
  },
};

const KEY = "campus.language";

export function language() {
  const saved = localStorage.getItem(KEY);
  if (saved === "ru" || saved === "en") return saved;
  return (navigator.language || "en").toLowerCase().startsWith("ru") ? "ru" : "en";
}

export function setLanguage(value) {
  localStorage.setItem(KEY, value);
}

export function t(key) {
  return strings[language()][key] ?? strings.en[key] ?? key;
}

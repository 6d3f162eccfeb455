#!/usr/bin/env python3
"""Bulk learning data for the benchmarks, written straight into Campus's relational database.

    generate_learning.py --scale small|large --sqlite PATH
    generate_learning.py --scale small|large --postgres URL      (the URL may carry &search_path=SCHEMA)

Run it against a database Campus has migrated, with the demo catalog loaded (`campus migrate` does both),
and with Campus stopped. It adds:

- about 200 published courses (`course:bench-course-N`, half with Russian, half with English titles and
  descriptions, 40 % of them naming "проектирование" or "design"), each with 8 lessons in the content store;
- users `learnerN@example.com` (no password: they never sign in), each enrolled in 1–5 courses, always
  including `campus-demo`;
- lesson_progress rows (started / completed, some bookmarked or with a note, time on task), one per user
  and lesson, in order through each course;
- quiz_attempts, all completed and scored, on `quiz:bench-1` … `quiz:bench-50`, numbered per user and quiz;
- user_streaks for about 70 % of the users.

small: 1,000 users, 10,000 lesson_progress rows, 10,000 attempts.
large: 100,000 users, 1,000,000 lesson_progress rows, 1,000,000 attempts.

Values are stored as Campus itself stores them. On SQLite (sqlite-kit): UUIDs as upper-case text
(`UUID` is not `SQLiteDataConvertible`, so it is encoded through `Codable` as its `uuidString`), dates as
REAL seconds since 1970 (`Date.sqliteData` is `.float(timeIntervalSince1970)`), booleans as 0/1. On
PostgreSQL: `uuid`, `timestamptz` and `boolean` columns. Ids are UUIDv7 made from each row's creation
time, as `UUID.v7()` makes them.

Secondary indexes of the bulk tables are dropped before the load and re-created from their own
definitions afterwards, in the same transaction. Their triggers (which bump a user's dashboard snapshot
version) are off during the load, as the generated users are new and have no snapshot to outdate. On PostgreSQL the tables are then VACUUM ANALYZEd
(what autovacuum would soon do); SQLite gets no ANALYZE, since Campus never runs one.
"""
import argparse
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse

SCALES = {
    "small": {"users": 1_000, "progress": 10_000, "attempts": 10_000},
    "large": {"users": 100_000, "progress": 1_000_000, "attempts": 1_000_000},
}
EXTRA_COURSES = 200
LESSONS_PER_COURSE = 8
QUIZ_IDS = [f"quiz:bench-{n}" for n in range(1, 51)]
DEMO_COURSE = "course:campus-demo"
DEMO_LESSONS = [f"lesson:campus-demo-{name}" for name in
                ("intro", "requirements", "rest-api", "reliable-api", "databases", "messaging", "integration")]
BULK_TABLES = ["users", "enrollments", "lesson_progress", "quiz_attempts", "user_streaks", "points_ledger", "points_totals"]
DAY = 86_400.0
NOW = time.time()
# The ISO week (UTC) that holds NOW: its board key and its first second, as Campus computes them.
_iso = time.gmtime(NOW)
WEEK_START = NOW - (_iso.tm_wday * DAY + _iso.tm_hour * 3600 + _iso.tm_min * 60 + _iso.tm_sec)
WEEK_BOARD = "week:%04d-%02d" % tuple(__import__("datetime").datetime.fromtimestamp(NOW, __import__("datetime").timezone.utc).isocalendar()[:2])

RU_TOPICS = ["REST API для аналитиков", "баз данных и SQL", "интеграций через очереди сообщений",
             "требований к информационным системам", "бизнес-процессов в BPMN", "микросервисной архитектуры",
             "хранилищ данных", "пользовательских сценариев", "отчётности и аналитики", "API платёжных систем"]
EN_TOPICS = ["REST APIs for analysts", "relational databases", "event-driven integration", "testable requirements",
             "business processes in BPMN", "microservice boundaries", "data warehouses", "user journeys",
             "reporting and analytics", "payment APIs"]
RU_PLAIN = ["Основы", "Практикум:", "Введение в тему", "Разбор кейсов:", "Интенсив:"]
EN_PLAIN = ["Foundations of", "Workshop:", "Introduction to", "Case studies in", "Crash course on"]
LEVELS = ["Beginner", "Elementary", "Intermediate", "Advanced", "Expert"]
TIME_ZONES = ["UTC", "Europe/Moscow", "Europe/Moscow", "Asia/Yekaterinburg", "Asia/Novosibirsk", "Europe/Berlin",
              "America/New_York"]
QUIZ_LEVELS = [(85, "senior"), (70, "middle_plus"), (55, "middle"), (40, "junior_plus"), (0, "junior")]


def uuid7(rng, seconds):
    """A UUIDv7 (RFC 9562) for the given time, upper-case as Swift's `uuidString` writes it."""
    bits = rng.getrandbits(74)
    value = (int(seconds * 1000) << 80) | (0x7 << 76) | ((bits >> 62) << 64) | (0b10 << 62) | (bits & ((1 << 62) - 1))
    h = "%032X" % value
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


# ---------------------------------------------------------------------------------------------- sinks

class SQLiteSink:
    def __init__(self, path):
        if not os.path.exists(path):
            sys.exit(f"no database at {path}: run `campus migrate` first")
        self.db = sqlite3.connect(path, isolation_level=None)
        self.buffers = {}
        self.sql = {}

    def query(self, sql):
        return self.db.execute(sql).fetchall()

    def table_columns(self, table):
        return [row[1] for row in self.db.execute(f'PRAGMA table_info("{table}")')]

    def begin(self):
        self.journal = self.db.execute("PRAGMA journal_mode").fetchone()[0]
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=OFF")
        self.db.execute("PRAGMA cache_size=-262144")   # 256 MB while loading
        self.db.execute("BEGIN IMMEDIATE")
        marks = ",".join("?" * len(BULK_TABLES))
        self.indexes = self.db.execute(
            f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({marks})",
            BULK_TABLES).fetchall()
        for name, _ in self.indexes:
            self.db.execute(f'DROP INDEX "{name}"')
        self.triggers = self.db.execute(
            f"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ({marks})",
            BULK_TABLES).fetchall()
        for name, _ in self.triggers:
            self.db.execute(f'DROP TRIGGER "{name}"')

    def declare(self, table, columns, types):
        self.buffers[table] = []
        self.sql[table] = f'INSERT INTO "{table}" ({", ".join(columns)}) VALUES ({",".join("?" * len(columns))})'

    def add(self, table, row):
        buffer = self.buffers[table]
        buffer.append(row)
        if len(buffer) >= 20_000:
            self.db.executemany(self.sql[table], buffer)
            buffer.clear()

    def finish(self):
        for table, buffer in self.buffers.items():
            if buffer:
                self.db.executemany(self.sql[table], buffer)
                buffer.clear()
        started = time.time()
        for _, sql in self.indexes + self.triggers:
            self.db.execute(sql)
        self.db.execute("COMMIT")
        self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.db.execute(f"PRAGMA journal_mode={self.journal}")   # leave the file as Campus made it
        self.db.close()
        return time.time() - started


class PostgresSink:
    """Writes COPY text files per table, then loads them with one `psql` run in one transaction."""

    def __init__(self, url, psql):
        parts = urllib.parse.urlsplit(url)
        query = urllib.parse.parse_qsl(parts.query)
        self.schema = next((v for k, v in query if k == "search_path"), None)
        self.url = urllib.parse.urlunsplit(parts._replace(
            scheme="postgresql", query=urllib.parse.urlencode([(k, v) for k, v in query if k != "search_path"])))
        self.psql = psql
        self.env = dict(os.environ)
        if self.schema:
            self.env["PGOPTIONS"] = f"-c search_path={self.schema}"
        self.tmp = tempfile.mkdtemp(prefix="campus-learning-copy.")
        os.chmod(self.tmp, 0o755)
        self.files = {}
        self.columns = {}
        self.converters = {}

    def run(self, sql, *extra):
        result = subprocess.run([self.psql, "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", *extra, "-d", self.url, "-c", sql],
                                env=self.env, capture_output=True, text=True)
        if result.returncode != 0:
            sys.exit(f"psql failed: {result.stderr.strip()}")
        return result.stdout

    def query(self, sql):
        out = self.run(sql, "-F", "\t")
        return [tuple(line.split("\t")) for line in out.splitlines() if line]

    def table_columns(self, table):
        return [row[0] for row in self.query(
            f"SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = '{table}'")]

    def begin(self):
        tables = ",".join(f"'{t}'" for t in BULK_TABLES)
        self.indexes = self.query(f"""
            SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x
            JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE n.nspname = current_schema() AND t.relname IN ({tables}) AND NOT x.indisprimary""")

    def declare(self, table, columns, types):
        self.columns[table] = columns
        self.files[table] = open(os.path.join(self.tmp, table + ".copy"), "w", encoding="utf-8", buffering=1 << 20)
        self.converters[table] = [CONVERT[t] for t in types]

    def add(self, table, row):
        self.files[table].write("\t".join(convert(value) for convert, value in zip(self.converters[table], row)) + "\n")

    def finish(self):
        started = time.time()
        script = ["BEGIN;"]
        script += [f'DROP INDEX "{name}";' for name, _ in self.indexes]
        script += [f"ALTER TABLE {table} DISABLE TRIGGER USER;" for table in BULK_TABLES]
        for table, handle in self.files.items():
            handle.close()
            os.chmod(handle.name, 0o644)
            script.append(f"\\copy {table} ({', '.join(self.columns[table])}) FROM '{handle.name}'")
        script += [sql + ";" for _, sql in self.indexes]
        script += [f"ALTER TABLE {table} ENABLE TRIGGER USER;" for table in BULK_TABLES]
        script.append("COMMIT;")
        path = os.path.join(self.tmp, "load.sql")
        with open(path, "w") as out:
            out.write("\n".join(script) + "\n")
        result = subprocess.run([self.psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", self.url, "-f", path],
                                env=self.env, capture_output=True, text=True)
        if result.returncode != 0:
            sys.exit(f"psql load failed (files kept in {self.tmp}): {result.stderr.strip()}")
        self.run("VACUUM ANALYZE " + ", ".join(BULK_TABLES + ["courses", "content_documents"]))
        shutil.rmtree(self.tmp)
        return time.time() - started


def _text(value):
    if value is None:
        return "\\N"
    return str(value).replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _ts(value):
    if value is None:
        return "\\N"
    whole = int(value)
    return time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime(whole)) + ".%06d+00" % int((value - whole) * 1e6)


def _bool(value):
    return "\\N" if value is None else ("t" if value else "f")


def _plain(value):
    return "\\N" if value is None else str(value)


CONVERT = {"uuid": _plain, "int": _plain, "text": _text, "ts": _ts, "bool": _bool}


# ---------------------------------------------------------------------------------------------- tables

TABLES = {
    "courses": [("id", "uuid"), ("content_id", "text"), ("slug", "text"), ("category_id", "uuid"), ("title", "text"),
                ("description", "text"), ("level", "text"), ("status", "text"), ("price_cents", "int"),
                ("currency", "text"), ("author_id", "uuid"), ("published_at", "ts"), ("created_at", "ts"),
                ("updated_at", "ts"), ("deleted_at", "ts"), ("created_by", "uuid"), ("updated_by", "uuid")],
    "content_documents": [("collection", "text"), ("id", "text"), ("body", "text"), ("updated_at", "ts")],
    "users": [("id", "uuid"), ("email", "text"), ("password_hash", "text"), ("name", "text"), ("role", "text"),
              ("email_verified", "bool"), ("experience", "text"), ("token_version", "int"), ("time_zone", "text"),
              ("created_at", "ts"), ("updated_at", "ts"), ("deleted_at", "ts"), ("created_by", "uuid"), ("updated_by", "uuid")],
    "enrollments": [("id", "uuid"), ("user_id", "uuid"), ("course_id", "uuid"), ("status", "text"), ("enrolled_at", "ts"),
                    ("completed_at", "ts"), ("created_at", "ts"), ("updated_at", "ts"), ("deleted_at", "ts"),
                    ("created_by", "uuid"), ("updated_by", "uuid")],
    "lesson_progress": [("id", "uuid"), ("user_id", "uuid"), ("course_id", "uuid"), ("lesson_content_id", "text"),
                        ("status", "text"), ("completed_at", "ts"), ("bookmarked", "bool"), ("note", "text"),
                        ("time_spent_seconds", "int"), ("last_heartbeat_at", "ts"), ("heartbeats", "int"),
                        ("created_at", "ts"), ("updated_at", "ts"), ("deleted_at", "ts"), ("created_by", "uuid"),
                        ("updated_by", "uuid")],
    "quiz_attempts": [("id", "uuid"), ("user_id", "uuid"), ("course_id", "uuid"), ("quiz_content_id", "text"),
                      ("attempt_no", "int"), ("status", "text"), ("started_at", "ts"), ("expires_at", "ts"),
                      ("submitted_at", "ts"), ("score", "int"), ("max_score", "int"), ("passed", "bool"), ("level", "text"),
                      ("time_spent_seconds", "int"), ("category_scores", "text"), ("details_ref", "text"), ("seed", "int"),
                      ("guest_token_hash", "text"), ("guest_name", "text"), ("guest_experience", "text"),
                      ("created_at", "ts"), ("updated_at", "ts"), ("deleted_at", "ts"), ("created_by", "uuid"),
                      ("updated_by", "uuid")],
    "points_ledger": [("id", "uuid"), ("user_id", "uuid"), ("points", "int"), ("reason", "text"), ("reference", "text"),
                      ("course_id", "uuid"), ("category_id", "uuid"), ("created_at", "ts")],
    "points_totals": [("board", "text"), ("user_id", "uuid"), ("points", "int"), ("updated_at", "ts")],
    "user_streaks": [("id", "uuid"), ("user_id", "uuid"), ("current_streak", "int"), ("longest_streak", "int"),
                     ("last_active_day", "text"), ("created_at", "ts"), ("updated_at", "ts"), ("deleted_at", "ts"),
                     ("created_by", "uuid"), ("updated_by", "uuid")],
}
# Columns the generator fills only if this version of the schema has them (defaults cover them otherwise).
OPTIONAL = {("lesson_progress", "heartbeats")}


class Writer:
    """Keeps, per table, the columns this schema has, and drops the values of missing optional columns."""

    def __init__(self, sink):
        self.sink = sink
        self.keep = {}
        for table, spec in TABLES.items():
            present = set(sink.table_columns(table))
            if not present:
                sys.exit(f"table {table} is missing: run `campus migrate` first")
            missing = [name for name, _ in spec if name not in present and (table, name) not in OPTIONAL]
            if missing:
                sys.exit(f"{table} has no column(s) {', '.join(missing)}: the generator does not match this schema")
            keep = [i for i, (name, _) in enumerate(spec) if name in present]
            self.keep[table] = None if len(keep) == len(spec) else keep
            sink.declare(table, [spec[i][0] for i in keep], [spec[i][1] for i in keep])

    def add(self, table, row):
        keep = self.keep[table]
        self.sink.add(table, row if keep is None else tuple(row[i] for i in keep))


# ---------------------------------------------------------------------------------------------- data

def course_catalog(rng):
    """The extra courses: (index, title, description, has_search_word)."""
    courses = []
    for i in range(1, EXTRA_COURSES + 1):
        russian = i % 2 == 0
        word = i % 5 < 2          # 40 % carry the benchmark's search word
        topic = (RU_TOPICS if russian else EN_TOPICS)[i % 10]
        if russian:
            if word and i % 4 < 2:
                title = f"Проектирование {topic}, поток {i}"
                description = f"Практический курс о том, как устроены {topic}: разбор типичных ошибок и упражнения."
            elif word:
                title = f"{rng.choice(RU_PLAIN)} {topic}, поток {i}"
                description = f"Проектирование и сопровождение: {topic} на реальных примерах, с заданиями и обратной связью."
            else:
                title = f"{rng.choice(RU_PLAIN)} {topic}, поток {i}"
                description = f"Курс для системных аналитиков: {topic}. Видео, конспекты и практические задания."
        else:
            if word and i % 4 < 2:
                title = f"Design of {topic}, cohort {i}"
                description = f"A practical course on {topic}: common mistakes, reviews and exercises."
            elif word:
                title = f"{rng.choice(EN_PLAIN)} {topic}, cohort {i}"
                description = f"Design and maintenance of {topic} with real examples, assignments and feedback."
            else:
                title = f"{rng.choice(EN_PLAIN)} {topic}, cohort {i}"
                description = f"A course for system analysts on {topic}. Videos, notes and practical assignments."
        courses.append((i, title, description, word))
    return courses


def allocate(rng, total, caps):
    """Splits `total` over users at random, each at most its cap, summing exactly to `total`."""
    if total > sum(caps):
        sys.exit(f"cannot place {total} rows in {sum(caps)} slots")
    weights = [cap * (0.25 + rng.random()) for cap in caps]
    factor = total / sum(weights)
    counts = [min(cap, int(w * factor)) for cap, w in zip(caps, weights)]
    missing = total - sum(counts)
    while missing > 0:
        i = rng.randrange(len(caps))
        if counts[i] < caps[i]:
            counts[i] += 1
            missing -= 1
    return counts


def generate(sink, scale, seed):
    rng = random.Random(seed)
    size = SCALES[scale]
    started = time.time()

    existing = sink.query("SELECT count(*) FROM users WHERE email LIKE 'learner%@example.com'")
    if int(existing[0][0]) > 0:
        sys.exit("this database already holds generated learners; start from a fresh one")
    demo = sink.query(f"SELECT id FROM courses WHERE content_id = '{DEMO_COURSE}' AND deleted_at IS NULL")
    if not demo:
        sys.exit("no campus-demo course: start Campus (or `campus migrate`) once with the demo content first")
    demo_id = str(demo[0][0]).upper()
    category_ids = [str(row[0]).upper() for row in sink.query("SELECT id FROM categories WHERE deleted_at IS NULL ORDER BY slug")]

    writer = Writer(sink)
    sink.begin()

    # Courses and their content (course document and eight short lessons each).
    course_start = NOW - 400 * DAY
    courses = []   # (id, content_id, lesson ids)
    for i, title, description, _ in course_catalog(rng):
        created = course_start + i * 60.0
        course_id = uuid7(rng, created)
        content_id = f"course:bench-course-{i}"
        lessons = [f"lesson:bench-course-{i}-{n}" for n in range(1, LESSONS_PER_COURSE + 1)]
        category = category_ids[i % len(category_ids)] if category_ids else None
        level = LEVELS[i % len(LEVELS)]
        writer.add("courses", (course_id, content_id, f"bench-course-{i}", category, title, description, level,
                               "published", None, None, None, created + 3600, created, created + 3600, None, None, None))
        document = {"_id": content_id, "title": title, "description": description, "level": level,
                    "modules": [{"id": "m1", "order": 1, "title": "Part 1", "lessons": lessons[:4]},
                                {"id": "m2", "order": 2, "title": "Part 2", "lessons": lessons[4:]}],
                    "updated_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(created))}
        writer.add("content_documents", ("course_content", content_id, json.dumps(document, ensure_ascii=False), created))
        for n, lesson in enumerate(lessons, 1):
            body = {"_id": lesson, "course_id": content_id, "order": n, "duration_minutes": 10,
                    "title": f"{title}: часть {n}" if i % 2 == 0 else f"{title}: part {n}",
                    "content_mdx": f"# {title}\n\nLesson {n}.\n", "blocks": []}
            writer.add("content_documents", ("lesson_content", lesson, json.dumps(body, ensure_ascii=False), created))
        courses.append((course_id, content_id, lessons))
    demo_course = (demo_id, DEMO_COURSE, DEMO_LESSONS)

    # Users, created over the last year in id order.
    n_users = size["users"]
    created_times = sorted(NOW - 365 * DAY + rng.random() * 364 * DAY for _ in range(n_users))
    plans = []
    for n, created in enumerate(created_times):
        extra = rng.sample(range(len(courses)), rng.randint(0, 4))
        plans.append((created, [demo_course] + [courses[j] for j in extra]))
    progress_counts = allocate(rng, size["progress"], [sum(len(c[2]) for c in p[1]) for p in plans])
    attempt_counts = allocate(rng, size["attempts"], [10_000] * n_users)

    for n, ((created, enrolled_in), n_progress, n_attempts) in enumerate(zip(plans, progress_counts, attempt_counts)):
        user_id = uuid7(rng, created)
        last_seen = created
        # Progress: a prefix of each course's lessons, the courses advanced in random turns.
        taken = [0] * len(enrolled_in)
        for _ in range(n_progress):
            j = rng.choice([k for k, c in enumerate(enrolled_in) if taken[k] < len(c[2])])
            taken[j] += 1
        enrollment_rows = []
        progress_rows = []
        for (course_id, content_id, lessons), count in zip(enrolled_in, taken):
            enrolled = created + rng.random() * max(60.0, (NOW - created) * 0.5)
            moment = enrolled
            finished = None
            for k in range(count):
                opened = moment + rng.random() * 3 * DAY
                if opened > NOW:
                    opened = NOW - rng.random() * 60
                last = k == count - 1
                done = not last or rng.random() < 0.6
                spent = rng.randint(60, 1800)
                completed_at = opened + spent if done else None
                touched = min(NOW, opened + spent)
                progress_rows.append((
                    uuid7(rng, opened), user_id, course_id, lessons[k], "completed" if done else "started",
                    completed_at, rng.random() < 0.05, "Повторить перед тестом" if rng.random() < 0.02 else None,
                    spent, touched, spent // 30, opened, touched, None, user_id, user_id))
                moment = touched
                if done and k == len(lessons) - 1 and content_id != DEMO_COURSE:
                    finished = touched
            last_seen = max(last_seen, moment)
            status = "completed" if finished else ("cancelled" if content_id != DEMO_COURSE and rng.random() < 0.03 else "active")
            enrollment_rows.append((uuid7(rng, enrolled), user_id, course_id, status, enrolled, finished, enrolled,
                                    max(enrolled, moment), None, user_id, user_id))

        # Attempts: completed and scored, numbered per quiz.
        numbers = {}
        attempt_rows = []
        for _ in range(n_attempts):
            quiz = rng.choice(QUIZ_IDS)
            numbers[quiz] = numbers.get(quiz, 0) + 1
            start = created + rng.random() * (NOW - created)
            spent = rng.randint(120, 2400)
            submitted = min(NOW, start + spent)
            score = rng.randint(10, 100)
            level = next(name for minimum, name in QUIZ_LEVELS if score >= minimum)
            categories = json.dumps({"api": rng.randint(0, 100), "database": rng.randint(0, 100),
                                     "messaging": rng.randint(0, 100), "requirements": rng.randint(0, 100)},
                                    separators=(",", ":"))
            attempt_rows.append((
                uuid7(rng, start), user_id, None, quiz, numbers[quiz], "completed", start, None, submitted,
                score, 100, score >= 50, level, int(submitted - start), categories, None,
                rng.getrandbits(63) - (1 << 62), None, None, None, start, submitted, None, user_id, user_id))
            last_seen = max(last_seen, submitted)
        # Attempt numbers follow the start times, as they would have been given out.
        by_quiz = {}
        for row in attempt_rows:
            by_quiz.setdefault(row[3], []).append(row)
        attempt_rows = []
        for quiz, rows in by_quiz.items():
            rows.sort(key=lambda r: r[6])
            attempt_rows += [r[:4] + (k,) + r[5:] for k, r in enumerate(rows, 1)]

        writer.add("users", (user_id, f"learner{n}@example.com", None, f"Learner {n}" if n % 2 else f"Ученик {n}",
                             "student", n % 5 != 0, None, 0, TIME_ZONES[n % len(TIME_ZONES)], created, last_seen, None,
                             user_id, user_id))
        for row in enrollment_rows:
            writer.add("enrollments", row)
        for row in progress_rows:
            writer.add("lesson_progress", row)
        for row in attempt_rows:
            writer.add("quiz_attempts", row)
        # Points, as Campus pays them: 10 per completed lesson, 50 per quiz passed (once per quiz), with the
        # boards' running totals for all time and this ISO week.
        ledger = [(row[5], 10, "lesson_completed", row[3], row[2]) for row in progress_rows if row[4] == "completed"]
        first_pass = {}
        for row in attempt_rows:
            if row[11] and (row[3] not in first_pass or row[8] < first_pass[row[3]]):
                first_pass[row[3]] = row[8]
        ledger += [(at, 50, "quiz_passed", quiz, None) for quiz, at in first_pass.items()]
        for at, points, reason, reference, course in ledger:
            writer.add("points_ledger", (uuid7(rng, at), user_id, points, reason, reference, course, None, at))
        if ledger:
            writer.add("points_totals", ("all", user_id, sum(p for _, p, _, _, _ in ledger), NOW))
            weekly = sum(p for at, p, _, _, _ in ledger if at >= WEEK_START)
            if weekly:
                writer.add("points_totals", (WEEK_BOARD, user_id, weekly, NOW))
        if rng.random() < 0.7:
            longest = rng.randint(1, 60)
            current = rng.randint(1, longest)
            day = time.strftime("%Y-%m-%d", time.gmtime(NOW - rng.randint(0, 20) * DAY))
            writer.add("user_streaks", (uuid7(rng, last_seen), user_id, current, longest, day, created, last_seen, None,
                                        user_id, user_id))

    generated = time.time() - started
    loaded = sink.finish()
    return generated, loaded


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", choices=sorted(SCALES), required=True)
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("--sqlite", metavar="PATH")
    target.add_argument("--postgres", metavar="URL")
    parser.add_argument("--psql", default=None, help="psql binary (default: $(pg_config --bindir)/psql, then PATH)")
    parser.add_argument("--seed", type=int, default=20261127)
    args = parser.parse_args()

    if args.sqlite:
        sink = SQLiteSink(args.sqlite)
    else:
        psql = args.psql
        if not psql:
            try:
                bindir = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True, check=True).stdout.strip()
                psql = os.path.join(bindir, "psql") if os.path.exists(os.path.join(bindir, "psql")) else None
            except (OSError, subprocess.CalledProcessError):
                psql = None
            psql = psql or shutil.which("psql") or sys.exit("no psql found")
        sink = PostgresSink(args.postgres, psql)
    total = time.time()
    generated, loaded = generate(sink, args.scale, args.seed)
    size = SCALES[args.scale]
    print(f"generate_learning: {args.scale} ({size['users']} users, {size['progress']} lesson_progress, "
          f"{size['attempts']} quiz_attempts, {EXTRA_COURSES} courses) in {time.time() - total:.1f} s "
          f"(rows {generated:.1f} s, indexes/load {loaded:.1f} s)", file=sys.stderr)


if __name__ == "__main__":
    main()

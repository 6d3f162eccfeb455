#!/usr/bin/env python3
"""The store-alone bound of a v1 quiz submit (issue 18): the statements ONE real
`POST /api/v1/quizzes/{quiz}/attempts/{id}/submit` sends, captured and then replayed by the store without Campus,
with the same row and document sizes. Driven by benchmarks/submit_bound.sh.

    submit_bound.py prepare BASE OUT.json
        Signs in as bench0 (run.sh's first benchmark user; a new user if that fails), starts (or finds the open)
        attempt at quiz:bench-0 and answers every question, as benchmarks/prepare_quiz.py does.
    submit_bound.py pg-capture PREPARED.json PSQL_URL SCHEMA PG_LOG OUT.json
        Turns on PostgreSQL's statement log (log_statement=all, log_min_duration_statement=0, a prefix of our own),
        sends the one submit between sentinel requests, turns the log off and keeps each statement with its bound
        parameters (`execute <unnamed>: …` + `DETAIL:  parameters: $1 = '…'`) and its server time.
    submit_bound.py pg-bench CAPTURE.json PSQL_URL SCHEMA SECONDS CLIENTS
        Writes the statements as a pgbench custom script and runs it (-j 2); prints `submit_bound_tps N`.
    submit_bound.py sqlite-capture PREPARED.json CAMPUS_PID SQLITE_FILE OUT.json
        SQLite has no statement log and SQLiteNIO's vendored SQLite is built with SQLITE_OMIT_TRACE, so gdb is
        attached to Campus for the one submit with breakpoints on the vendored library's prepare/bind/step
        functions: each statement Campus prepares is kept with the values it binds (text, blob, int, double, null).
    submit_bound.py sqlite-replay CAPTURE.json SQLITE_FILE SECONDS
        Replays the statements on a copy of the file on one connection (WAL, synchronous=NORMAL, foreign_keys=ON,
        secure_delete=ON, as Campus's SQLite runs); prints `submit_bound_tps N`.
    submit_bound.py show CAPTURE.json
        The captured list, SQL shortened, with parameter sizes.

Sentinels: a GET of a made-up attempt id is one statement (the attempt lookup, then 404) whose bound id marks the
start of the window, the moment the submit was answered, and its end, in both engines' captures. The attempt is
read (GET, signed in) just before, so the submit meets the user, session and quiz caches warm as under load.

Replay rules, both engines (see submit_bound.sh for why):
- the attempt the submit finished is replaced, per transaction, by a fresh copy of it as it was before the submit
  (row in_progress and its plan document), pre-created in a pool outside the timed part: the claim UPDATE, the
  details upsert (ON CONFLICT … DO UPDATE over the plan) and the completing UPDATE then do the same work each time;
- UUIDv7 values minted during the submit (the claim, ids of inserted rows) get new values per transaction;
- everything else (user id, quiz id, times, scores, the document text) is sent as captured.
"""
import json
import math
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

SENTINELS = {"begin": "00000000-0000-4000-8000-00000000b001",
             "answered": "00000000-0000-4000-8000-00000000b002",
             "end": "00000000-0000-4000-8000-00000000b003"}
# Statements of Campus's timed workers, not of the submit (the mail outbox polls every 5 s, renewals every minute).
BACKGROUND = re.compile(r"\b(mail_outbox|subscriptions)\b")
# What a signed-in request reads when its user's snapshot or session has left the per-instance caches.
SIGN_IN = re.compile(r"^\s*SELECT email, name, role, .*\sFROM users WHERE id = |\sFROM auth_refresh_tokens WHERE family_id = ", re.S)
POOL_QUIZ = "quiz:submit-bound"
UUID_RE = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")


# ---------------------------------------------------------------------------------------------------- HTTP side

def call(base, method, path, body=None, token=None, expect_json=True):
    request = urllib.request.Request(base + path, method=method,
                                     data=None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode()))
    request.add_header("content-type", "application/json")
    if token:
        request.add_header("authorization", "Bearer " + token)
    with urllib.request.urlopen(request, timeout=120) as response:
        data = response.read()
        return json.loads(data) if expect_json else (response.status, data)


def prepare(base, out):
    from quiz_answers import answers_for
    try:
        token = call(base, "POST", "/api/v1/auth/login",
                     {"email": "bench0@example.com", "password": "benchmark password"})["access_token"]
    except urllib.error.HTTPError:
        email = f"submit-bound-{uuid.uuid4().hex[:12]}@example.com"
        token = call(base, "POST", "/api/v1/auth/register",
                     {"email": email, "password": "benchmark password", "name": "Submit Bound"})["access_token"]
    user = call(base, "GET", "/api/v1/users/me", token=token)
    quiz = "quiz:bench-0"
    attempt = call(base, "POST", f"/api/v1/quizzes/{quiz}/start", token=token)
    body = json.dumps({"answers": answers_for(attempt)}, ensure_ascii=True)
    json.dump({"base": base, "token": token, "user_id": user["id"], "quiz": quiz, "attempt_id": attempt["attempt_id"],
               "path": f"/api/v1/quizzes/{quiz}/attempts/{attempt['attempt_id']}/submit", "body": body}, open(out, "w"))


def sentinel(prepared, which):
    try:
        call(prepared["base"], "GET", f"/api/v1/quizzes/{prepared['quiz']}/attempts/{SENTINELS[which]}",
             token=prepared["token"], expect_json=False)
    except urllib.error.HTTPError as error:
        if error.code != 404:
            raise


def submit_once(prepared):
    """Warm caches, begin sentinel, the submit, answered sentinel, 1 s for work left after the answer, end.
    The user's snapshot, the session and the quiz with its questions stay cached 2 s from when they were read
    (UserSnapshotCache, SessionCache, CachingContentStore): waiting that long first makes the warming request (a
    read of the attempt, signed in, which reads all of them) load them afresh, so none lapses within the window.
    Under load they never do: other requests read them all the time."""
    time.sleep(2.1)
    call(prepared["base"], "GET", prepared["path"].removesuffix("/submit"), token=prepared["token"])
    began = time.time()
    sentinel(prepared, "begin")
    start = time.monotonic()
    status, data = call(prepared["base"], "POST", prepared["path"], prepared["body"].encode(), prepared["token"], expect_json=False)
    elapsed = time.monotonic() - start
    sentinel(prepared, "answered")
    time.sleep(1)
    sentinel(prepared, "end")
    return {"began": began, "status": status, "response_bytes": len(data), "request_bytes": len(prepared["body"]),
            "elapsed_ms": elapsed * 1000}


# ----------------------------------------------------------------------------------------------- PostgreSQL side

def pg_bindir():
    return subprocess.run(["pg_config", "--bindir"], text=True, capture_output=True, check=True).stdout.strip()


def psql(url, sql):
    return subprocess.run(["runuser", "-u", "postgres", "--", f"{pg_bindir()}/psql", "-X", "-q", "-t", "-A",
                           "-v", "ON_ERROR_STOP=1", url], input=sql, text=True, check=True, capture_output=True).stdout.strip()


def pg_literal(value):
    return "NULL" if value is None else "'" + value.replace("'", "''") + "'"


def pg_capture(prepared_path, url, schema, log_path, out):
    prepared = json.load(open(prepared_path))
    attempt = prepared["attempt_id"].lower()
    # The attempt and its plan as they were before the submit: the replay's pool is made of copies of them.
    row = json.loads(psql(url, f"SELECT row_to_json(a) FROM {schema}.quiz_attempts a WHERE id = '{attempt}'"))
    doc = json.loads(psql(url, f"SELECT json_build_object('collection', collection, 'id', id, 'body', body::text) "
                               f"FROM {schema}.content_documents WHERE collection = 'attempt_details' AND id = 'attempt:{attempt}'"))
    psql(url, "ALTER SYSTEM SET log_statement = 'all'; ALTER SYSTEM SET log_min_duration_statement = 0;\n"
              "ALTER SYSTEM SET log_line_prefix = '@@%m|%p|%l@@ '; ALTER SYSTEM SET log_parameter_max_length = -1;\n"
              "SELECT pg_reload_conf();")
    try:
        time.sleep(0.5)
        offset = os.path.getsize(log_path)
        outcome = submit_once(prepared)
        time.sleep(0.3)
    finally:
        psql(url, "ALTER SYSTEM RESET log_statement; ALTER SYSTEM RESET log_min_duration_statement;\n"
                  "ALTER SYSTEM RESET log_line_prefix; ALTER SYSTEM RESET log_parameter_max_length; SELECT pg_reload_conf();")
    with open(log_path, "rb") as handle:
        handle.seek(offset)
        text = handle.read().decode("utf-8", "replace")
    statements, excluded = pg_statements(text)
    json.dump({"engine": "postgresql", "prepared": prepared, "outcome": outcome, "attempt_row": row, "plan_doc": doc,
               "statements": statements, "excluded": excluded}, open(out, "w"))


ENTRY = re.compile(r"^@@(?P<ts>[^|]*)\|(?P<pid>\d+)\|(?P<seq>\d+)@@ (?P<level>[A-Z0-9]+):  (?P<msg>.*)$", re.S)


def pg_parameters(text):
    """`$1 = '…', $2 = NULL` → ['…', None] (quotes doubled inside)."""
    values, i = {}, 0
    while i < len(text):
        match = re.compile(r"\$(\d+) = ").match(text, i)
        if not match:
            raise ValueError(f"cannot read parameters at {text[i:i + 40]!r}")
        index, i = int(match.group(1)), match.end()
        if text.startswith("NULL", i):
            values[index], i = None, i + 4
        else:
            j, parts = i + 1, []
            while True:
                k = text.index("'", j)
                parts.append(text[j:k])
                if text.startswith("''", k):
                    parts.append("'")
                    j = k + 2
                    continue
                break
            values[index], i = "".join(parts), k + 1
        if text.startswith(", ", i):
            i += 2
    return [values.get(n) for n in range(1, max(values, default=0) + 1)]


def pg_statements(text):
    entries = []
    for line in text.split("\n"):
        match = ENTRY.match(line)
        if match:
            entries.append(match.groupdict())
        elif line.startswith("\t") and entries:
            entries[-1]["msg"] += "\n" + line[1:]
        # other lines (the postmaster's own, before the prefix took effect) are not statements
    statements, last, last_kind, pending = [], {}, {}, {}
    for entry in entries:
        pid, msg, level = entry["pid"], entry["msg"], entry["level"]
        if level == "LOG":
            statement = re.match(r"(?:statement|execute [^:]*): (.*)$", msg, re.S)
            duration = re.match(r"duration: ([\d.]+) ms(?:  (parse|bind|execute|statement)[^:]*: .*)?$", msg, re.S)
            if statement:
                last[pid] = {"pid": int(pid), "ts": entry["ts"], "sql": statement.group(1), "params": [],
                             "ms": pending.pop(pid, 0.0)}
                statements.append(last[pid])
                last_kind[pid] = "statement"
                continue
            if duration:
                if duration.group(2) in ("parse", "bind"):
                    pending[pid] = pending.get(pid, 0.0) + float(duration.group(1))
                elif pid in last:
                    last[pid]["ms"] += float(duration.group(1))
            last_kind[pid] = "other"
        elif level == "DETAIL" and msg.startswith("parameters: ") and last_kind.get(pid) == "statement":
            last[pid]["params"] = pg_parameters(msg[len("parameters: "):])
            last_kind[pid] = "detail"
        else:
            last_kind[pid] = "other"
    ids = {v: k for k, v in SENTINELS.items()}
    return window(statements, lambda s: next((ids[p.lower()] for p in s["params"] if p and p.lower() in ids), None))


def window(statements, sentinel_of):
    """The statements between the begin and end sentinels (without them), marked after the answered one. Left out:
    the timed workers' statements, and the sign-in check (user snapshot, session) a sentinel request makes right
    before its own statement when the user's cached snapshot has lapsed — that is the sentinel's, not the submit's."""
    marks = {}
    for index, statement in enumerate(statements):
        name = sentinel_of(statement)
        if name:
            marks.setdefault(name, index)
    if "begin" not in marks or "end" not in marks:
        raise SystemExit(f"submit_bound: sentinels not found in the capture ({sorted(marks)})")
    sentinel_auth = set()
    for name in ("answered", "end"):
        index = marks.get(name, -1) - 1
        while index > marks["begin"] and SIGN_IN.search(statements[index]["sql"]):
            sentinel_auth.add(index)
            index -= 1
    kept, excluded = [], []
    for index in range(marks["begin"] + 1, marks["end"]):
        statement = statements[index]
        if index == marks.get("answered"):
            continue
        statement["after_answer"] = index > marks.get("answered", marks["end"])
        if BACKGROUND.search(statement["sql"]):
            excluded.append(dict(statement, reason="a timed worker's"))
        elif index in sentinel_auth:
            excluded.append(dict(statement, reason="the next request's sign-in check (user snapshot or session not cached)"))
        else:
            kept.append(statement)
    return kept, excluded


def fresh_uuids(values, began):
    """UUIDv7 values minted during the submit (their time is within the window): the claim, new rows' ids."""
    found = set()
    for value in values:
        if isinstance(value, str):
            for match in UUID_RE.findall(value):
                parsed = uuid.UUID(match)
                if parsed.version == 7 and (parsed.int >> 80) / 1000 >= began - 1:
                    found.add(str(parsed))
        elif isinstance(value, (bytes, bytearray)) and len(value) == 16:
            parsed = uuid.UUID(bytes=bytes(value))
            if parsed.version == 7 and (parsed.int >> 80) / 1000 >= began - 1:
                found.add(str(parsed))
    return sorted(found)


def pg_bench(capture_path, url, schema, seconds, clients):
    capture = json.load(open(capture_path))
    statements = capture["statements"]
    attempt = capture["prepared"]["attempt_id"].lower()
    fresh = fresh_uuids([p for s in statements for p in s["params"]], capture["outcome"]["began"])
    fresh = [f for f in fresh if f != attempt]
    # pgbench substitutes :name anywhere in a command (quotes included) in the simple protocol, but not after
    # another colon ("attempt::x" is left alone, as a cast would be), so ids start with a literal "5b" and go on
    # with two per-client counters: c = 100000 + client, b = 100000000000 + the client's transaction number.

    def per_tx(value):
        if value is None:
            return "NULL"
        literal = pg_literal(value)
        if ":sbz_" in literal:
            raise SystemExit("submit_bound: a captured value contains ':sbz_', which pgbench would substitute")
        literal = re.sub(re.escape(attempt), "5b:sbz_c-0000-4000-8000-:sbz_b", literal, flags=re.I)
        for slot, minted in enumerate(fresh, start=1):
            literal = re.sub(re.escape(minted), f"5b:sbz_c-{slot:04d}-7000-8000-:sbz_b", literal, flags=re.I)
        return literal

    lines = ["-- The statements of one v1 submit, captured from PostgreSQL's log (benchmarks/submit_bound.sh).",
             "\\set sbz_n :sbz_n + 1", "\\set sbz_c 100000 + :client_id", "\\set sbz_b 100000000000 + :sbz_n"]
    for statement in statements:
        params = statement["params"]
        sql = re.sub(r"\$(\d+)", lambda m: per_tx(params[int(m.group(1)) - 1]), statement["sql"])
        lines.append(sql.rstrip().rstrip(";") + ";")
    script = "\n".join(lines) + "\n"
    handle = tempfile.NamedTemporaryFile("w", suffix=".sql", prefix="campus-submit-bound.", delete=False)
    handle.write(script)
    handle.close()
    os.chmod(handle.name, 0o644)
    kept = os.environ.get("SUBMIT_BOUND_KEEP")
    if kept:
        shutil.copy(handle.name, os.path.join(kept, "submit-bound-postgresql.sql"))

    columns = psql(url, f"SELECT string_agg(attname, ',' ORDER BY attnum) FROM pg_attribute WHERE attrelid = "
                        f"'{schema}.quiz_attempts'::regclass AND attnum > 0 AND NOT attisdropped").split(",")
    pool_sql_id = "('5b' || (100000 + c)::text || '-0000-4000-8000-' || (100000000000 + n)::text)"
    overrides = {"id": f"{pool_sql_id}::uuid", "user_id": "NULL", "quiz_content_id": pg_literal(POOL_QUIZ),
                 "attempt_no": "n", "details_ref": f"'attempt:' || {pool_sql_id}"}
    row_json = pg_literal(json.dumps(capture["attempt_row"]))
    select = ", ".join(overrides.get(c, f"t.{c}") for c in columns)
    plan = capture["plan_doc"]

    def make_pool(first, last):
        psql(url, f"INSERT INTO {schema}.quiz_attempts ({', '.join(columns)}) SELECT {select} "
                  f"FROM json_populate_record(NULL::{schema}.quiz_attempts, {row_json}) t, "
                  f"generate_series(0, {clients - 1}) c, generate_series({first}, {last}) n;\n"
                  f"INSERT INTO {schema}.content_documents (collection, id, body, updated_at) "
                  f"SELECT 'attempt_details', 'attempt:' || {pool_sql_id}, {pg_literal(plan['body'])}::jsonb, now() "
                  f"FROM generate_series(0, {clients - 1}) c, generate_series({first}, {last}) n;\n"
                  f"ANALYZE {schema}.quiz_attempts; ANALYZE {schema}.content_documents;")

    def completed(first, last):
        return int(psql(url, f"SELECT count(*) FROM {schema}.quiz_attempts WHERE quiz_content_id = '{POOL_QUIZ}' "
                             f"AND status <> 'in_progress' AND attempt_no BETWEEN {first} AND {last}"))

    # Campus's connections have search_path = the schema (its URL's search_path); so do pgbench's.
    bench_url = url + ("&" if "?" in url else "?") + f"options=-csearch_path%3D{schema}"

    def pgbench(run_seconds, first):
        result = subprocess.run(["runuser", "-u", "postgres", "--", f"{pg_bindir()}/pgbench", "-n", "-M", "simple",
                                 "-f", handle.name, "-D", f"sbz_n={first - 1}", "-c", str(clients), "-j", "2",
                                 "-T", str(run_seconds), bench_url], text=True, capture_output=True)
        tps = re.search(r"^tps = ([\d.]+) \(without initial connection time\)", result.stdout, re.M)
        processed = re.search(r"number of transactions actually processed: (\d+)", result.stdout)
        failed = re.search(r"number of failed transactions: (\d+)", result.stdout)
        if result.returncode != 0 or not tps or (failed and int(failed.group(1))) or "aborted" in result.stderr:
            sys.stderr.write(result.stdout + result.stderr)
            raise SystemExit("submit_bound: pgbench failed")
        return float(tps.group(1)), int(processed.group(1))

    try:
        # A 2 s probe on a small pool sizes the pool of the measured run (each transaction needs its own row).
        probe_rows = 500
        make_pool(1, probe_rows)
        probe_tps, _ = pgbench(2, 1)
        first = probe_rows + 1
        per_client = int(math.ceil(max(probe_tps, 100) * seconds * 1.6 / clients)) + 200
        make_pool(first, first + per_client - 1)
        tps, processed = pgbench(seconds, first)
        done = completed(first, first + per_client - 1)
        # Every transaction should have overwritten one pooled plan and inserted no document of its own.
        overwritten, documents = psql(url, f"SELECT count(*) FILTER (WHERE octet_length(body::text) <> "
                                           f"{len(plan['body'].encode())}), count(*) FROM {schema}.content_documents "
                                           f"WHERE collection = 'attempt_details' AND id LIKE 'attempt:5b%'").split("|")
        stray = int(documents) - clients * (probe_rows + per_client)
    finally:
        cleanup = [f"DELETE FROM {schema}.content_documents WHERE collection = 'attempt_details' "
                   f"AND id LIKE 'attempt:5b1_____-0000-4000-8000-1%';",
                   f"DELETE FROM {schema}.quiz_attempts WHERE quiz_content_id = '{POOL_QUIZ}';"]
        for table in sorted({m.group(1) for s in statements
                             for m in [re.match(r'\s*INSERT INTO "?(\w+)"?', s["sql"])] if m} - {"content_documents", "quiz_attempts"}):
            cleanup.append(f"DELETE FROM {schema}.{table} WHERE id::text LIKE '5b1_____-____-7000-8000-1%';")
        psql(url, "\n".join(cleanup))
        os.unlink(handle.name)
    sizes = sorted((len(p.encode()) for s in statements for p in s["params"] if p is not None), reverse=True)
    print(f"PostgreSQL: {len(statements)} statements per submit "
          f"({sum(1 for s in statements if s['after_answer'])} after the answer), largest parameters {sizes[:3]} bytes; "
          f"pgbench -M simple -c {clients} -j 2 -T {seconds}: {tps:.0f} tps ({processed} transactions, "
          f"{done} pooled attempts completed{'' if done >= processed else ' — POOL RAN SHORT'}, {overwritten} pooled plans "
          f"overwritten in probe and run, {stray} documents not in the pool)", file=sys.stderr)
    print(f"submit_bound_tps {tps:.0f}")


# --------------------------------------------------------------------------------------------------- SQLite side

GDB_SCRIPT = r'''
import gdb, json, os, uuid
out = os.environ["SUBMIT_BOUND_GDB_OUT"]
sentinels = {v: k for k, v in json.loads(os.environ["SUBMIT_BOUND_SENTINELS"]).items()}
blobs = {uuid.UUID(v).bytes: k for v, k in sentinels.items()}
inferior = gdb.selected_inferior()
state = {"phase": "idle", "current": None, "statements": [], "errors": []}
MASK = (1 << 64) - 1

def reg(name):
    return int(gdb.parse_and_eval("(unsigned long)$" + name)) & MASK

def signed32(value):
    value &= 0xFFFFFFFF
    return value - (1 << 32) if value >= 1 << 31 else value

def cstring(address):
    data = b""
    while True:
        chunk = bytes(inferior.read_memory(address + len(data), 4096)) if address else b"\0"
        cut = chunk.find(b"\0")
        if cut >= 0:
            return (data + chunk[:cut]).decode("utf-8", "replace")
        data += chunk

def prepare():
    state["current"] = {"sql": cstring(reg("rsi")), "params": {}, "stepped": False}

def bind(kind):
    current = state["current"]
    if current is None:
        return
    index = signed32(reg("rsi"))
    if kind == "text":
        value = bytes(inferior.read_memory(reg("rdx"), reg("rcx"))).decode("utf-8", "replace") if reg("rcx") else ""
        if value.lower() in sentinels:
            current["sentinel"] = sentinels[value.lower()]
    elif kind == "blob":
        raw = bytes(inferior.read_memory(reg("rdx"), reg("rcx"))) if reg("rcx") else b""
        if raw in blobs:
            current["sentinel"] = blobs[raw]
        value = raw.hex()
    elif kind == "int":
        value = reg("rdx")
        value = value - (1 << 64) if value >= 1 << 63 else value
    elif kind == "double":
        value = float(gdb.parse_and_eval("$xmm0.v2_double[0]"))
    else:
        value = None
    current["params"][index] = [kind, value]

def step():
    current = state["current"]
    if current is None or current["stepped"]:
        return False
    current["stepped"] = True
    mark = current.get("sentinel")
    if mark == "begin":
        state["phase"] = "recording"
    if state["phase"] == "idle":
        return False
    count = max(current["params"], default=0)
    state["statements"].append({"sql": current["sql"], "sentinel": mark,
                                "params": [current["params"].get(i, ["null", None]) for i in range(1, count + 1)]})
    if mark == "end":
        json.dump({"statements": state["statements"], "errors": state["errors"]}, open(out, "w"))
        return True
    return False

class Hook(gdb.Breakpoint):
    def __init__(self, symbol, handler):
        super().__init__("*" + symbol, internal=True)
        self.handler = handler
    def stop(self):
        try:
            return bool(self.handler())
        except Exception as error:
            state["errors"].append(repr(error))
            return False

Hook("sqlite_nio_sqlite3_prepare_v3", prepare)
Hook("sqlite_nio_sqlite3_bind_text64", lambda: bind("text"))
Hook("sqlite_nio_sqlite3_bind_blob64", lambda: bind("blob"))
Hook("sqlite_nio_sqlite3_bind_int64", lambda: bind("int"))
Hook("sqlite_nio_sqlite3_bind_double", lambda: bind("double"))
Hook("sqlite_nio_sqlite3_bind_null", lambda: bind("null"))
Hook("sqlite_nio_sqlite3_step", step)
print("@@READY@@", flush=True)
try:
    gdb.execute("continue")
except gdb.error as error:
    print("continue:", error, flush=True)
gdb.execute("detach")
'''


def sqlite_rows(path, attempt_forms):
    import sqlite3
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    db.row_factory = sqlite3.Row
    for form in attempt_forms:
        row = db.execute("SELECT * FROM quiz_attempts WHERE id = ?", (form,)).fetchone()
        if row:
            break
    else:
        raise SystemExit("submit_bound: the prepared attempt is not in the SQLite file")
    doc = db.execute("SELECT * FROM content_documents WHERE collection = 'attempt_details' AND id = ?",
                     (row["details_ref"],)).fetchone()
    encode = lambda r: {k: (["blob", r[k].hex()] if isinstance(r[k], bytes) else r[k]) for k in r.keys()}
    return encode(row), encode(doc)


def sqlite_capture(prepared_path, pid, path, out):
    prepared = json.load(open(prepared_path))
    attempt = uuid.UUID(prepared["attempt_id"])
    row, doc = sqlite_rows(path, [str(attempt).upper(), str(attempt), attempt.bytes])
    gdb_out = tempfile.mktemp(suffix=".json", prefix="campus-submit-bound-gdb.")
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as script:
        script.write(GDB_SCRIPT)
    env = dict(os.environ, SUBMIT_BOUND_GDB_OUT=gdb_out, SUBMIT_BOUND_SENTINELS=json.dumps(SENTINELS))
    # -readnever: the library's functions are found by their ELF symbols; reading Campus's DWARF takes long.
    gdb = subprocess.Popen(["gdb", "-p", str(pid), "-batch", "-nx", "-readnever", "-ex", "set pagination off",
                            "-ex", "set confirm off", "-x", script.name], env=env, text=True,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    log = []
    try:
        deadline = time.monotonic() + 120
        for line in gdb.stdout:
            log.append(line)
            if "@@READY@@" in line:
                break
            if time.monotonic() > deadline:
                raise SystemExit("submit_bound: gdb did not attach")
        else:
            raise SystemExit("submit_bound: gdb ended before it was ready:\n" + "".join(log[-20:]))
        outcome = submit_once(prepared)
        try:
            rest, _ = gdb.communicate(timeout=60)
            log.append(rest)
        except subprocess.TimeoutExpired:
            gdb.send_signal(signal.SIGINT)
            gdb.communicate(timeout=30)
            raise SystemExit("submit_bound: the end sentinel never reached gdb")
    finally:
        if gdb.poll() is None:
            gdb.kill()
        os.unlink(script.name)
    if not os.path.exists(gdb_out):
        raise SystemExit("submit_bound: gdb wrote no capture:\n" + "".join(log[-30:]))
    captured = json.load(open(gdb_out))
    os.unlink(gdb_out)
    if captured["errors"]:
        raise SystemExit(f"submit_bound: errors while capturing: {captured['errors'][:3]}")
    kept, excluded = window(captured["statements"], lambda s: s.get("sentinel"))
    json.dump({"engine": "sqlite", "prepared": prepared, "outcome": outcome, "attempt_row": row, "plan_doc": doc,
               "statements": kept, "excluded": excluded}, open(out, "w"))


def sqlite_value(param):
    kind, value = param
    return bytes.fromhex(value) if kind == "blob" else value


def sqlite_replay(capture_path, path, seconds):
    # Python's sqlite3 module is the "small program": one connection, each statement prepared anew (no statement
    # cache, as SQLiteNIO prepares every statement) and its values bound, every row stepped through (fetchall).
    # Python adds a few microseconds per statement; the system libsqlite3 may be another version than the one
    # SQLiteNIO vendors (printed below).
    import sqlite3
    capture = json.load(open(capture_path))
    statements = capture["statements"]
    attempt = uuid.UUID(capture["prepared"]["attempt_id"])
    began = capture["outcome"]["began"]
    values = [sqlite_value(p) for s in statements for p in s["params"]]
    fresh = [uuid.UUID(f) for f in fresh_uuids(values, began) if uuid.UUID(f) != attempt]

    copy = path + ".submit-bound"
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(copy + suffix):
            os.unlink(copy + suffix)
    shutil.copy(path, copy)
    if os.path.exists(path + "-wal"):
        shutil.copy(path + "-wal", copy + "-wal")
    db = sqlite3.connect(copy, isolation_level=None, cached_statements=0)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")
    db.execute("PRAGMA foreign_keys = ON")      # Fluent's SQLite driver turns foreign keys on for its connection
    db.execute("PRAGMA secure_delete = ON")     # SQLiteNIO's SQLite is compiled with SQLITE_SECURE_DELETE

    def ident(k, slot):  # a UUID per transaction k and slot (0: the pooled attempt, 1…: values minted by the submit)
        return uuid.UUID(f"10000000-{slot:04x}-{4 if slot == 0 else 7}000-8000-{k:012x}")

    def substitute(value, k):
        pairs = [(attempt, ident(k, 0))] + [(minted, ident(k, slot)) for slot, minted in enumerate(fresh, start=1)]
        if isinstance(value, bytes):
            for old, new in pairs:
                if value == old.bytes:
                    return new.bytes
            return value
        if isinstance(value, str):
            for old, new in pairs:
                if str(old) in value:
                    value = value.replace(str(old), str(new))
                if str(old).upper() in value:
                    value = value.replace(str(old).upper(), str(new).upper())
        return value

    # Per statement: its SQL and, per parameter, either the constant or the positions that change per transaction.
    plan = []
    for statement in statements:
        params = [sqlite_value(p) for p in statement["params"]]
        varying = [i for i, v in enumerate(params) if substitute(v, 1) != v]
        plan.append((statement["sql"], params, varying))

    row, doc = capture["attempt_row"], capture["plan_doc"]
    row_columns = list(row)
    row_values = [sqlite_value(v) if isinstance(v, list) else v for v in row.values()]
    doc_columns = list(doc)
    doc_values = [sqlite_value(v) if isinstance(v, list) else v for v in doc.values()]
    id_kind = "blob" if isinstance(row_values[row_columns.index("id")], bytes) else \
        ("upper" if row["id"] == str(attempt).upper() else "lower")

    def as_stored(u):
        return u.bytes if id_kind == "blob" else (str(u).upper() if id_kind == "upper" else str(u))

    def make_pool(first, last):
        insert_row = f"INSERT INTO quiz_attempts ({', '.join(row_columns)}) VALUES ({', '.join('?' * len(row_columns))})"
        insert_doc = f"INSERT INTO content_documents ({', '.join(doc_columns)}) VALUES ({', '.join('?' * len(doc_columns))})"
        db.execute("BEGIN")
        for k in range(first, last + 1):
            pooled = ident(k, 0)
            values_row = list(row_values)
            values_row[row_columns.index("id")] = as_stored(pooled)
            values_row[row_columns.index("user_id")] = None
            values_row[row_columns.index("quiz_content_id")] = POOL_QUIZ
            values_row[row_columns.index("attempt_no")] = k
            values_row[row_columns.index("details_ref")] = f"attempt:{pooled}" if "attempt:" + str(attempt) == row["details_ref"] \
                else substitute(row["details_ref"], k)
            db.execute(insert_row, values_row)
            values_doc = [substitute(v, k) if c == "id" else v for c, v in zip(doc_columns, doc_values)]
            db.execute(insert_doc, values_doc)
        db.execute("COMMIT")

    chunk, pool_end, k, done = 2000, 0, 0, 0
    paused = 0.0
    start = time.perf_counter()
    while time.perf_counter() - start - paused < seconds:
        k += 1
        if k > pool_end:
            t0 = time.perf_counter()
            make_pool(pool_end + 1, pool_end + chunk)
            pool_end += chunk
            paused += time.perf_counter() - t0
        for sql, params, varying in plan:
            if varying:
                params = list(params)
                for i in varying:
                    params[i] = substitute(params[i], k)
            db.execute(sql, params).fetchall()
        done += 1
    elapsed = time.perf_counter() - start - paused
    finished = db.execute("SELECT count(*) FROM quiz_attempts WHERE quiz_content_id = ? AND status <> 'in_progress'",
                          (POOL_QUIZ,)).fetchone()[0]
    # Every transaction should have overwritten one pooled plan and inserted no document of its own.
    plan_body = doc_values[doc_columns.index("body")]
    overwritten, documents = db.execute(
        "SELECT count(*) FILTER (WHERE body <> ?), count(*) FROM content_documents "
        "WHERE collection = 'attempt_details' AND id LIKE 'attempt:10000000-%'", (plan_body,)).fetchone()
    db.close()
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(copy + suffix):
            os.unlink(copy + suffix)
    sizes = sorted((len(v.encode()) if isinstance(v, str) else len(v) if isinstance(v, bytes) else 8
                    for _, ps, _ in plan for v in ps if v is not None), reverse=True)
    tps = done / elapsed
    print(f"SQLite: {len(statements)} statements per submit ({sum(1 for s in statements if s['after_answer'])} after the answer), "
          f"largest parameters {sizes[:3]} bytes; one connection, {elapsed:.1f} s: {tps:.0f} tps ({done} transactions, "
          f"{finished} pooled attempts completed, {overwritten} pooled plans overwritten, {documents - pool_end} documents "
          f"not in the pool; Python sqlite3 {sys.version.split()[0]}, SQLite {sqlite3.sqlite_version})",
          file=sys.stderr)
    print(f"submit_bound_tps {tps:.0f}")


# -------------------------------------------------------------------------------------------------------- show

def show(capture_path):
    capture = json.load(open(capture_path))
    outcome = capture["outcome"]
    print(f"# {capture['engine']}: one submit, HTTP {outcome['status']}, request {outcome['request_bytes']} bytes, "
          f"answer {outcome['response_bytes']} bytes, {outcome['elapsed_ms']:.1f} ms")
    for index, statement in enumerate(capture["statements"], start=1):
        sql = " ".join(statement["sql"].split())
        params = statement["params"]
        def size(param):
            kind, value = param if isinstance(param, list) else ("text", param)
            return "null" if value is None else str(len(value) // 2 if kind == "blob" else
                                                    len(value.encode()) if isinstance(value, str) else 8)
        sizes = ",".join(size(p) for p in params)
        if len(sql) > 150:
            sql = sql[:110] + " … " + sql[-37:]
        timing = f" {statement['ms']:.3f} ms" if "ms" in statement else ""
        after = " [after the answer]" if statement.get("after_answer") else ""
        print(f"{index:2d}.{timing}{after} {sql}  -- {len(params)} params" + (f" (bytes: {sizes})" if params else ""))
    for statement in capture["excluded"]:
        print(f"    left out, {statement['reason']}: {' '.join(statement['sql'].split())[:100]}")


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    if command == "prepare":
        prepare(*args)
    elif command == "pg-capture":
        pg_capture(*args)
    elif command == "pg-bench":
        pg_bench(args[0], args[1], args[2], int(args[3]), int(args[4]))
    elif command == "sqlite-capture":
        sqlite_capture(args[0], int(args[1]), args[2], args[3])
    elif command == "sqlite-replay":
        sqlite_replay(args[0], args[1], float(args[2]))
    elif command == "show":
        show(args[0])
    else:
        sys.exit(__doc__)

#!/usr/bin/python3
r"""A throw-away stand-in for Stripe's and YooKassa's HTTP APIs, for Campus's billing tests.

    /usr/bin/python3 tools/fake-payments/server.py --port 0 \
        --stripe-secret-key sk_test_x --stripe-webhook-secret whsec_x \
        --yookassa-shop-id 123 --yookassa-secret-key test_key

Prints `READY <port>` once listening on 127.0.0.1. Exits on SIGTERM/SIGINT or when stdin closes, so a
test that dies cannot leave it behind. State lives in memory. It speaks the documented shapes of the
parts Campus uses and signs events the way Stripe does; it never calls Campus: control endpoints return
the events and notifications, and the test delivers them (in any order, any number of times).

Stripe (form-encoded bodies with bracket keys, `Authorization: Bearer <key>`, `Idempotency-Key` replays):
  POST /v1/checkout/sessions, GET /v1/checkout/sessions[/{id}], POST /v1/refunds, GET /v1/refunds,
  GET|POST /v1/subscriptions/{id} (cancel_at_period_end)
YooKassa (JSON, Basic shop_id:key, required `Idempotence-Key` on POST):
  POST /v3/payments (payment_method_id: a charge of a saved method), GET /v3/payments[/{id}],
  POST /v3/refunds, GET /v3/refunds[/{id}]
Control (no auth):
  POST /_fake/stripe/checkout/{id}/complete          → {"events": [{type, id, payload, signature}]}
  POST /_fake/stripe/subscriptions/{id}/renew|fail|delete|update → {"events": [...]}
  POST /_fake/stripe/payment_intents/{id}/refund {amount?}       → {"events": [charge.refunded]}
  POST /_fake/stripe/sign {payload, timestamp?, secret?}          → {"signature"}
  POST /_fake/yookassa/payments/{id}/succeed|cancel|waiting       → {"notification": {...}}
  POST /_fake/yookassa/payments/{id}/refund {amount?}             → {"notification": {...}}
  POST /_fake/yookassa/decline-next   the next saved-method charge is canceled
  POST /_fake/down {"down": bool}     every /v1 and /v3 call answers 503 while down
  GET /_fake/requests                 API calls received: method, path, idempotency_key, auth_ok (never the key)
  GET /_fake/state, POST /_fake/reset
"""

import argparse
import base64
import hashlib
import hmac
import json
import re
import secrets
import signal
import sys
import threading
import time
import uuid
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

LOCK = threading.Lock()
STATE = {}
OPTIONS = None


def reset():
    STATE.clear()
    STATE.update(sessions={}, intents={}, charges={}, refunds={}, subscriptions={}, invoices={},
                 payments={}, yk_refunds={}, methods={}, idempotency={}, requests=[], down=False, decline_next=False)


def now():
    return int(time.time())


def iso(ts=None):
    moment = datetime.fromtimestamp(ts if ts is not None else time.time(), tz=timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def stripe_id(prefix):
    return f"{prefix}_test_{secrets.token_hex(12)}"


def nest(pairs):
    """Stripe's bracket notation (`a[b][0][c]=v`) into nested dicts; numeric keys stay strings."""
    root = {}
    for key, value in pairs:
        parts = re.findall(r"[^\[\]]+", key)
        node = root
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = value
    return root


def sign(payload, secret=None, timestamp=None):
    timestamp = timestamp or now()
    mac = hmac.new((secret or OPTIONS.stripe_webhook_secret).encode(), f"{timestamp}.{payload}".encode(), hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


def event(kind, obj):
    payload = json.dumps({"id": stripe_id("evt"), "object": "event", "api_version": "2024-06-20", "created": now(),
                          "type": kind, "livemode": False, "data": {"object": obj}}, separators=(",", ":"))
    data = json.loads(payload)
    return {"type": kind, "id": data["id"], "payload": payload, "signature": sign(payload)}


def stripe_error(status, message, kind="invalid_request_error", code=None):
    return status, {"error": {"type": kind, "message": message, "code": code}}


def listing(items, query, url, created_key="created"):
    limit = int(query.get("limit", "10"))
    gte = query.get("created[gte]")
    rows = sorted(items, key=lambda item: (item[created_key], item["id"]), reverse=True)
    if gte is not None:
        rows = [row for row in rows if row[created_key] >= int(gte)]
    after = query.get("starting_after")
    if after:
        ids = [row["id"] for row in rows]
        rows = rows[ids.index(after) + 1:] if after in ids else []
    return {"object": "list", "url": url, "has_more": len(rows) > limit, "data": rows[:limit]}


# --- Stripe -----------------------------------------------------------------------------------------

def create_session(form):
    mode = form.get("mode", "payment")
    item = form.get("line_items", {}).get("0", {})
    price = item.get("price_data", {})
    session = {
        "id": stripe_id("cs"), "object": "checkout.session", "mode": mode, "status": "open", "payment_status": "unpaid",
        "amount_total": int(price.get("unit_amount", "0")) * int(item.get("quantity", "1")), "currency": price.get("currency", "usd"),
        "client_reference_id": form.get("client_reference_id"), "customer_email": form.get("customer_email"),
        "metadata": form.get("metadata", {}), "success_url": form.get("success_url"), "cancel_url": form.get("cancel_url"),
        "created": now(), "payment_intent": None, "subscription": None, "customer": None,
        "_interval": price.get("recurring", {}).get("interval"), "_name": price.get("product_data", {}).get("name"),
        "_intent_metadata": form.get("payment_intent_data", {}).get("metadata", {}),
        "_subscription_metadata": form.get("subscription_data", {}).get("metadata", {}),
    }
    session["url"] = f"http://127.0.0.1:{OPTIONS.port}/pay/{session['id']}"
    STATE["sessions"][session["id"]] = session
    return 200, public(session)


def public(obj):
    return {key: value for key, value in obj.items() if not key.startswith("_")}


def subscription_object(sub):
    return public(dict(sub, items={"object": "list", "data": [{"id": sub["_item"], "current_period_end": sub["current_period_end"],
                                                               "current_period_start": sub["current_period_start"],
                                                               "price": {"unit_amount": sub["_amount"], "currency": sub["_currency"],
                                                                         "recurring": {"interval": sub["_interval"]}}}]}))


def new_invoice(sub, reason, paid=True):
    period_days = 365 if sub["_interval"] == "year" else 30
    if paid and reason != "subscription_create":
        sub["current_period_start"] = sub["current_period_end"]
        sub["current_period_end"] = sub["current_period_end"] + period_days * 86400
    invoice = {
        "id": stripe_id("in"), "object": "invoice", "customer": sub["customer"], "subscription": sub["id"],
        "amount_paid": sub["_amount"] if paid else 0, "amount_due": sub["_amount"], "currency": sub["_currency"],
        "status": "paid" if paid else "open", "billing_reason": reason, "payment_intent": stripe_id("pi"),
        "period_start": sub["current_period_start"], "period_end": sub["current_period_end"], "created": now(),
        "subscription_details": {"metadata": sub["metadata"]},
        "parent": {"type": "subscription_details", "subscription_details": {"subscription": sub["id"], "metadata": sub["metadata"]}},
        "lines": {"object": "list", "data": [{"id": stripe_id("il"), "amount": sub["_amount"], "currency": sub["_currency"],
                                               "period": {"start": sub["current_period_start"], "end": sub["current_period_end"]},
                                               "metadata": sub["metadata"]}]},
    }
    STATE["invoices"][invoice["id"]] = invoice
    return invoice


def complete_session(session_id):
    session = STATE["sessions"].get(session_id)
    if session is None:
        return 404, {"error": "no such session"}
    session.update(status="complete", payment_status="paid")
    events = []
    if session["mode"] == "subscription":
        days = 365 if session["_interval"] == "year" else 30
        sub = {"id": stripe_id("sub"), "object": "subscription", "status": "active", "customer": stripe_id("cus"),
               "current_period_start": now(), "current_period_end": now() + days * 86400, "cancel_at_period_end": False,
               "metadata": session["_subscription_metadata"], "created": now(), "_item": stripe_id("si"),
               "_amount": session["amount_total"], "_currency": session["currency"], "_interval": session["_interval"] or "month"}
        STATE["subscriptions"][sub["id"]] = sub
        session.update(subscription=sub["id"], customer=sub["customer"])
        events.append(event("checkout.session.completed", public(session)))
        events.append(event("invoice.paid", new_invoice(sub, "subscription_create")))
    else:
        intent = {"id": stripe_id("pi"), "amount": session["amount_total"], "currency": session["currency"],
                  "metadata": session["_intent_metadata"], "refunded": 0, "created": now()}
        STATE["intents"][intent["id"]] = intent
        session["payment_intent"] = intent["id"]
        events.append(event("checkout.session.completed", public(session)))
    return 200, {"events": events}


def charge_object(intent):
    refunds = [public(r) for r in STATE["refunds"].values() if r["payment_intent"] == intent["id"]]
    # Metadata set through payment_intent_data is the PaymentIntent's, and its charge carries it too.
    return {"id": "ch_" + intent["id"][3:], "object": "charge", "payment_intent": intent["id"], "amount": intent["amount"],
            "amount_refunded": intent["refunded"], "refunded": intent["refunded"] >= intent["amount"], "currency": intent["currency"],
            "metadata": intent["metadata"], "created": intent["created"], "refunds": {"object": "list", "data": refunds}}


def stripe_refund(intent_id, amount):
    intent = STATE["intents"].get(intent_id)
    if intent is None:
        return stripe_error(400, f"No such payment_intent: '{intent_id}'", code="resource_missing")
    remaining = intent["amount"] - intent["refunded"]
    amount = remaining if amount is None else int(amount)
    if amount <= 0 or amount > remaining:
        return stripe_error(400, f"Refund amount ({amount}) is greater than unrefunded amount on charge ({remaining})", code="amount_too_large")
    intent["refunded"] += amount
    refund = {"id": stripe_id("re"), "object": "refund", "amount": amount, "currency": intent["currency"], "payment_intent": intent_id,
              "charge": "ch_" + intent_id[3:], "status": "succeeded", "created": now(), "metadata": {}}
    STATE["refunds"][refund["id"]] = refund
    return 200, refund


def handle_stripe(method, path, query, form):
    if method == "POST" and path == "/v1/checkout/sessions":
        return create_session(form)
    if method == "GET" and path == "/v1/checkout/sessions":
        return 200, listing([public(s) for s in STATE["sessions"].values()], query, path)
    match = re.fullmatch(r"/v1/checkout/sessions/([\w]+)", path)
    if method == "GET" and match:
        session = STATE["sessions"].get(match.group(1))
        return (200, public(session)) if session else stripe_error(404, f"No such checkout.session: '{match.group(1)}'", code="resource_missing")
    if method == "POST" and path == "/v1/refunds":
        return stripe_refund(form.get("payment_intent", ""), form.get("amount"))
    if method == "GET" and path == "/v1/refunds":
        return 200, listing([public(r) for r in STATE["refunds"].values()], query, path)
    match = re.fullmatch(r"/v1/subscriptions/([\w]+)", path)
    if match:
        sub = STATE["subscriptions"].get(match.group(1))
        if sub is None:
            return stripe_error(404, f"No such subscription: '{match.group(1)}'", code="resource_missing")
        if method == "POST" and "cancel_at_period_end" in form:
            sub["cancel_at_period_end"] = form["cancel_at_period_end"] == "true"
        return 200, subscription_object(sub)
    return stripe_error(404, f"Unrecognized request URL ({method}: {path}).")


def stripe_control(path, body):
    match = re.fullmatch(r"/_fake/stripe/checkout/([\w]+)/complete", path)
    if match:
        return complete_session(match.group(1))
    match = re.fullmatch(r"/_fake/stripe/subscriptions/([\w]+)/(renew|fail|delete|update)", path)
    if match:
        sub = STATE["subscriptions"].get(match.group(1))
        if sub is None:
            return 404, {"error": "no such subscription"}
        action = match.group(2)
        if action == "renew":
            sub["status"] = "active"
            return 200, {"events": [event("invoice.paid", new_invoice(sub, "subscription_cycle"))]}
        if action == "fail":
            sub["status"] = "past_due"
            return 200, {"events": [event("invoice.payment_failed", new_invoice(sub, "subscription_cycle", paid=False))]}
        if action == "delete":
            sub["status"] = "canceled"
            return 200, {"events": [event("customer.subscription.deleted", subscription_object(sub))]}
        return 200, {"events": [event("customer.subscription.updated", subscription_object(sub))]}
    match = re.fullmatch(r"/_fake/stripe/payment_intents/([\w]+)/refund", path)
    if match:
        status, refund = stripe_refund(match.group(1), body.get("amount"))
        if status != 200:
            return status, refund
        return 200, {"events": [event("charge.refunded", charge_object(STATE["intents"][match.group(1)]))]}
    if path == "/_fake/stripe/sign":
        return 200, {"signature": sign(body.get("payload", ""), body.get("secret"), body.get("timestamp"))}
    return 404, {"error": "unknown control path"}


# --- YooKassa ---------------------------------------------------------------------------------------

def yk_error(status, code, description, parameter=None):
    error = {"type": "error", "id": str(uuid.uuid4()), "code": code, "description": description}
    if parameter:
        error["parameter"] = parameter
    return status, error


def yk_money(value):
    return f"{float(value):.2f}" if "." not in str(value) else str(value)


def yk_cents(amount):
    whole, _, fraction = amount["value"].partition(".")
    return int(whole) * 100 + int((fraction + "00")[:2])


def yk_amount(cents, currency):
    return {"value": f"{cents // 100}.{cents % 100:02d}", "currency": currency}


def create_payment(body):
    amount = body.get("amount") or {}
    if "value" not in amount or "currency" not in amount:
        return yk_error(400, "invalid_request", "Parameter 'amount' is required", "amount")
    payment = {"id": str(uuid.uuid4()), "status": "pending", "paid": False, "amount": amount,
               "description": body.get("description"), "metadata": body.get("metadata", {}), "created_at": iso(), "test": True,
               "refundable": False, "recipient": {"account_id": OPTIONS.yookassa_shop_id, "gateway_id": "1"},
               "payment_method": {"type": "bank_card", "id": str(uuid.uuid4()), "saved": False}}
    method_id = body.get("payment_method_id")
    if method_id:
        if method_id not in STATE["methods"]:
            return yk_error(400, "invalid_request", "Payment method is not available", "payment_method_id")
        payment["payment_method"] = {"type": "bank_card", "id": method_id, "saved": True}
        if STATE["decline_next"]:
            STATE["decline_next"] = False
            payment.update(status="canceled", cancellation_details={"party": "payment_network", "reason": "insufficient_funds"})
        else:
            payment.update(status="succeeded", paid=True, captured_at=iso(), refundable=True, refunded_amount=yk_amount(0, amount["currency"]))
    else:
        confirmation = body.get("confirmation") or {}
        payment["confirmation"] = {"type": "redirect", "confirmation_url": f"http://127.0.0.1:{OPTIONS.port}/yk/{payment['id']}",
                                   "return_url": confirmation.get("return_url")}
        payment["_save"] = bool(body.get("save_payment_method"))
    STATE["payments"][payment["id"]] = payment
    return 200, public(payment)


def yk_list(items, query):
    limit = int(query.get("limit", "10"))
    gte = query.get("created_at.gte")
    rows = sorted(items, key=lambda item: item["created_at"], reverse=True)
    if gte:
        rows = [row for row in rows if row["created_at"] >= gte.replace("+00:00", "Z")]
    start = int(query.get("cursor", "0") or 0)
    page = rows[start:start + limit]
    result = {"type": "list", "items": page}
    if start + limit < len(rows):
        result["next_cursor"] = str(start + limit)
    return result


def yk_refund(payment_id, amount):
    payment = STATE["payments"].get(payment_id)
    if payment is None or payment["status"] != "succeeded":
        return yk_error(400, "invalid_request", "Payment cannot be refunded", "payment_id")
    currency = payment["amount"]["currency"]
    refunded = yk_cents(payment.get("refunded_amount") or yk_amount(0, currency))
    remaining = yk_cents(payment["amount"]) - refunded
    cents = remaining if amount is None else yk_cents(amount)
    if cents <= 0 or cents > remaining:
        return yk_error(400, "invalid_request", "Refund amount is greater than the rest of the payment", "amount")
    payment["refunded_amount"] = yk_amount(refunded + cents, currency)
    refund = {"id": str(uuid.uuid4()), "payment_id": payment_id, "status": "succeeded", "amount": yk_amount(cents, currency), "created_at": iso()}
    STATE["yk_refunds"][refund["id"]] = refund
    return 200, refund


def handle_yookassa(method, path, query, body):
    if method == "POST" and path == "/v3/payments":
        return create_payment(body)
    if method == "GET" and path == "/v3/payments":
        return 200, yk_list([public(p) for p in STATE["payments"].values()], query)
    match = re.fullmatch(r"/v3/payments/([\w-]+)", path)
    if method == "GET" and match:
        payment = STATE["payments"].get(match.group(1))
        return (200, public(payment)) if payment else yk_error(404, "not_found", "Payment not found")
    if method == "POST" and path == "/v3/refunds":
        return yk_refund(body.get("payment_id", ""), body.get("amount"))
    if method == "GET" and path == "/v3/refunds":
        return 200, yk_list(list(STATE["yk_refunds"].values()), query)
    match = re.fullmatch(r"/v3/refunds/([\w-]+)", path)
    if method == "GET" and match:
        refund = STATE["yk_refunds"].get(match.group(1))
        return (200, refund) if refund else yk_error(404, "not_found", "Refund not found")
    return yk_error(404, "not_found", f"Unknown path {path}")


def yookassa_control(path, body):
    if path == "/_fake/yookassa/decline-next":
        STATE["decline_next"] = True
        return 200, {}
    match = re.fullmatch(r"/_fake/yookassa/payments/([\w-]+)/(succeed|cancel|waiting|refund)", path)
    if not match:
        return 404, {"error": "unknown control path"}
    payment = STATE["payments"].get(match.group(1))
    if payment is None:
        return 404, {"error": "no such payment"}
    action = match.group(2)
    if action == "refund":
        status, refund = yk_refund(payment["id"], body.get("amount"))
        if status != 200:
            return status, refund
        return 200, {"notification": {"type": "notification", "event": "refund.succeeded", "object": refund}}
    if action == "succeed":
        payment.update(status="succeeded", paid=True, captured_at=iso(), refundable=True,
                       refunded_amount=yk_amount(0, payment["amount"]["currency"]))
        if payment.get("_save"):
            payment["payment_method"]["saved"] = True
            STATE["methods"][payment["payment_method"]["id"]] = payment["id"]
        kind = "payment.succeeded"
    elif action == "cancel":
        payment.update(status="canceled", cancellation_details={"party": "yoo_money", "reason": "expired_on_confirmation"})
        kind = "payment.canceled"
    else:
        payment.update(status="waiting_for_capture", paid=True)
        kind = "payment.waiting_for_capture"
    return 200, {"notification": {"type": "notification", "event": kind, "object": public(payment)}}


# --- HTTP -------------------------------------------------------------------------------------------

class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        self.route("GET")

    def do_POST(self):
        self.route("POST")

    def route(self, method):
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        url = urlsplit(self.path)
        path, query = url.path, dict(parse_qsl(url.query))
        with LOCK:
            status, body = self.dispatch(method, path, query, raw)
        self.answer(status, body)

    def dispatch(self, method, path, query, raw):
        if path.startswith("/_fake/"):
            body = json.loads(raw or b"{}") if raw.strip() else {}
            if path == "/_fake/requests":
                return 200, STATE["requests"]
            if path == "/_fake/state":
                return 200, {key: value for key, value in STATE.items() if key not in ("requests",)}
            if path == "/_fake/reset":
                reset()
                return 200, {}
            if path == "/_fake/down":
                STATE["down"] = bool(body.get("down", True))
                return 200, {"down": STATE["down"]}
            if path.startswith("/_fake/stripe/"):
                return stripe_control(path, body)
            if path.startswith("/_fake/yookassa/"):
                return yookassa_control(path, body)
            return 404, {"error": "unknown control path"}
        stripe = path.startswith("/v1/")
        if not stripe and not path.startswith("/v3/"):
            return 404, {"error": "unknown path"}
        key = self.headers.get("Idempotency-Key" if stripe else "Idempotence-Key")
        auth = self.headers.get("Authorization", "")
        expected = f"Bearer {OPTIONS.stripe_secret_key}" if stripe else \
            "Basic " + base64.b64encode(f"{OPTIONS.yookassa_shop_id}:{OPTIONS.yookassa_secret_key}".encode()).decode()
        authorized = hmac.compare_digest(auth, expected)
        STATE["requests"].append({"method": method, "path": path, "idempotency_key": key, "auth_ok": authorized})
        if STATE["down"]:
            return 503, {"error": "down"}
        if not authorized:
            return stripe_error(401, "Invalid API Key provided.") if stripe else \
                yk_error(401, "invalid_credentials", "Authentication by given credentials failed")
        if stripe:
            payload = nest(parse_qsl(raw.decode(), keep_blank_values=True)) if method == "POST" else {}
        else:
            if method == "POST" and not key:
                return yk_error(400, "invalid_request", "Idempotence key is required", "Idempotence-Key")
            try:
                payload = json.loads(raw or b"{}") if method == "POST" else {}
            except ValueError:
                return yk_error(400, "invalid_request", "Request body is not JSON")
        replay_key = (("stripe" if stripe else "yookassa"), path, key) if method == "POST" and key else None
        if replay_key in STATE["idempotency"]:
            earlier_body, earlier = STATE["idempotency"][replay_key]
            if earlier_body != raw:
                return stripe_error(400, "Keys for idempotent requests can only be used with the same parameters they were first used with.",
                                    kind="idempotency_error") if stripe else \
                    yk_error(400, "invalid_request", "Idempotence key duplicated with another request body", "Idempotence-Key")
            return earlier
        result = handle_stripe(method, path, query, payload) if stripe else handle_yookassa(method, path, query, payload)
        if replay_key and result[0] < 500:
            STATE["idempotency"][replay_key] = (raw, result)
        return result


def main():
    global OPTIONS
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--stripe-secret-key", default="sk_test_fake")
    parser.add_argument("--stripe-webhook-secret", default="whsec_fake")
    parser.add_argument("--yookassa-shop-id", default="100500")
    parser.add_argument("--yookassa-secret-key", default="test_fake")
    OPTIONS = parser.parse_args()
    reset()
    server = ThreadingHTTPServer(("127.0.0.1", OPTIONS.port), Handler)
    server.daemon_threads = True
    OPTIONS.port = server.server_address[1]

    def stop(*_):
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)

    def watch_stdin():
        try:
            while sys.stdin.buffer.read(1024):
                pass
        except (OSError, ValueError):
            pass
        stop()

    threading.Thread(target=watch_stdin, daemon=True).start()
    print(f"READY {OPTIONS.port}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()

#!/usr/bin/python3
r"""A throw-away stand-in for Stripe's and YooKassa's HTTP APIs, for Campus's billing tests.

    /usr/bin/python3 tools/fake-payments/server.py --port 0 \
        --stripe-secret-key sk_test_x --stripe-webhook-secret whsec_x \
        --yookassa-shop-id 123 --yookassa-secret-key test_key

Standard library only. Prints `READY <port>` once listening on 127.0.0.1 (`--port 0` picks a free port).
Exits on SIGTERM/SIGINT or when stdin closes, so a test that dies cannot leave it behind. State lives in
memory behind one lock. It speaks the documented shapes of the parts Campus uses and signs events the way
Stripe does; it never calls Campus: control endpoints return the events and notifications, and the test
delivers them (in any order, any number of times). Nothing is written to stdout after READY.

Stripe (/v1, form-encoded bodies with bracket keys, `Authorization: Bearer <key>`; an `Idempotency-Key` is
scoped to the key alone: same endpoint and parameters replay the stored answer, anything else is a 400
`idempotency_error`; requests refused as invalid are not stored, as Stripe documents):
  POST /v1/checkout/sessions            mode payment|subscription, line_items[0][price_data][...], metadata[...]
  GET  /v1/checkout/sessions/{id}
  GET  /v1/checkout/sessions            created[gte|gt|lte|lt], limit 1-100 (10), starting_after; newest first
  POST /v1/refunds                      payment_intent, amount? (default: what remains), metadata[...]
  GET  /v1/refunds                      as the session list
  GET  /v1/subscriptions/{id}
  POST /v1/subscriptions/{id}           cancel_at_period_end=true|false
YooKassa (/v3, JSON, Basic shop_id:secret_key, `Idempotence-Key` required on POST; same key and body replay):
  POST /v3/payments                     amount, capture, confirmation{redirect}, description, metadata,
                                        save_payment_method | payment_method_id (charge a saved method at once)
  GET  /v3/payments/{id}
  GET  /v3/payments                     created_at.gte|gt|lte|lt, status, limit 1-100 (10), cursor; newest first
  POST /v3/refunds                      payment_id, amount, description?
  GET  /v3/refunds/{id}
  GET  /v3/refunds                      created_at.*, payment_id, status, limit, cursor
Control (no auth, JSON in and out; each answers 404/409 {"error": ...} when it does not apply):
  POST /_fake/stripe/checkout/{id}/complete           → {"events": [{type, id, payload, signature}, ...]}
  POST /_fake/stripe/subscriptions/{id}/renew         → {"events": [invoice.paid]} (period extended)
  POST /_fake/stripe/subscriptions/{id}/fail          → {"events": [invoice.payment_failed]} (status past_due)
  POST /_fake/stripe/subscriptions/{id}/delete        → {"events": [customer.subscription.deleted]}
  POST /_fake/stripe/subscriptions/{id}/update        → {"events": [customer.subscription.updated]}
  POST /_fake/stripe/payment_intents/{id}/refund {amount?}  → {"events": [charge.refunded]} (a dashboard refund)
  POST /_fake/stripe/sign {payload, timestamp?, secret?}    → {"signature": "t=...,v1=..."}
  POST /_fake/yookassa/payments/{id}/succeed|cancel|waiting → {"notification": {type, event, object}}
  POST /_fake/yookassa/payments/{id}/refund {amount?}       → {"notification": {... "refund.succeeded" ...}}
  POST /_fake/yookassa/decline-next   the next saved-method charge is canceled (insufficient_funds)
  POST /_fake/down {"down": bool} | {"seconds": n}   every /v1 and /v3 call answers 503 while down
  GET  /_fake/requests                API calls received: method, path, idempotency_key, auth_ok (never the key)
  GET  /_fake/state                   everything, for debugging
  POST /_fake/reset                   forget everything
  GET  /pay/{session_id}, /yk/{payment_id}   the "payment page" URLs handed out; they only say how to pay

`signature` is the Stripe-Signature header value: `t=<unix>,v1=<hex HMAC-SHA256 of "<t>.<payload>">` with
the webhook secret; `payload` is the exact JSON text to send as the body.

Where the real APIs moved on, the objects carry both spellings so either reading works: a subscription has
`current_period_end` at the top (before API 2025-03-31.basil) and on `items.data[]` (since), an invoice has
`subscription` and `subscription_details` (before) and `parent.subscription_details` (since), and a charge
has `refunds.data` (Stripe stopped including it by default in 2022-11-15; read `amount_refunded`).
"""

import argparse
import base64
import hashlib
import hmac
import json
import os
import re
import secrets
import signal
import sys
import threading
import time
import traceback
import uuid
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

LOCK = threading.Lock()
STATE = {}
OPTIONS = None
PERIOD_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}


class Invalid(Exception):
    """A request the real provider refuses as malformed: answered with 400 in that provider's error shape."""

    def __init__(self, message, param=None):
        super().__init__(message)
        self.message, self.param = message, param


def reset():
    STATE.clear()
    STATE.update(sessions={}, intents={}, refunds={}, subscriptions={}, invoices={},
                 payments={}, yk_refunds={}, methods={}, idempotency={}, requests=[],
                 down=False, down_until=None, decline_next=False, seq=0)


def next_seq():
    # Objects created within one second (Stripe) or millisecond (YooKassa) still list newest first.
    STATE["seq"] += 1
    return STATE["seq"]


def now():
    return int(time.time())


def iso(ts=None):
    moment = datetime.fromtimestamp(ts if ts is not None else time.time(), tz=timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def stripe_id(prefix):
    return f"{prefix}_test_{secrets.token_hex(12)}"


def public(obj):
    """The object as the provider shows it: keys starting with `_` are the fake's own bookkeeping."""
    return {key: value for key, value in obj.items() if not key.startswith("_")}


def is_down():
    until = STATE["down_until"]
    return STATE["down"] or (until is not None and time.time() < until)


# --- Stripe -----------------------------------------------------------------------------------------

def nest(pairs):
    """Stripe's bracket notation (`a[b][0][c]=v`) into nested dicts; numeric keys stay strings."""
    root = {}
    for key, value in pairs:
        parts = re.findall(r"[^\[\]]+", key)
        if not parts:
            raise Invalid(f"Invalid parameter name: {key!r}")
        node = root
        for part in parts[:-1]:
            node = node.setdefault(part, {})
            if not isinstance(node, dict):
                raise Invalid(f"Invalid object: {key} mixes a value and a hash", key)
        node[parts[-1]] = value
    return root


def stripe_int(value, param, minimum=0):
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise Invalid(f"Invalid integer: {value}", param) from None
    if number < minimum:
        raise Invalid("Invalid positive integer" if minimum > 0 else "This value must be greater than or equal to 0.", param)
    return number


def stripe_hash(value, param):
    """A bracket-notation hash such as metadata[...]; absent or empty (Stripe's "unset") is {}."""
    if value in (None, ""):
        return {}
    if not isinstance(value, dict):
        raise Invalid(f"Invalid hash: {param}", param)
    return dict(value)


def stripe_error(status, message, kind="invalid_request_error", code=None, param=None):
    error = {"type": kind, "message": message, "code": code}
    if param:
        error["param"] = param
    return status, {"error": error}


def sign(payload, secret=None, timestamp=None):
    timestamp = now() if timestamp is None else int(timestamp)
    mac = hmac.new((secret or OPTIONS.stripe_webhook_secret).encode(), f"{timestamp}.{payload}".encode(), hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


def event(kind, obj):
    """One delivery: the exact JSON text to POST and the Stripe-Signature header for it."""
    payload = json.dumps({"id": stripe_id("evt"), "object": "event", "api_version": "2024-06-20", "created": now(),
                          "type": kind, "livemode": False, "pending_webhooks": 1, "data": {"object": obj}},
                         separators=(",", ":"))
    return {"type": kind, "id": json.loads(payload)["id"], "payload": payload, "signature": sign(payload)}


def listing(objects, query, url):
    """Stripe's list object over stored objects: created[...] filters, limit, starting_after, newest first."""
    limit = stripe_int(query.get("limit", "10"), "limit", minimum=1)
    if limit > 100:
        raise Invalid("This value must be less than or equal to 100.", "limit")
    rows = sorted(objects, key=lambda item: (item["created"], item["_seq"]), reverse=True)
    bounds = {"gte": lambda c, v: c >= v, "gt": lambda c, v: c > v, "lte": lambda c, v: c <= v, "lt": lambda c, v: c < v}
    for op, test in bounds.items():
        if f"created[{op}]" in query:
            bound = stripe_int(query[f"created[{op}]"], f"created[{op}]")
            rows = [row for row in rows if test(row["created"], bound)]
    if "created" in query:
        exact = stripe_int(query["created"], "created")
        rows = [row for row in rows if row["created"] == exact]
    after = query.get("starting_after")
    if after:
        ids = [row["id"] for row in rows]
        rows = rows[ids.index(after) + 1:] if after in ids else []
    return {"object": "list", "url": url, "has_more": len(rows) > limit, "data": [public(row) for row in rows[:limit]]}


def create_session(form):
    mode = form.get("mode")
    if mode not in ("payment", "subscription"):
        raise Invalid(f"Invalid mode: {mode!r}; the fake knows payment and subscription", "mode")
    item = form.get("line_items", {}).get("0")
    if not isinstance(item, dict):
        raise Invalid("Missing required param: line_items.", "line_items")
    price = item.get("price_data")
    if not isinstance(price, dict):
        raise Invalid("Missing required param: line_items[0][price_data].", "line_items[0][price_data]")
    if not price.get("currency"):
        raise Invalid("Missing required param: line_items[0][price_data][currency].", "line_items[0][price_data][currency]")
    unit_amount = stripe_int(price.get("unit_amount"), "line_items[0][price_data][unit_amount]")
    quantity = stripe_int(item.get("quantity", "1"), "line_items[0][quantity]", minimum=1)
    recurring = price.get("recurring")
    interval = recurring.get("interval") if isinstance(recurring, dict) else None
    if interval is not None and interval not in PERIOD_DAYS:
        raise Invalid(f"Invalid recurring interval: {interval!r}", "line_items[0][price_data][recurring][interval]")
    # Stripe refuses a subscription without a recurring price and a one-off payment with one.
    if mode == "subscription" and interval is None:
        raise Invalid("You must provide at least one recurring price in `subscription` mode when using prices.", "line_items")
    if mode == "payment" and interval is not None:
        raise Invalid("You specified `payment` mode but passed a recurring price. Either switch to `subscription` mode "
                      "or use only one-time prices.", "line_items")
    created = now()
    session = {
        "id": stripe_id("cs"), "object": "checkout.session", "mode": mode, "status": "open", "payment_status": "unpaid",
        "amount_subtotal": unit_amount * quantity, "amount_total": unit_amount * quantity,
        "currency": price["currency"].lower(), "client_reference_id": form.get("client_reference_id"),
        "customer": None, "customer_email": form.get("customer_email"), "metadata": stripe_hash(form.get("metadata"), "metadata"),
        "success_url": form.get("success_url"), "cancel_url": form.get("cancel_url"), "created": created,
        "expires_at": created + 86400, "livemode": False, "payment_intent": None, "subscription": None, "invoice": None,
        "_seq": next_seq(), "_interval": interval, "_name": (price.get("product_data") or {}).get("name"),
        "_intent_metadata": stripe_hash(stripe_hash(form.get("payment_intent_data"), "payment_intent_data").get("metadata"),
                                        "payment_intent_data[metadata]"),
        "_subscription_metadata": stripe_hash(stripe_hash(form.get("subscription_data"), "subscription_data").get("metadata"),
                                              "subscription_data[metadata]"),
    }
    session["url"] = f"http://127.0.0.1:{OPTIONS.port}/pay/{session['id']}"
    STATE["sessions"][session["id"]] = session
    return 200, public(session)


def subscription_object(sub):
    item = {"id": sub["_item"], "object": "subscription_item", "quantity": 1,
            "current_period_start": sub["current_period_start"], "current_period_end": sub["current_period_end"],
            "price": {"id": sub["_price"], "object": "price", "unit_amount": sub["_amount"], "currency": sub["_currency"],
                      "recurring": {"interval": sub["_interval"], "interval_count": 1}}}
    return public(dict(sub, items={"object": "list", "data": [item], "has_more": False}))


def new_invoice(sub, reason, paid=True):
    """An invoice of `sub`; a paid renewal first moves the subscription on by one period."""
    if paid and reason != "subscription_create":
        sub["current_period_start"] = sub["current_period_end"]
        sub["current_period_end"] = sub["current_period_end"] + PERIOD_DAYS[sub["_interval"]] * 86400
    # A snapshot of the subscription's metadata, as Stripe takes when it finalises the invoice.
    details = {"subscription": sub["id"], "metadata": dict(sub["metadata"])}
    invoice = {
        "id": stripe_id("in"), "object": "invoice", "customer": sub["customer"], "subscription": sub["id"],
        "amount_paid": sub["_amount"] if paid else 0, "amount_due": sub["_amount"], "amount_remaining": 0 if paid else sub["_amount"],
        "currency": sub["_currency"], "status": "paid" if paid else "open", "paid": paid, "attempted": True,
        "billing_reason": reason, "payment_intent": stripe_id("pi"),
        "period_start": sub["current_period_start"], "period_end": sub["current_period_end"], "created": now(),
        "livemode": False, "subscription_details": {"metadata": sub["metadata"]},
        "parent": {"type": "subscription_details", "quote_details": None, "subscription_details": details},
        "lines": {"object": "list", "has_more": False, "data": [{
            "id": stripe_id("il"), "object": "line_item", "amount": sub["_amount"], "currency": sub["_currency"],
            "period": {"start": sub["current_period_start"], "end": sub["current_period_end"]}, "metadata": sub["metadata"]}]},
    }
    sub["latest_invoice"] = invoice["id"]
    STATE["invoices"][invoice["id"]] = invoice
    return invoice


def complete_session(session_id):
    session = STATE["sessions"].get(session_id)
    if session is None:
        return 404, {"error": "no such session"}
    if session["status"] != "open":
        return 409, {"error": f"the session is already {session['status']}"}
    session.update(status="complete", payment_status="paid")
    if session["mode"] == "subscription":
        start = now()
        sub = {"id": stripe_id("sub"), "object": "subscription", "status": "active", "customer": stripe_id("cus"),
               "current_period_start": start, "current_period_end": start + PERIOD_DAYS[session["_interval"]] * 86400,
               "cancel_at_period_end": False, "canceled_at": None, "ended_at": None, "metadata": dict(session["_subscription_metadata"]),
               "created": start, "livemode": False, "latest_invoice": None, "_item": stripe_id("si"), "_price": stripe_id("price"),
               "_amount": session["amount_total"], "_currency": session["currency"], "_interval": session["_interval"]}
        STATE["subscriptions"][sub["id"]] = sub
        invoice = new_invoice(sub, "subscription_create")
        session.update(subscription=sub["id"], customer=sub["customer"], invoice=invoice["id"])
        # Stripe sends these two in no guaranteed order; the test decides the order it delivers them in.
        return 200, {"events": [event("checkout.session.completed", public(session)), event("invoice.paid", invoice)]}
    intent = {"id": stripe_id("pi"), "amount": session["amount_total"], "currency": session["currency"],
              "metadata": dict(session["_intent_metadata"]), "refunded": 0, "created": now()}
    STATE["intents"][intent["id"]] = intent
    session["payment_intent"] = intent["id"]
    return 200, {"events": [event("checkout.session.completed", public(session))]}


def charge_object(intent):
    refunds = [public(r) for r in sorted(STATE["refunds"].values(), key=lambda r: r["_seq"], reverse=True)
               if r["payment_intent"] == intent["id"]]
    # Metadata set through payment_intent_data is the PaymentIntent's, and its charge carries it too.
    return {"id": "ch_" + intent["id"][3:], "object": "charge", "payment_intent": intent["id"], "amount": intent["amount"],
            "amount_captured": intent["amount"], "amount_refunded": intent["refunded"], "captured": True, "paid": True,
            "status": "succeeded", "refunded": intent["refunded"] >= intent["amount"], "currency": intent["currency"],
            "metadata": intent["metadata"], "created": intent["created"], "livemode": False,
            "refunds": {"object": "list", "data": refunds, "has_more": False, "url": f"/v1/charges/ch_{intent['id'][3:]}/refunds"}}


def stripe_refund(intent_id, amount, metadata=None):
    metadata = stripe_hash(metadata, "metadata")
    intent = STATE["intents"].get(intent_id)
    if intent is None:
        return stripe_error(400, f"No such payment_intent: '{intent_id}'", code="resource_missing", param="payment_intent")
    remaining = intent["amount"] - intent["refunded"]
    if remaining <= 0:
        return stripe_error(400, f"Charge ch_{intent_id[3:]} has already been refunded.", code="charge_already_refunded")
    amount = remaining if amount is None else stripe_int(amount, "amount", minimum=1)
    if amount > remaining:
        return stripe_error(400, f"Refund amount ({amount}) is greater than unrefunded amount on charge ({remaining})", param="amount")
    intent["refunded"] += amount
    refund = {"id": stripe_id("re"), "object": "refund", "amount": amount, "currency": intent["currency"], "payment_intent": intent_id,
              "charge": "ch_" + intent_id[3:], "status": "succeeded", "reason": None, "created": now(),
              "metadata": metadata, "_seq": next_seq()}
    STATE["refunds"][refund["id"]] = refund
    return 200, public(refund)


def update_subscription(sub, form):
    if "cancel_at_period_end" in form:
        flag = form["cancel_at_period_end"]
        if flag not in ("true", "false"):
            raise Invalid(f"Invalid boolean: {flag}", "cancel_at_period_end")
        sub["cancel_at_period_end"] = flag == "true"
    if "metadata" in form:
        sub["metadata"] = dict(sub["metadata"], **stripe_hash(form["metadata"], "metadata"))
    return 200, subscription_object(sub)


def handle_stripe(method, path, query, form):
    if method == "POST" and path == "/v1/checkout/sessions":
        return create_session(form)
    if method == "GET" and path == "/v1/checkout/sessions":
        return 200, listing(STATE["sessions"].values(), query, path)
    match = re.fullmatch(r"/v1/checkout/sessions/(\w+)", path)
    if method == "GET" and match:
        session = STATE["sessions"].get(match.group(1))
        return (200, public(session)) if session else \
            stripe_error(404, f"No such checkout.session: '{match.group(1)}'", code="resource_missing", param="session")
    if method == "POST" and path == "/v1/refunds":
        if not form.get("payment_intent"):
            raise Invalid("Missing required param: payment_intent (the fake refunds by PaymentIntent only).", "payment_intent")
        return stripe_refund(form["payment_intent"], form.get("amount"), form.get("metadata"))
    if method == "GET" and path == "/v1/refunds":
        return 200, listing(STATE["refunds"].values(), query, path)
    match = re.fullmatch(r"/v1/subscriptions/(\w+)", path)
    if match:
        sub = STATE["subscriptions"].get(match.group(1))
        if sub is None:
            return stripe_error(404, f"No such subscription: '{match.group(1)}'", code="resource_missing", param="id")
        return update_subscription(sub, form) if method == "POST" else (200, subscription_object(sub))
    return stripe_error(404, f"Unrecognized request URL ({method}: {path}).")


def stripe_control(path, body):
    match = re.fullmatch(r"/_fake/stripe/checkout/(\w+)/complete", path)
    if match:
        return complete_session(match.group(1))
    match = re.fullmatch(r"/_fake/stripe/subscriptions/(\w+)/(renew|fail|delete|update)", path)
    if match:
        sub = STATE["subscriptions"].get(match.group(1))
        if sub is None:
            return 404, {"error": "no such subscription"}
        action = match.group(2)
        if sub["status"] == "canceled" and action != "update":
            return 409, {"error": "the subscription is canceled"}
        if action == "renew":
            sub["status"] = "active"
            return 200, {"events": [event("invoice.paid", new_invoice(sub, "subscription_cycle"))]}
        if action == "fail":
            sub["status"] = "past_due"
            return 200, {"events": [event("invoice.payment_failed", new_invoice(sub, "subscription_cycle", paid=False))]}
        if action == "delete":
            sub.update(status="canceled", canceled_at=now(), ended_at=now())
            return 200, {"events": [event("customer.subscription.deleted", subscription_object(sub))]}
        return 200, {"events": [event("customer.subscription.updated", subscription_object(sub))]}
    match = re.fullmatch(r"/_fake/stripe/payment_intents/(\w+)/refund", path)
    if match:
        try:
            status, refund = stripe_refund(match.group(1), body.get("amount"))
        except Invalid as problem:
            return 400, {"error": problem.message}
        if status != 200:
            return status, refund
        return 200, {"events": [event("charge.refunded", charge_object(STATE["intents"][match.group(1)]))]}
    if path == "/_fake/stripe/sign":
        if not isinstance(body.get("payload"), str):
            return 400, {"error": "payload must be the JSON text to sign, as a string"}
        if body.get("timestamp") is not None and (not isinstance(body["timestamp"], int) or isinstance(body["timestamp"], bool)):
            return 400, {"error": "timestamp must be whole unix seconds"}
        return 200, {"signature": sign(body["payload"], body.get("secret"), body.get("timestamp"))}
    return 404, {"error": "unknown control path"}


# --- YooKassa ---------------------------------------------------------------------------------------

def yk_error(status, code, description, parameter=None):
    error = {"type": "error", "id": str(uuid.uuid4()), "code": code, "description": description}
    if parameter:
        error["parameter"] = parameter
    return status, error


def yk_cents(amount, param="amount"):
    """`{"value": "990.00", "currency": "RUB"}` → 99000; refuses what YooKassa refuses (no currency, 3 decimals, ≤ 0)."""
    if not isinstance(amount, dict) or "value" not in amount or "currency" not in amount:
        raise Invalid(f"Parameter '{param}' must be an object with value and currency", param)
    if not isinstance(amount["currency"], str) or not re.fullmatch(r"[A-Z]{3}", amount["currency"]):
        raise Invalid("Currency must be an ISO-4217 code in capitals, such as RUB", f"{param}.currency")
    value = amount["value"]
    text = value if isinstance(value, str) else (repr(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else "")
    found = re.fullmatch(r"(\d+)(?:\.(\d{1,2}))?", text)
    cents = int(found.group(1) + (found.group(2) or "").ljust(2, "0")) if found else 0
    if cents <= 0:
        raise Invalid(f"Invalid amount value: {value!r}; a positive decimal with at most 2 places", f"{param}.value")
    return cents


def stored_cents(amount):
    """Minor units of an amount this fake wrote itself (it may be 0.00, which a request may not)."""
    whole, _, fraction = amount["value"].partition(".")
    return int(whole) * 100 + int(fraction.ljust(2, "0"))


def yk_amount(cents, currency):
    return {"value": f"{cents // 100}.{cents % 100:02d}", "currency": currency}


def yk_metadata(metadata):
    # YooKassa documents at most 16 keys, keys up to 32 characters and string values up to 512.
    if metadata is None:
        return {}
    if not isinstance(metadata, dict) or len(metadata) > 16 or any(
            len(key) > 32 or not isinstance(value, str) or len(value) > 512 for key, value in metadata.items()):
        raise Invalid("metadata: up to 16 keys of at most 32 characters with string values of at most 512", "metadata")
    return metadata


def create_payment(body):
    cents = yk_cents(body.get("amount"))
    currency = body["amount"]["currency"]
    description = body.get("description")
    if description is not None and (not isinstance(description, str) or len(description) > 128):
        raise Invalid("description: a string of at most 128 characters", "description")
    if "capture" in body and not isinstance(body["capture"], bool):
        raise Invalid("capture must be true or false", "capture")
    payment = {"id": str(uuid.uuid4()), "status": "pending", "paid": False, "amount": yk_amount(cents, currency),
               "description": description, "metadata": yk_metadata(body.get("metadata")), "created_at": iso(), "test": True,
               "refundable": False, "recipient": {"account_id": OPTIONS.yookassa_shop_id, "gateway_id": "1"},
               "payment_method": {"type": "bank_card", "id": str(uuid.uuid4()), "saved": False},
               "_seq": next_seq()}
    method_id = body.get("payment_method_id")
    if method_id is not None:
        # A charge of a saved method: no user to confirm it, so it is decided at once.
        if method_id not in STATE["methods"]:
            return yk_error(400, "invalid_request", "Payment method is not available: it was never saved", "payment_method_id")
        payment["payment_method"] = {"type": "bank_card", "id": method_id, "saved": True, "title": "Bank card *4477"}
        if STATE["decline_next"]:
            STATE["decline_next"] = False
            payment.update(status="canceled", cancellation_details={"party": "payment_network", "reason": "insufficient_funds"})
        else:
            payment.update(status="succeeded", paid=True, captured_at=iso(), refundable=True, refunded_amount=yk_amount(0, currency))
    else:
        confirmation = body.get("confirmation")
        if not isinstance(confirmation, dict) or confirmation.get("type") != "redirect":
            raise Invalid("confirmation: the fake supports {\"type\": \"redirect\", \"return_url\": ...}", "confirmation.type")
        if not isinstance(confirmation.get("return_url"), str) or not confirmation["return_url"]:
            raise Invalid("confirmation.return_url is required for a redirect", "confirmation.return_url")
        payment["confirmation"] = {"type": "redirect", "return_url": confirmation["return_url"],
                                   "confirmation_url": f"http://127.0.0.1:{OPTIONS.port}/yk/{payment['id']}"}
        payment["_save"] = body.get("save_payment_method") is True
    STATE["payments"][payment["id"]] = payment
    return 200, public(payment)


def parse_time(text, param):
    try:
        # A `+` left unescaped in a query string arrives as a space.
        moment = datetime.fromisoformat(text.replace(" ", "+").replace("Z", "+00:00"))
    except (AttributeError, ValueError):
        raise Invalid(f"{param}: an ISO 8601 time such as 2025-01-15T09:30:00.000Z", param) from None
    if moment.tzinfo is None:
        raise Invalid(f"{param}: the time needs a zone (Z or +03:00)", param)
    return moment


def yk_list(objects, query, filters=()):
    """YooKassa's list: created_at.* filters (compared as times, not text), equality filters, limit, cursor."""
    try:
        limit = int(query.get("limit", "10"))
    except ValueError:
        raise Invalid("limit: a number from 1 to 100", "limit") from None
    if not 1 <= limit <= 100:
        raise Invalid("limit: a number from 1 to 100", "limit")
    rows = sorted(objects, key=lambda item: (parse_time(item["created_at"], "created_at"), item["_seq"]), reverse=True)
    bounds = {"gte": lambda c, v: c >= v, "gt": lambda c, v: c > v, "lte": lambda c, v: c <= v, "lt": lambda c, v: c < v}
    for op, test in bounds.items():
        if f"created_at.{op}" in query:
            bound = parse_time(query[f"created_at.{op}"], f"created_at.{op}")
            rows = [row for row in rows if test(parse_time(row["created_at"], "created_at"), bound)]
    for name in filters:
        if name in query:
            rows = [row for row in rows if row.get(name) == query[name]]
    # The cursor is opaque to the client; here it is the offset into the filtered list.
    cursor = query.get("cursor") or "0"
    if not cursor.isdigit():
        raise Invalid("cursor: use the next_cursor of the previous page", "cursor")
    start = int(cursor)
    result = {"type": "list", "items": [public(row) for row in rows[start:start + limit]]}
    if start + limit < len(rows):
        result["next_cursor"] = str(start + limit)
    return result


def yk_refund(payment_id, amount, description=None):
    payment = STATE["payments"].get(payment_id)
    if payment is None:
        return yk_error(400, "invalid_request", "Payment not found: payment_id names no payment of this shop", "payment_id")
    if payment["status"] != "succeeded":
        return yk_error(400, "invalid_request", f"Payment cannot be refunded: its status is {payment['status']}", "payment_id")
    currency = payment["amount"]["currency"]
    refunded = stored_cents(payment["refunded_amount"]) if "refunded_amount" in payment else 0
    remaining = stored_cents(payment["amount"]) - refunded
    cents = remaining if amount is None else yk_cents(amount)
    if amount is not None and amount["currency"] != currency:
        return yk_error(400, "invalid_request", "Refund currency differs from the payment's", "amount.currency")
    if remaining <= 0 or cents > remaining:
        return yk_error(400, "invalid_request", "Refund amount is greater than the rest of the payment", "amount.value")
    payment["refunded_amount"] = yk_amount(refunded + cents, currency)
    refund = {"id": str(uuid.uuid4()), "payment_id": payment_id, "status": "succeeded", "amount": yk_amount(cents, currency),
              "created_at": iso(), "_seq": next_seq()}
    if description is not None:
        refund["description"] = description
    STATE["yk_refunds"][refund["id"]] = refund
    return 200, public(refund)


def handle_yookassa(method, path, query, body):
    if method == "POST" and path == "/v3/payments":
        return create_payment(body)
    if method == "GET" and path == "/v3/payments":
        return 200, yk_list(STATE["payments"].values(), query, filters=("status",))
    match = re.fullmatch(r"/v3/payments/([\w-]+)", path)
    if method == "GET" and match:
        payment = STATE["payments"].get(match.group(1))
        return (200, public(payment)) if payment else yk_error(404, "not_found", "Payment not found")
    if method == "POST" and path == "/v3/refunds":
        if not isinstance(body.get("payment_id"), str):
            raise Invalid("Parameter 'payment_id' is required", "payment_id")
        if "amount" not in body:
            raise Invalid("Parameter 'amount' is required", "amount")  # the API, unlike the control endpoint, wants it
        yk_cents(body["amount"])
        return yk_refund(body["payment_id"], body["amount"], body.get("description"))
    if method == "GET" and path == "/v3/refunds":
        return 200, yk_list(STATE["yk_refunds"].values(), query, filters=("payment_id", "status"))
    match = re.fullmatch(r"/v3/refunds/([\w-]+)", path)
    if method == "GET" and match:
        refund = STATE["yk_refunds"].get(match.group(1))
        return (200, public(refund)) if refund else yk_error(404, "not_found", "Refund not found")
    return yk_error(404, "not_found", f"Unknown path {path}")


def yookassa_control(path, body):
    if path == "/_fake/yookassa/decline-next":
        STATE["decline_next"] = True
        return 200, {"decline_next": True}
    match = re.fullmatch(r"/_fake/yookassa/payments/([\w-]+)/(succeed|cancel|waiting|refund)", path)
    if not match:
        return 404, {"error": "unknown control path"}
    payment = STATE["payments"].get(match.group(1))
    if payment is None:
        return 404, {"error": "no such payment"}
    action, status = match.group(2), payment["status"]
    if action == "refund":
        amount = body.get("amount")
        if isinstance(amount, (str, int, float)) and not isinstance(amount, bool):
            amount = {"value": amount, "currency": payment["amount"]["currency"]}  # a bare value, in the payment's currency
        try:
            code, refund = yk_refund(payment["id"], amount)
        except Invalid as problem:
            return 400, {"error": problem.message}
        if code != 200:
            return code, refund
        return 200, {"notification": {"type": "notification", "event": "refund.succeeded", "object": refund}}
    # Only the moves YooKassa makes: pending → waiting_for_capture → succeeded|canceled. Asking for the state
    # a payment is already in repeats its notification unchanged (a redelivery).
    allowed = {"succeed": ("pending", "waiting_for_capture"), "cancel": ("pending", "waiting_for_capture"), "waiting": ("pending",)}
    target = {"succeed": "succeeded", "cancel": "canceled", "waiting": "waiting_for_capture"}[action]
    if status != target and status not in allowed[action]:
        return 409, {"error": f"a {status} payment cannot become {target}"}
    if status != target:
        if action == "succeed":
            payment.update(status="succeeded", paid=True, captured_at=iso(), refundable=True,
                           refunded_amount=yk_amount(0, payment["amount"]["currency"]))
            if payment.get("_save"):
                payment["payment_method"].update(saved=True, title="Bank card *4477")
                STATE["methods"][payment["payment_method"]["id"]] = payment["id"]
        elif action == "cancel":
            payment.update(status="canceled", paid=False,
                           cancellation_details={"party": "yoo_money", "reason": "expired_on_confirmation"})
        else:
            payment.update(status="waiting_for_capture", paid=True)
    return 200, {"notification": {"type": "notification", "event": "payment." + target, "object": public(payment)}}


# --- HTTP -------------------------------------------------------------------------------------------

def state_snapshot():
    """STATE as JSON can hold it: idempotency entries are keyed by tuples."""
    snapshot = {key: value for key, value in STATE.items() if key not in ("requests", "idempotency")}
    snapshot["idempotency"] = [{"provider": provider, "key": key, "method": stored[0], "path": stored[1], "status": stored[3][0]}
                               for (provider, key), stored in STATE["idempotency"].items()]
    return snapshot


def control(method, path, raw):
    if method == "GET" and path == "/_fake/requests":
        return 200, STATE["requests"]
    if method == "GET" and path == "/_fake/state":
        return 200, state_snapshot()
    if method != "POST":
        return 404, {"error": "unknown control path (control actions are POSTs)"}
    try:
        body = json.loads(raw) if raw.strip() else {}
    except ValueError:
        return 400, {"error": "the body is not JSON"}
    if not isinstance(body, dict):
        return 400, {"error": "the body must be a JSON object"}
    if path == "/_fake/reset":
        reset()
        return 200, {}
    if path == "/_fake/down":
        if "seconds" in body:
            if not isinstance(body["seconds"], (int, float)) or isinstance(body["seconds"], bool) or body["seconds"] < 0:
                return 400, {"error": "seconds: a number of seconds"}
            STATE.update(down=False, down_until=time.time() + body["seconds"])
        else:
            STATE.update(down=bool(body.get("down", True)), down_until=None)
        return 200, {"down": is_down(), "until": STATE["down_until"]}
    if path.startswith("/_fake/stripe/"):
        return stripe_control(path, body)
    if path.startswith("/_fake/yookassa/"):
        return yookassa_control(path, body)
    return 404, {"error": "unknown control path"}


def api(method, path, query, raw, headers):
    stripe = path.startswith("/v1/")
    key = headers.get("Idempotency-Key" if stripe else "Idempotence-Key")
    auth = headers.get("Authorization", "")
    expected = f"Bearer {OPTIONS.stripe_secret_key}" if stripe else \
        "Basic " + base64.b64encode(f"{OPTIONS.yookassa_shop_id}:{OPTIONS.yookassa_secret_key}".encode()).decode()
    authorized = hmac.compare_digest(auth.encode(), expected.encode())
    # Logged before anything can refuse the call, so tests see attempts made during an outage too.
    STATE["requests"].append({"method": method, "path": path, "idempotency_key": key, "auth_ok": authorized})
    if is_down():
        return stripe_error(503, "The fake provider is down (POST /_fake/down).", kind="api_error") if stripe else \
            yk_error(503, "internal_server_error", "The fake provider is down (POST /_fake/down)")
    if not authorized:
        if stripe:
            message = "Invalid API Key provided." if auth else \
                "You did not provide an API key. You need to provide your API key in the Authorization header."
            return stripe_error(401, message)
        return yk_error(401, "invalid_credentials", "Authentication by given credentials failed")
    try:
        if stripe:
            payload = nest(parse_qsl(raw.decode("utf-8"), keep_blank_values=True)) if method == "POST" else {}
        else:
            if method == "POST" and not key:
                raise Invalid("Idempotence-Key header is required for a POST", "Idempotence-Key")
            payload = json.loads(raw or b"{}") if method == "POST" else {}
            if not isinstance(payload, dict):
                raise Invalid("The body must be a JSON object")
    except Invalid as problem:
        return stripe_error(400, problem.message, param=problem.param) if stripe else \
            yk_error(400, "invalid_request", problem.message, problem.param)
    except ValueError:  # not UTF-8, or not JSON
        return stripe_error(400, "Invalid request body.") if stripe else yk_error(400, "invalid_request", "The body is not JSON")
    # An idempotency key belongs to one request: the same key with another endpoint or other parameters is refused.
    replay_key = ("stripe" if stripe else "yookassa", key) if method == "POST" and key else None
    if replay_key in STATE["idempotency"]:
        earlier_method, earlier_path, earlier_payload, earlier = STATE["idempotency"][replay_key]
        if (earlier_method, earlier_path) != (method, path):
            return stripe_error(400, f"Keys for idempotent requests can only be used for the same endpoint they were first used "
                                     f"for ('{earlier_path}' vs '{path}'). Try using a key other than '{key}' if you meant "
                                     f"to execute a different request.", kind="idempotency_error") if stripe else \
                yk_error(400, "invalid_request", "Idempotence key was used with another request", "Idempotence-Key")
        if earlier_payload != payload:
            return stripe_error(400, "Keys for idempotent requests can only be used with the same parameters they were first "
                                     f"used with. Try using a key other than '{key}' if you meant to execute a different "
                                     "request.", kind="idempotency_error") if stripe else \
                yk_error(400, "invalid_request", "Idempotence key duplicated with another request body", "Idempotence-Key")
        return earlier
    try:
        result = handle_stripe(method, path, query, payload) if stripe else handle_yookassa(method, path, query, payload)
    except Invalid as problem:
        # Refused before the endpoint ran: Stripe documents that such answers are not stored under the key.
        return stripe_error(400, problem.message, param=problem.param) if stripe else \
            yk_error(400, "invalid_request", problem.message, problem.param)
    if replay_key:
        STATE["idempotency"][replay_key] = (method, path, payload, result)
    return result


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

    def read_body(self):
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass  # trailers
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def route(self, method):
        raw = self.read_body()
        url = urlsplit(self.path)
        path, query = url.path, dict(parse_qsl(url.query, keep_blank_values=True))
        try:
            with LOCK:
                status, body = self.dispatch(method, path, query, raw)
        except Exception:  # a bug in the fake: say so instead of dropping the connection
            traceback.print_exc(file=sys.stderr)
            status, body = 500, {"error": "fake-payments failed; see its stderr", "path": path}
        self.answer(status, body)

    def dispatch(self, method, path, query, raw):
        if path.startswith("/_fake/"):
            return control(method, path, raw)
        if path.startswith("/v1/") or path.startswith("/v3/"):
            return api(method, path, query, raw, self.headers)
        match = re.fullmatch(r"/(pay|yk)/([\w-]+)", path)
        if method == "GET" and match:
            kind, ident = match.groups()
            action = f"POST /_fake/stripe/checkout/{ident}/complete" if kind == "pay" else \
                f"POST /_fake/yookassa/payments/{ident}/succeed"
            return 200, {"fake_payment_page": ident, "to_pay": action}
        return 404, {"error": "unknown path"}


class Server(ThreadingHTTPServer):
    daemon_threads = True
    # The default listen backlog of 5 resets connections when a test fires dozens of calls at once.
    request_queue_size = 128


def main():
    global OPTIONS
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--stripe-secret-key", default="sk_test_fake", help="the Bearer key /v1 accepts")
    parser.add_argument("--stripe-webhook-secret", default="whsec_fake", help="signs the events")
    parser.add_argument("--yookassa-shop-id", default="100500", help="the Basic auth user /v3 accepts")
    parser.add_argument("--yookassa-secret-key", default="test_fake", help="the Basic auth password /v3 accepts")
    OPTIONS = parser.parse_args()
    reset()
    server = Server(("127.0.0.1", OPTIONS.port), Handler)
    OPTIONS.port = server.server_address[1]

    def stop(*_):
        # shutdown() waits for serve_forever to return, so it cannot run on the thread that serves.
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)

    def watch_stdin():
        # os.read on the bare descriptor: a thread blocked in sys.stdin's buffered reader holds its lock, and
        # the interpreter aborts ("could not acquire lock ... at interpreter shutdown") when SIGTERM ends it.
        try:
            while os.read(sys.stdin.fileno(), 1024):
                pass
        except (OSError, ValueError):
            pass
        stop()

    threading.Thread(target=watch_stdin, daemon=True).start()
    print(f"READY {OPTIONS.port}", flush=True)
    server.serve_forever()
    server.server_close()


if __name__ == "__main__":
    main()

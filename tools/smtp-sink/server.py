#!/usr/bin/python3
r"""A throw-away SMTP server for Campus tests: stores every message it accepts as a .eml file.

Run with /usr/bin/python3 (Debian's python3-aiosmtpd lives there):

    /usr/bin/python3 tools/smtp-sink/server.py --port 0 --maildir /tmp/mail \
        [--tls-cert cert.pem --tls-key key.pem [--implicit-tls]] \
        [--auth-user u --auth-password p [--auth-exclude PLAIN]]

Prints `READY <port>` once listening. Exits on SIGTERM/SIGINT or when stdin closes, so a test
that dies without cleaning up does not leave the server behind.

Each .eml is the message exactly as received (after dot-unstuffing), preceded by the envelope as
`Return-Path`/`Delivered-To` headers (as a real mailbox delivery would) and `X-Sink-TLS` /
`X-Sink-Auth` headers that say how the client connected, so tests can check them.
"""

import argparse
import asyncio
import itertools
import logging
import os
import signal
import ssl
import sys
import threading

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class Sink:
    def __init__(self, maildir):
        self.maildir = maildir
        self.counter = itertools.count(1)

    async def handle_DATA(self, server, session, envelope):
        lines = [f"Return-Path: <{envelope.mail_from}>"]
        lines += [f"Delivered-To: {rcpt}" for rcpt in envelope.rcpt_tos]
        encrypted = server.transport.get_extra_info("ssl_object") is not None
        lines.append(f"X-Sink-TLS: {'yes' if encrypted else 'no'}")
        if session.authenticated:
            lines.append(f"X-Sink-Auth: {session.auth_data}")
        content = envelope.original_content or envelope.content
        if isinstance(content, str):
            content = content.encode("utf-8", "surrogateescape")
        data = ("\r\n".join(lines) + "\r\n").encode("utf-8") + content
        name = f"{os.getpid()}-{next(self.counter):04d}"
        temporary = os.path.join(self.maildir, name + ".tmp")
        with open(temporary, "wb") as handle:
            handle.write(data)
        # Rename so a reader never sees half a message.
        os.replace(temporary, os.path.join(self.maildir, name + ".eml"))
        return "250 OK stored"


def make_authenticator(user, password):
    def authenticate(server, session, envelope, mechanism, auth_data):
        if (isinstance(auth_data, LoginPassword)
                and auth_data.login == user.encode()
                and auth_data.password == password.encode()):
            return AuthResult(success=True, auth_data=user)
        return AuthResult(success=False, handled=False)
    return authenticate


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--maildir", required=True)
    parser.add_argument("--tls-cert")
    parser.add_argument("--tls-key")
    parser.add_argument("--implicit-tls", action="store_true",
                        help="TLS from the first byte (smtps://) instead of STARTTLS")
    parser.add_argument("--auth-user")
    parser.add_argument("--auth-password")
    parser.add_argument("--auth-exclude", action="append", default=[],
                        help="AUTH mechanism not to offer, e.g. PLAIN (repeatable)")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    if bool(args.tls_cert) != bool(args.tls_key):
        parser.error("--tls-cert and --tls-key go together")
    if args.implicit_tls and not args.tls_cert:
        parser.error("--implicit-tls needs --tls-cert and --tls-key")
    if bool(args.auth_user) != bool(args.auth_password):
        parser.error("--auth-user and --auth-password go together")
    return args


async def main():
    args = parse_args()
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.CRITICAL, stream=sys.stderr)
    os.makedirs(args.maildir, exist_ok=True)

    tls_context = None
    if args.tls_cert:
        tls_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        tls_context.load_cert_chain(args.tls_cert, args.tls_key)

    starttls_context = None if args.implicit_tls else tls_context
    kwargs = dict(
        hostname="smtp-sink.test",  # default is getfqdn(), which can stall on DNS
        enable_SMTPUTF8=True,
        tls_context=starttls_context,
        require_starttls=starttls_context is not None,
        # With implicit TLS the whole connection is encrypted, but aiosmtpd only knows about STARTTLS.
        auth_require_tls=starttls_context is not None,
        auth_exclude_mechanism=args.auth_exclude,
    )
    if args.auth_user:
        kwargs.update(auth_required=True, authenticator=make_authenticator(args.auth_user, args.auth_password))

    loop = asyncio.get_running_loop()
    handler = Sink(args.maildir)
    server = await loop.create_server(
        lambda: SMTP(handler, loop=loop, **kwargs), host=args.host, port=args.port,
        ssl=tls_context if args.implicit_tls else None)

    stop = asyncio.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)

    def watch_stdin():
        try:
            while sys.stdin.buffer.read(4096):
                pass
        finally:
            loop.call_soon_threadsafe(stop.set)

    threading.Thread(target=watch_stdin, daemon=True).start()

    port = server.sockets[0].getsockname()[1]
    print(f"READY {port}", flush=True)
    await stop.wait()
    server.close()


if __name__ == "__main__":
    import warnings
    warnings.simplefilter("ignore")  # aiosmtpd warns about AUTH without TLS, which tests ask for
    asyncio.run(main())

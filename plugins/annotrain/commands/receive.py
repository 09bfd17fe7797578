"""``annotrain receive``: take the attempt files quizzes POST to their ``submit_to``.

    annotrain receive FOLDER [--port 8765] [--host 127.0.0.1] --allow-origin ORIGIN...

A small HTTP receiver for trainers without an LRS or an LMS. Each POST whose body
is an attempt file is written to FOLDER as ``<delivery>.json``, where ``delivery``
is the page's ``X-Annotrain-Delivery`` header (the queue's id for that file): a
delivery the page sends again, after a reply that never reached it, replaces the
same file, so each attempt is stored once. A body that is not an attempt file is
refused with 400 and the reason; the page then keeps it aside. Browsers ask
before they POST from the site's origin (CORS preflight): only the origins given
with ``--allow-origin`` may send. Then ``annotrain grade FOLDER/*.json``.

The receiver is for a trainer's own network or behind an HTTPS proxy: it has no
TLS of its own and no authentication (anyone who can reach it can post a file).
"""

from __future__ import annotations

import argparse
import re
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from ..fileio import InputError, parse_json, write_atomic
from ..grading.attempts import MAX_BYTES, AttemptError, parse_attempt

NAME = "receive"
HELP = "receive the attempt files quizzes send to their submit_to address"
EXAMPLES = """examples:
  annotrain receive attempts/ --allow-origin https://training.example.org
  annotrain receive attempts/ --port 9000 --allow-origin http://127.0.0.1:8000
  annotrain grade attempts/*.json               then grade what arrived

Put it behind your HTTPS proxy when learners are not on your network: a page
served over HTTPS cannot post to a plain http:// address.
"""
#: What a delivery id may look like (the page sends a UUID).
DELIVERY = re.compile(r"^[A-Za-z0-9-]{8,64}$")


class DeliveryError(Exception):
    """A POST the receiver does not store: its HTTP status and the reason."""

    def __init__(self, status: int, reason: str):
        super().__init__(reason)
        self.status, self.reason = status, reason


def store(body: bytes, delivery: str | None, folder: Path) -> tuple[Path, bool]:
    """Write the attempt file ``body`` to ``folder``; (its path, whether it is new).

    Raises :class:`DeliveryError` for a missing or malformed delivery id and for a body
    that is not an attempt file.
    """
    if not delivery or not DELIVERY.match(delivery):
        raise DeliveryError(400, "the X-Annotrain-Delivery header must be the page's delivery id")
    shown = f"delivery {delivery}"
    try:
        parse_attempt(parse_json(body, shown, "an attempt file"), shown)
    except (InputError, AttemptError) as error:
        raise DeliveryError(400, str(error)) from None
    path = folder / f"{delivery}.json"
    new = not path.exists()
    write_atomic(path, body)
    return path, new


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Receive the attempt files that quizzes with 'submit_to' POST when a learner "
        "submits, and write each to FOLDER once."
    )
    parser.epilog = EXAMPLES
    parser.add_argument("folder", metavar="FOLDER", type=Path, help="where attempt files go")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=8765, help="port (default 8765)")
    parser.add_argument(
        "--allow-origin",
        action="append",
        default=[],
        metavar="ORIGIN",
        help="the site's origin (scheme://host[:port]) that may send; repeat for several",
    )


def handler_for(folder: Path, origins: set[str], say=print) -> type[BaseHTTPRequestHandler]:
    """The request handler writing to ``folder`` for pages from ``origins``."""

    class Receiver(BaseHTTPRequestHandler):
        server_version = "annotrain-receive"

        def _cors(self) -> bool:
            origin = self.headers.get("Origin")
            if origin in origins:
                self.send_header("Access-Control-Allow-Origin", origin)
                self.send_header("Vary", "Origin")
                return True
            return origin is None  # not from a browser page: curl, a script

        def _reply(self, status: int, text: str) -> None:
            data = (text + "\n").encode("utf-8")
            self.send_response(status)
            self._cors()
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_OPTIONS(self):  # noqa: N802 (the name http.server calls)
            self.send_response(204 if self.headers.get("Origin") in origins else 403)
            if self._cors():
                self.send_header("Access-Control-Allow-Methods", "POST")
                self.send_header(
                    "Access-Control-Allow-Headers", "Content-Type, X-Annotrain-Delivery"
                )
                self.send_header("Access-Control-Max-Age", "600")
            self.send_header("Content-Length", "0")
            self.end_headers()

        def do_POST(self):  # noqa: N802
            origin = self.headers.get("Origin")
            if origin is not None and origin not in origins:
                return self._reply(403, f"origin {origin} may not send (see --allow-origin)")
            try:
                length = int(self.headers.get("Content-Length", ""))
            except ValueError:
                return self._reply(411, "a Content-Length is needed")
            if length < 0 or length > MAX_BYTES:
                return self._reply(413, f"an attempt file is at most {MAX_BYTES} bytes")
            body = self.rfile.read(length)
            try:
                path, new = store(body, self.headers.get("X-Annotrain-Delivery"), folder)
            except DeliveryError as refused:
                say(f"refused: {refused.reason}")
                return self._reply(refused.status, refused.reason)
            say(f"{'received' if new else 'received again'}: {path}")
            self._reply(201 if new else 200, "stored")

        def log_message(self, format, *args):  # noqa: A002 (http.server's name)
            pass  # one line per file is printed instead

    return Receiver


def run(args: argparse.Namespace) -> int:
    origins = set()
    for origin in args.allow_origin:
        if not re.match(r"^https?://[^/\s]+$", origin):
            print(
                f"annotrain receive: --allow-origin {origin!r} is not an origin "
                "(scheme://host[:port], no path)",
                file=sys.stderr,
            )
            return 2
        origins.add(origin)
    if not origins:
        print(
            "annotrain receive: give the site's origin with --allow-origin "
            "(e.g. https://training.example.org): browsers send only where it is allowed",
            file=sys.stderr,
        )
        return 2
    try:
        args.folder.mkdir(parents=True, exist_ok=True)
        server = ThreadingHTTPServer((args.host, args.port), handler_for(args.folder, origins))
    except OSError as error:
        print(f"annotrain receive: {error.strerror or error}", file=sys.stderr)
        return 2
    host, port = server.server_address[:2]
    print(f"receiving attempt files on http://{host}:{port}/ into {args.folder}", flush=True)
    print(f"from: {', '.join(sorted(origins))}; Ctrl+C stops", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0

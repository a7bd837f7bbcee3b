"""The preview's web server: on 127.0.0.1 only, and it serves only what the preview built.

A request names a file by its path in the build; the server looks that path up in the view's table of built
files and never joins it to a folder, so `..`, `%2f` or a link cannot reach any other file, and nothing is
listed. Requests that name another host (a web page trying DNS rebinding) are refused.

Every request gets an answer: 404 for what the build does not have, 400 for a path that is no path (not UTF-8
once decoded, a control character, not from the root), and 500 for a bug, logged on the terminal with its
traceback; the server goes on answering the next request.
"""

from __future__ import annotations

import errno
import logging
import socketserver
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from leaflet.errors import UsageError
from leaflet.preview import pages
from leaflet.preview.state import Board

HOST = "127.0.0.1"
WAIT_SECONDS = 25.0  # a page's long poll is answered at the latest after this, and the page asks again
_TYPES = {".html": "text/html; charset=utf-8", ".pdf": "application/pdf", ".png": "image/png"}
_TEXT = "text/plain; charset=utf-8"
_LOG = logging.getLogger("leaflet")  # with no logging configured, Python prints it on stderr: the terminal


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True  # a waiting long poll must not keep the process alive after Ctrl-C

    def __init__(self, board: Board, source: Path, port: int) -> None:
        self.board = board
        self.source = source
        try:
            super().__init__((HOST, port), _Handler)
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise UsageError(
                    f"port {port} on {HOST} is in use (another preview or another program): "
                    "choose another with --port N, or --port 0 for any free port"
                ) from None
            raise UsageError(f"cannot serve on {HOST} port {port}: {exc.strerror}; try --port 0") from None

    def server_bind(self) -> None:
        # HTTPServer.server_bind() looks up the host's name (socket.getfqdn), which can hang without DNS.
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = HOST, self.server_address[1]

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.server_port}/"

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a browser that closed its tab mid-answer is no error of the preview's; the default prints a traceback


class _Handler(BaseHTTPRequestHandler):
    server: PreviewServer

    answered = False  # whether this request's status line was sent: after it, a 500 cannot be

    def do_GET(self) -> None:
        self._answer_whatever(body=True)

    def do_HEAD(self) -> None:
        self._answer_whatever(body=False)

    def _answer_whatever(self, body: bool) -> None:
        """Answer the request, a 500 if answering it meets a bug. Without this, http.server closes the connection
        without a word, and the browser shows a broken picture or waits, with nothing on the terminal."""
        self.answered = False
        try:
            self._answer(body)
        except ConnectionError:  # the browser closed its tab mid-answer: no one to answer (handle_error)
            raise
        except Exception as exc:
            _LOG.error(
                "preview: a bug in leaflet answering %s %r: %s: %s; please report it",
                self.command,
                self.path[:200],  # as %r: no terminal escape in a path reaches the terminal
                type(exc).__name__,
                exc,
                exc_info=True,
            )
            if self.answered:  # half an answer sent: closing the connection tells the browser it is cut short
                self.close_connection = True
            else:
                self._send(500, _TEXT, b"Internal error: a bug in leaflet; see the terminal\n", body)

    def log_message(self, format: str, *args: object) -> None:
        pass  # the terminal is for the builds' news, not for every request

    def _answer(self, body: bool) -> None:
        if not self._addressed_to_me():
            self._send(403, _TEXT, b"Forbidden\n", body)
            return
        parsed = _parsed(self.path)
        if parsed is None:
            self._send(400, _TEXT, b"Bad request: not a path of this server\n", body)
            return
        path, query = parsed
        if path == pages.STATE_PATH:
            view = self.server.board.wait(_number(query, "epoch"), _number(query, "version"), WAIT_SECONDS)
            self._send(200, "application/json", pages.state_json(view), body)
            return
        view = self.server.board.view
        if path == "/":
            self._send(200, _TYPES[".html"], pages.index_html(view, self.server.source), body)
            return
        found = self._page_png(path) if path.startswith(pages.PAGES_PATH) else self._built_file(path)
        if found is None:
            self._send(404, _TEXT, b"Not found\n", body)
        else:
            self._send(200, *found, body)

    def _addressed_to_me(self) -> bool:
        """Whether the request's Host is this server (a browser leaves out port 80), not a name a web page made
        point at 127.0.0.1."""
        name, _, port = (self.headers.get("Host") or "").partition(":")
        ports = (str(self.server.server_port), "") if self.server.server_port == 80 else (str(self.server.server_port),)
        return name in (HOST, "localhost") and port in ports

    def _built_file(self, path: str) -> tuple[str, bytes] | None:
        view = self.server.board.view
        file = view.files.get(path.removeprefix("/"))
        if file is None:
            return None
        try:
            data = file.read_bytes()
        except OSError:  # removed by a rebuild since the view was read
            return None
        kind = _TYPES.get(file.suffix, "application/octet-stream")
        return kind, pages.with_script(data, view.epoch) if file.suffix == ".html" else data

    def _page_png(self, path: str) -> tuple[str, bytes] | None:
        pdf, _, name = path.removeprefix(pages.PAGES_PATH).rpartition("/")
        file = self.server.board.view.files.get(pdf)
        number = pages.page_number(name)
        if file is None or file.suffix != ".pdf" or number is None:
            return None
        try:
            png = pages.page_png(file, number)
        except OSError:
            return None
        return None if png is None else ("image/png", png)

    def _send(self, status: int, kind: str, data: bytes, body: bool) -> None:
        self.answered = True
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")  # a reload must fetch the rebuilt file
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if body:
            self.wfile.write(data)


def _parsed(target: str) -> tuple[str, dict[str, list[str]]] | None:
    """The request's path, percent-decoded, and its query; None for what is no path of this server: not from the
    root, not UTF-8 once decoded (`%FF`), or with a control character (`%00`, a line break) no file name has."""
    try:
        url = urlsplit(target)
        path = unquote(url.path, errors="strict")
    except ValueError:  # `%FF` (UnicodeDecodeError); `http://[/`, a bracket that opens no IPv6 address
        return None
    if not path.startswith("/") or any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in path):
        return None
    return path, parse_qs(url.query)


def _number(query: dict[str, list[str]], name: str) -> int:
    values = query.get(name, [])
    try:
        return int(values[0]) if values else -1
    except ValueError:
        return -1

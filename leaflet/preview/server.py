"""The preview's web server: on 127.0.0.1 only, and it serves only what the preview built.

A request names a file by its path in the build; the server looks that path up in the view's table of built
files and never joins it to a folder, so `..`, `%2f` or a link cannot reach any other file, and nothing is
listed. Requests that name another host (a web page trying DNS rebinding) are refused.
"""

from __future__ import annotations

import errno
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

    def do_GET(self) -> None:
        self._answer(body=True)

    def do_HEAD(self) -> None:
        self._answer(body=False)

    def log_message(self, format: str, *args: object) -> None:
        pass  # the terminal is for the builds' news, not for every request

    def _answer(self, body: bool) -> None:
        if not self._addressed_to_me():
            self._send(403, "text/plain; charset=utf-8", b"Forbidden\n", body)
            return
        url = urlsplit(self.path)
        path = unquote(url.path)
        if path == pages.STATE_PATH:
            query = parse_qs(url.query)
            view = self.server.board.wait(_number(query, "epoch"), _number(query, "version"), WAIT_SECONDS)
            self._send(200, "application/json", pages.state_json(view), body)
            return
        view = self.server.board.view
        if path == "/":
            self._send(200, _TYPES[".html"], pages.index_html(view, self.server.source), body)
            return
        found = self._page_png(path) if path.startswith(pages.PAGES_PATH) else self._built_file(path)
        if found is None:
            self._send(404, "text/plain; charset=utf-8", b"Not found\n", body)
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
        pdf, _, number = path.removeprefix(pages.PAGES_PATH).rpartition("/")
        file = self.server.board.view.files.get(pdf)
        if file is None or file.suffix != ".pdf" or not number.endswith(".png") or not number[:-4].isdigit():
            return None
        try:
            png = pages.page_png(file, int(number[:-4]))
        except OSError:
            return None
        return None if png is None else ("image/png", png)

    def _send(self, status: int, kind: str, data: bytes, body: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")  # a reload must fetch the rebuilt file
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if body:
            self.wfile.write(data)


def _number(query: dict[str, list[str]], name: str) -> int:
    values = query.get(name, [])
    try:
        return int(values[0]) if values else -1
    except ValueError:
        return -1

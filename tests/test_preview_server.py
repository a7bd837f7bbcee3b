"""The preview's web server, started in this process on 127.0.0.1 with a view of one built PDF and one page: every
request gets a status line (a request it cannot parse too, and one that meets a bug), and the server goes on."""

from __future__ import annotations

import logging
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pikepdf
import pytest

from leaflet.preview import pages
from leaflet.preview.server import PreviewServer
from leaflet.preview.state import Board

PDF = "c/x.en.pdf"
GOOD = f"/_preview/pages/{PDF}/1.png".encode()


@pytest.fixture
def port(tmp_path: Path) -> Iterator[int]:
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(595, 842))
    pdf.save(tmp_path / "x.en.pdf")
    (tmp_path / "x.en.html").write_bytes(b"<!DOCTYPE html><html><body><p>Hello</p></body></html>")
    board = Board()
    board.publish(True, clinic="Test", files={PDF: tmp_path / "x.en.pdf", "c/x.en.html": tmp_path / "x.en.html"})
    server = PreviewServer(board, tmp_path / "clinic.yaml", 0)
    serving = threading.Thread(target=server.serve_forever, daemon=True)
    serving.start()
    try:
        yield server.server_port
    finally:
        board.close()
        server.shutdown()
        server.server_close()
        serving.join(timeout=10)


def answer(port: int, target: bytes) -> tuple[bytes, bytes]:
    """GET `target`, sent byte for byte as given (no client cleans it up): the status line and the body; an empty
    status line when the server closed the connection without a reply."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(b"GET %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nConnection: close\r\n\r\n" % (target, port))
        reply = b""
        while chunk := connection.recv(65536):
            reply += chunk
    head, _, body = reply.partition(b"\r\n\r\n")
    return head.partition(b"\r\n")[0], body


@pytest.mark.parametrize(
    ("target", "status"),
    [
        (f"/_preview/pages/{PDF}/%C2%B2.png".encode(), b"404"),  # '²'.isdigit(), but int('²') raises
        (f"/_preview/pages/{PDF}/².png".encode(), b"404"),  # the same, not percent-encoded
        (f"/_preview/pages/{PDF}/{'9' * 5000}.png".encode(), b"404"),  # more digits than int() reads
        (f"/_preview/pages/{PDF}/0.png".encode(), b"404"),
        (f"/_preview/pages/{PDF}/01.png".encode(), b"404"),
        (f"/_preview/pages/{PDF}/-1.png".encode(), b"404"),
        (f"/_preview/pages/{PDF}/2.png".encode(), b"404"),  # the PDF has one page
        (b"/_preview/pages/../../etc/passwd", b"404"),
        (b"/" + b"a" * 60_000, b"404"),  # a very long path, under the 64 KiB line http.server reads
        (b"/%FF", b"400"),  # not UTF-8
        (b"/%00", b"400"),
        (b"/c/x.en.html%00.png", b"400"),
        (b"/c/x.en.html\x00", b"400"),
        (b"/%0d%0aSet-Cookie:%20a=b", b"400"),
        (b"c/x.en.html", b"400"),  # not a path from the root
        (b"http://[/", b"400"),  # an absolute URL that is none
        (b"/_preview/state?epoch=%C2%B2&version=%FF", b"200"),  # a page's poll with numbers it never sends
    ],
)
def test_every_request_gets_a_status_line_and_the_server_goes_on(port: int, target: bytes, status: bytes) -> None:
    line, _ = answer(port, target)
    assert line.split(b" ")[:2] == [b"HTTP/1.0", status], line
    line, body = answer(port, GOOD)
    assert (line, body[:8]) == (b"HTTP/1.0 200 OK", b"\x89PNG\r\n\x1a\n")


def test_a_bug_answering_a_request_is_a_500_and_a_line_on_the_terminal(
    port: int, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(*args: object) -> bytes:
        raise ZeroDivisionError("on purpose")

    monkeypatch.setattr(pages, "index_html", broken)
    with caplog.at_level(logging.ERROR, logger="leaflet"):
        line, body = answer(port, b"/")
    assert line == b"HTTP/1.0 500 Internal Server Error"
    assert body == b"Internal error: a bug in leaflet; see the terminal\n"
    assert caplog.messages == [
        "preview: a bug in leaflet answering GET '/': ZeroDivisionError: on purpose; please report it"
    ]
    assert caplog.records[0].exc_info is not None  # the traceback, for the report
    monkeypatch.undo()
    assert answer(port, b"/")[0] == b"HTTP/1.0 200 OK"

"""`leaflet preview`: a real process serving a copy of a sample clinic, driven by headless Chromium while the test
edits the clinic file as a designer would; its files as served (and only those), its signals, its port."""

from __future__ import annotations

import dataclasses
import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SAMPLES
from playwright.sync_api import Browser, Page
from test_browser import browser

from leaflet import load_clinic
from leaflet.cli import cli
from leaflet.preview import watch

__all__ = ["browser"]  # the browser tests' fixture, used here by name

pytestmark = [pytest.mark.slow, pytest.mark.browser]

BUILD_SECONDS = 120  # the first build of two handouts, on a machine busy with other tests
FIRST, SECOND, THIRD = ("#2d6a4f", "rgb(45, 106, 79)"), ("#1d3557", "rgb(29, 53, 87)"), ("#5a189a", "rgb(90, 24, 154)")


class Running:
    """A `leaflet preview` process in a session of its own (as a terminal starts a command), its output read as it
    comes."""

    def __init__(self, *arguments: str) -> None:
        env = {k: v for k, v in os.environ.items() if k not in ("LEAFLET_BUILD_FAULT", "SOURCE_DATE_EPOCH")}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "leaflet", "preview", *arguments],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            start_new_session=True,
        )
        self.out: list[str] = []
        self.err: list[str] = []
        self.readers = [
            threading.Thread(target=self._read, args=(stream, lines), daemon=True)
            for stream, lines in ((self.process.stdout, self.out), (self.process.stderr, self.err))
        ]
        for reader in self.readers:
            reader.start()

    def _read(self, stream: object, lines: list[str]) -> None:
        for line in stream:  # type: ignore[attr-defined]
            lines.append(line)

    def wait_for(self, pattern: str, lines: list[str], seconds: float = BUILD_SECONDS) -> re.Match[str]:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            for line in list(lines):
                if found := re.search(pattern, line):
                    return found
            if self.process.poll() is not None and all(not r.is_alive() for r in self.readers):
                break
            time.sleep(0.05)
        raise AssertionError(f"no {pattern!r} in:\n{''.join(self.out)}{''.join(self.err)}")

    @property
    def url(self) -> str:
        return self.wait_for(r"http://127\.0\.0\.1:\d+/", self.out, 30).group(0)

    @property
    def port(self) -> int:
        return int(self.url.rsplit(":", 1)[1].strip("/"))

    @property
    def build_folder(self) -> Path:
        return Path(self.wait_for(r"Building into (\S+),", self.out, 30).group(1))

    def stop(self, signum: int) -> int:
        self.process.send_signal(signum)
        code = self.process.wait(timeout=30)
        self.close()
        return code

    def close(self) -> None:
        """Stop the process if it still runs, as Ctrl-C does (so it removes its build), killing it and its workers
        if that fails; close its pipes."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        for reader in self.readers:
            reader.join(timeout=5)
        for stream in (self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()


def copy_sample(folder: Path) -> Path:
    """The sample clinic `cache` and its logo, copied into `folder`."""
    (folder / "logos").mkdir(parents=True)
    shutil.copy(SAMPLES / "logos" / "cache.svg", folder / "logos" / "cache.svg")
    return Path(shutil.copy(SAMPLES / "cache.yaml", folder / "cache.yaml"))


def save(clinic: Path, old: str, new: str) -> None:
    """Replace `old` by `new` in the clinic file, as an editor saves it."""
    text = clinic.read_text(encoding="utf-8")
    assert old in text
    clinic.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture(scope="module")
def clinic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_sample(tmp_path_factory.mktemp("preview"))


@pytest.fixture(scope="module")
def preview(clinic: Path) -> Iterator[Running]:
    running = Running(str(clinic), "--kind", "handout", "--port", "0")
    try:
        running.wait_for(r"built 4 files", running.out)  # the PTSD and depression handouts, PDF and HTML
        yield running
    finally:
        running.close()


def get(port: int, path: str, host: str | None = None) -> tuple[int, str, bytes]:
    """GET `path` sent as it is written (no client-side clean-up of `..` or `%2f`): status, type, body."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.putrequest("GET", path, skip_host=True)
        connection.putheader("Host", host or f"127.0.0.1:{port}")
        connection.endheaders()
        response = connection.getresponse()
        return response.status, response.getheader("Content-Type") or "", response.read()
    finally:
        connection.close()


def colour(page: Page) -> str:
    found: str = page.evaluate(
        "() => { const h1 = document.querySelector('h1'); return h1 && getComputedStyle(h1).color }"
    )
    return found


def test_a_saved_colour_reloads_the_page_and_a_broken_file_shows_its_problem_until_fixed(
    preview: Running, clinic: Path, browser: Browser
) -> None:
    workers = children(preview.process.pid)
    assert workers  # the first build's, kept warm
    page = browser.new_page(viewport={"width": 1280, "height": 4000})  # tall: the pages' lazy pictures all load
    page.add_init_script(SAW_BUILDING)
    page.goto(preview.url)
    page.wait_for_selector("a[href='/cache/ptsd.en.html']")
    page.wait_for_function("() => [...document.querySelectorAll('.pages img')].every((i) => i.complete)")
    pictures = page.evaluate("() => [...document.querySelectorAll('.pages img')].map((i) => i.naturalWidth)")
    assert len(pictures) >= 2 and all(width == 840 for width in pictures), pictures  # each page of the two PDFs
    page.click("a[href='/cache/ptsd.en.html']")
    page.wait_for_load_state("load")
    assert colour(page) == FIRST[1]

    assert page.evaluate("sessionStorage.getItem('saw-building')") is None
    with page.expect_event("load", timeout=BUILD_SECONDS * 1000):  # the page reloads itself after the rebuild
        save(clinic, FIRST[0], SECOND[0])
    assert page.evaluate("sessionStorage.getItem('saw-building')") == "yes"  # it said so meanwhile
    assert colour(page) == SECOND[1]

    line = next(
        n for n, text in enumerate(clinic.read_text(encoding="utf-8").splitlines(), 1) if "primary_color" in text
    )
    column = clinic.read_text(encoding="utf-8").splitlines()[line - 1].index('"#') + 1
    save(clinic, SECOND[0], "#12345G")
    problem = page.wait_for_selector("#leaflet-preview-problems", state="visible", timeout=BUILD_SECONDS * 1000)
    shown = problem.text_content() or ""
    assert f"{clinic}: 1 problem" in shown
    assert re.search(rf"{line}:{column}\s+brand\.primary_color\s+'#12345G' is not a colour like", shown), shown
    assert colour(page) == SECOND[1]  # the last good build stays
    assert preview.wait_for(rf"{line}:{column}\s+brand\.primary_color", preview.err, 10)  # and the terminal says it

    with page.expect_event("load", timeout=BUILD_SECONDS * 1000):
        save(clinic, "#12345G", THIRD[0])
    assert colour(page) == THIRD[1]
    assert not page.locator("#leaflet-preview-problems").is_visible()
    assert preview.process.poll() is None
    assert children(preview.process.pid) == workers  # every rebuild rendered with the same warm workers


# Notes, in the tab's session storage (kept across the reload), that the page showed "Rebuilding…": a warm rebuild
# shows it for a few tenths of a second only, too short for Playwright's polling to catch for sure.
SAW_BUILDING = """
new MutationObserver(() => {
  const badge = document.getElementById("leaflet-preview-building");
  if (badge && badge.checkVisibility()) sessionStorage.setItem("saw-building", "yes");
}).observe(document, {subtree: true, childList: true, attributes: true});
"""


def children(pid: int) -> set[int]:
    return {int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()}


def test_the_script_is_added_to_the_response_not_to_the_built_file(preview: Running) -> None:
    status, kind, body = get(preview.port, "/cache/ptsd.en.html")
    assert (status, kind) == (200, "text/html; charset=utf-8")
    assert b"/_preview/state" in body
    built = (preview.build_folder / "cache" / "ptsd.en.html").read_bytes()
    assert b"_preview" not in built
    assert body.replace(body[body.rindex(b"<script>") : body.rindex(b"</script>") + 9], b"") == built


def test_each_pdf_page_is_served_as_a_png(preview: Running) -> None:
    status, kind, body = get(preview.port, "/_preview/pages/cache/ptsd.en.pdf/1.png")
    assert (status, kind) == (200, "image/png")
    assert body.startswith(b"\x89PNG\r\n\x1a\n")
    assert int.from_bytes(body[16:20], "big") == 840
    assert get(preview.port, "/_preview/pages/cache/ptsd.en.pdf/99.png")[0] == 404


@pytest.mark.parametrize(
    "path",
    [
        "/..%2f..%2f..%2f..%2fetc%2fpasswd",
        "/../../../../etc/passwd",
        "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/cache/..%2f..%2f..%2fetc%2fpasswd",
        "/cache%2f..%2f.leaflet-manifest.json",
        "/.leaflet-manifest.json",  # in the build, but not a leaflet
        "/_gallery/cache/ptsd.en.png",  # likewise
        "/cache/",  # no listing of a folder
        "/cache",
        "/_preview/pages/..%2f..%2fetc%2fpasswd/1.png",
        "/_preview/pages/cache/ptsd.en.html/1.png",
        "//etc/passwd",
    ],
)
def test_only_the_built_leaflets_are_served(preview: Running, path: str) -> None:
    status, _, body = get(preview.port, path)
    assert (status, body) == (404, b"Not found\n")


def test_a_request_for_another_host_is_refused(preview: Running) -> None:
    # A web page that points its own name at 127.0.0.1 (DNS rebinding) cannot read the preview.
    port = preview.port
    for host in ("attacker.example:80", f"attacker.example:{port}", f"127.0.0.1.attacker.example:{port}"):
        assert get(preview.port, "/", host=host)[0] == 403, host
    assert get(preview.port, "/", host="127.0.0.1")[0] == 403  # a browser leaves out only port 80
    assert get(preview.port, "/", host=f"localhost:{preview.port}")[0] == 200


def test_it_listens_on_127_0_0_1_only(preview: Running) -> None:
    with socket.socket() as other, pytest.raises(ConnectionRefusedError):
        other.connect(("127.0.0.2", preview.port))  # loopback too, but not the address it was told to use


def test_ctrl_c_stops_it_cleanly_and_removes_its_build(tmp_path: Path) -> None:
    running = Running(str(copy_sample(tmp_path)), "--kind", "handout", "--port", "0")
    try:
        folder = running.build_folder
        running.wait_for(r"built 4 files", running.out)
        assert folder.is_dir()
        assert running.stop(signal.SIGINT) == 130
    finally:
        running.close()
    assert running.err[-1] == "Preview stopped; its temporary build was removed.\n"
    assert "Traceback" not in "".join(running.err)
    assert not folder.exists()


def test_sigterm_during_the_first_build_exits_143(tmp_path: Path) -> None:
    running = Running(str(copy_sample(tmp_path)), "--kind", "handout", "--port", "0")
    try:
        folder = running.build_folder
        assert running.stop(signal.SIGTERM) == 143
    finally:
        running.close()
    assert running.err[-1] == "Preview stopped by SIGTERM; its temporary build was removed.\n"
    assert "Traceback" not in "".join(running.err)
    assert not folder.exists()


def test_help_says_what_it_serves_and_where() -> None:
    output = " ".join(CliRunner().invoke(cli, ["preview", "--help"]).output.split())
    assert output.startswith("Usage: cli preview [OPTIONS] CLINIC")
    assert "on 127.0.0.1" in output
    assert "--kind [handout|guide|brochure]" in output
    assert "--port INTEGER RANGE Port on 127.0.0.1; 0: any free one. [default: 8000; 0<=x<=65535]" in output


def test_a_busy_port_is_refused_with_exit_2(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "leaflet", "preview", str(copy_sample(tmp_path)), "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 2
    assert result.stderr == (
        f"leaflet: port {port} on 127.0.0.1 is in use (another preview or another program): choose another with "
        "--port N, or --port 0 for any free port\n"
    )


def test_an_invalid_file_still_has_its_logo_watched(tmp_path: Path) -> None:
    clinic = copy_sample(tmp_path)
    save(clinic, FIRST[0], "#12345G")
    assert watch.watched_files(clinic, None) == (clinic, tmp_path / "logos" / "cache.svg")
    save(clinic, "logos/cache.svg", "logos/new.png")  # named before it is saved: watched until it appears
    files = watch.watched_files(clinic, None)
    assert files == (clinic, tmp_path / "logos" / "new.png")
    before = watch.snapshot(files)
    assert before[files[1]] is None
    (tmp_path / "logos" / "new.png").write_bytes(b"not yet a picture")
    assert watch.changed(before, watch.snapshot(files)) == [files[1]]


def test_the_font_files_a_brand_names_are_watched(tmp_path: Path) -> None:
    clinic = copy_sample(tmp_path)
    fonts = "  font: Brand.ttf\n  font_bold: fonts/Brand-Bold.otf\n"
    save(clinic, "  logo: logos/cache.svg", fonts + "  logo: logos/cache.svg")
    named = {tmp_path / "Brand.ttf", tmp_path / "fonts" / "Brand-Bold.otf", tmp_path / "logos" / "cache.svg"}
    assert set(watch.watched_files(clinic, None)) == {clinic, *named}


@dataclass(frozen=True)
class _Font:
    family: str
    file: Path | None
    bold: Path | None


@dataclass(frozen=True)
class _Brand:
    logo: Path | None
    primary_color: str
    font: _Font


def test_the_files_of_a_valid_clinics_brand_are_watched_whatever_their_field(tmp_path: Path) -> None:
    # A brand font is a value of its own holding its files: the watch finds paths one level down too.
    clinic = load_clinic(copy_sample(tmp_path))
    regular, bold = tmp_path / "a.ttf", tmp_path / "b.ttf"
    font = _Font("Brand", regular, bold)
    branded = dataclasses.replace(clinic, brand=_Brand(None, "#2d6a4f", font))  # type: ignore[arg-type]
    named_in_file = set(watch.watched_files(clinic.source, None))  # the clinic file and its logo
    assert set(watch.watched_files(clinic.source, branded)) == named_in_file | {regular, bold}

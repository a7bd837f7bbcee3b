"""Property-based tests: whatever a clinic file holds, leaflet gives a clean list of problems or a leaflet in
which the clinic's text is text. Never another exception, never markup or template code from the file.

Sized to run in well under 30 seconds; raise max_examples locally to search harder.
"""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import assert_attaches_nothing
from defusedxml.ElementTree import fromstring
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from markupsafe import escape

from leaflet.documents import KINDS
from leaflet.errors import InvalidInput
from leaflet.logos import UnsafeLogo, sanitize_svg
from leaflet.model import Clinic, Wording
from leaflet.plain_text import UNSAFE
from leaflet.render.html import render_html
from leaflet.render.pdf import render_pdf
from leaflet.validate import load_clinic

handout = KINDS["handout"].make
guide = KINDS["guide"].make  # shows every free-text field; the sheet leaves `about` out

FUZZ = settings(deadline=None, max_examples=250, suppress_health_check=[HealthCheck.function_scoped_fixture])

BASE: dict[str, Any] = {
    "name": "Fuzz Clinic",
    "id": "fuzz",
    "phone": "505-555-0100",
    "routes": ["iv"],
    "conditions": ["ptsd"],
    "languages": ["en"],
    "locations": [{"id": "main", "name": "Main", "address": "1 Example Street", "city": "Exampleton"}],
}
# Every free-text field, as a path into the clinic file.
FREE_TEXT = (
    ("name",),
    ("about",),
    ("locations", 0, "name"),
    ("locations", 0, "address"),
    ("locations", 0, "city"),
    ("locations", 0, "region"),
    ("locations", 0, "postal_code"),
    ("locations", 0, "hours"),
)
# Every other scalar a user types: these must be refused cleanly or accepted, whatever they hold.
OTHER_SCALARS = (
    ("id",),
    ("phone",),
    ("email",),
    ("website",),
    ("booking_url",),
    ("paper",),
    ("country",),
    ("in_home",),
    ("routes", 0),
    ("conditions", 0),
    ("languages", 0),
    ("locations", 0, "id"),
    ("locations", 0, "phone"),
    ("brand", "logo"),
    ("brand", "primary_color"),
)
HOSTILE_PIECES = (
    "<script>alert(1)</script>",
    "<link rel=attachment href=file:///etc/passwd>",
    '<img src="file:///etc/hostname">',
    "{{ 7*7 }}",
    "{% for x in range(9) %}",
    "{# c #}",
    "${7*7}",
    "&amp;",
    "&#60;",
    "]]>",
    "\u202e",
    "\u2066",
    "\u200f",
    "\x1b[2J",
    "\x00",
    "\x85",
    "\u2028",
    "\ud800",
    "\ufeff",
    "\r\n",
    "\t",
    "'",
    '"',
    "\\",
    "</style>",
    "*/",
    "javascript:",
    "مرحبا",
    "😀",
)
hostile_text = st.one_of(
    st.text(max_size=80),
    st.lists(st.one_of(st.sampled_from(HOSTILE_PIECES), st.text(max_size=6)), max_size=12).map("".join),
    st.integers(min_value=100, max_value=3000).map(lambda n: ("<b>{{x}}</b>" * n)[:n]),
)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def with_value(path: tuple[str | int, ...], value: str) -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    node: Any = data
    for key in path[:-1]:
        if isinstance(node, dict) and key not in node:
            node[key] = {}
        node = node[key]
    node[path[-1]] = value
    return data


def clinic_file(workdir: Path, data: object) -> Path:
    path = workdir / "fuzz.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1_000_000), encoding="utf-8")
    return path


def value_at(clinic: Clinic, path: tuple[str | int, ...]) -> str | None:
    node: Any = clinic
    for key in path:
        node = node[key] if isinstance(key, int) else getattr(node, key)
    if isinstance(node, Wording):  # about, hours: written once, so in the clinic's one language
        node = node.in_language("en").text
    assert node is None or isinstance(node, str)
    return node


def value_at_path(data: Any, path: tuple[str | int, ...]) -> str:
    for key in path:
        data = data[key]
    assert isinstance(data, str)
    return data


def with_model_value(clinic: Clinic, path: tuple[str | int, ...], value: str) -> Clinic:
    def given(item: object, name: str) -> object:
        return Wording((("en", value),)) if isinstance(getattr(item, name), Wording) else value

    if path[0] == "locations":
        index, name = path[1], str(path[2])
        assert isinstance(index, int)
        locations = list(clinic.locations)
        locations[index] = dataclasses.replace(locations[index], **{name: given(locations[index], name)})
        return dataclasses.replace(clinic, locations=tuple(locations))
    return dataclasses.replace(clinic, **{str(path[0]): given(clinic, str(path[0]))})


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, tuple[str, ...]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, tuple(name for name, _ in attrs)))


def structure(html: str) -> list[tuple[str, tuple[str, ...]]]:
    """The page's elements and their attribute names, in order."""
    parser = _Tags()
    parser.feed(html)
    parser.close()
    return parser.tags


def assert_clean_problems(invalid: InvalidInput, file: Path) -> None:
    assert invalid.problems
    for problem in invalid.problems:
        assert problem.file == file
        assert problem.message
    # A refused value is quoted back with its control and direction characters made visible.
    assert UNSAFE.search(str(invalid)) is None


@given(field=st.sampled_from(FREE_TEXT), text=hostile_text)
@example(field=("about",), text="{{ 7*7 }} <link rel=attachment href=file:///etc/passwd>")
@example(field=("name",), text="\ud800")
@FUZZ
def test_free_text_is_refused_cleanly_or_shown_escaped(workdir: Path, field: tuple[str | int, ...], text: str) -> None:
    path = clinic_file(workdir, with_value(field, text))
    try:
        clinic = load_clinic(path)
    except InvalidInput as invalid:
        assert_clean_problems(invalid, path)
        return
    html = render_html(guide(clinic, "ptsd", "en"), clinic)
    shown = value_at(clinic, field)
    # What YAML itself reads (PyYAML writes a raw NEL, U+0085, which YAML then reads as a line break).
    typed = value_at_path(yaml.safe_load(path.read_text(encoding="utf-8")), field).strip()
    if shown is None:  # an optional field left empty
        assert not typed
        return
    assert shown == typed
    # `about` is shown in paragraphs, the others whole; a harmless value keeps the same number of paragraphs.
    pieces = clinic.about.in_language("en").paragraphs if clinic.about and field == ("about",) else (shown,)
    assert [piece for piece in pieces if str(escape(piece)) not in html] == []
    # The same leaflet with a harmless value has the same elements and attributes: the text added no markup.
    plain = with_model_value(clinic, field, "\n\n".join("X" for _ in pieces))
    assert structure(html) == structure(render_html(guide(plain, "ptsd", "en"), plain))


@given(field=st.sampled_from(OTHER_SCALARS), text=hostile_text)
@FUZZ
def test_every_other_field_is_refused_cleanly_or_accepted(
    workdir: Path, field: tuple[str | int, ...], text: str
) -> None:
    path = clinic_file(workdir, with_value(field, text))
    try:
        clinic = load_clinic(path)
    except InvalidInput as invalid:
        assert_clean_problems(invalid, path)
        return
    render_html(handout(clinic, "ptsd", "en"), clinic)


YAML_PIECES = (
    "name: ",
    "id: ",
    "phone: ",
    "routes: ",
    "locations:\n",
    "brand:\n  logo: ",
    "  - id: a\n",
    "\n",
    "  ",
    "- ",
    "[",
    "]",
    "{",
    "}",
    ", ",
    ": ",
    "? ",
    "&a ",
    "*a",
    "<<: *a",
    "!!python/object:os.system ",
    "!x ",
    "---\n",
    "...\n",
    "%YAML 1.1\n",
    "'",
    '"',
    '"\\x1b\\ud800"',
    "# ",
    "|\n  ",
    ">-\n  ",
    "\t",
    "NO",
    "01234",
    "#ff0000",
    "~",
    "\ufeff",
)
yaml_documents = st.one_of(
    st.lists(st.one_of(st.sampled_from(YAML_PIECES), st.text(max_size=4)), max_size=40).map(
        lambda pieces: "".join(pieces).encode("utf-8", "surrogatepass")
    ),
    st.binary(max_size=200),
)


@given(document=yaml_documents)
@FUZZ
def test_random_yaml_is_refused_cleanly_or_read(workdir: Path, document: bytes) -> None:
    path = workdir / "fuzz.yaml"
    path.write_bytes(document)
    try:
        load_clinic(path)
    except InvalidInput as invalid:
        assert_clean_problems(invalid, path)


scalars = st.one_of(st.text(max_size=20), st.sampled_from(["NO", "yes", "01234", "", "~", "#ff0000", "iv", "en"]))
structures = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(
            st.one_of(st.sampled_from([*BASE, "brand", "logo", "about", "email", "hours", "primary_color"]), scalars),
            children,
            max_size=6,
        ),
    ),
    max_leaves=25,
)


@given(overrides=st.dictionaries(st.sampled_from([*BASE, "brand", "about", "email", "website"]), structures))
@FUZZ
def test_random_structures_are_refused_cleanly_or_built(workdir: Path, overrides: dict[str, Any]) -> None:
    path = clinic_file(workdir, {**BASE, **overrides})
    try:
        clinic = load_clinic(path)
    except InvalidInput as invalid:
        assert_clean_problems(invalid, path)
        return
    for language in clinic.languages:
        render_html(handout(clinic, "ptsd", language), clinic)


SVG_PIECES = (
    '<svg xmlns="http://www.w3.org/2000/svg">',
    "</svg>",
    "<g>",
    "</g>",
    '<g id="a">',
    '<use href="#a"/>',
    '<use xlink:href="#a" xmlns:xlink="http://www.w3.org/1999/xlink"/>',
    '<rect width="1" height="1" fill="url(#a)"/>',
    '<rect style="fill:red;stroke:url(#a)"/>',
    '<image href="file:///etc/passwd"/>',
    "<script>x</script>",
    "<text>",
    "</text>",
    "&amp;",
    "&lt;",
    "<!--c-->",
    "<![CDATA[<x>]]>",
    '<!DOCTYPE svg [<!ENTITY e "x">]>',
    "&e;",
    ' onload="x"',
    "<?pi x?>",
    '<linearGradient id="b" href="#a"><stop offset="0"/></linearGradient>',
)
svg_documents = st.lists(st.one_of(st.sampled_from(SVG_PIECES), st.text(max_size=3)), max_size=25).map(
    lambda pieces: "".join(pieces).encode("utf-8", "surrogatepass")
)


@given(document=svg_documents)
@example(document=b'<svg xmlns="http://www.w3.org/2000/svg"><g id="a"><text>&lt;b&gt;</text></g><use href="#a"/></svg>')
@example(document=b'<svg xmlns="http://www.w3.org/2000/svg"> onload="x"</svg>')  # text that is never drawn
@FUZZ
def test_random_svg_is_refused_cleanly_or_sanitized_stably(document: bytes) -> None:
    try:
        cleaned = sanitize_svg(document)
    except UnsafeLogo as refused:
        assert str(refused)
        return
    assert fromstring(cleaned).tag == "{http://www.w3.org/2000/svg}svg"
    assert sanitize_svg(cleaned) == cleaned
    for word in (b"script", b"image", b"onload", b"file:", b"<!", b"<?"):
        assert word not in cleaned


@pytest.fixture(scope="module")
def hostile_clinic(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Clinic]:
    text = "<link rel=attachment href=file:///etc/passwd> {{ 7*7 }} <img src=file:///etc/hostname>"
    data = with_value(("about",), text)
    data["locations"][0]["hours"] = "<iframe src=file:///etc/passwd></iframe>"
    yield load_clinic(clinic_file(tmp_path_factory.mktemp("pdf"), data))


@pytest.mark.slow
def test_hostile_text_in_a_pdf_attaches_and_embeds_nothing(hostile_clinic: Clinic, tmp_path: Path) -> None:
    pdf_path = tmp_path / "fuzz.pdf"
    pdf_path.write_bytes(render_pdf(render_html(handout(hostile_clinic, "ptsd", "en"), hostile_clinic)))
    assert_attaches_nothing(pdf_path)

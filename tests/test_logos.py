"""Unit tests of leaflet/logos/: what a logo may be, and the bytes a leaflet embeds for it."""

from __future__ import annotations

import base64
import io
import os
import re
import struct
import zlib
from pathlib import Path

import pytest
from defusedxml.ElementTree import fromstring
from PIL import Image, ImageFile

from leaflet.errors import InvalidInput, RenderFailed
from leaflet.logos import UnsafeLogo, prepared_logo, sanitize_svg
from leaflet.render import assets
from leaflet.render.pdf import render_pdf
from leaflet.validate import load_clinic

SAMPLE_LOGOS = sorted((Path(__file__).parent.parent / "data" / "clinics" / "logos").glob("*.svg"))
OPEN = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10">'


def svg(body: str) -> bytes:
    return f"{OPEN}\n{body}\n</svg>\n".encode()


def png(width: int = 30, height: int = 20, **save: object) -> bytes:
    stream = io.BytesIO()
    Image.new("RGB", (width, height), "#2a6f97").save(stream, format="PNG", **save)
    return stream.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A PNG whose header claims `width` × `height` pixels, with one row of data: what a bomb's header says."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")
    )


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# -- SVG: what is kept ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", SAMPLE_LOGOS, ids=lambda p: p.name)
def test_sample_logos_keep_every_element_and_attribute(path: Path) -> None:
    original = fromstring(path.read_bytes())
    cleaned = fromstring(sanitize_svg(path.read_bytes()))
    assert [(e.tag, e.attrib, (e.text or "").strip()) for e in cleaned.iter()] == [
        (e.tag, e.attrib, (e.text or "").strip()) for e in original.iter()
    ]


@pytest.mark.parametrize("path", SAMPLE_LOGOS, ids=lambda p: p.name)
def test_sanitized_svg_is_deterministic_and_stable(path: Path) -> None:
    once = sanitize_svg(path.read_bytes())
    assert sanitize_svg(path.read_bytes()) == once
    assert sanitize_svg(once) == once


def test_editor_metadata_is_dropped_and_the_drawing_kept() -> None:
    inkscape = b"""<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!-- Created with Inkscape (http://www.inkscape.org/) -->
<svg xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
     xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"
     xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" width="100" height="40" inkscape:version="1.3"
     sodipodi:docname="logo.svg" xml:space="preserve">
  <sodipodi:namedview id="namedview1" pagecolor="#ffffff"/>
  <metadata><rdf:RDF><rdf:Description about="file:///home/someone/logo.svg"/></rdf:RDF></metadata>
  <g inkscape:label="Layer 1" inkscape:groupmode="layer" class="layer" data-name="Layer 1">
    <text style="font-size:12px;line-height:1.25;-inkscape-font-specification:'Sans Bold';fill:#1a6b8c;marker:none"
          x="4" y="20">Clinic</text>
  </g>
</svg>"""
    cleaned = sanitize_svg(inkscape).decode()
    assert cleaned == (
        '<svg xmlns="http://www.w3.org/2000/svg" width="100" height="40" xml:space="preserve">\n  \n  \n  <g>\n'
        '    <text style="font-size:12px;fill:#1a6b8c" x="4" y="20">Clinic</text>\n  </g>\n</svg>'
    )


def test_references_inside_the_document_are_kept() -> None:
    body = """<defs>
  <linearGradient id="base"><stop offset="0" stop-color="#123"/><stop offset="1" stop-color="#456"/></linearGradient>
  <linearGradient id="tilted" xlink:href="#base" gradientTransform="rotate(45)"/>
  <clipPath id="round"><circle cx="5" cy="5" r="5"/></clipPath>
  <g id="dot"><circle cx="1" cy="1" r="1"/></g>
</defs>
<rect width="10" height="10" fill="url(#tilted)" style="stroke: url('#base')" clip-path="url(#round)"/>
<use xlink:href="#dot" x="4"/>"""
    cleaned = sanitize_svg(svg(body)).decode()
    assert 'href="#base"' in cleaned and 'href="#dot"' in cleaned
    assert 'fill="url(#tilted)"' in cleaned and "stroke:url('#base')" in cleaned


def test_text_stays_text() -> None:
    cleaned = sanitize_svg(svg("<text>&lt;script&gt;alert(1)&lt;/script&gt; &amp; {{ 7*7 }}</text>"))
    assert b"<text>&lt;script&gt;alert(1)&lt;/script&gt; &amp; {{ 7*7 }}</text>" in cleaned


def test_colours_that_look_like_numbers_are_kept() -> None:
    cleaned = sanitize_svg(svg('<rect fill="#9e99ff" style="stroke:#1e1e1e;stroke-width:.5e-3" width="99999"/>'))
    assert b'fill="#9e99ff" style="stroke:#1e1e1e;stroke-width:.5e-3" width="99999"' in cleaned


def test_use_nested_four_deep_is_allowed() -> None:
    chain = '<rect id="u0" width="1" height="1"/>' + "".join(
        f'<use id="u{i}" xlink:href="#u{i - 1}"/>' for i in range(1, 5)
    )
    assert b'href="#u3"' in sanitize_svg(svg(chain))


def test_sanitized_logo_renders_in_a_pdf_without_errors() -> None:
    body = """<defs><radialGradient id="g"><stop offset="0" stop-color="#fff"/><stop offset="1" stop-color="#036"/>
</radialGradient><symbol id="s"><rect width="3" height="3"/></symbol></defs>
<circle cx="5" cy="5" r="5" fill="url(#g)"/><use xlink:href="#s" x="6"/>"""
    data = base64.b64encode(sanitize_svg(svg(body))).decode()
    html = (
        '<!DOCTYPE html><html lang="en"><head><title>logo</title></head><body>'
        f'<img alt="logo" src="data:image/svg+xml;base64,{data}"></body></html>'
    )
    assert render_pdf(html).startswith(b"%PDF-")


# -- SVG: what is refused -------------------------------------------------------------------------------------


def fan_out(levels: int, width: int) -> bytes:
    groups = ['<rect id="l0" width="1" height="1"/>']
    for level in range(1, levels + 1):
        groups.append(f'<g id="l{level}">' + f'<use xlink:href="#l{level - 1}"/>' * width + "</g>")
    return svg("<defs>" + "".join(groups) + f'</defs><use xlink:href="#l{levels}"/>')


REFUSED_SVG = {
    "script": (svg("<script>alert(1)</script>"), r"has <script> on line 2: scripts are not allowed"),
    "foreignObject": (svg("<foreignObject><p/></foreignObject>"), r"has <foreignObject> on line 2"),
    "image file": (svg('<image xlink:href="file:///etc/passwd"/>'), r"has <image> on line 2: a logo may not load"),
    "image data": (svg('<image href="data:image/png;base64,AAAA"/>'), r"has <image> on line 2"),
    "style element": (svg("<style>@import url(http://x/a.css);</style>"), r"has <style> on line 2: style sheets"),
    "link": (svg('<a href="javascript:alert(1)"><rect/></a>'), r"has <a> on line 2: links are not allowed"),
    "filter": (svg("<filter/>"), r"has <filter> on line 2, which a logo may not use"),
    "html element": (
        svg('<x:link xmlns:x="http://www.w3.org/1999/xhtml" rel="attachment" href="file:///etc/passwd"/>'),
        r"has <link> from another XML vocabulary",
    ),
    "onload": (svg('<rect onload="alert(1)"/>'), r"has onload on <rect> on line 2: event handlers"),
    "onClick": (svg('<rect onClick="alert(1)"/>'), r"has onClick on <rect> on line 2: event handlers"),
    "href on rect": (svg('<rect href="#a" id="a"/>'), r"has href on <rect> on line 2; only <use> and gradients"),
    "use of a file": (svg('<use xlink:href="file:///etc/passwd#x"/>'), r"pointing to 'file:///etc/passwd#x'"),
    "use of a URL": (svg('<use href="http://127.0.0.1/a.svg#x"/>'), r"pointing to 'http://127\.0\.0\.1/a\.svg#x'"),
    "use of a missing id": (svg('<use href="#nowhere"/>'), r"pointing to '#nowhere', outside the logo"),
    "fill from a URL": (svg('<rect fill="url(http://127.0.0.1/x#g)"/>'), r"has fill on <rect> on line 2 referring"),
    "style url": (svg('<rect style="fill:url(file:///etc/passwd)"/>'), r"has fill on <rect> on line 2 referring"),
    "style escape": (svg('<rect style="fill:u\\72l(x)"/>'), r"with CSS comments or escapes"),
    "style comment": (svg('<rect style="fill:red/**/"/>'), r"with CSS comments or escapes"),
    "style href": (svg('<use id="a" style="href:file:///etc/passwd"/>'), r"has href on <use> on line 2, which"),
    "style function": (svg('<rect style="fill:image(x.png)"/>'), r"using image\(\), which a logo may not use"),
    "javascript value": (svg('<rect fill="javascript:void"/>'), r"referring to another file or address"),
    "unknown attribute": (svg('<rect srcset="x.png"/>'), r"has srcset on <rect> on line 2, which a logo may not use"),
    "absurd number": (
        svg('<text font-size="1e30">X</text>'),
        r"has font-size on <text> on line 2 with the number 1e30",
    ),
    "absurd path": (svg('<path d="M0 0L1e308 1e308Z"/>'), r"has d on <path> on line 2 with the number 1e308"),
    "mask": (svg('<rect mask="url(#m)"/>'), r"has mask on <rect> on line 2"),
    "xml:base": (svg('<g xml:base="file:///etc/"/>'), r"has the attribute base"),
    "xml-stylesheet": (
        b'<?xml-stylesheet href="http://127.0.0.1/a.css"?>\n' + svg(""),
        r"links a style sheet on line 1",
    ),
    "external entity": (
        b'<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n' + svg("<text>&x;</text>"),
        r"has a <!DOCTYPE> or entity declaration on line 1",
    ),
    "doctype": (
        b'<?xml version="1.0"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
        b'"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n' + svg(""),
        r"has a <!DOCTYPE> or entity declaration on line 2",
    ),
    "bad id": (svg('<rect id="a&quot;]|//*[@id=&quot;b"/>'), r"has id=.* an id must be letters"),
    "duplicate id": (svg('<rect id="a"/>\n<rect id="a"/>'), r"has id 'a' twice, on lines 2 and 3"),
    "use loop": (svg('<g id="a"><use xlink:href="#a"/></g>'), r"has <use> on line 2 referring to #a, which leads back"),
    "gradient loop": (
        svg('<linearGradient id="a" href="#b"/><linearGradient id="b" href="#a"/>'),
        r"which leads back to it",
    ),
    "use too deep": (
        svg('<rect id="u0"/>' + "".join(f'<use id="u{i}" href="#u{i - 1}"/>' for i in range(1, 6))),
        r"references nested more than 4 deep",
    ),
    "use fan-out": (fan_out(levels=4, width=11), r"draws more than 10,000 elements once its <use> references"),
    "too many elements": (svg("<g/>" * 5_001), r"has more than 5,000 elements"),
    "nested too deep": (svg("<g>" * 70 + "</g>" * 70), r"has elements nested more than 64 deep"),
    "too large": (svg("<desc>" + "x" * 300_000 + "</desc>"), r"is larger than 256 KiB"),
    "not XML": (b"GIF89a", r"is not well-formed XML \(syntax error\) at line 1, column 1"),
    "not closed": (b"<svg>\n<g>\n</svg>", r"is not well-formed XML \(mismatched tag\) at line 3, column 3"),
    "not svg": (b'<html xmlns="http://www.w3.org/1999/xhtml"/>', r"is not an SVG image: it starts with <html>"),
}


@pytest.mark.parametrize(("data", "message"), REFUSED_SVG.values(), ids=REFUSED_SVG.keys())
def test_dangerous_svg_is_refused_naming_what_and_where(data: bytes, message: str) -> None:
    with pytest.raises(UnsafeLogo) as refused:
        sanitize_svg(data)
    assert re.search(message, str(refused.value)), str(refused.value)


def test_a_billion_laughs_is_refused_before_expansion() -> None:
    entities = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    bomb = f'<!DOCTYPE svg [<!ENTITY l0 "lol">{entities}]>\n{OPEN}<text>&l9;</text></svg>'.encode()
    with pytest.raises(UnsafeLogo, match="DTDs and entities are not allowed"):
        sanitize_svg(bomb)


# -- PNG and JPEG ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "kind"), [("logo.png", "PNG"), ("logo.jpg", "JPEG"), ("logo.JPEG", "JPEG")])
def test_a_good_raster_logo_is_embedded_as_it_is(tmp_path: Path, name: str, kind: str) -> None:
    stream = io.BytesIO()
    Image.new("RGB", (300, 100), "#2a6f97").save(stream, format=kind)
    path = write(tmp_path, name, stream.getvalue())
    logo = prepared_logo(path)
    assert logo.media_type == ("image/png" if kind == "PNG" else "image/jpeg")
    assert logo.data == stream.getvalue()


def jpeg() -> bytes:
    stream = io.BytesIO()
    Image.new("RGB", (30, 20)).save(stream, format="JPEG")
    return stream.getvalue()


REFUSED_RASTER = {
    "JPEG named .png": ("logo.png", jpeg(), r"^is a JPEG image, not a PNG; rename it to end in \.jpg$"),
    "PNG named .jpg": ("logo.jpg", png(), r"^is a PNG image, not a JPEG; rename it to end in \.png$"),
    "text named .png": ("logo.png", b"root:x:0:0:root:/root:/bin/bash\n", r"is not a PNG image \(it is a text file\)"),
    "SVG named .png": ("logo.png", svg(""), r"is not a PNG image \(it is an SVG file: rename it to end in \.svg\)"),
    "GIF named .png": ("logo.png", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", r"is not a PNG image \(it is a GIF"),
    "binary named .jpg": (
        "logo.jpg",
        bytes(range(256)) * 4,
        r"is not a JPEG image \(nor any image format leaflet reads\)",
    ),
    "truncated PNG": ("logo.png", png(400, 400, compress_level=0)[:5000], r"^is a damaged PNG image"),
    "20 megapixels": ("logo.png", png_claiming(5_000, 4_000), r"is 5000 × 4000 pixels; a logo may have at most 16"),
    "100 megapixels": ("logo.png", png_claiming(10_000, 10_000), r"at most 16 million pixels"),
    "400 megapixels": ("logo.png", png_claiming(20_000, 20_000), r"at most 16 million pixels"),
    "over 2 MiB": ("logo.png", png() + b"\0" * (2 * 1024 * 1024), r"is larger than 2 MiB"),
}


@pytest.mark.parametrize(("name", "data", "message"), REFUSED_RASTER.values(), ids=REFUSED_RASTER.keys())
def test_a_bad_raster_logo_is_refused(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    with pytest.raises(UnsafeLogo) as refused:
        prepared_logo(write(tmp_path, name, data))
    assert re.search(message, str(refused.value)), str(refused.value)


def test_a_truncated_png_is_refused_even_once_weasyprint_is_loaded(tmp_path: Path) -> None:
    """WeasyPrint turns on Pillow's LOAD_TRUNCATED_IMAGES for the whole process when it is imported."""
    import weasyprint  # noqa: F401 - imported for its side effect on Pillow

    truncated = png(400, 400, compress_level=0)[:5000]
    with pytest.raises(UnsafeLogo, match="is a damaged PNG image"):
        prepared_logo(write(tmp_path, "logo.png", truncated))
    assert ImageFile.LOAD_TRUNCATED_IMAGES  # WeasyPrint's setting is left as it was


def test_an_animated_png_is_refused(tmp_path: Path) -> None:
    frames = [Image.new("RGB", (20, 20), colour) for colour in ("red", "blue")]
    stream = io.BytesIO()
    frames[0].save(stream, format="PNG", save_all=True, append_images=frames[1:])
    with pytest.raises(UnsafeLogo, match="is animated or holds several pictures"):
        prepared_logo(write(tmp_path, "logo.png", stream.getvalue()))


# -- reading the file -----------------------------------------------------------------------------------------


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "logo.png")
    with pytest.raises(UnsafeLogo, match="is not a regular file"):
        prepared_logo(tmp_path / "logo.png")


def test_a_symlink_is_not_followed(tmp_path: Path) -> None:
    (tmp_path / "logo.png").symlink_to("/dev/zero")
    with pytest.raises(UnsafeLogo, match="is a symbolic link; copy the image file itself"):
        prepared_logo(tmp_path / "logo.png")


def test_a_folder_and_a_missing_file_are_refused(tmp_path: Path) -> None:
    (tmp_path / "folder.svg").mkdir()
    with pytest.raises(UnsafeLogo, match="is not a regular file"):
        prepared_logo(tmp_path / "folder.svg")
    with pytest.raises(UnsafeLogo, match="does not exist"):
        prepared_logo(tmp_path / "missing.svg")


def test_a_logo_changed_after_checking_is_checked_again(tmp_path: Path) -> None:
    path = write(tmp_path, "logo.svg", svg('<rect width="1" height="1"/>'))
    first = prepared_logo(path)
    assert prepared_logo(path) is first  # cached: a dozen leaflets check a logo once
    path.write_bytes(svg("<script>alert(1)</script>"))
    os.utime(path, ns=(1, 1))  # a different modification time, however fast the file system's clock
    with pytest.raises(UnsafeLogo, match="<script>"):
        prepared_logo(path)


# -- wired into validation and rendering ----------------------------------------------------------------------


CLINIC = """name: Logo Test
id: logo-test
phone: "505-555-0100"
routes: [iv]
brand:
  logo: {logo}
"""


def test_validation_reports_a_bad_logo_at_brand_logo(tmp_path: Path) -> None:
    write(tmp_path, "logo.svg", svg('<image href="file:///etc/passwd"/>'))
    clinic = write(tmp_path, "clinic.yaml", CLINIC.format(logo="logo.svg").encode())
    with pytest.raises(InvalidInput) as invalid:
        load_clinic(clinic)
    [problem] = invalid.value.problems
    assert (problem.file, problem.line, problem.column, problem.field) == (clinic, 6, 9, "brand.logo")
    assert problem.message.startswith("'logo.svg' has <image> on line 2: a logo may not load or embed other files")


def test_rendering_embeds_the_sanitized_logo_never_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "logo.svg", svg('<!-- a comment --><rect class="x" data-id="1" width="1" height="1"/>'))
    uri = assets.logo_data_uri(path)
    media_type, _, encoded = uri.partition(";base64,")
    assert media_type == "data:image/svg+xml"
    assert base64.b64decode(encoded) == sanitize_svg(path.read_bytes())
    assert b"comment" not in base64.b64decode(encoded)


def test_rendering_fails_the_leaflet_if_the_logo_turned_bad(tmp_path: Path) -> None:
    path = write(tmp_path, "logo.svg", svg("<script>alert(1)</script>"))
    with pytest.raises(RenderFailed, match=r"logo\.svg: the logo has <script> on line 2"):
        assets.logo_data_uri(path)


# -- rasters WeasyPrint would draw wrong or complain about --------------------------------------------------------


def grey16_png() -> bytes:
    """A 16-bit greyscale PNG, a ramp from black to near white: Pillow reads it as mode I;16."""
    image = Image.new("I;16", (20, 10))
    for x in range(20):
        for y in range(10):
            image.putpixel((x, y), x * 3400)
    stream = io.BytesIO()
    image.save(stream, format="PNG")
    return stream.getvalue()


def jpeg_with_damaged_exif() -> bytes:
    """A JPEG whose EXIF block has a tag that claims 100 bytes beyond the end of the block."""
    ifd = struct.pack("<H", 1) + struct.pack("<HHII", 0x010E, 2, 100, 1000) + struct.pack("<I", 0)
    exif = b"Exif\0\0II*\0" + struct.pack("<I", 8) + ifd
    stream = io.BytesIO()
    Image.new("RGB", (30, 20), "#2a6f97").save(stream, format="JPEG", exif=exif)
    return stream.getvalue()


def test_a_16_bit_greyscale_png_is_converted_to_8_bits(tmp_path: Path) -> None:
    prepared = prepared_logo(write(tmp_path, "logo.png", grey16_png()))
    assert prepared.media_type == "image/png"
    with Image.open(io.BytesIO(prepared.data)) as image:
        assert (image.mode, image.size) == ("L", (20, 10))
        assert [image.getpixel((x, 0)) for x in (0, 10, 19)] == [0, 132, 252]  # scaled, not clipped to white


def test_a_16_bit_greyscale_png_renders_without_a_warning(tmp_path: Path) -> None:
    uri = assets.logo_data_uri(write(tmp_path, "logo.png", grey16_png()))
    html = (
        '<!DOCTYPE html><html lang="en"><head><title>logo</title></head>'
        f'<body><img alt="logo" src="{uri}"></body></html>'
    )
    assert render_pdf(html).startswith(b"%PDF-")  # "Unknown image mode: I;16" would fail it


def test_a_jpeg_with_damaged_exif_is_refused_without_a_raw_warning(
    tmp_path: Path, recwarn: pytest.WarningsRecorder
) -> None:
    with pytest.raises(UnsafeLogo, match=r"^has metadata that cannot be read \(.+\); export the image again$"):
        prepared_logo(write(tmp_path, "logo.jpg", jpeg_with_damaged_exif()))
    assert len(recwarn) == 0

"""The print-shop file: boxes, bleed, crop marks and PDF/X-4, read back with pikepdf and from a rendering.

One sample clinic's PTSD handout, PTSD guide and Central brochure are built once with their print files (with
Ghostscript's CMYK profile, from Debian's libgs-common: leaflet ships none), and once without.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

import pikepdf
import pypdfium2
import pytest
from conftest import GS_CMYK, GS_RGB, fixture_path, sample_path
from PIL import Image, ImageCms

from leaflet.batch import build, plan_jobs
from leaflet.errors import RenderFailed
from leaflet.render.formats import PRINT
from leaflet.render.print_ready import BLEED_MM, PrintOptions, PrintSetup, render_print_pdf
from leaflet.validate import load_clinics

pytestmark = pytest.mark.slow

BLEED_PT = BLEED_MM / 25.4 * 72  # 8.504 pt
DPI = 100
DOCUMENTS = ("ptsd", "central")  # the topics built: the PTSD handout and guide, the Central brochure
BAND = (29, 78, 137)  # #1d4e89


@dataclass(frozen=True)
class Builds:
    accessible: Path  # a build without print files
    printed: Path  # the same documents with print files, PDF/X-4


def _build(out: Path, formats: tuple[str, ...], printing: PrintOptions | None) -> list[Path]:
    clinics = load_clinics([sample_path("austin")])
    jobs = [
        job for job in plan_jobs(clinics, formats, printing=printing) if job.topic in DOCUMENTS and job.language == "en"
    ]
    with pytest.MonkeyPatch.context() as env:
        env.delenv("SOURCE_DATE_EPOCH", raising=False)
        env.delenv("LEAFLET_BUILD_FAULT", raising=False)
        report = build(jobs, out)
    assert not report.failed, report.failed
    return [out / job.output for job in jobs]


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Builds:
    accessible = tmp_path_factory.mktemp("accessible")
    printed = tmp_path_factory.mktemp("printed")
    _build(accessible, ("pdf", "html"), None)
    _build(printed, ("pdf", PRINT), PrintOptions(icc=GS_CMYK))
    return Builds(accessible / "austin", printed / "austin")


def print_files(builds: Builds) -> list[Path]:
    found = sorted(builds.printed.glob("*.print.pdf"))
    assert [p.name for p in found] == ["brochure.central.en.print.pdf", "ptsd.en.print.pdf", "ptsd.guide.en.print.pdf"]
    return found


def rendering(pdf: Path | bytes, page: int = 0) -> Image.Image:
    """The page drawn at DPI, its whole MediaBox (the bleed too, on a print file)."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        return document[page].render(scale=DPI / 72).to_pil().convert("RGB")
    finally:
        document.close()


def frame(image: Image.Image, outer_mm: float, inner_mm: float) -> set[tuple[int, int, int]]:
    """The colours of the pixels between `outer_mm` and `inner_mm` in from the image's edge, on every side."""
    width, height = image.size
    outer, inner = round(outer_mm / 25.4 * DPI), round(inner_mm / 25.4 * DPI)
    strips = (
        (outer, outer, width - outer, inner),  # top
        (outer, height - inner, width - outer, height - outer),  # bottom
        (outer, outer, inner, height - outer),  # left
        (width - inner, outer, width - outer, height - outer),  # right
    )
    found: set[tuple[int, int, int]] = set()
    for box in strips:
        colors = image.crop(box).getcolors(maxcolors=1 << 24)
        assert colors is not None
        found.update(color for _, color in colors)
    return found


def test_a_print_file_is_the_page_as_trim_box_and_3_mm_more_each_side_as_bleed_box(builds: Builds) -> None:
    for path in print_files(builds):
        accessible = pikepdf.open(builds.accessible / path.name.replace(".print.pdf", ".pdf"))
        with pikepdf.open(path) as pdf:
            assert len(pdf.pages) == len(accessible.pages)
            for page, same in zip(pdf.pages, accessible.pages, strict=True):
                trim = [float(v) for v in page.obj["/TrimBox"]]
                assert trim == pytest.approx([float(v) for v in same.obj["/MediaBox"]]), path.name
                expected = [trim[0] - BLEED_PT, trim[1] - BLEED_PT, trim[2] + BLEED_PT, trim[3] + BLEED_PT]
                assert [float(v) for v in page.obj["/BleedBox"]] == pytest.approx(expected, abs=0.001)
                assert [float(v) for v in page.obj["/MediaBox"]] == pytest.approx(expected, abs=0.001)
                assert round(BLEED_PT, 3) == 8.504
        accessible.close()


def test_with_a_profile_the_print_file_is_pdf_x_4_with_the_profile_as_output_intent(builds: Builds) -> None:
    for path in print_files(builds):
        with pikepdf.open(path) as pdf:
            (intent,) = pdf.Root.OutputIntents
            assert str(intent.S) == "/GTS_PDFX"
            assert intent.OutputConditionIdentifier == "Artifex CMYK SWOP Profile"
            assert intent.DestOutputProfile.read_bytes() == GS_CMYK.read_bytes()
            assert intent.DestOutputProfile.N == 4
            assert "PDF/X-4" in str(pdf.open_metadata().get("pdfxid:GTS_PDFXVersion"))
            assert pdf.Root.MarkInfo.Marked  # still tagged for whoever reads it on a screen
            for page in pdf.pages:  # RGB is ICC-based sRGB, never DeviceRGB beside the CMYK intent
                default_rgb = page.Resources.ColorSpace.DefaultRGB
                assert str(default_rgb[0]) == "/ICCBased"
                assert default_rgb[1].N == 3
                profile = ImageCms.ImageCmsProfile(io.BytesIO(default_rgb[1].read_bytes())).profile
                assert (profile.xcolor_space, profile.profile_description) == ("RGB ", "sRGB2014")


def test_a_pdf_x_file_is_the_same_bytes_each_time(builds: Builds) -> None:
    # WeasyPrint gives a PDF/X-4 file a random XMP DocumentID; leaflet gives it one from the file's inputs.
    html = (builds.accessible / "brochure.central.en.html").read_text(encoding="utf-8")
    first, second = (render_print_pdf(html, 2, PrintSetup(profile=GS_CMYK)) for _ in range(2))
    assert first == second
    with pikepdf.open(io.BytesIO(first)) as pdf:
        assert str(pdf.open_metadata().get("xmpMM:DocumentID")).startswith("xmp.did:")


def test_an_srgb_print_file_has_no_output_intent_and_keeps_device_rgb(builds: Builds) -> None:
    html = (builds.accessible / "brochure.central.en.html").read_text(encoding="utf-8")
    with pikepdf.open(io.BytesIO(render_print_pdf(html, 2, PrintSetup()))) as pdf:
        assert "/OutputIntents" not in pdf.Root
        assert "/DefaultRGB" not in pdf.pages[0].Resources.ColorSpace
        assert pdf.open_metadata().get("pdfuaid:part") == "1"  # tagged PDF/UA-1, like the accessible file


def test_the_accessible_pdf_is_the_same_bytes_with_or_without_print_files(builds: Builds) -> None:
    for path in builds.accessible.glob("*.pdf"):
        printed = builds.printed / path.name
        assert hashlib.sha256(printed.read_bytes()).digest() == hashlib.sha256(path.read_bytes()).digest()
        with pikepdf.open(path) as pdf:
            assert "/OutputIntents" not in pdf.Root
            for page in pdf.pages:  # no bleed: WeasyPrint writes every box as the page
                assert list(page.obj["/BleedBox"]) == list(page.obj["/TrimBox"]) == list(page.obj["/MediaBox"])


def test_no_document_paints_within_1_mm_of_its_trim_so_no_element_needs_to_bleed(builds: Builds) -> None:
    """The shipped templates have no element that touches the trim edge (print.css: such an element must be
    marked data-bleed). Were one added, this fails until it is marked and excluded here."""
    for path in sorted(builds.accessible.glob("*.pdf")):
        for page in range(len(pikepdf.open(path).pages)):
            assert frame(rendering(path, page), 0, 1) == {(255, 255, 255)}, f"{path.name} page {page + 1}"


def test_the_bleed_continues_what_is_at_the_trim_edge(builds: Builds) -> None:
    """On every page of every print file the bleed holds what the trim edge holds: here, the white page."""
    for path in print_files(builds):
        for page in range(len(pikepdf.open(path).pages)):
            assert frame(rendering(path, page), 0, BLEED_MM + 1) == {(255, 255, 255)}, f"{path.name} {page + 1}"


def _with_edge_band(html: str) -> str:
    """The brochure's HTML with a colour band across the top of its first face, touching the trim on three sides,
    marked to bleed as print.css asks."""
    band = (
        '<div data-bleed="top left right" style="position: absolute; top: 0; left: 0; right: 0; height: 8mm; '
        'background: #1d4e89"></div>'
    )
    return html.replace('<main id="main">', band + '<main id="main">', 1)


def test_a_colour_band_at_the_trim_edge_runs_into_the_bleed(builds: Builds) -> None:
    html = _with_edge_band((builds.accessible / "brochure.central.en.html").read_text(encoding="utf-8"))
    image = rendering(render_print_pdf(html, 2, PrintSetup()))
    px = DPI / 25.4
    pixels = image.load()
    assert pixels is not None
    width = image.size[0]
    for x_mm, y_mm in ((0.3, 0.3), (1.5, 5), (100, 0.5), (100, 2.5), (100, 6), (width / px - 0.3, 1)):
        assert pixels[round(x_mm * px), round(y_mm * px)] == BAND, (x_mm, y_mm)  # bleed and trim alike
    # Below the band (3 mm of bleed, then the band's 8 mm) the page is white again.
    assert pixels[round(100 * px), round((BLEED_MM + 8.5) * px)] == (255, 255, 255)


def test_a_band_without_bleed_stops_at_the_trim(builds: Builds) -> None:
    """The same band in a print file made without print.css's rules: the bleed stays white, so the rules are
    what makes it run on."""
    html = _with_edge_band((builds.accessible / "brochure.central.en.html").read_text(encoding="utf-8"))
    image = rendering(render_print_pdf(html.replace("data-bleed", "data-no-bleed"), 2, PrintSetup()))
    px = DPI / 25.4
    pixels = image.load()
    assert pixels is not None
    assert pixels[round(100 * px), round(1.5 * px)] == (255, 255, 255)  # in the bleed
    assert pixels[round(100 * px), round(5 * px)] == BAND  # on the page


def test_a_proof_has_crop_marks_in_the_bleed_and_a_print_file_none(builds: Builds) -> None:
    html = (builds.accessible / "brochure.central.en.html").read_text(encoding="utf-8")
    proof = rendering(render_print_pdf(html, 2, PrintSetup(marks=True)))
    plain = rendering(render_print_pdf(html, 2, PrintSetup()))
    assert frame(plain, 0, BLEED_MM) == {(255, 255, 255)}
    dark = [p for p in frame(proof, 0, BLEED_MM) if max(p) < 128]
    assert dark, "no crop marks in the proof's bleed"


def test_a_profile_that_changed_since_the_build_checked_it_fails_the_render(builds: Builds) -> None:
    """The worker reads the profile again: one swapped for an RGB profile after planning fails that print file."""
    rgb = GS_RGB
    html = (builds.accessible / "brochure.central.en.html").read_text(encoding="utf-8")
    with pytest.raises(RenderFailed, match=f"^{rgb} is a profile of the RGB colour space, not CMYK"):
        render_print_pdf(html, 2, PrintSetup(profile=rgb))


def test_a_raster_logo_in_a_pdf_x_file_is_read_as_srgb(tmp_path: Path) -> None:
    """The all-routes fixture's PNG logo is an RGB image: the page it is drawn on reads DeviceRGB as ICC sRGB."""
    clinics = load_clinics([fixture_path("all-routes/clinic.yaml")])
    jobs = [job for job in plan_jobs(clinics, (PRINT,), ("brochure",), PrintOptions(icc=GS_CMYK))]
    assert not build(jobs, tmp_path).failed
    with pikepdf.open(tmp_path / jobs[0].output) as pdf:
        images = [o for o in pdf.objects if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Image"]
        assert [str(image.ColorSpace) for image in images] == ["/DeviceRGB"]
        assert all("/DefaultRGB" in page.Resources.ColorSpace for page in pdf.pages)

"""Layout at the limits of valid input, measured in the PDF as a reader gets it: every word inside the page, the
clinic's whole name in every page's masthead, "Page N of M" whole, phone digits in order beside right-to-left
names; and typesetting: web addresses broken only after / . -, lines filled, no page ending on a lead-in."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from conftest import EXTREME_IDS, SAMPLE_IDS, Built
from pdf_measure import MM, Line, lines, page_sizes, page_texts, pictures, words, words_outside_page

from leaflet import content
from leaflet.render.html import display_url

pytestmark = pytest.mark.slow

# The page box of leaflet.css: the masthead runs in the top margin, the footer in the bottom one.
TOP_MARGIN = 28 * MM
SIDE_MARGIN = 15 * MM
BOTTOM_MARGIN = 16 * MM
# Printers leave the outermost few millimetres of a sheet blank: no word may sit there.
UNPRINTABLE = 3 * MM
# The widest padding (plus border) of a box in the body (.route, .summary, .section-get_help), in points: a line
# inside one ends this far short of the page's right margin.
BOX_INSET = 16.0
URL_BREAK_AFTER = ("/", ".", "-")


def squeezed(text: str) -> str:
    """`text` without white space: a name wrapped anywhere across lines still reads as the name."""
    return "".join(text.split())


def extreme_pdf(built: Built, clinic_id: str) -> Path:
    return built.path(clinic_id, "pdf")


# -- the extreme clinics: everything on the page, nothing cut, nothing reordered --------------------------------------


@pytest.mark.parametrize("clinic_id", EXTREME_IDS)
def test_every_word_is_inside_the_page(built_extremes: Built, clinic_id: str) -> None:
    """Inside the side margins (no line runs into them, let alone off the sheet) and clear of the sheet's top and
    bottom edges (the masthead may not grow off the top)."""
    outside = words_outside_page(extreme_pdf(built_extremes, clinic_id), UNPRINTABLE, SIDE_MARGIN - 0.5)
    assert [(word.page, word.text[:40], round(word.x0), round(word.y0)) for word in outside] == []


@pytest.mark.parametrize("clinic_id", SAMPLE_IDS)
def test_every_word_of_the_samples_is_inside_the_page(built_samples: Built, clinic_id: str) -> None:
    outside = words_outside_page(built_samples.path(clinic_id, "pdf"), UNPRINTABLE, SIDE_MARGIN - 0.5)
    assert [(word.page, word.text[:40]) for word in outside] == []


@pytest.mark.parametrize("clinic_id", EXTREME_IDS)
def test_the_whole_name_is_in_every_pages_masthead(built_extremes: Built, clinic_id: str) -> None:
    name = squeezed(built_extremes.clinics[clinic_id].name)
    heads = page_texts(extreme_pdf(built_extremes, clinic_id), bottom=TOP_MARGIN)
    assert len(heads) == len(page_sizes(extreme_pdf(built_extremes, clinic_id)))
    for number, head in enumerate(heads, start=1):
        assert name in squeezed(head), f"page {number}"


@pytest.mark.parametrize("clinic_id", EXTREME_IDS)
def test_page_numbers_are_whole(built_extremes: Built, clinic_id: str) -> None:
    pdf = extreme_pdf(built_extremes, clinic_id)
    total = len(page_sizes(pdf))
    numbered = {line.page for line in lines(pdf) if line.text == f"Page {line.page} of {total}"}
    assert numbered == set(range(1, total + 1))


@pytest.mark.parametrize("clinic_id", EXTREME_IDS)
def test_the_footer_is_one_line(built_extremes: Built, clinic_id: str) -> None:
    pdf = extreme_pdf(built_extremes, clinic_id)
    for number, (_, height) in enumerate(page_sizes(pdf), start=1):
        footer = [word for word in words(pdf) if word.page == number and word.y0 > height - BOTTOM_MARGIN]
        assert footer, f"page {number} has no footer"
        # Scripts from another font (Noto Sans Arabic's deep descenders) reach a few points lower; a second line
        # sits a whole line (12 pt) lower.
        assert max(word.y1 for word in footer) - min(word.y1 for word in footer) < 6, f"page {number}"


@pytest.mark.parametrize("clinic_id", EXTREME_IDS)
def test_phone_digits_are_in_order_on_every_page(built_extremes: Built, clinic_id: str) -> None:
    """Beside a right-to-left name an unisolated phone prints as "4973-639 (505)": read each line as drawn, left
    to right, and find the number as written."""
    pdf = extreme_pdf(built_extremes, clinic_id)
    phone = built_extremes.clinics[clinic_id].main_phone.display
    last_group = phone.split()[-1]
    for number, (_, height) in enumerate(page_sizes(pdf), start=1):
        page_lines = [line for line in lines(pdf) if line.page == number]
        footers = [line for line in page_lines if line.y0 > height - BOTTOM_MARGIN and last_group in line.text]
        assert len(footers) == 1, f"page {number}: {[line.text for line in page_lines[-3:]]}"
        for line in page_lines:
            if last_group in line.text:
                assert phone in line.text, f"page {number}: {line.text!r}"


@pytest.mark.parametrize("clinic_id", ["wide-letter", "all-routes"])
def test_the_logo_keeps_its_shape_inside_the_masthead(
    built_extremes: Built, built_fixtures: Built, clinic_id: str
) -> None:
    """A 20:1 logo once stretched across the masthead and off the top of the sheet; the all-routes logo is 15:4."""
    built = built_extremes if clinic_id == "wide-letter" else built_fixtures
    pdf = built.path(clinic_id, "pdf")
    logos = pictures(pdf)
    assert sorted(logo.page for logo in logos) == list(range(1, len(page_sizes(pdf)) + 1))
    for logo in logos:
        width, _ = page_sizes(pdf)[logo.page - 1]
        assert UNPRINTABLE <= logo.y0 < logo.y1 <= TOP_MARGIN, logo
        assert SIDE_MARGIN - 0.5 <= logo.x0 < logo.x1 <= width - SIDE_MARGIN + 0.5, logo
        assert logo.drawn_ratio == pytest.approx(logo.pixel_ratio, rel=0.02), logo


# -- typesetting, in every shipped PDF -------------------------------------------------------------------------------


def built_pdfs(built_samples: Built, built_fixtures: Built, built_extremes: Built) -> list[Path]:
    return [
        *(built_samples.path(clinic_id, "pdf") for clinic_id in SAMPLE_IDS),
        built_fixtures.path("harbour-a4", "pdf"),
        built_fixtures.path("all-routes", "pdf"),
        *(built_extremes.path(clinic_id, "pdf") for clinic_id in EXTREME_IDS),
    ]


def url_pieces(text: str, shown: str) -> list[str] | None:
    """`shown` as `text` breaks it across lines: the piece on each line; None if it is not in `text`."""
    match = re.search("\n?".join(re.escape(c) for c in shown), text)
    return match.group(0).split("\n") if match else None


def shown_reference_urls() -> list[str]:
    shown = []
    for reference in content.references().values():
        if reference.doi:
            shown.append(f"doi:{reference.doi}")
        elif reference.url:
            shown.append(display_url(reference.url))
    return shown


@pytest.mark.parametrize("clinic_id", [*SAMPLE_IDS, "harbour-a4"])
def test_web_addresses_break_only_after_a_slash_dot_or_hyphen(
    built_samples: Built, built_fixtures: Built, clinic_id: str
) -> None:
    """Never inside a word, never after the dot of "www." (Letter once printed "w" / "ww.nimh.nih.gov..."), in the
    guide's full list of sources."""
    built = built_fixtures if clinic_id == "harbour-a4" else built_samples
    text = "\n".join(page_texts(built.guide_path(clinic_id, "pdf")))
    found = 0
    for shown in shown_reference_urls():
        pieces = url_pieces(text, shown)
        if pieces is None:
            continue
        found += 1
        for piece in pieces[:-1]:
            assert piece.endswith(URL_BREAK_AFTER) and not piece.endswith("www."), f"{shown} broken as {pieces}"
    assert found >= 3, "the guide's sources are not in the text: the search is broken"


def first_unit_width(line: Line) -> float:
    """How wide the line's first word is with what is set against it (a citation marker, a full stop)."""
    end = line.words[0].x1
    for word in line.words[1:]:
        if word.x0 - end > 1:
            break
        end = word.x1
    return end - line.words[0].x0


def premature_breaks(pdf: Path) -> list[tuple[int, str, str]]:
    """Lines of a body paragraph ended although the next line's first word would have fitted on them."""
    found = []
    sizes = page_sizes(pdf)
    all_lines = lines(pdf)
    for line, after in itertools.pairwise(all_lines):
        width, height = sizes[line.page - 1]
        # pdftotext puts lines of one box (an address, a list) in one block: a line that goes on with a small
        # letter is the same sentence.
        continued = after.words[0].text[:1].islower()
        same_paragraph = line.page == after.page and line.block == after.block and after.y0 > line.y0 + 1 and continued
        in_body = line.y0 > TOP_MARGIN and after.y1 < height - BOTTOM_MARGIN
        if not (same_paragraph and in_body):
            continue
        room = width - SIDE_MARGIN - BOX_INSET - line.x1
        space = line.words[1].x0 - line.words[0].x1 if len(line.words) > 1 else 3.0
        if space + first_unit_width(after) < room:
            found.append((line.page, line.text, after.text))
    return found


def test_lines_are_filled_before_they_break(built_samples: Built, built_fixtures: Built, built_extremes: Built) -> None:
    """A line ends only where the next word would not fit (on A4, "Medicines" once stood alone before "like
    sertraline ..."). Measured on the guides, set in one column the width of the page."""
    guides = [
        pdf.with_name(pdf.name.replace(".en.pdf", ".guide.en.pdf"))
        for pdf in built_pdfs(built_samples, built_fixtures, built_extremes)
    ]
    for pdf in guides:
        assert premature_breaks(pdf) == [], pdf.parent.name


def test_no_page_ends_with_a_heading_or_lead_in(
    built_samples: Built, built_fixtures: Built, built_extremes: Built
) -> None:
    """A heading, or a lead-in ending in ':', belongs on the page of what it introduces."""
    for pdf in built_pdfs(built_samples, built_fixtures, built_extremes):
        sizes = page_sizes(pdf)
        body_height = sorted(word.y1 - word.y0 for word in words(pdf))[len(words(pdf)) // 2]
        for number, (_, height) in enumerate(sizes[:-1], start=1):
            body = [
                line for line in lines(pdf) if line.page == number and TOP_MARGIN < line.y0 < height - BOTTOM_MARGIN
            ]
            last = max(body, key=lambda line: line.y1)
            assert not last.text.endswith(":"), f"{pdf.parent.name} page {number}: {last.text!r}"
            # A heading's every word is set larger; a body line may hold one taller word from another script's font.
            smallest = min(word.y1 - word.y0 for word in last.words)
            assert smallest < 1.25 * body_height, f"{pdf.parent.name} page {number}: {last.text!r}"

"""The layout invariant (leaflet.render.layout), on hand-made pages: text printed over text, off its page or out of
its panel is found and named with how far; a clean page, touching lines, a list marker, an inline-block and the
page's margin boxes are not faults. And render_pdf refuses such a page with DoesNotFit, writing nothing."""

from __future__ import annotations

import pytest

from leaflet.errors import DoesNotFit
from leaflet.render import layout
from leaflet.render.pdf import render_pdf

pytestmark = pytest.mark.slow

PAGE = "@page { size: 100mm 100mm; margin: 10mm; @bottom-center { content: 'Page ' counter(page); } }"
PARAGRAPH = "<p>A short paragraph of words that wraps over a few lines in its narrow page.</p>"


def faults(body: str, css: str = "") -> list[str]:
    import weasyprint

    html = f"<!doctype html><html lang=en><style>{PAGE} body {{ font: 10pt/1.2 serif; margin: 0 }} {css}</style>"
    return layout.faults(weasyprint.HTML(string=html + f"<body>{body}</body></html>").render())


def test_a_clean_page_passes() -> None:
    """Lines touch, a list's markers sit beside their lines, an inline-block's lines sit inside their line, a table
    and a footer in the page's margin box: nothing is a fault."""
    body = (
        f"<h1>Title</h1>{PARAGRAPH}<ul><li>one</li><li>two</li></ul>"
        '<p>Before <span style="display: inline-block; width: 20mm">two lines in a box</span> after.</p>'
        "<table><tr><td>a cell</td><td>another cell</td></tr></table>"
        '<p><img alt="" style="width: 5mm; height: 5mm" src="data:image/svg+xml,'
        "%3Csvg xmlns='http://www.w3.org/2000/svg' width='10' height='10'/%3E\"> beside an image</p>"
    )
    assert faults(body) == []


def test_a_negative_margin_prints_text_over_text() -> None:
    found = faults(f'{PARAGRAPH}<p class="pulled" style="margin-top: -8mm">Pulled up over the text.</p>')
    assert found, "no fault"
    assert all("printed over" in fault for fault in found)
    assert '"Pulled up over the text." (p.pulled)' in found[0]
    assert found[0].endswith("mm on page 1")


def test_an_absolutely_positioned_box_over_text_is_named() -> None:
    found = faults(
        f'{PARAGRAPH}<div id="badge" data-section="notice" style="position: absolute; top: 1mm; left: 2mm">NEW</div>'
    )
    assert len(found) == 1
    assert "\"NEW\" (div#badge in section 'notice')" in found[0]
    assert "A short paragraph" in found[0]


def test_text_that_runs_out_of_a_fixed_height_box_lands_on_what_follows() -> None:
    found = faults(f'<div class="box" style="height: 5mm">{PARAGRAPH * 3}</div><p>What follows.</p>')
    assert any('"What follows." (p)' in fault and "printed over" in fault for fault in found), found


def test_text_a_box_hides_is_cut_off() -> None:
    found = faults(f'<div class="box" style="height: 5mm; overflow: hidden">{PARAGRAPH * 3}</div>')
    assert found and all("is cut off by" in fault for fault in found), found


def test_text_in_the_pages_margin_is_named_with_how_far() -> None:
    """The page's margin is for its margin boxes (the footer here): the body's text keeps out of it."""
    found = faults('<p style="margin-left: -5mm">Into the margin.</p>')
    assert found == ['the line "Into the margin." (p) runs 5.0 mm into the margin of page 1']


def test_an_image_off_the_sheet_is_named() -> None:
    found = faults(
        '<img class="logo" alt="" style="position: absolute; top: -15mm; width: 10mm; height: 10mm" '
        "src=\"data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='10' height='10'/%3E\">"
    )
    assert found == ["the image (img.logo) runs 5.0 mm off page 1"]


FOLDED = """
<style>
  .sheet { height: 80mm; break-after: page; }
  .panel { float: left; width: 40mm; }
</style>
<div class="sheet"><div class="panel" data-fit="left panel">{left}</div><div class="panel">Beside it.</div></div>
<div class="sheet"><div class="panel" data-fit="next panel">The next face.</div></div>
"""


def test_a_panel_that_runs_on_to_the_next_page_is_named_with_how_far() -> None:
    found = faults(FOLDED.replace("{left}", PARAGRAPH * 12))
    assert found[0].startswith("the left panel is ") and found[0].endswith(
        " mm too long for its page: it runs on to page 2"
    )


def test_a_panel_that_fits_passes() -> None:
    assert faults(FOLDED.replace("{left}", PARAGRAPH)) == []


def test_a_line_wider_than_its_panel_is_outside_it() -> None:
    found = faults(
        FOLDED.replace(
            "{left}", '<p style="white-space: nowrap" class="wide">An unbroken line too long for its panel</p>'
        )
    )
    assert any(
        "(p.wide of the left panel) runs" in fault and "outside the left panel on page 1" in fault for fault in found
    ), found


def test_render_pdf_refuses_a_broken_layout() -> None:
    html = f"<!doctype html><html lang=en><head><title>t</title><style>{PAGE}</style></head><body>"
    html += f'{PARAGRAPH}<p style="margin-top: -8mm">Pulled up over the text.</p></body></html>'
    with pytest.raises(DoesNotFit, match=r"its layout prints text where it cannot be read: the line .* printed over"):
        render_pdf(html)

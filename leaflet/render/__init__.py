"""Step 5 of the pipeline: lay a Document out as standalone HTML, then as a tagged PDF."""

from leaflet.render.html import render_html
from leaflet.render.pdf import render_pdf

__all__ = ["render_html", "render_pdf"]

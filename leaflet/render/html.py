"""Lay a Document out as one standalone HTML file: semantic markup, CSS and images inlined.

Every template runs with autoescape on and StrictUndefined: clinic text is always text, and a missing value is
an error, never an empty string.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from functools import cache
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup

from leaflet import __version__, content, crisis, i18n, resources
from leaflet.colors import readable_on_white
from leaflet.documents import KINDS, Document
from leaflet.fonts import css as font_css
from leaflet.fonts.css import stack_families
from leaflet.glyphs import clinic_text
from leaflet.model import Clinic
from leaflet.render import assets, fit
from leaflet.render.inline import breakable_url, isolated, isolated_css
from leaflet.render.qr import qr_data_uri

PAPER_SIZES = {
    "letter": {"css": "letter", "points": (612, 792)},
    "a4": {"css": "A4", "points": (595, 842)},
}


def css_string(text: str) -> Markup:
    """`text` as a quoted CSS string: every character but letters, digits and spaces hex-escaped, so no
    clinic text can end the string, the rule or the <style> element."""
    # A hex escape ends at the next white space, which CSS swallows: always write that space, so a real space
    # after an escaped character survives.
    escaped = "".join(c if (c.isalnum() and c.isascii()) or c == " " else f"\\{ord(c):06x} " for c in text)
    return Markup(f'"{escaped}"')


def page_counter(template: str) -> Markup:
    """A translated "Page {page} of {pages}" as CSS content: strings around counter(page) and counter(pages)."""
    pieces: list[str] = []
    rest = template
    while rest:
        positions = [(rest.find(token), token) for token in ("{page}", "{pages}") if token in rest]
        if not positions:
            pieces.append(css_string(rest))
            break
        index, token = min(positions)
        if index:
            pieces.append(css_string(rest[:index]))
        pieces.append("counter(page)" if token == "{page}" else "counter(pages)")
        rest = rest[index + len(token) :]
    return Markup(" ".join(pieces))


def sentence(text: str) -> str:
    """`text` ending in a full stop, unless it already ends in punctuation of its own."""
    text = text.strip()
    return text if text.endswith((".", "?", "!")) else f"{text}."


def display_url(url: str) -> str:
    """A URL as a reader types it: no scheme, no trailing slash."""
    parts = urlsplit(url)
    shown = parts.netloc + (parts.path if parts.path != "/" else "")
    return shown + (f"?{parts.query}" if parts.query else "")


@cache
def environment(language: str) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(resources.templates_dir()),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=False,
        lstrip_blocks=False,
    )
    env.install_gettext_translations(i18n.translations(language), newstyle=True)  # type: ignore[attr-defined]
    env.filters["css_string"] = css_string
    env.filters["page_counter"] = page_counter
    env.filters["display_url"] = display_url
    env.filters["sentence"] = sentence
    env.filters["isolated"] = isolated
    env.filters["in_language"] = lambda wording: wording.in_language(language)  # a clinic's Wording
    env.filters["breakable_url"] = breakable_url
    env.filters["long_date"] = lambda day: i18n.long_date(day, language)
    env.filters["qr_code"] = qr_data_uri
    return env


def created_date(document: Document, source_date_epoch: int | None) -> date:
    """The date a PDF says it was made: SOURCE_DATE_EPOCH when set, else the content's review date, so the same
    inputs always give the same bytes."""
    if source_date_epoch is not None:
        return datetime.fromtimestamp(source_date_epoch, tz=UTC).date()
    return document.review.reviewed


def footer_text(clinic: Clinic) -> str:
    """The printed footer: the name, shortened to keep one line, and the phone, each isolated (the footer is one
    CSS string, where a right-to-left name would otherwise reorder the phone's digits)."""
    phone = clinic.main_phone.display
    name = fit.footer_name(clinic.name, phone, font_css.advances(clinic.brand.font, "font", bold=False))
    return f"{isolated_css(name)} · {isolated_css(phone)}"


def masthead_name_size(clinic: Clinic) -> str:
    """The class that sets the masthead's name size, measured in the font that sets the name (bold)."""
    field = "font" if clinic.brand.heading_font is None else "heading_font"
    advances = font_css.advances(clinic.brand.heading_font or clinic.brand.font, field, bold=True)
    return fit.masthead_name_size(clinic.name, has_logo=clinic.brand.logo is not None, advances=advances).css_class


def render_html(document: Document, clinic: Clinic, source_date_epoch: int | None = None) -> str:
    """The standalone HTML page of `document`, made for `clinic` (as its kind's `view` narrowed it)."""
    kind = KINDS[document.kind]
    env = environment(document.language)
    gettext = i18n.translations(document.language).gettext
    routes = [gettext(i18n.ROUTE_NAMES[r]) for r in clinic.routes]
    # The clinic's other conditions, named only when no handout of their own (in this language) says what they are.
    with_handout = content.conditions_with_content(document.language)
    others = [gettext(i18n.CONDITIONS_DEFINED[c]) for c in clinic.conditions if c not in with_handout]
    template = env.get_template(kind.template)
    paper = PAPER_SIZES[clinic.paper]
    return template.render(
        document=document,
        clinic=clinic,
        language=document.language,
        version=__version__,
        created=created_date(document, source_date_epoch).isoformat(),
        paper=paper,
        page_size=f"{paper['css']} {kind.orientation}",
        colors={
            "primary": clinic.brand.primary_color,
            "primary_text": readable_on_white(clinic.brand.primary_color),
            "accent": clinic.brand.accent_color,
        },
        footer_text=footer_text(clinic),
        name_size=masthead_name_size(clinic),
        logo=assets.logo_data_uri(clinic.brand.logo) if clinic.brand.logo else None,
        font_faces=assets.font_faces_css(clinic_text(clinic), clinic.brand.font, clinic.brand.heading_font),
        fonts=stack_families(clinic.brand.font, clinic.brand.heading_font),
        theme_css=assets.theme_css(kind.stylesheets),
        route_list=", ".join(routes),
        other_conditions="; ".join(others),
        condition_names=[gettext(i18n.CONDITION_NAMES[c]) for c in clinic.conditions],
        clinic_crisis_lines=crisis.crisis_lines(clinic.country, document.language).lines,
    )

"""Clinic text isolated from the text around it, and web addresses given break points a reader expects."""

from __future__ import annotations

import pytest

from leaflet.model import Said
from leaflet.render.inline import FSI, PDI, breakable_url, isolated, isolated_css


def test_isolated_text_is_escaped_inside_bdi() -> None:
    assert isolated("A & <b>") == "<bdi>A &amp; &lt;b&gt;</bdi>"


def test_isolated_css_text_sits_between_first_strong_and_pop_isolates() -> None:
    assert isolated_css("מרפאה") == f"{FSI}מרפאה{PDI}"


@pytest.mark.parametrize(
    ("shown", "html"),
    [
        ("www.nimh.nih.gov/health", "www.nimh.<wbr>nih.<wbr>gov/<wbr>health"),
        ("example.org/a-b/", "example.<wbr>org/<wbr>a-<wbr>b/"),
        ("doi:10.1176/appi", "doi:10.<wbr>1176/<wbr>appi"),
        ("www.", "www."),
        ("a.b?x=<y>", "a.<wbr>b?x=&lt;y&gt;"),
    ],
)
def test_urls_may_break_after_slash_dot_hyphen_but_not_in_www(shown: str, html: str) -> None:
    assert breakable_url(shown) == html


def test_a_clinics_text_in_another_language_than_the_leaflets_is_marked_with_its_own() -> None:
    assert isolated(Said("Mon-Fri <9-5>", "en", "es")) == '<bdi lang="en">Mon-Fri &lt;9-5&gt;</bdi>'
    assert isolated(Said("lun. a vie.", "es", "es")) == "<bdi>lun. a vie.</bdi>"

"""QR codes for the way to reach the clinic, drawn by segno as SVG: vector in the PDF, crisp at any zoom.

Error correction Q (a quarter of the code can be dirty or creased and it still reads), the 4-module quiet zone
the standard asks for, black on white whatever the brand colours: phone cameras read contrast, not colour.
"""

from __future__ import annotations

from functools import cache


@cache
def qr_data_uri(target: str) -> str:
    """An SVG image of a QR code for `target` (a URL or a tel: link), as a data: URI."""
    import segno  # imported by the process that renders: planning needs none of it

    code = segno.make(target, error="q", boost_error=False, micro=False)
    uri: str = code.svg_data_uri(border=4, dark="#000000", light="#ffffff", scale=1, xmldecl=False)
    return uri

"""Contact details that are placeholders, not a clinic's own: a leaflet carrying them is a sample.

Small and free of heavy imports: the model asks this for every leaflet it renders (the SAMPLE mark), and the
`placeholder-contact` lint rule names each placeholder it finds.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# NANP keeps 555-0100 to 555-0199 for fiction (every area code); other 555 numbers can be real.
_FICTIONAL_LINE = range(100, 200)
# RFC 2606: example.com/.org/.net and the reserved top-level domains never reach a real clinic.
_RESERVED = re.compile(r"(?:^|\.)(?:example\.(?:com|org|net)|[^.]+\.(?:example|test|invalid|localhost))$")


def is_fictional_phone(e164: str) -> bool:
    """A North American number in 555-0100..0199, like "+15125550142"."""
    digits = e164.removeprefix("+")
    return len(digits) == 11 and digits.startswith("1") and digits[4:7] == "555" and int(digits[7:]) in _FICTIONAL_LINE


def is_reserved_address(value: str) -> bool:
    """An email address or URL at example.com/.org/.net (or a subdomain), or a reserved top-level domain."""
    host = value.rsplit("@", 1)[1] if "@" in value and "//" not in value else (urlsplit(value).hostname or "")
    return bool(_RESERVED.search(host.lower().rstrip(".")))

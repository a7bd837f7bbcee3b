"""Brand colours made safe to read: text in a brand colour must keep WCAG 2.1 AA contrast (4.5:1) on white.

A colour too light for text is printed in a darker shade of itself (readable_on_white; the lint rule
brand-contrast tells the clinic which). A (near) white colour has no such shade: darkened it turns grey, a colour
the clinic never chose, and as given its rules and bands vanish on the white page. Those are refused
(near_white_problem, read by the clinic file's colour checker).
"""

from __future__ import annotations

AA_CONTRAST = 4.5
# Below this contrast with white a rule or band barely shows on the page (#eeeeee is 1.16:1, #ffff00 1.07:1); the
# lightest sample accent, a pale green #b7e4c7, has 1.41:1. Not a WCAG figure: rules and bands are decorative.
VISIBLE_ON_WHITE = 1.25


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def luminance(color: str) -> float:
    """Relative luminance of a "#rrggbb" colour (WCAG 2.1 definition)."""
    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(a: str, b: str) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def readable_on_white(color: str) -> str:
    """`color` itself if it reads well as text on white, else the same hue darkened until it does."""
    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    for step in range(101):
        factor = 1 - step / 100
        candidate = "#{:02x}{:02x}{:02x}".format(*(round(c * factor) for c in (r, g, b)))
        if contrast(candidate, "#ffffff") >= AA_CONTRAST:
            return candidate
    return "#000000"  # pragma: no cover - black always passes


def near_white_problem(color: str, default: str) -> str | None:
    """What is wrong with a brand colour too close to white for any use on a white page, and the fix; None if
    it shows. `color` is "#rrggbb"; `default` is the field's default, offered as the fix."""
    ratio = contrast(color, "#ffffff")
    if ratio >= VISIBLE_ON_WHITE:
        return None
    return (
        f"{color} is too close to white ({ratio:.2f}:1 on white, at least {VISIBLE_ON_WHITE}:1 is needed): its "
        f"rules and bands would not show on the page, and no darker shade of it is the same colour (darkened for "
        f"text it turns {readable_on_white(color)}); choose a darker or stronger colour, such as {default}"
    )

"""Brand colours made safe to read: text in a brand colour must keep WCAG 2.1 AA contrast (4.5:1) on white."""

from __future__ import annotations

AA_CONTRAST = 4.5


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

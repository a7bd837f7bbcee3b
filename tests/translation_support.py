"""Small English and translated content trees in a temporary folder, for the translation tests."""

from __future__ import annotations

from pathlib import Path

from lint_support import write

from leaflet import translation
from leaflet.lint.targets import Target, content_targets

ENGLISH = """\
title: Ketamine for PTSD
summary: Ketamine may help some people.
written: 2026-11-15
next_review: 2027-11-15
sections:
  about:
    heading: What PTSD is
    body: PTSD can follow a frightening event.
  evidence:
    heading: What studies show
    body: Results vary.
references: [kessler2005]
sheet:
  summary: A short message.
  references: [feder2021]
sheet_routes:
  iv: A drip into a vein.
"""

SPANISH = """\
title: Ketamina para el TEPT
summary: La ketamina puede ayudar a algunas personas.
written: 2026-11-15
next_review: 2027-11-15
sections:
  about:
    heading: Qué es el TEPT
    body: El TEPT puede aparecer después de un hecho aterrador.
  evidence:
    heading: Qué muestran los estudios
    body: Los resultados varían.
references: [kessler2005]
sheet:
  summary: Un mensaje corto.
  references: [feder2021]
sheet_routes:
  iv: Un goteo en una vena.
"""


def tree(folder: Path, english: str = ENGLISH, spanish: str = SPANISH, stamp: bool = True) -> Path:
    """content/en/ptsd.yaml and content/es/ptsd.yaml; with `stamp`, the Spanish records the English's hashes."""
    write(folder, english, "content/en/ptsd.yaml")
    path = write(folder, spanish, "content/es/ptsd.yaml")
    if stamp:
        translation.write_block(path, translation.block(path))
    return path


def target(path: Path) -> Target:
    [found] = content_targets([path])
    return found

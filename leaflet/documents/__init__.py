"""Step 4 of the pipeline: documents as data — which kinds there are, which sections each has, with which words.

Every kind of document is one module here, declaring what it is made for (each condition, each location, the
clinic), its definition file in data/documents/, its template and stylesheets, its page and the data files its
job keys hash (see base.DocumentKind). KINDS below is the only list of them: the batch builder, the renderer and
the gallery look a kind up here and never name one. CONTRIBUTING.md says how to add one.

  base.py      what a kind declares
  parts.py     what documents are made of: parts, blocks, panels, numbered citations
  handout.py   one per condition: the one-sheet handout clinic staff give a patient
  guide.py     one per condition: the long read behind it, study by study, for the clinic's website
  brochure.py  one per location: the tri-fold brochure marketing hands out
"""

from __future__ import annotations

from leaflet.documents.base import DocumentKind
from leaflet.documents.brochure import Brochure
from leaflet.documents.guide import Guide
from leaflet.documents.handout import Handout
from leaflet.documents.parts import Block, Citation, Document, Panel, Part

KINDS: dict[str, DocumentKind] = {kind.name: kind for kind in (Handout(), Guide(), Brochure())}

__all__ = ["KINDS", "Block", "Citation", "Document", "DocumentKind", "Panel", "Part"]

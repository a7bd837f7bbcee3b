"""leaflet: branded, accurate, accessible patient-information leaflets from one YAML file per clinic.

The pipeline, one package or module per step:
    load (strict YAML) -> validate (schema) -> model -> content -> render (HTML, PDF) -> build (plan, run, report)
"""

__version__ = "0.1.0"

from leaflet.errors import InvalidInput, LeafletError, Problem, RenderFailed
from leaflet.validate import load_clinic, load_clinics

__all__ = [
    "InvalidInput",
    "LeafletError",
    "Problem",
    "RenderFailed",
    "__version__",
    "load_clinic",
    "load_clinics",
]

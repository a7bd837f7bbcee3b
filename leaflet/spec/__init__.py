"""The shapes of the YAML files leaflet reads, declared once as nested field kinds and walked with positions.

kinds.py        the walk and the composable kinds: Mapping, Key, ListOf, DictOf, Retired
scalars.py      the kinds of single values: Line, Text, Id, Choice, Date, Color, PhoneNumber, Logo, ...
clinic.py       the clinic file (data/clinics/*.yaml) -> leaflet.model.Clinic
content.py      the content files (data/content/<lang>/*.yaml, references.yaml) -> leaflet.content's objects
definitions.py  the document definitions (data/documents/*.yaml) -> leaflet.documents.parts.Definition
"""

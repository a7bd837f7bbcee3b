"""Step 7 of the pipeline: lint — the words of clinic files and of the shipped content, checked against the
claims, reading level, definitions, required elements, review dates and contact details a leaflet needs.

  problem.py      LintProblem: file, line, column, level, rule, message
  placeholder.py  placeholder contact details (555-01xx, example.com); light: the model imports it
  words.py        the words and limits each rule reads, from data/lint/<lang>.yaml
  text.py         the prose of a file, each string with where each of its characters is in the file
  readability.py  sentences, words, syllables (Pyphen: offline), Flesch-Kincaid and SMOG
  targets.py      what is linted: a clinic file, a content file and the documents it leads
  original.py     a translated content file's English original, for the translation rules
  rules/          one module per rule; RULES is the only list of them
  engine.py       runs the rules, and prints what they found (text or JSON)

Nothing here is imported by a build that is up to date, except `placeholder` and (when a clinic is linted)
the engine: Pyphen loads its dictionary on the first grade computed.
"""

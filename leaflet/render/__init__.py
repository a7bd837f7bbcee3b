"""Step 5 of the pipeline: lay a Document out as standalone HTML, then as a tagged PDF.

html.py    render_html(): the document in the theme's Jinja templates, fonts, CSS and logo inlined
pdf.py     render_pdf(): that HTML as a tagged PDF (PDF/UA-1) by WeasyPrint, sealed off from disk and network
assets.py  the fonts and CSS every page inlines

Nothing is imported here: planning a build reads assets.py without paying for Jinja or WeasyPrint.
"""

"""`leaflet preview`: a clinic's leaflets served on 127.0.0.1 and rebuilt as its files are saved (README,
"Preview while you edit").

  watch.py    which files to watch (the clinic file, its logo, its font) and whether they changed
  state.py    what the pages show, shared by the build loop and the request threads
  pages.py    the index page, the reload script added to each page served, PNGs of the PDFs' pages
  server.py   the web server: 127.0.0.1 only, only the files of the preview's own build
  session.py  the loop: build into a temporary folder, serve, watch, rebuild
"""

from leaflet.preview.session import serve_preview

__all__ = ["serve_preview"]

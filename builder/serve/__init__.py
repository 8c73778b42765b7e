"""`voces serve`: a live HTML preview of every module and language, redrawn on each save.

preview.py takes each save (load, then check) and keeps each preview's drawing with its build
job's fingerprint (plan.py), so only the previews whose inputs changed are drawn again; the
drawings are slides from the same slide plan the pptx uses, and the guide and handout through
the same writers as the docx files, as HTML. pages.py puts a page together from a drawing and
the findings; server.py serves the pages read-only on 127.0.0.1 and tells open pages to update
when a file changes.
"""

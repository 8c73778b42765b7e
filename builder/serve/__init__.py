"""`voces serve`: a live HTML preview of every module and language, redrawn on each save.

preview.py loads and checks the curriculum and draws the pages (slides from the same slide plan
the pptx uses, guide and handout through the same writers as the docx files, as HTML);
server.py serves them read-only on 127.0.0.1 and tells open pages to update when a file changes.
"""

"""`voces results`: a delivery's filled quiz forms (entry workbooks or Moodle's Responses CSV)
scored, stored (SQLite, participant codes only) and reported (docx, HTML, text, JSON).

Reading and scoring follow product.md ("Scoring", "Statistics"), so paper forms, Moodle and the
report agree. Modules: `answers` (an answer as the item's own options, and its score), `findings`
(bad input), `read_workbook`, `read_moodle`, `privacy` (columns dropped on reading), `store`,
`statistics`, `report_*`, `command` (what the CLI calls).
"""

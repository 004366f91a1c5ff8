"""The editors' workbook (SPEC §7): `skillmap export` writes it, `skillmap import` reads it back.

`sheets` says which tables become which sheets and how each column is typed; `export_book`
writes, `read_book` reads cells as editors type them, `merge` turns rows into records checked
against the catalogue, `apply` writes the good ones as canonical YAML.
"""

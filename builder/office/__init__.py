"""Writing Office files: the docx toolkit every Word document uses (styles, tables, contents,
pictures, quotes), the shapes a deck draws beside its text, and byte-reproducible zips."""

"""Prints the text of every page of a PDF, read by pypdf (an independent reader)."""
import sys

import pypdf

reader = pypdf.PdfReader(sys.argv[1])
print(f"pages: {len(reader.pages)}")
for page in reader.pages:
    print(page.extract_text())

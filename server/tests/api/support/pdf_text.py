"""Prints what an independent reader (pypdf) finds in a PDF: the page count, the
document's language, whether it is tagged and its structure in reading order, then the
text of every page."""
import sys

import pypdf
from pypdf.generic import ArrayObject, DictionaryObject

reader = pypdf.PdfReader(sys.argv[1])
root = reader.trailer["/Root"]
print(f"pages: {len(reader.pages)}")
print(f"lang: {root.get('/Lang')}")
mark = root.get("/MarkInfo")
print(f"marked: {bool(mark and mark.get_object().get('/Marked'))}")


def walk(node, out):
    node = node.get_object()
    if not isinstance(node, DictionaryObject):
        return
    role = node.get("/S")
    if role is not None:
        out.append(str(role)[1:])
    kids = node.get("/K")
    if kids is None:
        return
    kids = kids.get_object()
    for kid in kids if isinstance(kids, ArrayObject) else [kids]:
        walk(kid, out)


tree = root.get("/StructTreeRoot")
roles = []
if tree is not None:
    walk(tree, roles)
print(f"structure: {' '.join(roles)}")
for page in reader.pages:
    print(page.extract_text())

"""Accept All and Reject All applied to a Word file's XML, as Word does them, so a
test can read what a reviewer gets after either.

- A run change (w:ins / w:del, w:moveTo / w:moveFrom around runs): accepting
  keeps the inserted runs and drops the deleted ones; rejecting the reverse, with
  w:delText read as text again.
- A paragraph-mark change (w:pPr/w:rPr/w:ins|w:del): a removed mark joins the
  paragraph's content to the start of the next paragraph, which keeps its own
  properties; a kept mark loses its tracking.
Comments, headers and properties are left as they are.
"""

from __future__ import annotations

import io
import zipfile

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
INSERTS = (W + "ins", W + "moveTo")
DELETES = (W + "del", W + "moveFrom")


def _mark_of(p: etree._Element, tags: tuple[str, ...]) -> etree._Element | None:
    props = p.find(W + "pPr")
    run_props = props.find(W + "rPr") if props is not None else None
    if run_props is None:
        return None
    return next((el for el in run_props if el.tag in tags), None)


def _settle_xml(root: etree._Element, accept: bool) -> None:
    keep, drop = (INSERTS, DELETES) if accept else (DELETES, INSERTS)
    body = root.find(W + "body")
    # table rows: a dropped row goes, and a table left without rows with it
    for tr in list(body.iter(W + "tr")):
        props = tr.find(W + "trPr")
        marks = [el for el in props if el.tag in keep + drop] if props is not None else []
        if any(el.tag in drop for el in marks):
            tr.getparent().remove(tr)
        for el in marks:
            if el.tag in keep:
                props.remove(el)
    for tbl in list(body.iter(W + "tbl")):
        if tbl.find(W + "tr") is None:
            tbl.getparent().remove(tbl)
    paragraphs = list(body.iter(W + "p"))
    # paragraph marks first, last paragraph first, so chains of removed marks join up
    for p in reversed(paragraphs):
        kept = _mark_of(p, keep)
        if kept is not None:
            kept.getparent().remove(kept)
        if _mark_of(p, drop) is None:
            continue
        nxt = p.getnext()
        content = [el for el in p if el.tag != W + "pPr"]
        if nxt is not None and nxt.tag == W + "p":
            at = 1 if nxt.find(W + "pPr") is not None else 0
            for k, el in enumerate(content):
                nxt.insert(at + k, el)
            p.getparent().remove(p)
        else:  # the document's last paragraph keeps its mark (Word cannot delete it)
            dropped = _mark_of(p, drop)
            dropped.getparent().remove(dropped)
    for el in list(body.iter(*drop)):
        if el.getparent() is not None and el.getparent().tag != W + "rPr":
            el.getparent().remove(el)
    for el in list(body.iter(*keep)):
        parent = el.getparent()
        if parent is None or parent.tag == W + "rPr":
            continue
        at = parent.index(el)
        for k, child in enumerate(list(el)):
            parent.insert(at + k, child)
        parent.remove(el)
    for t in list(body.iter(W + "delText")):
        t.tag = W + "t"


def settle(data: bytes, accept: bool) -> bytes:
    """The .docx bytes after Accept All (`accept`) or Reject All."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            payload = src.read(info.filename)
            if info.filename == "word/document.xml":
                root = etree.fromstring(payload)
                _settle_xml(root, accept)
                payload = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            dst.writestr(info, payload)
    return out.getvalue()


def tracked_changes(data: bytes) -> int:
    """How many tracked changes (run and paragraph-mark) the document body holds."""
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        root = etree.fromstring(src.read("word/document.xml"))
    return sum(1 for _ in root.iter(*INSERTS, *DELETES))


def clause_shape(doc) -> dict:
    """What a reader of a clause sees, to compare two parses: front matter, parts,
    chapters, articles (label and text), definitions and tables."""
    return {
        "front": doc.front_matter,
        "sections": [(s.part, s.heading, s.type, [(a.label, a.text) for a in s.articles]) for s in doc.sections],
        "definitions": [(d.term, d.text) for d in doc.definitions],
        "tables": [t.rows for t in doc.tables],
    }

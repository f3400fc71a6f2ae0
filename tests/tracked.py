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
from pathlib import Path

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


# -- the same in LibreOffice: its own Accept All / Reject All, run by a Basic macro ----
_MACRO = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1" script:language="StarBasic">
Sub Settle(inPath As String, outPath As String, command As String)
  Dim args(0) As New com.sun.star.beans.PropertyValue
  args(0).Name = &quot;Hidden&quot;
  args(0).Value = True
  doc = StarDesktop.loadComponentFromURL(ConvertToURL(inPath), &quot;_blank&quot;, 0, args())
  dispatcher = createUnoService(&quot;com.sun.star.frame.DispatchHelper&quot;)
  dispatcher.executeDispatch(doc.CurrentController.Frame, &quot;.uno:&quot; &amp; command, &quot;&quot;, 0, Array())
  Dim out(0) As New com.sun.star.beans.PropertyValue
  out(0).Name = &quot;FilterName&quot;
  out(0).Value = &quot;MS Word 2007 XML&quot;
  doc.storeToURL(ConvertToURL(outPath), out())
  doc.close(True)
End Sub
</script:module>
"""


def libreoffice_profile(soffice: str, where: Path) -> Path:
    """A LibreOffice user profile of its own whose Standard Basic library holds the
    Settle macro (a first headless start writes the profile, then the macro replaces
    the empty Module1)."""
    import subprocess

    profile = where / "lo-profile"
    subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--terminate_after_init"], capture_output=True, timeout=300, check=False)
    module = profile / "user" / "basic" / "Standard" / "Module1.xba"
    assert module.exists(), "LibreOffice did not write its user profile"
    module.write_text(_MACRO, encoding="utf-8")
    return profile


def libreoffice_settle(soffice: str, profile: Path, path: Path, accept: bool) -> bytes:
    """`path` opened in LibreOffice, its changes all accepted (or rejected) by
    LibreOffice's own command, saved as .docx again: the bytes."""
    import subprocess

    out = path.with_name(f"{path.stem}-{'accepted' if accept else 'rejected'}-by-libreoffice.docx")
    command = "AcceptAllTrackedChanges" if accept else "RejectAllTrackedChanges"
    macro = f'macro:///Standard.Module1.Settle("{path}","{out}","{command}")'
    subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", macro], capture_output=True, timeout=300, check=False)
    assert out.exists(), f"LibreOffice did not save {out.name}"
    return out.read_bytes()

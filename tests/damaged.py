"""Damaged and oversized clause files made on purpose, from the sample corpus: a
compression bomb in a DOCX or a PDF, a PDF stream whose checksum fails, a DOCX
member that no longer inflates."""

from __future__ import annotations

import io
import zipfile

from .conftest import SAMPLES
from .fuzzing import member_data


def docx_with_document_of(size: int) -> bytes:
    """The bold-exclusions sample with its document.xml grown to about `size` bytes of
    real paragraphs (it compresses a thousandfold: a compression bomb)."""
    src = zipfile.ZipFile(SAMPLES / "bold-exclusions.docx")
    doc = src.read("word/document.xml").decode("utf-8")
    head = doc.split("<w:body>", 1)[0] + "<w:body>"
    para = "<w:p><w:r><w:t>第一条 本保险合同由保险条款、投保单、保险单组成。</w:t></w:r></w:p>"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for item in src.infolist():
            body = head + para * (size // len(para.encode())) + "</w:body></w:document>" if item.filename == "word/document.xml" else src.read(item)
            z.writestr(item.filename, body)
    return out.getvalue()


def pdf_with_content_of(size: int) -> bytes:
    """A one-page PDF whose content stream inflates to `size` bytes of text operators."""
    import zlib

    line = b"BT /F1 12 Tf 72 720 Td (a) Tj ET\n"
    packer = zlib.compressobj(9)
    block = line * (1024 * 1024 // len(line))
    stream = b"".join(packer.compress(block) for _ in range(size // len(block))) + packer.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO(b"%PDF-1.4\n")
    out.seek(0, 2)
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets))
    out.write(b"trailer << /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def damage_checksum_of_first_stream(pdf: bytes) -> bytes:
    """The last byte of the first Flate stream changed: its zlib checksum fails, so
    pdfminer keeps the text but logs "Data-loss while decompressing"."""
    start = pdf.index(b"stream\n", pdf.index(b"/FlateDecode")) + len(b"stream\n")
    end = pdf.index(b"endstream", start)
    last = end - 1 if pdf[end - 1 : end] not in (b"\n", b"\r") else end - 2
    return pdf[:last] + bytes([pdf[last] ^ 0xFF]) + pdf[last + 1 :]


def damage_docx_member(docx: bytes, member: str) -> bytes:
    """Bytes inside one compressed member changed, the ZIP's headers left whole:
    the archive opens and that member fails to inflate (a zlib error)."""
    data = bytearray(docx)
    start, _ = member_data(docx, zipfile.ZipFile(io.BytesIO(docx)).getinfo(member))
    for k in range(start + 20, start + 60):
        data[k] ^= 0x5A
    return bytes(data)

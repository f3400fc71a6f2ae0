"""LibreOffice (``soffice``) DOCX-to-PDF conversion and byte-stable normalisation of its PDFs."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path


def soffice_convert(docx_paths: list[Path], outdir: Path) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise SystemExit("soffice (LibreOffice) not found")
    with tempfile.TemporaryDirectory(prefix="tiaokuan-lo-") as tmp:
        profile = Path(tmp) / "profile"
        out = Path(tmp) / "out"
        out.mkdir()
        env = dict(os.environ, HOME=tmp)
        cmd = [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
               "--convert-to", "pdf", "--outdir", str(out)] + [str(p) for p in docx_paths]
        subprocess.run(cmd, check=True, env=env, timeout=600,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for p in docx_paths:
            produced = out / (p.stem + ".pdf")
            if not produced.exists():
                raise SystemExit(f"LibreOffice did not produce {produced.name}")
            shutil.move(str(produced), outdir / produced.name)
            normalize_lo_pdf(outdir / produced.name)


def normalize_lo_pdf(path: Path) -> None:
    """Pin LibreOffice's CreationDate and /ID so rebuilds are byte-identical.

    Replacements keep every byte length, so the xref table stays valid.
    """
    import hashlib
    data = path.read_bytes()
    data = re.sub(rb"/(CreationDate|ModDate)\(D:(\d{14})",
                  lambda m: b"/" + m.group(1) + b"(D:20260101000000", data)
    id_re = rb"/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\]"
    sum_re = rb"/DocChecksum\s*/([0-9A-Fa-f]+)"
    blank = re.sub(sum_re, b"", re.sub(id_re, b"/ID []", data))
    digest = hashlib.md5(blank).hexdigest().upper().encode()

    def pin(m):
        out = m.group(0)
        for g in m.groups():
            out = out.replace(g, digest[:len(g)])
        return out

    data = re.sub(id_re, pin, data)
    data = re.sub(sum_re, pin, data)
    path.write_bytes(data)

"""Naming a clause the way users do: a file path, a database version id, a 注册号
or 备案编号, or a product name, with its insurer in front where insurers share the name
(`太平科技:财产基本险`). The CLI, the workbench and the generator all resolve names
here, so the same name means the same clause everywhere."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from tiaokuan.errors import NotFoundError, OptionsError
from tiaokuan.i18n import _
from tiaokuan.model import ClauseDocument
from tiaokuan.parse.api import SUPPORTED_SUFFIXES, ParseOptions, parse_file
from tiaokuan.parse.filings import is_filing_number
from tiaokuan.parse.sister import layout_of, lost_numbering

from .names import split_insurer
from .search import Filters

if TYPE_CHECKING:
    from .api import ClauseDB

_REGISTRATION_NO = re.compile(r"[A-Z]\d{20,}")
_FILE_SUFFIXES = SUPPORTED_SUFFIXES  # web pages included


@dataclass(frozen=True)
class Resolved:
    """A clause found by name: the document, a name to show it by (a column, a
    heading), and the riders known to attach to it (by product name). `source` is
    the file it was parsed from and the clause's place among the file's clauses,
    when that file is at hand as it was parsed (for a stored clause, looked up only
    when its copy lost its labels: resolve_all reads no other again)."""

    document: ClauseDocument
    name: str
    riders: tuple[str, ...] = ()
    source: tuple[Path, int] | None = None


def looks_like_a_file(ref: str) -> bool:
    """A reference with a folder or a clause-file suffix is a path, never a product
    name, so a mistyped path is reported as such instead of opening a database."""
    return "/" in ref or "\\" in ref or Path(ref).suffix.lower() in _FILE_SUFFIXES


def is_product_name(ref: str) -> bool:
    """`ref` names a product by name: not a file, a version id, a 注册号 or a 备案编号."""
    return not (Path(ref).is_file() or looks_like_a_file(ref) or ref.isdigit() or _REGISTRATION_NO.fullmatch(ref) or is_filing_number(ref))


def with_insurer(ref: str, insurer: str | None) -> str:
    """`ref` narrowed to the products of `insurer` (`太平科技:财产基本险`) when it is a
    product name naming no insurer yet; files, ids and 注册号 are left as they are."""
    if not insurer or not is_product_name(ref) or split_insurer(ref)[0] is not None:
        return ref
    return f"{insurer.strip()}:{ref}"


class ClauseFinder:
    """Resolves clause references. Files are parsed with `options`; anything else is
    looked up in the database `db` — an open `ClauseDB`, or a URL opened on first
    need (and never created: looking a name up in a database that does not exist
    is an error, not a new empty database)."""

    def __init__(self, db: ClauseDB | str | None = None, options: ParseOptions = ParseOptions()):
        self._db = db
        self._options = options

    @property
    def db(self) -> ClauseDB:
        from .api import ClauseDB

        if not isinstance(self._db, ClauseDB):
            self._db = ClauseDB(self._db, create=False)
        return self._db

    def resolve(self, ref: str, version: str = "latest") -> Resolved:
        """The clause `ref` names; a file that bundles several clauses gives its
        first, with the bundled riders' names. A product name may carry its insurer
        (`太平科技:财产基本险`), and must where insurers share it."""
        path = Path(ref)
        if path.is_file():
            docs = parse_file(path, self._options).documents
            riders = tuple(d.product or d.title or "" for d in docs[1:] if d.rider)
            return Resolved(docs[0], docs[0].product or path.name, riders, (path, 0))
        if looks_like_a_file(ref):
            raise NotFoundError(ref, _("没有这个文件；请检查路径（或者写产品名称、注册号或数据库 id）"))
        db = self.db
        if ref.isdigit() or _REGISTRATION_NO.fullmatch(ref):
            key, what = ("version_id", int(ref)) if ref.isdigit() else ("registration_no", ref)
            found = [p for p in db.products(Filters(version="all")) if getattr(p, key) == what]
            if not found:
                said = _("没有版本 id 为 {ref} 的条款；用 `tiaokuan products --json` 列出") if ref.isdigit() else _("没有注册号为 {ref} 的条款；用 `tiaokuan products --json` 列出")
                raise NotFoundError(db.url, said.format(ref=ref))
            chosen = found[-1]
        elif is_filing_number(ref):
            ids = set(db.versions_filed_as(ref))
            filed = [p for p in db.products(Filters(version="all")) if p.version_id in ids]
            if not filed:
                raise NotFoundError(db.url, _("没有备案编号为 {ref} 的条款；用 `tiaokuan products --json` 列出").format(ref=ref))
            chosen = filed[-1]
        else:
            insurer, name = split_insurer(ref)
            chosen = db.find_version(name, version, insurer)
        riders = tuple(p.product for p in db.products() if p.main_product == chosen.product and p.insurer == chosen.insurer)
        label = chosen.version_label or ""
        name = chosen.product if label in chosen.product else f"{chosen.product} {label}".strip()
        doc = db.load(chosen.version_id)
        # (the file is read and hashed only for a copy resolve_all may read again)
        return Resolved(doc, name, riders, self._stored_source(chosen.version_id) if lost_numbering(doc) else None)

    def _stored_source(self, version_id: int) -> tuple[Path, int] | None:
        """The file a stored version was parsed from, if it is still there unchanged."""
        recorded, sha256, document = self.db.source_of(version_id)
        path = Path(recorded)
        try:
            same = path.is_file() and hashlib.sha256(path.read_bytes()).hexdigest() == sha256
        except OSError:
            same = False
        return (path, document) if same else None

    def resolve_all(self, refs: Sequence[str]) -> list[Resolved]:
        """`resolve` each of `refs`, to be read together (a comparison): a clause
        whose copy lost its 第X条 labels is read again beside the others that print
        theirs, restoring its numbering where it prints their paragraphs as they lay
        them out (sister.Layout) — as an analyst restores a copy by the parallel
        layout of the clause it copies. A stored clause whose file is no longer at
        hand, or has changed, keeps the numbering it was stored with."""
        found = [self.resolve(ref) for ref in refs]
        labelled = [f.document for f in found if not lost_numbering(f.document)]
        if not labelled:
            return found
        options = replace(self._options, layout=layout_of(labelled))
        out = []
        for f in found:
            if lost_numbering(f.document) and f.source is not None:
                path, document = f.source
                docs = parse_file(path, options).documents
                f = replace(f, document=docs[document]) if document < len(docs) else f
            out.append(f)
        return out

    def pick(self, ref: str, document: int = 1, near: Path | None = None, rider: bool = False) -> Resolved:
        """Like `resolve`, for one clause of a file: a relative path is also tried
        beside `near` (a spec's folder); `document` counts the clauses of a file
        that bundles several, from 1; `rider` takes the file's first rider."""
        path = Path(ref)
        if not path.is_file() and near is not None and not path.is_absolute() and (near / path).is_file():
            path = near / path
        if not path.is_file():
            return self.resolve(ref)
        docs = parse_file(path, self._options).documents
        if rider:
            return Resolved(next((d for d in docs if d.rider), docs[0]), ref)
        if not 1 <= document <= len(docs):
            raise OptionsError(ref, _("其中有 {n} 个条款，没有第 {document} 个；请给出 1 到 {n} 之间的序号").format(n=len(docs), document=document))
        return Resolved(docs[document - 1], ref)

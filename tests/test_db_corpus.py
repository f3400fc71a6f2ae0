"""The whole real corpus (text, doc, catalog) into the database, on SQLite and on
PostgreSQL; then a dozen Chinese searches must bring back the products that hold
those words (each checked by reading the clause)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tiaokuan.clauses_db import ClauseDB, Filters, MatchKind, Outcome

from .conftest import soffice_available

pytestmark = pytest.mark.corpus

# term → a product whose clause uses the term as a word
EXPECTED = {
    "专利无效": "专利无效费用损失保险",
    "免赔额": "团体住院医疗保险",
    "数据知识产权": "数据知识产权被侵权损失保险",
    "无人机": "无人机损失保险",
    "电梯": "电梯责任保险",
    "临床试验": "药物临床试验责任保险",
    "诉讼财产保全": "诉讼财产保全责任保险",
    "航班延误": "航班延误保险",
    "海牙": "工业品外观设计国际注册申请（海牙体系）费用补偿保险",
    "流片": "集成电路流片费用损失保险",
    "宠物": "宠物饲养人责任保险",
    "商标注册申请": "商标申请费用补偿保险",
    "食物中毒": "人身意外伤害保险附加食物中毒保险",
}


def test_whole_corpus_ingests_and_searches(db_url: str, shared_corpus: Path, tmp_path: Path) -> None:
    folders = [shared_corpus / "text", shared_corpus / "catalog"]
    if soffice_available():
        folders.append(shared_corpus / "doc")
    with ClauseDB(db_url) as db:
        report = db.ingest(folders, jobs=2)
        assert report.failures == []
        assert report.count(Outcome.ADDED) >= 250
        # what is not a clause is a rate table or a note beside one, never a clause file
        for f in report.files:
            if f.outcome is Outcome.NOT_A_CLAUSE:
                name = Path(f.path).stem
                assert name.endswith("费率表") or "条款" not in name, f.path
        assert db.integrity_problems() == []
        products = db.products()
        assert len(products) >= 250
        lines = {"ip", "property", "liability", "surety", "credit", "engineering", "accident", "health"}
        assert {p.line for p in products} >= lines
        for term, product in EXPECTED.items():
            hits = db.search(term, limit=500)
            assert product in {h.product for h in hits}, term
            assert all(h.match is MatchKind.WORD for h in hits[:1]), term
            assert all(term in h.snippet for h in hits), term
        ip = db.search("免赔额", Filters(line="ip"), limit=500)
        assert ip and all(h.product in {p.product for p in db.products(Filters(line="ip"))} for h in ip)
        again = db.ingest(folders, jobs=1)
        assert again.count(Outcome.ADDED) == 0 and not again.failures

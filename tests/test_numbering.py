"""Restoring lost article numbers from a clause's own cross-references (parse/numbering.py)."""

from tiaokuan.parse.numbering import Point, references, restore


def _points(*rows: tuple[str, bool, float | None]) -> list[Point]:
    return [Point(i, text, start, cost) for i, (text, start, cost) in enumerate(rows)]


def test_references_are_the_clauses_own_articles_only() -> None:
    points = _points(
        ("保险人依据第十八条所取得的保险合同解除权，自保险人知道有解除事由之日起，超过三十日不行使而消灭。", True, None),
        ("依照《中华人民共和国保险法》第十六条、保险法第十七条和本条款第3条的约定办理。", True, None),
        ("本合同第五条款另有约定的除外。", True, None),
    )
    found = [(r.point, r.number, r.phrase) for r in references(points)]
    assert found == [(0, 18, "所取得的保险合同解除权，自保险人"), (1, 3, "办理。")]


def test_no_references_keep_the_walkers_reading() -> None:
    points = _points(("下列损失，保险人不负责赔偿：", True, None), ("罚款。", False, None), ("间接损失。", False, 0.5))
    assert restore(points) == {}


def test_an_article_never_cites_itself() -> None:
    points = _points(
        ("总则。", True, None),
        ("保险人按以下方式计算赔偿：", True, None),
        ("保险金额等于保险价值时，按实际损失计算。", False, None),
        ("保险人的赔偿金额为根据第二条约定计算的金额扣除免赔额。", False, 0.6),
    )
    # Read as the list's third item it would stand in article 2 and cite itself.
    assert restore(points) == {3: True}


def test_a_reference_says_where_an_article_opens() -> None:
    points = _points(
        ("本保险合同由保险条款组成。", True, None),
        ("下列损失，保险人不负责赔偿：", True, None),
        ("罚款。", False, None),
        ("投保人应当在保险合同成立时交清保险费。", False, 0.4),
        ("被保险人请求赔偿时，应向保险人提供证明和资料。", True, None),
        ("保险人按照第三条的约定交清保险费后承担保险责任。", True, None),
    )
    # 第三条 is about 交清保险费: the paragraph that says so opens article 3.
    assert restore(points) == {3: True}

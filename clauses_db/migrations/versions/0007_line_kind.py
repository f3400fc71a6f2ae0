"""the kind of product within its line: versions.line_kind

Revision ID: 0007
Revises: 0006

Rows stored before this get their kind from the stored product name and line, with
the rules of this revision written out here (a migration must give the same answer
whatever the parser says later): a rider's own name (after the last 附加) first,
then the whole name, and the line's catch-all kind when neither names one. The
parser also reads a clause's opening text when its name is silent; that text is not
read again here, so an old row whose name names no kind keeps the catch-all until
it is ingested again.
"""

import re

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# Read in this order, the first found wins; the last kind of each line is its catch-all.
_KINDS = {
    "health": (
        ("allowance", re.compile(r"津贴|日额|补贴")),
        ("medical", re.compile(r"医疗|医药|门诊|住院|手术|救护车|药品")),
        ("care", re.compile(r"护理")),
        ("disease_death", re.compile(r"身故|全残|猝死")),
        ("critical_illness", re.compile(r"重大疾病|重疾|特定疾病|恶性肿瘤|癌|轻症")),
        ("other", None),
    ),
    "life": (
        ("annuity", re.compile(r"年金|养老")),
        ("endowment", re.compile(r"两全")),
        ("whole_life", re.compile(r"终身(?:寿险|人寿)")),
        ("term", re.compile(r"定期(?:寿险|人寿)")),
        ("other", None),
    ),
    "agriculture": (
        ("forestry", re.compile(r"森林|林木|林业|公益林|商品林|经济林")),
        ("livestock", re.compile(r"养殖|畜|禽|猪|牛|羊|水产|渔业|鱼|虾|蟹|蜂")),
        ("crop", re.compile(r"种植|作物|稻|麦|玉米|大豆|棉花|油菜|马铃薯|蔬菜|果树|水果|茶|烟叶|甘蔗|花卉|大棚|温室")),
        ("other", None),
    ),
    "accident": (
        ("travel", re.compile(r"交通|航空|乘客|驾乘|乘坐|旅行|旅游|差旅|出行")),
        ("general", None),
    ),
}
_RIDER = re.compile(r"附加(?!险)")

versions = sa.table("versions", sa.column("id", sa.Integer), sa.column("product", sa.Text), sa.column("line", sa.String), sa.column("line_kind", sa.String))


def _kind(line: str | None, product: str) -> str | None:
    if line not in _KINDS:
        return None
    kinds = _KINDS[line]
    for name in (_RIDER.split(product)[-1], product):
        found = next((kind for kind, pattern in kinds if pattern is not None and pattern.search(name)), None)
        if found:
            return found
    return kinds[-1][0]


def upgrade() -> None:
    op.add_column("versions", sa.Column("line_kind", sa.String(length=32), nullable=True))
    conn = op.get_bind()
    rows = conn.execute(sa.select(versions.c.id, versions.c.product, versions.c.line).where(versions.c.line.in_(list(_KINDS)))).all()
    for id_, product, line in rows:
        conn.execute(versions.update().where(versions.c.id == id_).values(line_kind=_kind(line, product or "")))


def downgrade() -> None:
    # Not a batch: it copies the table and drops the old one, which SQLite refuses
    # ("database table is locked") on a database whose other tables refer to
    # versions. SQLite 3.35+ and PostgreSQL drop a plain column in place.
    op.drop_column("versions", "line_kind")

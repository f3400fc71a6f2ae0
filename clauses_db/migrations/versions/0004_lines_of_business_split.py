"""lines of business split: accident_health → accident / health / life, surety_credit → surety / credit

Revision ID: 0004
Revises: 0003

Rows stored before the split keep working with `--line accident` and the catalog:
each old code is read again from the stored product name, with the rules of this
revision written out here (a migration must give the same answer whatever the
parser says later). The 注册号 line is decoded again from the stored code, and
whether it agrees with the line is checked again. The mapped exclusions of old
rows are left as they were mapped at ingest (their keys are all still canonical);
the per-line lists apply to files ingested from now on.
"""

import re

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_LIFE = re.compile(r"寿险|人寿保险|年金|两全|生存保险")
_HEALTH = re.compile(r"疾病|重疾|癌|急性病|传染病|猝死|医疗|住院|津贴|护理保险|失能|健康保险|生育|妊娠|救护车")
_CREDIT = re.compile(r"信用保险|信用险|应收账款")
# 注册号 line codes, before and after (326, an illness cover, was not decoded before).
_REG_UP = {"314": "surety", "323": "accident", "326": "health"}
_REG_DOWN = {"314": "surety_credit", "323": "accident_health", "326": None}
_UP = {"accident_health": ("accident", "health", "life"), "surety_credit": ("surety", "credit")}
_DOWN = {"accident": "accident_health", "health": "accident_health", "life": "accident_health",
         "surety": "surety_credit", "credit": "surety_credit", "agriculture": "other"}  # fmt: skip

versions = sa.table(
    "versions",
    sa.column("id", sa.Integer),
    sa.column("product", sa.Text),
    sa.column("line", sa.String),
    sa.column("liability_type", sa.Text),
    sa.column("reg_line_code", sa.Text),
    sa.column("reg_line", sa.Text),
    sa.column("registration_agrees", sa.Boolean),
)


def _split(line: str | None, product: str) -> str | None:
    """The line an old combined code stands for, from the product name; a rider's
    own name (after the last 附加) first."""
    if line not in _UP:
        return line
    own = product.rsplit("附加", 1)[-1]
    if line == "surety_credit":
        return "credit" if _CREDIT.search(own) or _CREDIT.search(product) else "surety"
    for name in (own, product):
        if _LIFE.search(name):
            return "life"
        if _HEALTH.search(name):
            return "health"
    return "accident"


def _agrees(line: str | None, liability_type: str | None, reg_line: str | None, surety: str) -> bool | None:
    if reg_line is None or line is None:
        return None
    actual = line
    if line == "ip":
        actual = {"侵权责任": "liability", "融资担保": surety}.get(liability_type or "", "property")
    return actual == reg_line


def _rewrite(lines, reg_lines: dict[str, str | None], surety: str) -> None:
    conn = op.get_bind()
    rows = conn.execute(
        sa.select(versions.c.id, versions.c.product, versions.c.line, versions.c.liability_type, versions.c.reg_line_code, versions.c.reg_line)
    ).all()
    for id_, product, line, liability_type, code, reg_line in rows:
        new_line = lines(line, product or "")
        new_reg = reg_lines[code] if code in reg_lines else reg_line
        if (new_line, new_reg) == (line, reg_line):
            continue
        conn.execute(
            versions.update()
            .where(versions.c.id == id_)
            .values(line=new_line, reg_line=new_reg, registration_agrees=_agrees(new_line, liability_type, new_reg, surety))
        )


def upgrade() -> None:
    _rewrite(_split, _REG_UP, "surety")


def downgrade() -> None:
    _rewrite(lambda line, _product: _DOWN.get(line, line), _REG_DOWN, "surety_credit")

"""Text tools every stage uses: printed labels (第X条, （一）, Chinese numerals), the
canonical insurance vocabularies, insurers' short names, and the jieba word
splitter with the insurance/IP dictionary. Nothing heavy loads on import (jieba
and cn2an load on first use)."""

from .exclusions import exclusions_for
from .insurers import (
    InsurerKind,
    LicensedInsurer,
    insurer_labels,
    insurer_short_name,
    insurers_named,
    licensed_insurer,
    licensed_insurers,
    registered_name,
    stems_abbreviated_as,
)
from .labels import (
    ARTICLE_RE,
    TERMINAL,
    HeadingLevel,
    ItemFamily,
    Label,
    article_label,
    cn_to_int,
    heading_label,
    int_to_cn,
    is_cjk,
    item_label,
    part_label,
    squash,
)
from .vocab import COST_HEADS, EXCLUSIONS, Canon, cost_heads_in, map_all, map_to
from .words import segmenter, tokens, user_dictionary, words

__all__ = [
    "ARTICLE_RE", "COST_HEADS", "EXCLUSIONS", "TERMINAL", "Canon", "HeadingLevel", "ItemFamily", "Label", "article_label",
    "cn_to_int", "cost_heads_in", "exclusions_for", "heading_label", "insurer_labels", "insurer_short_name",
    "insurers_named", "int_to_cn", "is_cjk", "item_label", "map_all", "map_to", "part_label", "segmenter", "squash",
    "stems_abbreviated_as", "tokens", "user_dictionary", "words",
    "InsurerKind", "LicensedInsurer", "licensed_insurer", "licensed_insurers", "registered_name",
]  # fmt: skip

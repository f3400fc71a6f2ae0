"""How the items of an article are cited when the copy lost their labels (RULES.md
"Citations"): the captions a chapter or an article heads its parts with, the items
under each, and a list whose first labels were lost while the later ones stand.
Pure functions over `Article`s; `units` cites with them."""

from __future__ import annotations

import re

from tiaokuan.model import Article
from tiaokuan.text.labels import announces, cn_to_int, int_to_cn, is_caption


def short_caption(paragraph: str) -> bool:
    """A short title with no sentence in it (合同构成, 保险责任, 投保范围)."""
    text = paragraph.strip()
    return bool(_CAPTION.match(text)) and len(text) <= 12


def captioned_parts(article: Article) -> dict[int, int]:
    """The paragraphs of an article that head its parts with captions drafted alike
    (身故保险金受益人 / 伤残保险金受益人), announced by the paragraph before the first, each
    with its place (1, 2 …): what the printed copy labels （一）（二） (as numbering.caption_parts).
    A caption may open its part's paragraph, its list under it (通用材料：\n保险金给付申请。…)."""
    firsts = [p.strip().split("\n")[0] for p in article.paragraphs]
    texts = [f.rstrip("：:") for f in firsts]
    held = {it.paragraph for it in article.items}
    heads = [i for i, (f, t) in enumerate(zip(firsts, texts, strict=True)) if i and 3 <= len(t) and is_caption(t) and (f != t or i not in held)]
    for i in heads:
        group = [j for j in heads if j >= i and texts[j][-2:] == texts[i][-2:]]
        if len(group) >= 2 and announces(article.paragraphs[i - 1]):
            return {j: k + 1 for k, j in enumerate(group)}
    return {}


def chapter_items(article: Article) -> dict[int, str]:
    """The labels of a chapter's unlabelled items, as the wordings that number chapters
    and items but no articles print them (the 1981 cargo model: 一、责任范围 （一）平安险
    1. … 8. （二）水渍险): numbered through the chapter whatever paragraphs stand between;
    where some items are captions (平安险 / 水渍险 / 一切险), the captions are counted
    （一）（二）… and the items under each caption 1. 2. …"""
    items = [it for it in article.items if not it.label]
    captions = [short_caption(it.text) for it in items]
    out: dict[int, str] = {}
    top = sub = 0
    for it, caption in zip(items, captions, strict=True):
        if caption or not any(captions):
            top, sub = top + 1, 0
            out[id(it)] = f"（{int_to_cn(top)}）"
        elif top:
            sub += 1
            out[id(it)] = f"（{int_to_cn(top)}）{sub}."
        else:  # (items before the first caption: counted on their own)
            sub += 1
            out[id(it)] = f"第{int_to_cn(sub)}项"
    return out


def one_list(article: Article) -> bool:
    """Whether the article's items are one list: no printed label repeats."""
    labels = [full_width(it.label) for it in article.items if it.label]
    return len(labels) == len(set(labels))


def continuation_paragraphs(article: Article) -> set[int]:
    """Paragraphs without items of their own that stand between two paragraphs holding
    items of one list (（一） … text … （二）): the item above goes on in them. A paragraph
    after the last item closes the article and stays its own paragraph."""
    holders = sorted({it.paragraph for it in article.items})
    if not holders or not one_list(article):  # (two lists, each counting from （一）)
        return set()
    # An item printed as a caption (（二）伤残保险金受益人) goes on in the paragraphs
    # under it, after the last item too.
    last = article.items[-1]
    end = len(article.paragraphs) if _CAPTION.match(last.text.strip()) else holders[-1]
    return {p for p in range(holders[0] + 1, end) if p not in holders}


# An item that is only a title: short, no sentence in it.
_CAPTION = re.compile(r"^[^，。；：,.;:]{1,20}$")


def full_width(label: str) -> str:
    return label.strip().replace("(", "（").replace(")", "）")


def counted_back(article: Article) -> tuple[dict[int, str], dict[int, str]]:
    """A list whose first labels were lost while the later ones stand ((十)…(十五) after
    nine plain lines): the lost ones are counted back from the first printed label, a
    lead-in among them (下列属于其他险种…：) being one item with its own list under it
    (（九）1. …), when the count agrees exactly. Returns the labels of the lost items (by
    id) and of such lead-in paragraphs (by index); empty when the count does not agree."""
    labelled = [k for k, it in enumerate(article.items) if it.label]
    if not labelled or labelled[0] == 0:
        return {}, {}
    n = cn_to_int(re.sub(r"[（）()\s]", "", article.items[labelled[0]].label or ""))
    before = article.items[: labelled[0]]
    first = before[0].paragraph
    plain = [it for it in before if it.paragraph == first]
    leads = sorted({it.paragraph for it in before if it.paragraph != first})
    if not n or len(plain) + len(leads) != n - 1 or not all(announces(article.paragraphs[p].split("\n")[0]) for p in leads):
        return {}, {}
    items = {id(it): f"（{int_to_cn(k + 1)}）" for k, it in enumerate(plain)}
    paragraphs: dict[int, str] = {}
    for j, p in enumerate(leads):
        top = f"（{int_to_cn(len(plain) + j + 1)}）"
        paragraphs[p] = top
        items.update({id(it): f"{top}{s + 1}." for s, it in enumerate(x for x in before if x.paragraph == p)})
    return items, paragraphs

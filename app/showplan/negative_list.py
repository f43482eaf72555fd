"""R5: goods that may not be sold live, flagged when the rundown is imported (000 第六条).

Three sources of a finding, because operators mislabel: the category itself (处方药, 烟草制品,
电子烟, 特定全营养配方食品, 婴儿配方食品), words in the product name that betray a listed good
whatever the category says ("电子烟" filed under 数码产品), and a licence-bound category with no
licence on file (000 第六条4). A finding blocks the show until the product is removed or a named
person records why it may stay.
"""

from __future__ import annotations

from app.showplan.categories import Category
from app.showplan.model import Finding

# (words in the name, article, why). Words chosen to be unambiguous in a product name.
NAME_TERMS: tuple[tuple[tuple[str, ...], str, str], ...] = (
    (
        ("电子烟", "烟弹", "雾化弹", "烟油"),
        "000 第六条9",
        "商品名称含“{term}”：烟草制品（含电子烟）属法律、行政法规禁止网上交易的商品",
    ),
    (
        ("卷烟", "香烟", "雪茄", "烟丝", "烟叶"),
        "000 第六条9",
        "商品名称含“{term}”：烟草制品属法律、行政法规禁止网上交易的商品",
    ),
    (
        ("处方药",),
        "000 第六条10",
        "商品名称含“{term}”：处方药禁止在大众传播媒介发布广告，不得直播推广",
    ),
    (
        ("替代母乳", "代替母乳", "母乳替代"),
        "000 第六条10",
        "商品名称含“{term}”：声称替代母乳的婴儿食品禁止在大众传播媒介发布广告",
    ),
    (
        ("神药", "神医"),
        "000 第六条11",
        "商品名称含“{term}”：不得直播推广“神医”“神药”等虚假医疗、药品相关内容",
    ),
    (
        ("象牙", "犀牛角", "穿山甲", "虎骨"),
        "000 第六条6",
        "商品名称含“{term}”：非法野生动物制品不得销售",
    ),
)


def findings_for(row: int, name: str, category: Category | None, licences: str) -> list[Finding]:
    """Negative-list findings for one rundown row (an empty list when the product may go live)."""
    out: list[Finding] = []
    if category is not None and category.negative_article:
        out.append(
            Finding(
                row=row,
                product_name=name,
                rule="R5",
                article=category.negative_article,
                message=f"商品类目为“{category.name}”：{category.negative_reason}，"
                "请移除该商品或登记理由",
            )
        )
    seen_articles = {f.article for f in out}
    for terms, article, reason in NAME_TERMS:
        hit = next((t for t in terms if t.lower() in name.lower()), None)
        if hit and article not in seen_articles:
            seen_articles.add(article)
            out.append(
                Finding(
                    row=row,
                    product_name=name,
                    rule="R5",
                    article=article,
                    message=reason.format(term=hit) + "，请移除该商品或登记理由",
                )
            )
    if category is not None and category.licence and not licences.strip():
        out.append(
            Finding(
                row=row,
                product_name=name,
                rule="R5",
                article="000 第六条4；001 第二十四条",
                message=f"“{category.name}”依法须取得{category.licence}，【资质证照】为空："
                "请填写证照编号，或登记已查验的理由",
            )
        )
    return out

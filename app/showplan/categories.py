"""The 商品类目 vocabulary a rundown may use.

A closed list, not free text, because every compliance decision downstream keys on it: which
消费提示 the host must read (003 主播 消费提示), whether a shelf life must be on file
(003 主播 消费提示(6)), whether a licence must be on file before the product may go live
(000 第六条4) and whether the product is on the negative list at all (000 第六条9-10). A typo
such as "食 品" silently dropping the warnings would be worse than an import error that lists the
accepted names.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Category:
    """One accepted 商品类目 and the facts the rules need about it."""

    name: str
    covers: str
    # A 保质期 (or, for medicines, 有效期) must be in the rundown: the host has to say it (S3).
    shelf_life_required: bool = False
    # Licence/registration the product needs before it may be sold (000 第六条4), named so the
    # error can say what to fill into 资质证照. Empty: no product-specific licence is implied.
    licence: str = ""
    # Negative list (000 第六条): the clause that forbids selling this category live.
    negative_article: str = ""
    negative_reason: str = ""


CATEGORIES: tuple[Category, ...] = (
    Category(
        "食品", "预包装食品、零食、饮料、粮油调味品、冲调品（婴儿配方食品、保健食品另选）",
        shelf_life_required=True, licence="食品生产许可证（SC编号）或食品经营许可证",
    ),
    Category("生鲜", "水果、蔬菜、肉禽蛋、水产海鲜等鲜活易腐食品"),
    Category("酒类", "白酒、葡萄酒、啤酒、果酒等饮料酒", licence="食品生产许可证（SC编号）"),
    Category(
        "保健食品", "标有“蓝帽子”标志、经注册或备案的保健食品",
        shelf_life_required=True, licence="保健食品注册证书或备案凭证编号",
    ),
    Category(
        "特殊医学用途配方食品", "特医食品（特定全营养配方食品另选）",
        shelf_life_required=True, licence="特殊医学用途配方食品注册证书编号",
    ),
    Category(
        "特定全营养配方食品", "特殊医学用途配方食品中的特定全营养配方食品",
        shelf_life_required=True,
        negative_article="000 第六条9",
        negative_reason="特殊医学用途配方食品中的特定全营养配方食品属法律、行政法规禁止网上交易的商品",
    ),
    Category(
        "婴儿配方食品", "0-12月龄婴儿配方乳粉及其他声称全部或部分替代母乳的婴儿乳制品、饮料和食品",
        shelf_life_required=True,
        negative_article="000 第六条10",
        negative_reason="声称全部或者部分替代母乳的婴儿乳制品、饮料和其他食品禁止在大众传播媒介发布广告",
    ),
    Category(
        "化妆品", "护肤、彩妆、洗护、香水、牙膏等化妆品",
        shelf_life_required=True, licence="化妆品注册证或备案编号",
    ),
    Category("母婴用品", "奶瓶、纸尿裤、孕产妇用品、婴儿洗护用品（婴儿配方食品另选）"),
    Category("儿童用品", "儿童餐具、儿童家具、童车、安全座椅等（玩具另选）"),
    Category("玩具", "供14岁以下儿童玩耍的玩具", licence="强制性产品认证（CCC）证书编号"),
    Category(
        "医疗器械", "家用医疗器械：血压计、体温计、制氧机、医用口罩、隐形眼镜等",
        licence="医疗器械注册证或备案凭证编号",
    ),
    Category(
        "非处方药", "甲类、乙类非处方药（OTC）",
        shelf_life_required=True, licence="药品批准文号及药品经营许可证",
    ),
    Category(
        "处方药", "凭处方购买和使用的药品",
        negative_article="000 第六条10",
        negative_reason="处方药属法律、行政法规禁止在大众传播媒介发布广告的商品",
    ),
    Category(
        "烟草制品", "卷烟、雪茄、烟丝等",
        negative_article="000 第六条9",
        negative_reason="烟草制品属法律、行政法规禁止网上交易的商品",
    ),
    Category(
        "电子烟", "电子烟烟具、烟弹及雾化物",
        negative_article="000 第六条9",
        negative_reason="烟草制品（含电子烟）属法律、行政法规禁止网上交易的商品",
    ),
    Category("家用电器", "厨房电器、个护电器、生活电器等", licence="强制性产品认证（CCC）证书编号"),
    Category("数码产品", "手机、电脑、耳机、充电宝等数码及配件"),
    Category("服装鞋帽", "服装、鞋、帽、箱包、配饰"),
    Category("珠宝首饰", "金银饰品、珠宝玉石、手表"),
    Category("日用百货", "家居日用、清洁用品、厨具、收纳、床品"),
    Category("图书", "图书、期刊、音像制品"),
    Category("宠物用品", "宠物食品、宠物玩具、宠物清洁用品等（兽药不在此列）"),
    Category("其他", "以上都不适用的商品；只会收到通用提醒，请尽量选择具体类目"),
)

BY_NAME: dict[str, Category] = {c.name: c for c in CATEGORIES}

# Common spellings operators type, mapped to the vocabulary. Only unambiguous ones: "药品" could
# be either 处方药 or 非处方药 and must stay an error.
ALIASES: dict[str, str] = {
    "OTC": "非处方药",
    "OTC药品": "非处方药",
    "美妆": "化妆品",
    "彩妆": "化妆品",
    "护肤品": "化妆品",
    "小家电": "家用电器",
    "家电": "家用电器",
    "服饰": "服装鞋帽",
    "服装": "服装鞋帽",
    "珠宝": "珠宝首饰",
    "首饰": "珠宝首饰",
    "香烟": "烟草制品",
    "卷烟": "烟草制品",
    "水果": "生鲜",
    "海鲜": "生鲜",
    "酒": "酒类",
    "婴儿奶粉": "婴儿配方食品",
    "特医食品": "特殊医学用途配方食品",
}


def resolve(raw: str) -> Category | None:
    """Map what the operator typed to a vocabulary entry, or None if it is not one."""
    text = "".join(raw.split())
    if text in BY_NAME:
        return BY_NAME[text]
    alias = ALIASES.get(text) or ALIASES.get(text.upper())
    return BY_NAME[alias] if alias else None


def accepted_names() -> str:
    """The list an error message shows, in vocabulary order."""
    return "、".join(c.name for c in CATEGORIES)

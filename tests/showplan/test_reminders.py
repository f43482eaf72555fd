"""Every reminder id has a rule, fires when it should, and carries a checked citation."""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from app.showplan import REMINDER_IDS, ShowOptions, load_rules, reminders_for, show_reminders
from app.showplan.categories import CATEGORIES
from app.showplan.model import Product, Reminder
from app.showplan.reminders import DEFAULT_RULES, EMPTY_FACT, RuleError, parse_rules

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"

BASE = Product(
    row=2, name="纯棉T恤", category="服装鞋帽", spec="L码", price=Decimal("59"),
    merchant_name="某服饰有限公司", uscc="91350100M000100Y43", seven_day_return=True,
)


def ids(product: Product, options: ShowOptions | None = None) -> list[str]:
    return [r.id for r in reminders_for(product, options)]


def by_id(product: Product, rid: str, options: ShowOptions | None = None) -> Reminder:
    return next(r for r in reminders_for(product, options) if r.id == rid)


def test_rules_file_defines_every_id() -> None:
    assert set(load_rules().ids()) == set(REMINDER_IDS)


def test_baseline_product_gets_s1_and_s4_only() -> None:
    assert ids(BASE) == ["S1", "S4"]


def test_s1_seven_day_return_both_ways() -> None:
    yes = by_id(BASE, "S1")
    assert yes.mandatory and "支持七日无理由退货" in yes.sentence
    assert "000 第二十七条3" in yes.article
    no = by_id(replace(BASE, seven_day_return=False, return_exclusion_reason="消费者定作的商品"),
               "S1")
    assert "不适用七日无理由退货" in no.sentence and "消费者定作的商品" in no.sentence
    assert "确认" in no.sentence and no.mandatory


@pytest.mark.parametrize(
    ("category", "words"),
    [("食品", "过敏"), ("化妆品", "试用"), ("儿童用品", "三岁以下"), ("玩具", "窒息"),
     ("母婴用品", "月龄"), ("家用电器", "触电"), ("医疗器械", "禁忌"), ("保健食品", "不适宜人群"),
     ("酒类", "未成年人"), ("非处方药", "不良反应"), ("数码产品", "鼓包"), ("宠物用品", "兽医")],
)
def test_s2_consumer_warnings_per_category(category: str, words: str) -> None:
    reminder = by_id(replace(BASE, category=category, shelf_life="12个月"), "S2")
    assert words in reminder.sentence and reminder.mandatory
    assert reminder.article == "003 主播 消费提示(1)-(5)"


@pytest.mark.parametrize("category", ["服装鞋帽", "图书", "日用百货", "珠宝首饰", "其他"])
def test_s2_not_for_categories_without_warnings(category: str) -> None:
    assert "S2" not in ids(replace(BASE, category=category))


def test_s3_production_date_and_shelf_life_filled_in() -> None:
    honey = replace(BASE, name="蜂蜜", category="食品", production_date="2025-03-01",
                    shelf_life="24个月")
    s3 = by_id(honey, "S3")
    assert s3.sentence == "蜂蜜生产日期2025-03-01，保质期24个月。"
    assert s3.article == "003 主播 消费提示(6)"
    assert EMPTY_FACT in by_id(replace(honey, production_date=""), "S3").sentence
    drug = replace(honey, category="非处方药", name="感冒灵")
    assert "有效期24个月" in by_id(drug, "S3").sentence
    dated_anything = replace(BASE, shelf_life="5年")  # "anything dated"
    assert "S3" in ids(dated_anything)
    assert "S3" not in ids(BASE)


def test_s4_product_facts() -> None:
    s4 = by_id(BASE, "S4")
    for fact in ("纯棉T恤", "L码", "某服饰有限公司", "59元"):
        assert fact in s4.sentence
    assert s4.article == "003 主播 推广信息管理(1)"


def test_s5_ad_segment_from_rundown_or_options() -> None:
    assert "S5" not in ids(BASE)
    s5 = by_id(replace(BASE, ad_segment=True), "S5")
    assert s5.mandatory and "以下为广告内容" in s5.sentence and "广告内容结束" in s5.sentence
    assert "000 第十条5" in s5.article
    assert "S5" in ids(BASE, ShowOptions(ad_rows=frozenset({2})))
    labelled = by_id(replace(BASE, ad_segment=True), "S5", ShowOptions(ad_label_continuous=True))
    assert not labelled.mandatory  # a continuous corner label satisfies 000 第十条5 on its own


def test_s6_three_cross_border_notices() -> None:
    assert "S6" not in ids(BASE)
    s6 = by_id(replace(BASE, cross_border=True), "S6")
    assert s6.article == "000 第二十八条" and s6.mandatory
    parts = ("原产地", "我国标准存在差异", "中文电子标签", "风险告知书", "个人自用", "不得再次销售")
    for part in parts:
        assert part in s6.sentence


def test_s7_promotion_terms() -> None:
    assert "S7" not in ids(BASE)
    s7 = by_id(replace(BASE, promotion="前100单赠小样"), "S7")
    assert "前100单赠小样" in s7.sentence and "售完" in s7.sentence
    assert s7.article == "000 第二十五条1-3"


def test_s8_compared_price_meaning() -> None:
    assert "S8" not in ids(BASE)
    s8 = by_id(replace(BASE, compared_price=Decimal("99.00"), compared_price_note="本店日常售价"),
               "S8")
    assert s8.sentence == "画面上的99元是本店日常售价，今天直播间的实际售价是59元。"
    assert "001 第二十七条" in s8.article


def test_s9_every_show_periodically() -> None:
    (s9,) = show_reminders(ShowOptions())
    assert s9.id == "S9" and s9.product_row is None and s9.every_minutes == 20
    assert "私下" in s9.sentence and "000 第十二条5" in s9.article


def test_s10_only_for_ai_hosts() -> None:
    assert "S10" not in [r.id for r in show_reminders(ShowOptions())]
    s10 = next(r for r in show_reminders(ShowOptions(ai_host=True)) if r.id == "S10")
    assert "人工智能" in s10.sentence and s10.article.startswith("001 第三十条")
    assert s10.every_minutes


def test_ad18_health_food() -> None:
    reminder = by_id(replace(BASE, category="保健食品", shelf_life="24个月"), "AD18")
    assert reminder.sentence == "本品不能代替药物。" and reminder.article == "广告法 第十八条"


def test_ad16_medical_devices_and_otc() -> None:
    device = by_id(replace(BASE, category="医疗器械"), "AD16")
    assert device.sentence == "请仔细阅读产品说明书或者在医务人员的指导下购买和使用。"
    assert device.article == "广告法 第十六条"
    otc = by_id(replace(BASE, category="非处方药", shelf_life="24个月"), "AD16")
    assert otc.sentence == "请按药品说明书或者在药师指导下购买和使用。"
    assert "AD16" not in ids(BASE) and "AD18" not in ids(BASE)


def test_every_category_gets_s1_and_s4() -> None:
    for cat in CATEGORIES:
        got = ids(replace(BASE, category=cat.name))
        assert got[:1] == ["S1"] and "S4" in got, cat.name


def test_rules_file_errors_are_caught() -> None:
    good = DEFAULT_RULES.read_text(encoding="utf-8")
    with pytest.raises(RuleError, match="未知商品类目"):
        parse_rules(good.replace('categories = ["食品"]', 'categories = ["食口"]', 1))
    with pytest.raises(RuleError, match="表头"):
        parse_rules(good.replace("{商品名称}生产日期", "{品名}生产日期", 1))
    with pytest.raises(RuleError, match="缺少提醒 AD18"):
        parse_rules(good.replace('id = "AD18"', 'id = "AD16"'))


def _seed(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*")).read_text(encoding="utf-8")


@pytest.mark.skipif(not SEEDS.exists(), reason="seed texts not available")
def test_every_seed_citation_points_at_real_text() -> None:
    """"000 第二十八条" must name an article that exists in file 000, with the clause if given."""
    checked = 0
    for rule in load_rules().rules:
        for cite in re.split("[；;]", rule.article):
            cite = cite.strip()
            if cite.startswith("广告法"):
                continue
            m = re.fullmatch(r"(\d{3}) (第[一二三四五六七八九十]+条)(\d+(?:-\d+)?)?", cite)
            if m:
                text = _seed(m.group(1))
                start = text.index(m.group(2))
                body = text[start:text.index("\n第", start + 1)]
                if m.group(3):
                    for n in m.group(3).split("-"):
                        assert f"\n{n}." in body, cite
                checked += 1
                continue
            assert cite.startswith("003 "), f"unrecognised citation {cite!r}"
            text = _seed("003")
            for token in cite.split()[1:]:
                # "消费提示(1)-(5)" → heading "消费提示" and items "（1）", "（5）"
                heading, *items = re.split(r"[()\-]+", token)
                assert heading in text, cite
                for item in filter(None, items):
                    assert f"（{item}）" in text, cite
            checked += 1
    assert checked > 20
    seed000 = _seed("000")
    assert "消费者购买的商品仅限个人自用，不得再次销售" in seed000  # S6 (3), 000 第二十八条
    assert "以显著方式警示消费者平台外私下交易等行为的风险" in seed000  # S9
    seed003 = _seed("003")
    assert "（6）产品生产日期、保质期和/或有效日期、限期使用日期" in seed003  # S3


def test_plan_with_options_recomputes_show_reminders() -> None:
    from app.showplan import ShowPlan

    plan = ShowPlan([BASE], show_reminders(), [])
    assert [r.id for r in plan.show_reminders] == ["S9"]
    ai = plan.with_options(ShowOptions(ai_host=True, ad_rows=frozenset({2})))
    assert [r.id for r in ai.show_reminders] == ["S9", "S10"]
    assert "S5" in [r.id for r in ai.reminders(BASE)]
    assert "S5" not in [r.id for r in plan.reminders(BASE)]

"""R5: negative-list products are flagged at import with their article and block the show."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.showplan import PlanError, load_rundown
from app.showplan.importer import check_rundown
from tests.showplan.helpers import row, write_xlsx

SEED_000 = next((Path(__file__).resolve().parents[2].parent / "shared" / "seeds").glob("000_*"),
                None)


@pytest.mark.parametrize(
    ("overrides", "article"),
    [
        ({"商品类目": "处方药", "商品名称": "阿莫西林胶囊"}, "000 第六条10"),
        ({"商品类目": "烟草制品", "商品名称": "某牌卷烟"}, "000 第六条9"),
        ({"商品类目": "电子烟", "商品名称": "某牌雾化器"}, "000 第六条9"),
        ({"商品类目": "婴儿配方食品", "商品名称": "1段婴儿配方奶粉"}, "000 第六条10"),
        ({"商品类目": "特定全营养配方食品", "商品名称": "全营养粉"}, "000 第六条9"),
        ({"商品类目": "数码产品", "商品名称": "电子烟套装", "保质期": ""}, "000 第六条9"),
        ({"商品名称": "祖传神药膏"}, "000 第六条11"),
        ({"商品名称": "象牙手串", "商品类目": "珠宝首饰"}, "000 第六条6"),
    ],
)
def test_negative_list_flagged_with_article(
    tmp_path: Path, overrides: dict[str, str], article: str
) -> None:
    result = load_rundown(write_xlsx(tmp_path / "r.xlsx", [row(), row(**overrides)]))
    assert result.ok, [str(e) for e in result.errors]
    plan = result.plan
    assert plan is not None
    assert [(f.row, f.rule, f.article) for f in plan.blocking_findings] == [(3, "R5", article)]
    assert "移除" in plan.findings[0].message
    assert not plan.can_start


def test_licence_bound_category_without_licence(tmp_path: Path) -> None:
    plan = load_rundown(write_xlsx(tmp_path / "r.xlsx", [row(资质证照="")])).plan
    assert plan is not None
    (finding,) = plan.findings
    assert finding.article.startswith("000 第六条4") and "资质证照" in finding.message


def test_clean_products_have_no_findings(tmp_path: Path) -> None:
    plan = load_rundown(write_xlsx(tmp_path / "r.xlsx", [row(商品名称="油烟机清洁剂",
                                                              商品类目="日用百货")])).plan
    assert plan is not None and plan.findings == []


def test_justify_records_and_unblocks(tmp_path: Path) -> None:
    plan = load_rundown(write_xlsx(tmp_path / "r.xlsx", [row(资质证照="")])).plan
    assert plan is not None and not plan.can_start
    events: list[tuple[str, dict[str, object]]] = []
    with pytest.raises(PlanError):
        plan.justify(2, "", "理由", record=lambda k, p: events.append((k, p)))
    with pytest.raises(PlanError):
        plan.justify(9, "张三", "理由")
    done = plan.justify(2, "张三", "已查验纸质SC证书", record=lambda k, p: events.append((k, p)))
    assert len(done) == 1 and plan.can_start
    assert plan.findings[0].justified_by == "张三"
    (kind, payload), = events
    assert kind == "negative_list_justified"
    assert payload["row"] == 2 and payload["who"] == "张三" and payload["reason"]
    assert payload["article"] == plan.findings[0].article
    with pytest.raises(PlanError):
        plan.justify(2, "张三", "再次")  # nothing left open


def test_remove_product_clears_its_findings(tmp_path: Path) -> None:
    plan = load_rundown(
        write_xlsx(tmp_path / "r.xlsx", [row(), row(商品类目="处方药", 商品名称="处方药X")])
    ).plan
    assert plan is not None and not plan.can_start
    removed = plan.remove_product(3)
    assert removed.name == "处方药X"
    assert plan.can_start and [p.row for p in plan.products] == [2]


def test_findings_reported_even_when_row_has_errors(tmp_path: Path) -> None:
    checked = check_rundown(write_xlsx(tmp_path / "r.xlsx", [row(商品类目="电子烟", 售价="?")]))
    assert checked.errors and [f.article for f in checked.findings] == ["000 第六条9"]


@pytest.mark.skipif(SEED_000 is None, reason="seed texts not available")
def test_cited_clauses_say_what_we_claim() -> None:
    assert SEED_000 is not None
    text = SEED_000.read_text(encoding="utf-8")
    article6 = text[text.index("第六条"):text.index("第七条")]
    assert "9.烟草制品（含电子烟）、特殊医学用途配方食品中的特定全营养配方食品" in article6
    assert "10.处方药、声称全部或者部分替代母乳的婴儿乳制品" in article6
    assert "11.不得直播推广“神医”“神药”" in article6
    assert "4.依法应当取得许可、备案或者强制性认证而未取得的商品" in article6
    assert "6.不符合环境保护要求的商品或服务，非法野生动物制品" in article6

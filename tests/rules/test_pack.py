"""The shipped rule pack loads, cites real articles, and a broken copy is refused clearly."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from app.rules.pack import (
    ELEMENT_NAMES,
    RulePack,
    RulePackError,
    _fragments,
    clear_cache,
    load_rule_pack,
)
from tests.conftest import REPO

PACK = REPO / "resources" / "rules" / "onscreen.toml"
_BESIDE = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
SEEDS = Path(os.environ.get("LIVECOMPLY_SEEDS", _BESIDE))


@pytest.fixture
def pack() -> RulePack:
    return load_rule_pack(PACK)


def test_real_pack_loads(pack: RulePack) -> None:
    assert pack.version == "2026.12.21"
    assert tuple(pack.elements) == ELEMENT_NAMES
    assert pack.path == PACK.resolve()
    assert {t.rule for t in pack.banned} == {"B1", "B2", "B3", "B4", "B5", "B6", "B7"}
    for element in pack.elements.values():
        assert element.article and element.text and element.patterns
    assert pack.elements["ad_label"].rule == "V1"
    assert pack.elements["ai_disclosure"].article == "001 第三十条"
    assert pack.elements["merchant_info"].article == "001 第二十三条"
    assert pack.elements["price"].article == "001 第二十七条"
    assert pack.elements["ad_label"].article.startswith("000 第十条5")


def test_default_pack_is_cached() -> None:
    clear_cache()
    assert load_rule_pack() is load_rule_pack()
    assert load_rule_pack() is load_rule_pack(PACK)


# What REQUIREMENTS.md's table B says each rule cites (every citation must be one of these).
TABLE_B = {
    "B1": {"000 第二十条3"},
    "B2": {"000 第二十二条1", "000 第二十二条2", "000 第二十条2"},
    "B3": {"000 第二十五条4", "000 第二十三条4"},
    "B4": {"000 第六条9", "000 第六条10", "000 第六条11", "000 第二十二条6", "000 第二十二条7",
           "000 第二十二条8", "广告法 第十七条"},
    "B5": {"003 主播 行为管控(7)", "000 第十二条5"},
    "B6": {"000 第二十三条3", "000 第二十三条8"},
    "B7": {"000 第二十三条6"},
}


def test_banned_articles_follow_the_requirements_table(pack: RulePack) -> None:
    for term in pack.banned:
        for citation in term.article.split("; "):
            assert citation in TABLE_B[term.rule], (term.rule, term.term, citation)


def _citations(pack: RulePack) -> set[str]:
    out = {c for t in pack.banned for c in t.article.split("; ")}
    out |= {c for e in pack.elements.values() for c in e.article.split("; ")}
    out |= set(pack.comparison.article.split("; ")) | set(pack.promo.article.split("; "))
    return out


_ARTICLE = re.compile(r"^(?P<seed>\d{3}) (?P<art>第[一二三四五六七八九十百]+条)(?P<item>\d*)$")
_SECTION = re.compile(r"^(?P<seed>\d{3}) (?P<role>\S+) (?P<head>\S+)\((?P<item>\d+)\)$")


def _seed_text(seed: str) -> str:
    files = list(SEEDS.glob(f"{seed}_*.txt"))
    assert len(files) == 1, f"seed {seed} not found in {SEEDS}"
    return files[0].read_text(encoding="utf-8")


@pytest.mark.skipif(not SEEDS.is_dir(), reason="regulation seeds not available")
def test_every_citation_exists_in_the_seed_text(pack: RulePack) -> None:
    """'000 第二十五条4' must be article 25 of seed 000, and that article must have item 4."""
    for citation in sorted(_citations(pack)):
        if citation.startswith("广告法"):
            continue  # law outside the seeds, cited by the law itself
        m = _ARTICLE.match(citation)
        if m:
            text = _seed_text(m["seed"])
            start = re.search(rf"^{m['art']}", text, re.MULTILINE)
            assert start, f"{citation}: no {m['art']} in seed {m['seed']}"
            nxt = re.search(r"^第[一二三四五六七八九十百]+条", text[start.end():], re.MULTILINE)
            body = text[start.end(): start.end() + nxt.start() if nxt else len(text)]
            if m["item"]:
                assert re.search(rf"^{m['item']}\.", body, re.MULTILINE), (
                    f"{citation}: article has no item {m['item']}")
            continue
        m = _SECTION.match(citation)
        assert m, f"cannot parse citation {citation!r}"
        text = _seed_text(m["seed"])
        head = text.index(m["head"])
        assert f"（{m['item']}）" in text[head: head + 400], citation


@pytest.mark.skipif(not SEEDS.is_dir(), reason="regulation seeds not available")
def test_key_article_texts(pack: RulePack) -> None:
    """Spot-check that the cited article says what the rule claims."""
    s000 = _seed_text("000")
    assert "左上角或右上角" in s000.split("第十条")[1].split("第十一条")[0]
    assert "“国家级”“最高级”“最佳”" in s000.split("第二十条")[1].split("第二十一条")[0]
    assert "“特供”“专供”" in s000.split("第二十二条")[1].split("第二十三条")[0]
    s001 = _seed_text("001")
    assert "人工智能" in s001.split("第三十条")[1].split("第三十一条")[0]
    assert "被比较价格" in s001.split("第二十七条")[1].split("第二十八条")[0]


# ---- broken copies -------------------------------------------------------------------------


def _broken(tmp_path: Path, old: str, new: str) -> Path:
    text = PACK.read_text(encoding="utf-8")
    assert old in text, old
    path = tmp_path / "pack.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_bad_regex_names_file_entry_and_regex(tmp_path: Path) -> None:
    path = _broken(tmp_path, "allow = ['非处方药']", "allow = ['非处方药(']")
    with pytest.raises(RulePackError) as err:
        load_rule_pack(path)
    msg = str(err.value)
    assert str(path) in msg and "B4 处方药" in msg and "allow[0]" in msg and "bad regex" in msg


def test_bad_element_regex(tmp_path: Path) -> None:
    path = _broken(tmp_path, "'经营[者看](?:名称)?:.{2,}'", "'经营[者看'")
    with pytest.raises(RulePackError, match=r"elements\.merchant_info: patterns\[0\].*bad regex"):
        load_rule_pack(path)


def test_missing_article(tmp_path: Path) -> None:
    path = _broken(tmp_path, 'term = "极品"\narticle = "000 第二十条3"\n', 'term = "极品"\n')
    with pytest.raises(RulePackError, match=r"B1 极品.*missing article"):
        load_rule_pack(path)


def test_unknown_key_is_refused(tmp_path: Path) -> None:
    path = _broken(tmp_path, 'term = "极品"\n', 'term = "极品"\nalow = ["x"]\n')
    with pytest.raises(RulePackError, match=r"B1 极品.*unknown key 'alow'"):
        load_rule_pack(path)


def test_a_pack_without_sticker_words_loads(tmp_path: Path) -> None:
    """[stickers] is optional: a shared policy written before it still loads."""
    text = PACK.read_text(encoding="utf-8")
    start = text.index("# Words printed on the stickers")
    path = tmp_path / "onscreen.toml"
    path.write_text(text[:start] + text[text.index("[promo]") :], encoding="utf-8")
    assert load_rule_pack(path).sticker_words == ()


def test_a_pack_without_discount_exclusions_loads(tmp_path: Path) -> None:
    """[comparison] discount_exclude is optional: a shared policy written before it loads,
    and every discount it matches counts."""
    text = PACK.read_text(encoding="utf-8")
    start = text.index("# Decision: a reduction only some buyers get")
    end = text.index("]\n", text.index("discount_exclude = [", start)) + 2
    path = tmp_path / "onscreen.toml"
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    pack = load_rule_pack(path)
    assert pack.comparison.discount_exclude is None
    assert pack.comparison.discount.search("新人首单立减5元")


def test_sticker_words_must_be_strings(tmp_path: Path) -> None:
    path = _broken(tmp_path, 'words = ["热卖"', 'words = [1, "热卖"')
    with pytest.raises(RulePackError, match=r"stickers: 'words' must be a list"):
        load_rule_pack(path)


def test_unknown_seed_is_refused(tmp_path: Path) -> None:
    path = _broken(tmp_path, 'term = "极品"\narticle = "000 第二十条3"',
                   'term = "极品"\narticle = "009 第二十条3"')
    with pytest.raises(RulePackError, match=r"seed 009 not listed"):
        load_rule_pack(path)


def test_malformed_article_is_refused(tmp_path: Path) -> None:
    path = _broken(tmp_path, 'term = "极品"\narticle = "000 第二十条3"',
                   'term = "极品"\narticle = "article 20"')
    with pytest.raises(RulePackError, match=r"is not '<seed> 第N条"):
        load_rule_pack(path)


def test_bad_version(tmp_path: Path) -> None:
    path = _broken(tmp_path, 'version = "2026.12.21"', 'version = "latest"')
    with pytest.raises(RulePackError, match="version"):
        load_rule_pack(path)


def test_not_toml_and_missing_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("version = \n", encoding="utf-8")
    with pytest.raises(RulePackError, match="not valid TOML"):
        load_rule_pack(bad)
    with pytest.raises(RulePackError, match="not found"):
        load_rule_pack(tmp_path / "nope.toml")


def test_env_override_finds_the_pack(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "onscreen.toml").write_text(
        PACK.read_text(encoding="utf-8").replace('"2026.12.21"', '"2099.1.1"'), encoding="utf-8")
    monkeypatch.setenv("LIVECOMPLY_RESOURCES", str(tmp_path))
    assert load_rule_pack().version == "2099.1.1"


def test_two_characters_of_a_sentence_long_phrase_are_no_fragment() -> None:
    """主播 and 形象 are words of their own; 主播为 and 拟形象 are only ever part of the label."""
    fragments = _fragments(("主播为虚拟形象", "广告内容"))
    assert {"主播为", "主播为虚拟形", "为虚拟形象", "拟形象", "内容", "广告内"} <= fragments
    assert not {"主播", "形象", "象"} & fragments


def test_spot_words_are_normalised_and_do_not_satisfy_the_element(pack: RulePack) -> None:
    price = pack.elements["price"]
    assert "到手价" in price.spot and "到手价" not in price.phrases
    assert "经营者:" in pack.elements["merchant_info"].spot  # ： normalised to :


def test_spot_must_be_a_list_of_strings(tmp_path: Path) -> None:
    path = _broken(tmp_path, 'spot = ["经营者：', 'spot = [1, "经营者：')
    with pytest.raises(RulePackError, match=r"elements\.merchant_info.*spot"):
        load_rule_pack(path)

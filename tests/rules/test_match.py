"""Matching against the real rule pack: banned terms, elements, viewer text, V5, V6."""

from __future__ import annotations

import pytest

from app.rules.match import (
    comparison_parts,
    find_banned,
    find_promo,
    match_element,
    near_banned,
    price_spans,
    room_lines,
    viewer_kind,
)
from app.rules.pack import RulePack, load_rule_pack
from app.rules.text import normalize


@pytest.fixture(scope="module")
def pack() -> RulePack:
    return load_rule_pack()


def _hits(text: str, pack: RulePack) -> list[tuple[str, str]]:
    return [(m.rule, m.term) for m in find_banned(text, pack)]


# ---- banned: positives per family, with the spelling variants OCR produces --------------------

POSITIVES = [
    # B1 absolute terms
    ("国家级品质", "B1", "国家级"),
    ("世界级工艺", "B1", "世界级"),
    ("最高级面料", "B1", "最高级"),
    ("年度最佳面霜", "B1", "最佳"),
    ("最好用的面霜", "B1", "最好"),
    ("行业第一", "B1", "全网第一"),
    ("全网第一", "B1", "全网第一"),
    ("销量第一", "B1", "全网第一"),
    ("第一品牌", "B1", "第一"),
    ("NO.1 爆款", "B1", "第一"),
    ("Ｎｏ．１", "B1", "第一"),
    ("TOP1", "B1", "第一"),
    ("销量冠军", "B1", "销量冠军"),
    ("唯一指定", "B1", "唯一"),
    ("顶级原料", "B1", "顶级"),
    ("极品好茶", "B1", "极品"),
    ("首选品牌", "B1", "首选"),
    ("国内首家", "B1", "首个"),
    ("史无前例的低价", "B1", "史无前例"),
    ("万能神器", "B1", "万能"),
    ("100%有效", "B1", "100%有效"),
    ("百分百见效", "B1", "100%有效"),
    # B2
    ("特供酒", "B2", "特供"),
    ("电商专供款", "B2", "专供"),
    ("国宴同款", "B2", "国宴"),
    ("部队专用", "B2", "国宴"),
    # B3 (one hit, not also 最低价)
    ("全网最低价", "B3", "全网最低价"),
    ("全 网 最 低 价", "B3", "全网最低价"),
    ("全网最便宜", "B3", "全网最低价"),
    ("历史最低价", "B3", "历史最低价"),
    ("史上最低价", "B3", "历史最低价"),
    ("今天最低价", "B3", "最低价"),
    # B4
    ("神医推荐", "B4", "神医"),
    ("祖传神药", "B4", "神药"),
    ("处方药直发", "B4", "处方药"),
    ("电子烟 烟弹", "B4", "电子烟"),
    ("烟草制品", "B4", "电子烟"),
    ("三天根治", "B4", "根治"),
    ("喝了降血压", "B4", "根治"),
    # B5
    ("加微信领优惠", "B5", "加微信"),
    ("加V：abc12345", "B5", "加微信"),
    ("加vx", "B5", "加微信"),
    ("+V 详聊", "B5", "加微信"),
    ("私聊下单更便宜", "B5", "私聊下单"),
    ("私下交易", "B5", "私下交易"),
    ("线下转账", "B5", "线下交易"),
    ("扫码加好友", "B5", "扫码加好友"),
    ("微信号见主页", "B5", "微信号"),
    ("VX：shop_8888", "B5", "微信号"),
    # B6
    ("好评返现5元", "B6", "好评返现"),
    ("晒图返红包", "B6", "好评返现"),
    ("招刷单", "B6", "刷单"),
    ("全网断货", "B6", "全网断货"),
    ("虚构库存", "B6", "虚构库存"),
    ("谎称现货", "B6", "虚构库存"),
    # B7
    ("残次品当正品卖", "B7", "残次品当正品"),
    ("瑕疵品 正品价", "B7", "残次品当正品"),
    ("处理品冒充正品", "B7", "残次品当正品"),
    ("以次充好", "B7", "残次品当正品"),
    # B1, B5 wordings met later
    ("最优品质", "B1", "最优"),
    ("加我微信领券", "B5", "加微信"),
    ("国务院推荐用茶", "B2", "国宴"),  # an organ vouching for goods
    ("全国人大代表推荐", "B2", "国宴"),
    ("领导人同款", "B2", "国宴"),
]


@pytest.mark.parametrize(("text", "rule", "term"), POSITIVES)
def test_banned_positive(text: str, rule: str, term: str, pack: RulePack) -> None:
    assert _hits(text, pack) == [(rule, term)]


NEGATIVES = [
    "这是我第一次来直播间",  # 第一次: ordinal
    "第一件原价 第二件半价",
    "第一款产品 纯棉T恤",
    "1号链接 第一个",
    "最佳赏味期6个月",  # shelf-life term
    "最佳食用期",
    "最好冷藏保存",  # adverb: advice
    "孕妇最好咨询医生",
    "非处方药 请按说明书使用",  # OTC is not prescription
    "万能胶 强力粘合",  # product category
    "100%纯棉",  # composition, not efficacy
    "一物一码 防伪码唯一",
    "谨防刷单诈骗",  # anti-fraud warning
    "拒绝刷单",
    "残次品 非正品 介意慎拍",  # honest disclosure
    "同批次品质稳定",  # 次品 inside 批次品质
    "加微辣",  # chili, not WeChat
    "加vip群",
    "线下门店同款",
    "烟草香调 香水",  # perfume note
    "广州发货",
    "优惠价59元",  # cannot be judged false from a frame
    "首发新品",
    "最新款",
    "到手价59元",
    "享最优惠价格",  # price talk, not the absolute claim
    "国家药监局批准文号 国械注准",  # a registration, not an endorsement
    "领导力课程",
    "",
]


@pytest.mark.parametrize("text", NEGATIVES)
def test_banned_negative(text: str, pack: RulePack) -> None:
    assert _hits(text, pack) == []


@pytest.mark.parametrize(
    ("text", "term", "span", "misses"),
    [("全网量低价猫粮2kg", "全网最低价", (0, 5), 1), ("今晚私聊下车", "私聊下单", (2, 6), 1),
     ("全 网 第二", "全网第一", (0, 6), 1), ("出口专借品质", "专供", (0, 4), 1),
     ("色滋百病 一抹见效", "根治", (0, 4), 2)],
    ids=["one glyph", "one glyph mid-line", "spaced", "variant spelling", "two of four glyphs"],
)
def test_a_line_close_to_a_banned_spelling_is_a_near_miss(
    text: str, term: str, span: tuple[int, int], misses: int, pack: RulePack
) -> None:
    closest = near_banned(text, pack)[0]
    assert (closest.term.term, closest.span, closest.misses) == (term, span, misses)


def test_near_misses_come_closest_first_one_per_term(pack: RulePack) -> None:
    # 全网量低价 is one off 全网最低价 and two off 全网第一 (全网 shared): both are offered,
    # for the recogniser to judge, the closer first.
    near = near_banned("全网量低价猫粮2kg", pack)
    assert [nm.misses for nm in near] == sorted(nm.misses for nm in near)
    terms = [nm.term.term for nm in near]
    assert terms[0] == "全网最低价" and len(terms) == len(set(terms)) and "全网第一" in terms


@pytest.mark.parametrize(
    "text",
    ["全网最低价", "今天吃什么", "全球两高价", "今天两高价钱", "最住", "神器", "私聊", "治百"],
    ids=["the term itself", "unrelated", "three off", "three off mid-line", "short term",
         "short term 2", "too short", "half a term"],
)
def test_no_near_miss(text: str, pack: RulePack) -> None:
    assert near_banned(text, pack) == ()


def test_allow_only_covers_its_own_occurrence(pack: RulePack) -> None:
    # 最好冷藏 is advice, but 最好的 in the same line is still a claim.
    assert _hits("最好的面膜 最好冷藏", pack) == [("B1", "最好")]
    assert _hits("第一次来？全网第一！", pack) == [("B1", "全网第一")]


def test_one_report_per_term_per_line(pack: RulePack) -> None:
    assert _hits("电子烟 烟弹 电子烟", pack) == [("B4", "电子烟")]


def test_several_terms_in_reading_order(pack: RulePack) -> None:
    assert _hits("国家级品质 全网最低价 加微信", pack) == [
        ("B1", "国家级"), ("B3", "全网最低价"), ("B5", "加微信")]


def test_match_reports_original_span_and_line(pack: RulePack) -> None:
    line = "今天 全 网 最 低 价！"
    (hit,) = find_banned(line, pack)
    assert hit.line == line
    assert line[hit.span[0]:hit.span[1]] == hit.matched == "全 网 最 低 价"
    assert hit.article == "000 第二十五条4" and hit.family == "fake_price"


def test_ocr_variants(pack: RulePack) -> None:
    assert _hits("全网最低價", pack) == [("B3", "全网最低价")]  # traditional 價
    assert _hits("全\u200b网最低价", pack) == [("B3", "全网最低价")]
    assert _hits("国 家 级", pack) == [("B1", "国家级")]


# ---- elements --------------------------------------------------------------------------------


def _elements(text: str, pack: RulePack) -> dict[str, tuple[bool, bool, bool]]:
    return {k: (v.full, v.fragment, v.insufficient) for k, v in match_element(text, pack).items()}


FULL = [
    ("广告", "ad_label"), ("【广告】", "ad_label"), ("广告AD", "ad_label"), ("AD广告", "ad_label"),
    ("此为广告", "ad_label"), ("广 告 内 容", "ad_label"), ("商业广告", "ad_label"),
    ("廣告", "ad_label"), ("厂告", "ad_label"),
    ("AI生成", "ai_disclosure"), ("Al生成", "ai_disclosure"), ("A1合成", "ai_disclosure"),
    ("ＡＩ主播", "ai_disclosure"), ("数字人直播", "ai_disclosure"), ("虚拟主播", "ai_disclosure"),
    ("内容由AI生成", "ai_disclosure"), ("人工智能生成", "ai_disclosure"),
    ("本直播间为数宇人直播", "ai_disclosure"), ("AU数字人直播", "ai_disclosure"),
    ("主播为虚拟形象 AT生成", "ai_disclosure"), ("AIGC", "ai_disclosure"),
    ("由AI技术生成", "ai_disclosure"), ("店铺信息", "merchant_info"), ("资质证照", "merchant_info"),
    ("商家信息", "merchant_info"), ("经营者信息", "merchant_info"), ("营业执照", "merchant_info"),
    ("店铺主体信息", "merchant_info"), ("经营者：杭州某某科技有限公司", "merchant_info"),
    ("经营看：某某商贸有限公司", "merchant_info"), ("证照信息", "merchant_info"),
    ("杭州某某科技有限公司", "merchant_info"), ("商家：某某旗舰店", "merchant_info"),
    ("店铺：某某官方旗舰店", "merchant_info"), ("执照信息", "merchant_info"),
    ("资质公示", "merchant_info"), ("卖家信息", "merchant_info"), ("主播为AI形象", "ai_disclosure"),
    ("¥59.9", "price"), ("￥59", "price"), ("69元", "price"), ("到手价69", "price"),
    ("券后价：49.9", "price"), ("Y59.9", "price"), ("V59", "price"), ("秒杀价 ¥ 9.9", "price"),
    ("59.9RMB", "price"), ("惊爆价99", "price"), ("会员价：29.9", "price"), ("专享价 88", "price"),
    ("到手+89", "price"),  # a thin ¥ read as +
    ("¥0.9", "price"), ("¥1099", "price"), ("¥10.09", "price"),  # a 0, but not leading
]


@pytest.mark.parametrize(("text", "element"), FULL)
def test_element_full(text: str, element: str, pack: RulePack) -> None:
    assert _elements(text, pack).get(element) == (True, False, False)


@pytest.mark.parametrize(
    ("text", "price"),
    [
        ("秒杀价V299", True),  # ¥ read as V
        ("利圣价V2aa", False),  # 秒杀价 ¥299 under a card: letters glued to the number
        ("V2aa", False),
        ("¥99hot", True),  # a real ¥: a badge read into the line after it
    ],
)
def test_a_misread_sign_makes_a_price_only_with_no_letters_after_it(
    text: str, price: bool, pack: RulePack
) -> None:
    m = match_element(text, pack).get("price")
    assert (m is not None and m.full) is price


@pytest.mark.parametrize(
    ("text", "element"),
    [("广", "ad_label"), ("此为广", "ad_label"), ("告", "ad_label"), ("[广", "ad_label"),
     ("AI生", "ai_disclosure"), ("AI", "ai_disclosure"), ("数字", "ai_disclosure"),
     ("虚拟主", "ai_disclosure"), ("商家信", "merchant_info"), ("营业执", "merchant_info"),
     # What a sticker leaves of a sentence-long label (主播为虚拟形象).
     ("主播为虚拟形", "ai_disclosure"), ("主播为虚", "ai_disclosure"),
     # A phrase with glyphs of a longer one hanging on: the rest is hidden.
     ("广告内", "ad_label"), ("数字人直", "ai_disclosure"), ("商家信息公", "merchant_info"),
     ("间主播为AI数字人", "ai_disclosure"), ("以下为广告内", "ad_label"),
     # A joining dot starts no label: what stood before it is hidden (广告·推广).
     ("·推广", "ad_label"), ("· 推广", "ad_label"),
     # A glyph inside the phrase hidden, both ends showing (此为广告, 数字人直播).
     ("此广告", "ad_label"), ("商广告", "ad_label"), ("数字直播", "ai_disclosure"),
     ("经营信息", "merchant_info"),
     # A price whose whole part starts with 0 and a digit: its first digits are hidden.
     ("¥09", "price"), ("直播价：00元", "price")],
)
def test_element_fragment(text: str, element: str, pack: RulePack) -> None:
    assert _elements(text, pack).get(element) == (False, True, False)


def test_a_gapped_phrase_is_marked_so_and_only_as_the_whole_line(pack: RulePack) -> None:
    """此广告 is 此为广告 with 为 under a sticker; 请看此广告牌 is a sentence, not a label."""
    assert match_element("此广告", pack)["ad_label"].gapped
    assert not match_element("此为广", pack)["ad_label"].gapped
    assert not match_element("此为广告", pack)["ad_label"].gapped
    assert match_element("来看此广告啊", pack)["ad_label"].full


@pytest.mark.parametrize(
    ("text", "cut"),
    [
        ("【广告", True),  # 【广告】 with its closing bracket under a sticker
        ("广告AD]", False),  # a glass box's right edge read as ]
        ("(广告", True),
        ("【广告】", False),
        ("（广告）", False),
        ("【广告】AD", False),
        ("商家信息》", False),  # a "more" chevron read as 》, not a bracket
        (")广告·推广", False),  # a stray mark before the label, not its bracket
    ],
)
def test_a_label_whose_bracket_is_left_open_lost_its_end(text: str, cut: bool,
                                                          pack: RulePack) -> None:
    """Brackets come in pairs: a label that opens one and never closes it ends under a cover.
    The phrase itself shows whole, so its glyphs are its own size (marked as gapped)."""
    m = next(iter(match_element(text, pack).values()))
    assert (m.fragment and m.gapped) == cut
    assert m.full == (not cut)


@pytest.mark.parametrize(
    "text",
    ["广州", "广州发货", "告诉你", "商家发货", "AIR", "数字人民币支付", "广告法规定", "非广告",
     "本场无广告", "广告位招租", "原价199元", "立减100元", "满199元减30元", "送10元券", "+1",
     "+89",
     "5折", "", "a", "   ", "商家：包邮到家", "AU金饰"],
)
def test_not_an_element(text: str, pack: RulePack) -> None:
    assert _elements(text, pack) == {}


@pytest.mark.parametrize(
    ("text", "element"),
    [("主播为AI数字人", "ai_disclosure"), ("以下为广告", "ad_label"),
     ("人工智能生成合成", "ai_disclosure")],
)
def test_a_shorter_sentence_rooms_write_is_a_whole_label(
    text: str, element: str, pack: RulePack
) -> None:
    """Parts of longer phrases, but labels in their own right: not what a cover left."""
    assert _elements(text, pack).get(element) == (True, False, False)


@pytest.mark.parametrize(
    ("text", "element", "cut"),
    [
        ("番为AI数字人", "ai_disclosure", True),  # 本场主播为AI数字人, 播 cut by the cover's edge
        (".番为AI数字人", "ai_disclosure", True),
        ("AI数字人", "ai_disclosure", False),
        ("本直播间主播为AI数字人", "ai_disclosure", False),
        ("主播为AI数字人", "ai_disclosure", False),  # a sentence rooms write as it stands
        ("新品AI生成", "ai_disclosure", False),  # a word before a label is no cut glyph
        ("广告AD", "ad_label", False),
    ],
)
def test_a_fragment_read_with_the_glyph_its_cover_cut_is_still_a_fragment(
    text: str, element: str, cut: bool, pack: RulePack
) -> None:
    """为AI数字人 is what a cover leaves of a sentence (a fragment); the glyph its edge cuts
    through (播) reads as anything (番). Its glyphs are the label's own size (gapped)."""
    m = match_element(text, pack)[element]
    assert (m.fragment and m.gapped) == cut
    assert m.full == (not cut)


@pytest.mark.parametrize(
    ("text", "element", "fragment"),
    [
        ("热卖人直播", "ai_disclosure", True),  # 数字人直播, a 热卖 sticker over 数字
        ("爆款资质", "merchant_info", True),  # 查看商家资质, a 爆款 badge over 查看商家
        ("热卖内容", "ad_label", True),  # 广告内容, a 热卖 sticker over 广告
        ("上新数字人直播", "ai_disclosure", False),  # a badge beside a whole label
        ("上新AD广告", "ad_label", False),
    ],
)
def test_a_stickers_word_read_into_part_of_a_label_is_a_fragment(
    text: str, element: str, fragment: bool, pack: RulePack
) -> None:
    """The detector reads a sticker's word into the line of the label it covers: what is left
    beside the word is part of the label, and the sticker is what hides the rest."""
    m = match_element(text, pack)[element]
    assert m.fragment == fragment
    assert m.full == (not fragment)


def test_fragment_must_be_the_whole_line(pack: RulePack) -> None:
    # 此为广 is part of 此为广告 only when it is all the line says.
    assert _elements("此为广州特产", pack) == {}


def test_promotion_word_is_not_an_ad_label(pack: RulePack) -> None:
    assert _elements("推广", pack) == {"ad_label": (False, False, True)}
    assert _elements("商业推广", pack) == {"ad_label": (False, False, True)}


def test_element_match_carries_rule_and_original_text(pack: RulePack) -> None:
    m = match_element("【 A I 生成 】", pack)["ai_disclosure"]
    assert m.rule == "V2" and m.article == "001 第三十条"
    assert m.matched == "A I 生成"


def test_line_can_show_several_elements(pack: RulePack) -> None:
    got = _elements("广告 | 到手价¥59.9", pack)
    assert got["ad_label"] == (True, False, False) and got["price"] == (True, False, False)


# ---- prices and V5 comparison ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("原价¥199", [True]),
        ("日常价199元", [True]),
        ("晋常价￥116", [True]),  # 日 misread: the word's end still says it is compared
        ("专框价：¥64直降15元", [True]),  # 柜 read as 框; 15元 is the reduction
        ("建议零售价199元", [True]),  # 售价 inside 零售价 is not an actual-price word
        ("原价199元 到手价99元", [True, False]),
        ("原价199元现价99元", [True, False]),
        ("¥99", [False]),
        ("到手价69元", [False]),
    ],
)
def test_price_spans_tell_compared_from_actual(text: str, expected: list[bool],
                                               pack: RulePack) -> None:
    assert [c for _, _, c in price_spans(normalize(text), pack)] == expected


def test_comparison_complete(pack: RulePack) -> None:
    parts = comparison_parts(["原价¥199", "到手价¥99", "立减100元"], pack)
    assert parts.compared == ("原价",) and parts.compared_lines == (0,)
    assert parts.actual_price and parts.discount and parts.missing == ()


@pytest.mark.parametrize(
    ("lines", "missing"),
    [
        (["原价199元", "到手价99元"], ("discount",)),
        (["划线价¥299"], ("actual_price", "discount")),
        (["专柜价¥299", "5折"], ("actual_price",)),
        (["吊牌价599", "¥199", "直降400"], ()),
        (["市场价 ¥ 99", "八五折", "券后价79"], ()),
        (["日常价199元", "直降"], ("actual_price", "discount")),  # 直降 without an amount
        # A new buyer's or a member's coupon is not this price's reduction; a threshold one is.
        (["原价¥99", "到手¥94", "新人首单立减5元"], ("discount",)),
        (["原价¥99", "到手¥89", "会员立减10元"], ("discount",)),
        (["原价¥99", "到手¥79", "满99减20"], ()),
        (["原价¥99 直降20元", "到手¥79", "新人首单立减5元"], ()),
        (["¥99"], ()),  # no comparison, nothing missing
        ([], ()),
    ],
)
def test_comparison_missing(lines: list[str], missing: tuple[str, ...], pack: RulePack) -> None:
    assert comparison_parts(lines, pack).missing == missing


# ---- viewer and platform text ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("小王：到手价是69元吗", "chat"),
        ("小王: 有优惠吗", "chat"),
        ("用户8823：主播好", "chat"),
        ("张三 进入直播间", "system"),
        ("李四来了", "system"),
        ("欢迎 小李 来到直播间", "system"),
        ("王五 点赞了主播", "system"),
        ("赵六 关注了主播", "system"),
        ("小明 分享了直播间", "system"),
        ("小红 送出 小心心 x1", "system"),
        ("小花 加入了粉丝团", "system"),
        ("128人正在去买", "system"),
        ("关注", "chrome"),
        ("1.2万人看过", "chrome"),
        ("60.9元人在看", "chrome"),  # 万 read as 元: no price
        ("3456人在线", "chrome"),
        ("本场点赞 3.4万", "chrome"),
        ("七元点赞51元", "chrome"),  # 本场点赞 5.1万, 万 read as 元: no price
        ("2.3w点赞", "chrome"),
        ("粉丝团", "chrome"),
        ("说点什么...", "chrome"),
        ("用户Y448", "chrome"),  # a default account name: Y448 is no ¥448
        ("用户8731245", "chrome"),
        # room overlays that look like chat or system lines
        ("经营者：杭州某某科技有限公司", None),
        ("到手价：69元", None),
        ("原价：199元", None),
        ("温馨提示：七天无理由退货", None),
        ("加V：lc8888 返现", None),  # a contact card: the room's B5, not a viewer named 加V
        ("●加V：1c8888返现", None),  # its icon read as a bullet is no part of a nickname
        ("i经营者：苏州嘉禾商贸上", None),  # an info icon (ⓘ) read as i, the name cut short
        ("i小明：好看", "chat"),  # a nickname that starts with i before no room key
        ("合加V:Ic8888返现", None),  # a WeChat logo read as 合
        ("●小王：加V吗", "chat"),
        ("白菜：加V吗", "chat"),  # a nickname that starts with one of those glyphs
        ("微信号：abc123", None),
        ("小美：加微信吗", "chat"),
        ("微信用户：好看", "chat"),
        ("新品来了", None),
        ("福利来了", None),
        ("下单送出精美礼品", None),
        ("广告", None),
        ("AI生成", None),
        ("用户须知", None),
        ("点赞到1万抽免单", None),  # the room's promotion: no count of likes
        ("", None),
    ],
)
def test_viewer_kind(text: str, kind: str | None, pack: RulePack) -> None:
    assert viewer_kind(text, pack) == kind


def test_room_lines_drop_viewer_text(pack: RulePack) -> None:
    lines = ["广告", "小王：到手价是69元吗", "1.2万人看过", "到手价¥59"]
    assert room_lines(lines, pack) == [0, 3]


# ---- V6 promotion limits ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("限量", ["限量"]),
        ("限时秒杀", ["限时", "秒杀"]),
        ("手慢无！", ["手慢无"]),
        ("限量100件", []),
        ("限量五百份", []),
        ("限时秒杀 今晚12点截止", []),
        ("今日限时", []),
        ("纯棉T恤", []),
    ],
)
def test_promo_without_number_or_time(text: str, words: list[str], pack: RulePack) -> None:
    found = find_promo(text, pack)
    assert [m.word for m in found] == words
    assert all(m.rule == "V6" and m.article.startswith("000 第二十五条") for m in found)


def test_a_chat_shaped_line_naming_a_company_is_the_rooms_merchant_line() -> None:
    """经营者：… with its key misread still names a registered business; viewers don't."""
    assert viewer_kind("经昌有：成都鲜之源良品有限公司") is None
    assert viewer_kind("主体:杭州某某电子商务经营部") is None
    assert viewer_kind("小王：这家公司靠谱吗") == "chat"
    assert viewer_kind("阿May：有限公司的发票能开吗") == "chat"


@pytest.mark.parametrize(
    ("text", "cut"),
    [
        ("经营者：上海锦", True),  # 上海锦绣科技有限公司 with its end hidden
        ("经营者：苏州知味贸易", True),
        ("经营者：苏州知味贸易有限公司", False),
        ("经营者：杭州某某电子商务经营部", False),
        ("店铺名称：优品旗舰店", False),
        ("经营者：上海锦绣科技有限公", False),  # one misread or lost glyph is not a cover
        # ⓘ read as i before the key, a 上新 badge over 有限公 read as 上 (framegen n651 f0005)
        ("i经营者：苏州嘉禾商贸上", True),
        ("i经营者：苏州嘉禾商贸有限公司", False),  # i is no lone letter glued to the name
    ],
)
def test_a_merchant_name_that_stops_short_is_a_fragment(text: str, cut: bool) -> None:
    m = match_element(text)["merchant_info"]
    assert (m.fragment, m.full) == (cut, not cut)


@pytest.mark.parametrize(
    ("text", "cut"),
    [
        ("直播价7", True),  # 直播价 79元 with 9元 under a sticker
        ("到手价 1", True),
        ("到手价：9", True),
        ("直播价7元", False),
        ("到手价¥7", False),
        ("券后价99", False),  # its ¥ too small to read: the number is whole
        ("秒杀价9.9", False),
    ],
)
def test_a_price_word_with_one_bare_digit_lost_the_rest(text: str, cut: bool) -> None:
    """No tag prices in one digit with neither its sign nor its unit."""
    m = match_element(text)["price"]
    assert (m.fragment, m.full) == (cut, not cut)


@pytest.mark.parametrize(
    ("text", "full"),
    [
        ("内容由A生成", True),  # 内容由AI生成 with its thin I lost
        ("内容由AI生成", True),
        ("A生成", None),  # too little to say it reads AI生成
        ("内容", None),  # a word of its own
    ],
)
def test_the_platform_label_with_its_i_lost_is_a_disclosure(text: str, full: bool | None):
    m = match_element(text).get("ai_disclosure")
    assert (m is not None and m.full) if full else m is None


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("本场主播为", True),  # 本场主播为AI数字人 with AI数字人 under a sticker
        ("该主播为", True),
        ("该主播为人工智", True),
        ("本场主播为A", True),
        ("该主播为人工智，", True),  # the cover's edge read as a comma
        ("该主播为人工行", True),  # 智 cut by the cover's edge, read as 行
        ("主播为你推荐", None),  # what follows 为 is no start of what the host is
        ("本场主播为AI数字人", False),  # whole: a disclosure
        ("主播为什么不说话", None),  # a sentence that goes on is no label
        ("本场主播", None),  # a caption as often as a label
    ],
)
def test_a_sentence_that_stops_at_what_the_host_is_lost_its_end(
    text: str, fragment: bool | None
) -> None:
    m = match_element(text).get("ai_disclosure")
    if fragment is None:
        assert m is None
    else:
        assert m is not None and (m.fragment, m.full) == (fragment, not fragment)


@pytest.mark.parametrize(
    ("text", "cut"),
    [
        ("¥29.", True),  # ¥29.9/件 with 9/件 under a star
        ("¥29.★", True),  # the star read as one
        ("到手价 39.", True),
        ("到手价7❤", True),
        ("¥29.9", False),
        ("¥29★", False),  # a star beside a whole price hides nothing of it
        ("¥29.9/件", False),
    ],
)
def test_a_price_that_ends_on_its_decimal_point_lost_its_decimals(text: str, cut: bool) -> None:
    """No tag is written with a point and no digit after it; a sticker read as a symbol at the
    line's end stands where the rest was."""
    m = match_element(text)["price"]
    assert (m.fragment, m.full) == (cut, not cut)


@pytest.mark.parametrize(
    ("text", "cut"),
    [
        ("¥85/1十", True),  # ¥83/件 under a card across the glyphs' tops: 件 read as 1十
        ("¥85/", True),
        ("¥83/件", False),
        ("¥83/2件", False),
        ("¥99/月", False),
        ("¥85/件包邮", False),
        ("到手价99/kg", False),
    ],
)
def test_a_per_unit_price_whose_unit_reads_as_no_unit_is_damaged(text: str, cut: bool) -> None:
    m = match_element(text)["price"]
    assert (m.fragment, m.full) == (cut, not cut)


@pytest.mark.parametrize(
    ("text", "price"),
    [
        ("7¥39.9/件", "¥39.9"),  # a shield icon before ¥ read as 7
        ("1¥196/件", "¥196"),  # an ⓘ read as 1
        ("¥39.9", "¥39.9"),
        ("NEW ¥45/件", "¥45"),  # a NEW badge beside the tag, read into its line
        ("HOT¥99", "¥99"),
        ("7Y89/件", "Y89"),  # the shield read as 7 again, and its ¥ as Y
        ("1v19.9", "v19.9"),
    ],
)
def test_a_digit_or_badge_before_the_yen_sign_is_not_part_of_the_price(
    text: str, price: str
) -> None:
    m = match_element(text)["price"]
    assert m.full and m.matched == price


@pytest.mark.parametrize("text", ["1v1连麦", "2y3", "3v3", "5v5比赛", "a1v10"])
def test_a_v_or_y_after_a_digit_is_no_yen_sign(text: str) -> None:
    assert "price" not in match_element(text)


@pytest.mark.parametrize(
    ("text", "cut"),
    [
        ("电子商务有限公司", True),  # 杭州云拓电子商务有限公司 with its place and name hidden
        ("拓电子商务有限公司", True),  # one glyph of a trade name is no trade name
        ("网络科技有限公司", True),
        ("云拓电子商务有限公司", False),
        ("N云拓电子商务有限公司", True),  # 州 cut through by a cover's edge, read as N
        ("7石电子商务有限公司", True),
        ("3M中国有限公司", False),  # a Latin name is more than one letter
        ("广州知味商贸有限公司", False),
        ("锦绣科技有限公司", False),
    ],
)
def test_a_company_name_without_its_trade_name_lost_its_start(text: str, cut: bool) -> None:
    """A company name is place, trade name (two glyphs or more), trade and legal form."""
    m = match_element(text)["merchant_info"]
    assert (m.fragment, m.full) == (cut, not cut)


@pytest.mark.parametrize(
    ("text", "cut"),
    [
        ("为人工智能生成", True),  # 该主播为人工智能生成 with 该主播 under a sticker
        ("为AI数字人", True),
        ("此为AI生成", False),  # its subject is there
        ("该主播为人工智能生成", False),
        ("人工智能生成", False),
    ],
)
def test_a_disclosure_that_starts_with_wei_lost_its_subject(text: str, cut: bool) -> None:
    m = match_element(text)["ai_disclosure"]
    assert (m.fragment, m.full) == (cut, not cut)

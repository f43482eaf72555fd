"""Words: element texts, the room's slogans (with and without banned terms), viewer chat.

Banned lines carry the term and rule they contain, so the truth records exactly what was put
on screen. Innocent near-misses are lines a careless substring matcher would flag but a
correct checker must not (第一次 is not the absolute claim 第一; 国家标准 is not 国家级).
"""

from __future__ import annotations

import numpy as np

AD_LABELS = ["广告", "广告", "广告 AD", "AD 广告", "此为广告", "广告内容", "商业推广 广告",
             "广告·推广"]
AI_LABELS = ["AI生成", "本直播间主播为AI数字人", "数字人直播", "虚拟主播", "人工智能生成内容",
             "内容由AI生成", "AI数字人直播", "主播为虚拟形象 AI生成"]
MERCHANT_LABELS = ["商家信息", "经营者信息", "营业执照", "店铺主体信息", "经营者：{company}",
                   "查看商家资质", "商家信息 >", "经营者信息公示"]
PRICE_FORMATS = ["¥{p}", "￥{p}", "到手价 {p}元", "券后价¥{p}", "直播价：{p}元", "秒杀价 ¥{p}",
                 "到手¥{p}", "¥{p}/件"]

CITIES = ["杭州", "广州", "义乌", "深圳", "成都", "上海", "苏州", "青岛", "长沙", "厦门"]
WORDS = ["禾木", "优品", "星河", "云裳", "鲜之源", "百草", "嘉禾", "晨光", "知味", "锦绣"]
TRADES = ["贸易有限公司", "电子商务有限公司", "商贸有限公司", "食品有限公司", "科技有限公司"]

PRODUCTS = ["补水保湿面膜 10片装", "速溶黑咖啡 50杯", "宠物猫粮 2kg", "儿童火箭拼装玩具",
            "复古摩托车模型", "纪念币收藏册", "节日礼盒 包装精美", "纯棉短袖T恤", "挂耳咖啡 礼盒",
            "蓝色礼品盒 送女友", "全麦面包 整箱", "手工红糖 500g"]

# (line, term, rule); the term is a substring of the line.
BANNED_LINES: list[tuple[str, str, str]] = [
    ("国家级品质 放心入手", "国家级", "B1"), ("年度最佳护肤单品", "最佳", "B1"),
    ("全网第一 口碑爆款", "全网第一", "B1"), ("销量第一的补水面膜", "销量第一", "B1"),
    ("顶级工艺 匠心之作", "顶级", "B1"), ("极品好茶 今日开抢", "极品", "B1"),
    ("最高级面料 亲肤透气", "最高级", "B1"),
    ("特供茶叶 内部渠道", "特供", "B2"), ("出口专供品质", "专供", "B2"),
    ("国家机关专供白酒", "国家机关专供", "B2"),
    ("今晚全网最低价 手慢无", "全网最低价", "B3"), ("历史最低价 仅此一场", "历史最低价", "B3"),
    ("最低价秒杀 错过等一年", "最低价", "B3"),
    ("神医推荐 祖传秘方", "神医", "B4"), ("护肝神药 一喝见效", "神药", "B4"),
    ("包治百病 老少皆宜", "包治百病", "B4"), ("三天根治脱发", "根治", "B4"),
    ("处方药 无需处方直接拍", "处方药", "B4"),
    ("加微信领50元券", "加微信", "B5"), ("私聊下单更优惠", "私聊下单", "B5"),
    ("支持线下交易 见面付款", "线下交易", "B5"), ("加V：lc8888 返现", "加V", "B5"),
    ("残次品当正品卖 清仓", "残次品当正品", "B7"), ("处理品冒充正品 特价", "处理品冒充正品", "B7"),
]
# Banned product titles for product cards.
BANNED_TITLES: list[tuple[str, str, str]] = [
    ("销量第一 补水面膜10片", "销量第一", "B1"), ("极品挂耳咖啡 礼盒装", "极品", "B1"),
    ("特供白茶 250g", "特供", "B2"), ("祖传神药 护肝片", "神药", "B4"),
    ("顶级纯棉T恤", "顶级", "B1"), ("全网最低价 猫粮2kg", "全网最低价", "B3"),
]
INNOCENT_LINES = ["第一次来直播间的宝宝点点关注", "国家标准GB/T 18401 A类", "支持七天无理由退货",
                  "专业团队 售后无忧", "特价专区 限时抢", "正品保障 品质可查", "新人首单立减5元",
                  "欢迎新朋友 第一次下单有礼", "今晚8点 不见不散", "关注主播 每晚有福利",
                  "满199包邮 48小时发货", "1号链接 点击小黄车"]
NEAR_MISSES = {"第一次来直播间的宝宝点点关注": "第一次", "国家标准GB/T 18401 A类": "国家标准",
               "特价专区 限时抢": "特价", "欢迎新朋友 第一次下单有礼": "第一次"}

COMPARE_WORDS = ["原价", "划线价", "日常价", "专柜价", "市场价"]

NICK_HEADS = ["小", "阿", "大", "老", "甜", "胖", ""]
NICK_BODIES = ["王", "花", "鱼", "猫", "桃子", "橙子", "可乐", "星星", "奶茶不加糖", "快乐的鱼",
               "路过的风", "momo", "Lily", "Tony", "一只羊", "西瓜太郎", "晴天"]
CHAT_NORMAL = ["主播好美", "已拍", "怎么买", "1号链接还有吗", "来了来了", "多少钱", "有优惠券吗",
               "发货快吗", "好看", "第一次来", "质量怎么样", "能便宜点吗", "主播穿的什么码",
               "已关注", "拍了两单", "什么时候发货", "有赠品吗", "支持退换吗", "求讲解3号",
               "哈哈哈", "太划算了", "再上一次链接"]
DANMAKU_NORMAL = ["哈哈哈哈", "666", "来了", "好看", "主播好可爱", "冲冲冲", "买了买了", "求链接",
                  "已关注", "+1", "2号链接", "质量怎么样", "太好看了吧", "蹲一个", "家人们冲",
                  "想要", "支持主播", "手慢无"]
SYSTEM_TEMPLATES = ["{n} 进入直播间", "{n} 点赞了主播", "欢迎 {n} 来到直播间", "{n} 关注了主播",
                    "{n} 送出 小心心 x{k}", "{n} 正在去购买"]
# (message, keywords it contains) — viewer text that mentions element words or banned terms.
CHAT_DECOYS: list[tuple[str, list[str]]] = [
    ("这是广告吗", ["广告"]), ("广告太多了吧", ["广告"]),
    ("主播是AI数字人吗？", ["AI", "数字人"]),
    ("是虚拟主播吧", ["虚拟主播"]), ("商家信息在哪看", ["商家信息"]),
    ("有营业执照吗", ["营业执照"]),
    ("到手价是69元吗", ["到手价", "69元"]), ("¥59.9包邮吗", ["¥59.9"]),
    ("真的是全网最低价？", ["全网最低价"]), ("可以加微信吗", ["加微信"]),
    ("神药？骗人的吧", ["神药"]), ("经营者信息看不到", ["经营者信息"]),
    ("券后价多少", ["券后价"]), ("比专柜价便宜吗", ["专柜价"]),
]
DANMAKU_DECOYS: list[tuple[str, list[str]]] = [
    ("全网最低价？？", ["全网最低价"]), ("广告吧这是", ["广告"]), ("AI主播？", ["AI"]),
    ("是数字人吗", ["数字人"]), ("¥69?", ["¥69"]), ("到手价多少", ["到手价"]),
    ("最低价吗", ["最低价"]), ("加V吗", ["加V"]), ("历史最低价？", ["历史最低价"]),
    ("原价多少啊", ["原价"]),
]


def pick(rng: np.random.Generator, items: list) -> object:
    return items[int(rng.integers(len(items)))]


def company(rng: np.random.Generator) -> str:
    return f"{pick(rng, CITIES)}{pick(rng, WORDS)}{pick(rng, TRADES)}"


def price_value(rng: np.random.Generator) -> float:
    base = float(pick(rng, [9.9, 19.9, 29.9, 39.9, 49, 59.9, 69, 79, 89, 99, 129.9, 199, 299]))
    return base if rng.random() < 0.7 else round(base + float(rng.integers(-5, 6)), 1)


def fmt_price(p: float) -> str:
    return f"{p:.1f}".rstrip("0").rstrip(".")


def nickname(rng: np.random.Generator) -> str:
    r = rng.random()
    if r < 0.2:
        return f"用户{int(rng.integers(1000, 99999))}"
    if r < 0.35:
        return f"{pick(rng, NICK_BODIES)}_{int(rng.integers(1, 999))}"
    return f"{pick(rng, NICK_HEADS)}{pick(rng, NICK_BODIES)}"

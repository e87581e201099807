"""Page structure of real web pages (issue 20): credits, outlet datelines, chrome, reposts.

Cases are named by where their form came from ("pages:e12" is a form seen on that shared page,
written here with made-up names and words; "own:" a form we made up).
"""

from __future__ import annotations

import pytest

from pipeline.core import page_lines
from pipeline.core.records import ArticleInfo
from pipeline.core.text import byline_names, normalize, split_page


def _names(found):
    return None if found is None else [n for n, _, _ in found]


CREDITS = [
    ("pages:d10", "记者吴宏强通讯员秦家林", True, ["吴宏强", "秦家林"]),
    ("issue20:role-slash", "记者 王某/文 李某/图", True, ["王某", "李某"]),
    ("issue20:one-line", "某报·某客户端记者 甲乙 丙丁 实习生 赵丙 通讯员 钱丁 孙戊", True,
     ["甲乙", "丙丁", "赵丙", "钱丁", "孙戊"]),
    ("issue20:square", "□晚报记者 王大明 通讯员 李小华", True, ["王大明", "李小华"]),
    ("issue20:plus", "采写:张三+记者 李四", True, ["张三", "李四"]),
    ("own:wen-tu", "文/图 李某", True, ["李某"]),
    # issue20:body-in-credit — the writer's body among the names is no name
    ("issue20:body-in-credit", "文/图 某某县融媒体中心 孙某某", True, ["孙某某"]),
    ("issue20:body-after-role", "记者 县农业局 王某", True, ["王某"]),
    ("own:body-only", "县融媒体中心", False, None),
    # issue20:filed-from — an outlet pair ending in 新闻 is a role's outlet; where the writer
    # filed from (济南报道) is no name
    ("issue20:filed-from", "大众网·海报新闻记者 王某某 济南报道", True, ["王某某"]),
    ("own:glued-report", "本报记者 王某 报道", True, ["王某"]),
    ("own:shot", "记者 王某 摄", True, ["王某"]),
    ("pages:e02", "湖北日报记者蔡俊", True, ["蔡俊"]),
    ("pages:e12", "通讯员李 斌", True, ["李 斌"]),
    ("pages:a04", "阿尔达克 李  飞 摄影报道", True, ["阿尔达克", "李  飞"]),
    ("pages:c11", "记者:亚荣 思栋 小强 编辑:秀芬", True, ["亚荣", "思栋", "小强"]),
    ("pages:e10", "文/ 記者胡某 張某某", True, ["胡某", "張某某"]),
    # not credits: a headline's tag, a commentary label, a bare name that is no surname's
    ("pages:a04-tag", "小康路上·绿色力量", False, None),
    ("pages:a06-tag", "说道", False, None),
    ("own:phrase", "项目建设 稳步推进", False, None),
]


@pytest.mark.parametrize("origin,segment,need_role,expected", CREDITS, ids=[c[0] for c in CREDITS])
def test_credit_names(origin, segment, need_role, expected):
    assert _names(page_lines.credit_names(segment, need_role=need_role)) == expected


BYLINE_LINES = [
    ("pages:a01", "肖学平摄（人民视觉）", ["肖学平"]),
    ("issue20:closing-name", "（张某某）", ["张某某"]),
    ("pages:e07", "(胡晓光)", ["胡晓光"]),
    ("issue20:one-line", "某报·某客户端记者 甲乙 丙丁 实习生 赵丙", ["甲乙", "丙丁", "赵丙"]),
    ("own:not-a-credit", "整合服务资源 提升处置效率", None),
    # issue20:reported — a closing 报道 is a filler, not a second name
    ("issue20:reported", "本报记者 黄某华 报道", ["黄某华"]),
    ("issue20:reported-two", "本报记者 黄某华 钱某 报道", ["黄某华", "钱某"]),
]


@pytest.mark.parametrize("origin,line,expected", BYLINE_LINES, ids=[c[0] for c in BYLINE_LINES])
def test_byline_lines(origin, line, expected):
    line = normalize(line).text
    assert byline_names(line, at_article_end=True) == expected


CLOSING = [
    ("pages:c01", "…提供有力支撑。(记者 贺某某 通讯员 王某)", ["贺某某", "王某"]),
    ("pages:e02", "…最优质的服务。(湖北日报记者蔡某)", ["蔡某"]),
    ("own:gloss", "建设污水处理工程（一期）", None),
    ("own:done", "会议要求加快进度。（完）", None),
    # issue20:body-credit — a government portal's closing credit names the body, then its writers
    ("issue20:body-credit", "…完成春播物资储备。（县农业农村局 赵某某）", ["赵某某"]),
    ("issue20:body-credit-two", "…活动圆满结束。（某某镇 钱某 孙某某）", ["钱某", "孙某某"]),
    ("own:body-alone", "…活动圆满结束。（县委宣传部）", None),
    ("own:body-phrase", "…活动圆满结束。（某某公司 新产品）", None),
]


@pytest.mark.parametrize("origin,line,expected", CLOSING, ids=[c[0] for c in CLOSING])
def test_closing_credit(origin, line, expected):
    assert _names(page_lines.closing_credit(normalize(line).text)) == expected


CHROME = [
    ("pages:b01", "当前位置:首页 > 新闻频道 > 本地快讯 >", True),
    ("pages:b12", "登陆 | 注册", True),
    ("issue20:rank", "点击排行 三天 一周 一月", True),
    ("issue20:print", "打印本页 关闭窗口 返回顶部", True),
    ("pages:c09", "10-09 10:39", True),
    ("pages:d02", "16.08.2017 08:55", True),
    ("pages:b12-meta", "时间:2012-06-08 10:08来源:某某日报 作者: 黄某某", True),
    ("pages:c11", "责任编辑:王某", True),
    ("pages:b03", "星沙时报,未经授权不得转载", True),
    ("pages:e12", "新闻推荐", True),
    ("pages:a01", "核心阅读", True),
    ("pages:e02", "1、“某某在线”由某某广播电台主办。经某某广播电台授权,某某公司独家负责运营。", True),
    ("pages:e02-2", "2、凡本网注明“来源:某某在线”的所有信息内容,未经书面授权,不得转载。", True),
    ("brief:masthead", "晋中日报 2025年10月15日 星期三", True),
    ("brief:page-label", "第03版：要闻", True),
    ("issue20:lettered-page", "第A03版：城市新闻", True),  # a lettered section's page label
    # issue20:chrome — other outlets' editors, error reports, share rows, app and QR banners,
    # comment rows, footers; a body line that starts with the same word stays text
    ("issue20:chrome-editor", "（责编：赵某、李某）", True),
    ("issue20:chrome-source", "稿源：某某网", True),
    ("issue20:chrome-fix", "【我要纠错】", True),
    ("issue20:chrome-share", "微信 微博 QQ空间", True),
    ("pages:c12-share", "新浪博客 网易博客 搜狐博客", True),  # an older portal's share rows
    ("pages:c12-share-2", "新浪微博 微信平台 腾讯微博", True),
    ("own:body-weibo", "新浪微博用户张某发布了视频", False),
    ("issue20:chrome-app", "打开某某新闻客户端，阅读体验更佳", True),
    ("issue20:chrome-qr", "长按识别二维码关注", True),
    ("issue20:chrome-buttons", "【举报】 【收藏】", True),
    ("issue20:chrome-comments", "0条评论", True),
    ("issue20:chrome-commenter", "网友：张某", True),
    ("issue20:chrome-footer", "主办：某某县人民政府办公室 承办：某某县融媒体中心", True),
    ("issue20:chrome-icp", "某ICP证030173号", True),
    ("issue20:chrome-pages", "上一页 下一页", True),
    ("own:body-report", "举报人张某反映，该项目存在问题。", False),
    ("own:body-collector", "收藏家张某说", False),
    ("own:headline", "肖超英会见广东客商", False),
    ("own:headline-date", "2025年10月15日全市项目集中开工", False),
    ("own:subhead", "治山理水 筑牢生态屏障", False),
    ("own:names", "阿尔达克 李 飞 摄影报道", False),
    ("own:body", "7月29日下午，市长在酒店会见了客商。", False),
]


@pytest.mark.parametrize("origin,line,expected", CHROME, ids=[c[0] for c in CHROME])
def test_chrome_lines(origin, line, expected):
    assert page_lines.is_chrome(normalize(line).text) is expected



META = [
    ("pages:b12", "时间:2012-06-08 10:08来源:某某日报 作者: 黄某某", ["黄某某"]),
    ("pages:b07", "文章來源:某某網 文章作者: 永正 峻峰 責任編輯:薛某 點擊數:", ["永正", "峻峰"]),
    ("pages:b03", "【作者:刘某某】 【编辑:王某】", ["刘某某"]),
    ("pages:b10", "文\\图:何某某", ["何某某"]),
    ("pages:b08", "作者: 来源: 发布时间:2012-08-29", []),
]


@pytest.mark.parametrize("origin,line,expected", META, ids=[c[0] for c in META])
def test_meta_authors(origin, line, expected):
    assert _names(page_lines.meta_authors(normalize(line).text)) == expected


DATELINES = [
    # (origin, first paragraph, agency, date text, reporters)
    ("pages:a01", "本报北京5月18日电 （记者孙某某）为落实通知，", "本报", "5月18日", ["孙某某"]),
    ("corpus:p11", "本报大同9月28日讯（记者 阎某某）今天上午，", "本报", "9月28日", ["阎某某"]),
    ("issue20:web", "东南网漳州4月19日讯 近日，", "东南网", "4月19日", []),
    ("pages:e05", "胶东在线9月3日讯 9月3日上午,市委书记会见客人。", "胶东在线", "9月3日", []),
    ("pages:b03", "长沙县融媒体11月28日讯(记者 刘某某)今日上午,", "长沙县融媒体", "11月28日", ["刘某某"]),
    ("issue20:channel", "新华网贵州频道9月28日电 近日,", "新华网", "9月28日", []),
    ("pages:e12", "本报和政讯(通讯员李 斌)2013年以来,", "本报讯", None, ["李 斌"]),
    ("pages:e09", "湖北日报客户端讯 (通讯员 方某)日前,总投资30亿元的项目入库。", "湖北日报客户端讯", "日前", ["方某"]),
    ("pages:d10", "本报讯 (记者吴某某通讯员秦某某) 前三季度,全县经济稳中有进。", "本报讯", None, ["吴某某", "秦某某"]),
    ("pages:e04", "新华社福州4月26日电(记者秦某)福建省项目签约。", "新华社", "4月26日", ["秦某"]),
    ("regional press: 记者X报道", "本报讯 记者王某某报道：5月18日，某市召开推进会。", "本报讯", "5月18日", ["王某某"]),
    ("pages:c03", "晚报讯 农历正月初九,新春的余味还未散去,全区重大项目开工。", "晚报讯", "农历正月初九", []),
    # issue20:other-datelines — an outlet's undated 消息 (its programme in brackets is no credit),
    # a relayed agency story, the forms the issue lists
    ("issue20:xiaoxi", "央视网消息（新闻联播）：今天，某会议在京召开。", "央视网消息", None, []),
    ("issue20:xiaoxi-reporter", "人民网消息（记者 王某）：近日，某市召开推进会。", "人民网消息", None, ["王某"]),
    ("issue20:relay", "据新华社电 今天上午，某项目开工。", "新华社", None, []),
    ("issue20:relay-dated", "据新华社某地5月6日电 今天上午，某项目开工。", "新华社", "5月6日", []),
    ("issue20:site-place", "某某网某地4月19日讯 近日，某地召开会议。", "某某网", "4月19日", []),
    ("issue20:people", "人民网北京5月6日电 5月6日，某市召开推进会。", "人民网", "5月6日", []),
    ("issue20:cns", "中新网某地10月3日电(记者 王某)国庆假期，某地接待游客。", "中新网", "10月3日", ["王某"]),
    ("issue20:xinhua-two", "新华社某地3月5日电（记者 张某 李某某）3月5日，一批项目开工。", "新华社", "3月5日",
     ["张某", "李某某"]),
    ("own:not-a-dateline", "人民网消息称，某市召开推进会。", None, None, None),
    ("pd_ner.dev:heard", "刘某某闻讯，风风火火地从广州赶到现场。", None, None, None),  # 闻讯: he heard of it
]


@pytest.mark.parametrize("origin,para,agency,date,reporters", DATELINES, ids=[c[0] for c in DATELINES])
def test_outlet_datelines(origin, para, agency, date, reporters):
    text = normalize("项目建设取得新进展\n" + para).text
    art = split_page(text)[0]
    if agency is None:
        assert art.dateline is None
        return
    assert art.dateline is not None
    assert (art.dateline.agency, art.dateline.date_text, art.authors) == (agency, date, reporters)


WEB_PAGE = """免费发布信息
当前位置:首页 > 新闻频道 > 本地快讯 >
某县召开项目推进会
时间:2012-06-08 10:08 来源:某某日报 作者: 黄某某
6月4日,某县召开重点项目推进会,会议由县长主持,部署下一步重点工作。
会议要求,各部门要加快项目建设进度,确保年底前完成全年任务。(记者 贺某某)
(责任编辑:白某某)
相关新闻
本报讯 某县开展安全检查
另一篇新闻的标题
"""


def test_web_page_chrome_set_aside():
    """pages:b12/b01 form: chrome around one article; the related list after 相关新闻 is no article."""
    text = normalize(WEB_PAGE).text
    arts = split_page(text)
    assert len(arts) == 1
    art = arts[0]
    assert art.title == "某县召开项目推进会"
    assert art.authors == ["黄某某", "贺某某"]
    assert art.dateline is None
    chrome = [text[s:e] for s, e in art.chrome_spans]
    assert chrome[0] == "免费发布信息"
    assert "相关新闻" in chrome and "本报讯 某县开展安全检查" in chrome
    # mentions inside chrome are marked so; the meta line's author stays a byline
    info = ArticleInfo(index=0, start=art.start, end=art.end, title_spans=art.title_spans,
                       author_spans=art.author_spans, chrome_spans=art.chrome_spans)
    nav = text.index("新闻频道")
    assert info.part_at(nav, nav + 4) == "chrome"
    who = text.index("黄某某")
    assert info.part_at(who, who + 3) == "byline"


def test_repost_original_title():
    """pages:e02 form: a repost with no headline of its own but 原标题:…"""
    text = normalize("原标题:某州30个项目集中签约 总投资486亿元\n5月31日,某州举行签约仪式,共签约30个项目。\n").text
    art = split_page(text)[0]
    assert art.title == "某州30个项目集中签约 总投资486亿元"
    assert text[art.title_spans[0][0]:art.title_spans[0][1]] == art.title


def test_web_headline_not_joined_to_body():
    """pages:b07 form: headline, then a meta line, then the body with no blank line between."""
    raw = "县委书记调研重点工程和重点项目建设推进情况\n文章来源:某某网 文章作者: 永正 峻峰\n1月3日,县委书记深入重点工程建设工地调研。\n"
    text = normalize(raw).text
    art = split_page(text)[0]
    assert art.title == "县委书记调研重点工程和重点项目建设推进情况"
    assert art.authors == ["永正", "峻峰"]


def test_photo_story_closed_by_its_credit():
    """pages:a01 form: a photo story (headline, caption paragraph, credit) between two articles."""
    raw = ("治理臭氧超标 将有新招\n\n近年来，全国空气质量持续改善，臭氧浓度却不降反升。\n\n"
           "晒盐忙\n\n山东省寿光市羊口镇盐田，工人们在盐池排水。\n\n肖学平摄（人民视觉）\n\n"
           "岱海生态应急补水工程开工\n\n本报乌兰察布5月18日电 （记者吴某）16日，工程开工。\n")
    arts = split_page(normalize(raw).text)
    assert [a.title for a in arts] == ["治理臭氧超标 将有新招", "晒盐忙", "岱海生态应急补水工程开工"]
    assert [a.authors for a in arts] == [[], ["肖学平"], ["吴某"]]


def test_masthead_is_no_headline():
    """brief: an e-paper page opens with its masthead and page label; the headline is below."""
    raw = "晋中日报 2025年10月15日 星期三\n第03版：要闻\n\n太谷区委书记调研重点项目\n\n科学导报讯 10月14日，区委书记调研项目建设。\n"
    text = normalize(raw).text
    arts = split_page(text)
    assert [a.title for a in arts] == ["太谷区委书记调研重点项目"]
    assert [text[s:e] for s, e in arts[0].chrome_spans] == ["晋中日报 2025年10月15日 星期三", "第03版：要闻"]


# Pages and the titles of the articles found on them; made-up text in the form of the pages named.
PAGE_SPLITS = [
    ("pages:a05 form: a feature's parallel subhead blocks (kicker + two lines) open no articles",
     "某区建服务中心，统筹解决民生诉求\n平台汇难题 线下快处理（社会治理在身边）\n\n"
     "　　城区人口迅速增加，民生服务如何及时跟上？某区通过信息平台汇集诉求。\n"
     "　　一个中心\n　　整合服务资源\n　　提升处置效率\n"
     "　　走进服务管理中心的接线大厅，屏幕不时更新着收集到的数据。\n"
     "　　一份清单\n　　诉求分出门类\n　　明确责任主体\n"
     "　　街镇发现问题却无力解决，区直部门疲于应对。\n\n\n"
     "某市居民可参加社保\n\n　　本报某市1月2日电 （记者王某）新的一年，居民可参加社保。\n",
     ["某区建服务中心，统筹解决民生诉求 平台汇难题 线下快处理(社会治理在身边)", "某市居民可参加社保"]),
    ("pages:a03 form: kicker subheads (探照灯 / 一次谈话，…) in a feature",
     "某市纪委加强监督执纪\n查出老病根 治好庸懒散\n\n　　为缓解经济下行压力，某市纪委监委开展专项行动。\n"
     "　　探照灯\n　　一次谈话，牵出历史旧账\n　　两天时间，一笔投标保证金就轻松退回。\n"
     "　　手术刀\n　　一场专项巡察，精准把脉项目\n　　招商引资项目能否顺利落地，是企业关注的热点。\n",
     ["某市纪委加强监督执纪 查出老病根 治好庸懒散"]),
    ("pages:a06 form: a one-line headline with its column's name after a dateless feature",
     "某市综合施策，整治黑臭水体\n截污减负 某河美颜（小康路上）\n\n　　某河是某市的母亲河，曾经污水横流。\n"
     "　　整治周边环境，月亮湾成锻炼好去处\n　　温泉古遗址就在月亮湾附近，如今成了好去处。\n\n\n"
     "对待臭氧，莫要一概而论（说道）\n\n　　一边是污染成因，一边是地球卫士，对待臭氧要正确认识。\n",
     ["某市综合施策，整治黑臭水体 截污减负 某河美颜(小康路上)", "对待臭氧，莫要一概而论(说道)"]),
    ("pages:a04 form: a headline with a column tag is not joined to the body below it",
     "某部印发通知 支出要向重点地区倾斜\n\n　　本报北京2月23日电 （记者寇某）某部日前印发通知，加强资金管理。\n\n\n"
     "某河生态输水 “解渴”荒漠植被（走近自然）\n\n　　日前，某河中下游迎来了生态输水。\n　　阿某某  李  飞   摄影报道\n",
     ["某部印发通知 支出要向重点地区倾斜", "某河生态输水 “解渴”荒漠植被(走近自然)"]),
    ("pages:e07 form: a body line cut after 、 is no headline",
     "本网讯 7月30日,多家中央媒体组成的采访团来到某市开展考察活动。\n"
     "考察活动中,采访团一行先后深入到我市生态公园、某某服饰有限公司、\n"
     "某某笔业、某某药业等处进行了实地参观考察,详细了解了某市经济\n社会发展情况。\n",
     [None]),
    ("corpus:p12 form: a line with a full stop inside, glued name after it, is no headline",
     "某镇12个项目获专项资金\n\n太湖晨报讯 近日，某厅公布专项资金项目名单，某镇获支持项目数量居全区首位。其中，江苏某某科技有限公司\n\n"
     "数字化车间改造项目获支持资金680万元。朱某\n\n1-2月某区工业开门红\n\n太湖晨报讯 记者从统计局获悉，1-2月，全区工业总产值增长。\n",
     ["某镇12个项目获专项资金", "1-2月某区工业开门红"]),
    ("pages:a03 form: an advertorial's date-and-place line under its headline is no part of it",
     "某县开设政治生活馆\n\n本报某地10月20日电 （记者张某）佩戴党徽、整齐队列，党员们走进生活馆。\n\n"
     "2019中国·某区投资贸易洽谈会\n2019年10月22日 中国·某区\n　　某区地处长江三角洲中心腹地，交通便利。\n",
     ["某县开设政治生活馆", "2019中国·某区投资贸易洽谈会"]),
]


@pytest.mark.parametrize("origin,raw,titles", PAGE_SPLITS, ids=[c[0] for c in PAGE_SPLITS])
def test_page_splits(origin, raw, titles):
    assert [a.title for a in split_page(normalize(raw).text)] == titles


# A credit line right under the headline (regional papers): no part of the title, its names
# are the authors; a two-phrase headline line without a role word stays a headline line.
HEAD_CREDITS = [
    ("OUTPUT.md bylines: reporter and correspondent", "本报记者 王某 通讯员 李某某", ["王某", "李某某"]),
    ("regional press: a square before the credit", "■本报记者 王某某", ["王某某"]),
    ("regional press: a hollow square", "□记者 王某某 通讯员 李某", ["王某某", "李某"]),
]


@pytest.mark.parametrize("origin,line,authors", HEAD_CREDITS, ids=[c[0] for c in HEAD_CREDITS])
def test_credit_line_under_the_headline(origin, line, authors):
    raw = f"某市召开项目推进会\n{line}\n5月18日，某市召开项目推进会。会议要求加快建设。\n"
    arts = split_page(normalize(raw).text)
    assert [(a.title, a.authors) for a in arts] == [("某市召开项目推进会", authors)]


def test_two_phrase_headline_lines_are_no_credit():
    raw = "治山理水 筑牢生态屏障\n截污减负 淦河美颜\n　　5月18日，某市召开项目推进会。\n"
    arts = split_page(normalize(raw).text)
    assert [(a.title, a.authors) for a in arts] == [("治山理水 筑牢生态屏障 截污减负 淦河美颜", [])]


def test_headline_repeated_with_a_site_tag_is_read_once():
    """web pages: the browser title (…_某某新闻网) above the page's own headline."""
    raw = "某市召开项目推进会_某某新闻网\n某市召开项目推进会\n时间：2020-05-18 来源：某某网\n5月18日，某市召开项目推进会。\n"
    assert [a.title for a in split_page(normalize(raw).text)] == ["某市召开项目推进会"]


def test_closing_credit_before_the_scrap_of_a_cut_off_page():
    """pages:e07 form: the page is cut after the closing credit, a scrap (《中) left below it."""
    raw = "本网讯 7月30日,采访团来到某市开展考察活动。\n通过实地考察,采访团一行给予了高度评价。(胡某某)\n《中\n"
    assert [a.authors for a in split_page(normalize(raw).text)] == [["胡某某"]]


def test_declared_title_in_the_body_is_the_title():
    """pages:e04 form: a repost whose headline stands mid-body and again after 标题:."""
    raw = ("本篇文章382字,读完约1分钟\n\n新华社福州4月26日电(记者秦某)某省重大投资项目“云签约”26日举行。\n\n"
           "据了解,中央企业项目92个,总投资4245亿元。\n\n某省391个重大招商项目集中“云签约”\n\n"
           "某省有关负责人表示,将有效发挥有效投资作用。\n\n来源:某某中文网\n\n标题:某省391个重大招商项目集中“云签约”\n")
    arts = split_page(normalize(raw).text)
    assert [(a.title, a.authors) for a in arts] == [("某省391个重大招商项目集中“云签约”", ["秦某"])]


# issue20:headline-on-dateline — a feature's headline on its dateline's line after 题： titles
# the article; the credit line under it names the authors and is not joined to the line above
# (nor to the body below it, however long: issue20:one-line-credit)
DATELINE_HEADLINES = [
    ("issue20:one-line-credit",
     "某市重点项目建设跑出“加速度”\n某某日报·某某客户端记者 刘某某 陈某 实习生 黄某 通讯员 周某某 吴某\n"
     "连日来，某市各重点项目建设现场一派繁忙景象。今年以来，全市已开工重点项目86个。\n",
     "某市重点项目建设跑出“加速度”", ["刘某某", "陈某", "黄某", "周某某", "吴某"]),
    ("issue20:opening-credit",
     "某市召开项目推进会\n本报记者 王某某 报道：5月6日，某市召开重点项目推进会，总投资超亿元。\n",
     "某市召开项目推进会", ["王某某"]),
    ("issue20:square-text-photo",
     "某市召开项目推进会\n■本报记者 王某某 文/图\n5月6日，某市召开重点项目推进会。\n",
     "某市召开项目推进会", ["王某某"]),
    ("issue20:agency-feature",
     "新华社某地9月28日电 题：黄土地上的“新农人”\n新华社记者 张某 王某某\n"
     "秋日的某地，漫山遍野的马铃薯迎来丰收。返乡青年正忙着直播带货。\n",
     "黄土地上的“新农人”", ["张某", "王某某"]),
    ("issue20:channel-feature",
     "新华网某某频道9月28日电 题：某州农产品加工业提质增效\n"
     "记者从某州农业农村局获悉，今年以来，某州农产品加工业实现产值86亿元。\n",
     "某州农产品加工业提质增效", []),
    ("own:headline-above-wins",
     "某区项目集中开工\n新华社某地3月5日电 题：一批项目开工\n今天上午，某区一批项目集中开工，总投资480亿元。\n",
     "某区项目集中开工", []),
]


@pytest.mark.parametrize("origin,raw,title,authors", DATELINE_HEADLINES, ids=[c[0] for c in DATELINE_HEADLINES])
def test_headline_on_the_dateline(origin, raw, title, authors):
    (art,) = split_page(normalize(raw).text)
    assert (art.title, art.authors, art.dateline is not None) == (title, authors, "电" in raw)


# issue20:list-headers — other outlets' list headers end the article: the rest is chrome; a
# lone 评论 (an e-paper section's name) is a button, never a list header
LIST_HEADERS = [
    ("issue20:recommended", "相关推荐", True),
    ("issue20:everyone-reads", "大家都在看", True),
    ("issue20:hot-comments", "热门评论", True),
    ("own:section-name", "评论", False),
]


@pytest.mark.parametrize("origin,line,expected", LIST_HEADERS, ids=[c[0] for c in LIST_HEADERS])
def test_list_headers(origin, line, expected):
    assert page_lines.is_list_header(line) is expected

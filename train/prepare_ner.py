"""Build spaCy DocBin training/dev data for the PER/ORG/LOC NER.

python -m train.prepare_ner [--out /work/data/ner] [--compound-org missing|org]

Reference docs are tokenised one token per character (spaCy's zh "char" segmenter);
spaCy aligns them to whatever tokenizer the training config uses (entities that do
not align to pkuseg words become "missing" for that example), and scoring stays
exact-span in characters.

Sources
- PD 1998 (segmented+POS): nr runs -> PER, ns -> LOC, nt -> ORG, everything else O,
  except likely compound organisations (flattened in this copy of the corpus), which
  are marked missing (or ORG with --compound-org org).  Every 20th paragraph (the
  pkuseg test part) is kept out too, and paragraphs containing a pd_ner.dev
  sentence are dropped.
- CLUENER train: name->PER; company/organization/government->ORG; address/scene->LOC;
  position/game/movie/book spans -> missing (they can contain our entities).
Dev (early stopping only): pd_ner.dev + cluener.dev (same mapping).
All text is normalised full-width ASCII -> half-width, as at run time.
"""
import argparse
import os
import random

import spacy
from spacy.tokens import DocBin

from pipeline.core.rules import load_lexicon
from .common import (CLUENER_DEV, CLUENER_TRAIN, HOLDOUT_EVERY, PD_DEV,
                     contaminated_paragraphs, read_jsonl, read_pd_corpus,
                     split_sentences, to_halfwidth)

CLUENER_MAP = {"name": "PER", "company": "ORG", "organization": "ORG", "government": "ORG",
               "address": "LOC", "scene": "LOC"}
CLUENER_MISSING = {"position", "game", "movie", "book"}

RUN_TAGS = {"n", "ns", "nz", "j", "vn", "nt", "b", "an", "nx", "Ng"}
# a compound organisation starts with a name-like token (PKU: [郑州/ns 公安局/n]nt,
# [中国/ns 检察/vn 日报社/n]nt, [世界/n 银行/n]nt); runs of common nouns only
# (保险/n 公司/n) are generic in pd_ner ("O") or unknowable -> missing
PROPER_TAGS = {"ns", "nt", "nz", "j", "nx", "nr"}
PROPER_START_WORDS = {"中央", "全国", "国际", "世界", "国家", "中华", "人民", "亚洲", "欧洲",
                      "非洲", "美洲", "泛美", "东方", "西方"}
# "this province's / the city's ..." (市/n 政府/n 新闻处/n, 省/n 教育/vn 考试院/n, 村/n 党支部/n,
# 自治区/n 党委/n) are organisations in pd_ner.dev (市教委, 乡卫生院, 村党支部: ORG)
LEVEL_START_WORDS = {"省", "市", "县", "区", "州", "乡", "镇", "村", "自治区", "自治州", "自治县"}
# a newspaper's name before 日报 is a common word (光明/n 日报/n, 解放/vn 日报/n): still its name
NEWSPAPER_WORDS = ("日报", "晚报", "时报", "日报社", "晚报社")
ORG_SUFFIX_CHARS = set("部局委会院所厂司团校社处办站队盟党署厅庭馆军联协")
ORG_SUFFIX_WORDS = ("中心", "协会", "组织", "银行", "大学", "中学", "小学", "学院",
                    "电台", "电视台", "气象台", "日报", "晚报", "时报", "周报", "联合国", "集团",
                    "公司", "分行", "支行", "俱乐部", "联盟", "理事会", "议会", "内阁", "中央",
                    # national sports teams (中国/ns 女排/n; pd_ner.dev: 中国女足, 国家女篮 ORG)
                    "女排", "男排", "女足", "男足", "女篮", "男篮")


# frequent words with an "org" last character that are not organisations
# (checked on pd_ner.dev with jieba POS: these were the commonest false hits).
# X政府 is never one ORG in pd_ner.dev (95 of 95: 中国/LOC 政府/O), nor 部队, 大会.
NON_ORG_ENDINGS = ("干部", "全部", "局部", "内部", "外部", "社会", "部署", "招待会", "发布会",
                   "研讨会", "座谈会", "宴会", "晚会", "舞会", "机会", "大军", "将军", "冠军", "亚军",
                   "政府", "部队", "大会", "常委", "委员", "会员", "团员", "党员", "队员", "社员",
                   "团队", "军队", "球队", "车队", "排队", "队伍",
                   # meetings and events (三中全会, 博览会) are not organisations
                   "全会", "峰会", "盛会", "年会", "例会", "集会", "博览会", "运动会", "交易会",
                   "展览会", "展销会", "洽谈会", "联欢会", "报告会", "纪念会", "音乐会", "演唱会",
                   "表彰会", "动员会", "现场会", "工作会", "推介会", "订货会", "庙会", "茶话会",
                   "见面会", "听证会",
                   # games, congresses and fairs abbreviated (奥运会/j, 全运会/j, 人代会/j, 世博会/j)
                   "运会", "代会", "博会", "交会",
                   "格局", "布局", "大局", "结局", "全局", "时局", "政局", "开局", "僵局", "骗局",
                   "好处", "到处", "深处", "之处", "难处", "益处", "长处", "短处", "用处", "住处",
                   "场所", "住所", "厕所", "大厅", "餐厅", "舞厅", "家庭", "我军")
# buildings and stations are LOC as often as ORG in pd_ner.dev (中国美术馆 LOC): missing
AMBIGUOUS_ORG_PLACE_CHARS = set("馆站")
# one-word organisations the corpus tags n/j (pd_ner.dev: 市委 ORG 7/7 alone, 海军 4/4, 欧盟 15/15)
STANDALONE_ORG = {"市委", "县委", "省委", "区委", "州委", "地委", "镇委", "乡党委", "海军", "陆军",
                  "空军", "解放军", "国会", "内阁", "欧盟", "北约", "十五大", "北大", "清华",
                  "足协", "安理会", "独联体", "东盟", "欧佩克", "妇联", "科协", "团中央", "共青团",
                  "亚行", "世行", "残联", "侨联", "文联", "作协", "工商联", "全总",
                  # abbreviations and armies the corpus tags j/n (pd_ner.dev: 中共 ORG, 人大 inside
                  # ORG 12/12, 红军 / 新四军 / 白宫 / 国家队 ORG)
                  "人大", "中共", "红军", "八路军", "新四军", "人民军", "白宫", "参议院", "众议院",
                  "参院", "众院", "国家队", "总参", "总政"}
# abbreviations tagged j with an org ending that name no single organisation
NON_ORG_ABBREV = {"高校", "中小学", "大中学校", "大专院校", "院所", "部委", "母子公司", "党政军",
                  "东西部", "东中西部", "内外部", "三委", "五委", "委办局", "航站", "两会", "参众两院",
                  "上下议院", "侨团", "展团", "和会", "驾校", "网校", "农校", "财校", "卫校"}
# X党/n is a named party (共产党, 国民党, 自民党, 工党: pd_ner ORG) except these
GENERIC_PARTY = {"党", "全党", "我党", "执政党", "革命党", "反对党", "政党", "在野党", "参政党",
                 "黑手党", "新党", "两党", "各党", "友党"}
# congresses of the party are named like organisations (中共/j 十五大/j: one ORG in pd_ner.dev)
PARTY_CONGRESS = ("十五大", "十四大", "十三大", "十二大", "十一大")
# a place followed by one of these common nouns is one place in pd_ner.dev (香港特区, 西藏自治区,
# 天安门广场, 朝鲜半岛, 台湾海峡, 德黑兰机场, 濑户大桥, 虹口体育馆, 中国美术馆: LOC 33/33)
LOC_SUFFIX_WORDS = {"自治区", "自治州", "自治县", "特区", "广场", "半岛", "海峡", "机场", "大桥",
                    "隧道", "体育馆", "博物馆", "美术馆", "纪念馆", "公园"}
# buildings: a named run ending in 馆 is LOC in pd_ner.dev (15 of 17; the 2 ORG are 领事馆)
LOC_BUILDING_EXCEPT = ("使馆", "领事馆")
# place words the corpus does not tag ns (pd_ner.dev: 中华 of 中华民族 LOC, 地球 10/10, 月球 3/3,
# 拉美 5/5, 东北 8/9)
PLACE_WORDS = {("中华", "nz"), ("地球", "n"), ("月球", "n"), ("火星", "n"), ("拉美", "j"),
               ("北爱", "j"), ("亚太", "j"), ("东北", "s"), ("西北", "s"), ("东南", "s"),
               ("西南", "s")}
# two-word places (人民/n 大会堂/n: LOC 4/4 in pd_ner.dev, 61 times in the corpus)
PLACE_PAIRS = {("人民", "大会堂")}
# one-character place abbreviations inside a word are LOC in pd_ner.dev: 访华/驻华/来华 (华 16/16),
# 中方/美方 (8/8), 京剧 (京 11/11), 中医/中药 (中 5/6), 华侨 (华 5/6), 美军 (美), 青藏 / 江淮 /
# 黄淮 (each character, 4/4 and 5/5), 奥运 (奥 3/3); the corpus has these words as one v/n/j word
PLACE_ABBREV = set("中美俄京日英法德韩朝华港澳台沪藏川苏越泰印意以巴伊欧亚津渝鲁豫晋冀辽湘鄂粤桂"
                   "琼滇黔陕甘闽赣皖浙蒙")
PAIR_ABBREV = PLACE_ABBREV | set("江淮黄青宁新")
VISIT_PREFIX = set("驻访来赴抵离返侵援旅留")
ABBREV_AFFIX = set("方剧医药侨裔胞军")
ABBREV_EXCEPT = {"留意", "来意", "亚军", "法医", "中军", "越剧"}


def places_inside_word(word, tag):
    """Character spans of one-character place abbreviations inside a word (访华 -> 华)."""
    if tag in ("ns", "nr", "nt") or word in ABBREV_EXCEPT:
        return []
    if len(word) == 2:
        if word[0] in VISIT_PREFIX and word[1] in PLACE_ABBREV:
            return [(1, 2)]
        if word[1] in ABBREV_AFFIX and word[0] in PLACE_ABBREV:
            return [(0, 1)]
        if tag == "j" and word[0] in PAIR_ABBREV and word[1] in PAIR_ABBREV:
            return [(0, 1), (1, 2)]
    if tag in ("j", "n"):
        for games, place in (("奥运", 0), ("亚运", 0), ("冬奥", 1)):  # 奥 / 亚 is the place
            k = word.find(games)
            if k >= 0:
                return [(k + place, k + place + 1)]
    return []


# a team of one sport (足球队, 羽毛球队, 男子网球队) is an organisation after a place (pd_ner.dev:
# 中国足球队, 阿根廷足球队, 德国男子网球队 ORG); the bare word 球队 (八支球队) is not one
SPORT_TEAM_ENDING = "球队"


def is_org_suffix(word):
    if word.endswith(SPORT_TEAM_ENDING) and len(word) > len(SPORT_TEAM_ENDING):
        return True
    if word.endswith(NON_ORG_ENDINGS):
        return False
    if word.endswith(PARTY_CONGRESS):
        return True
    return word[-1] in ORG_SUFFIX_CHARS or word.endswith(ORG_SUFFIX_WORDS)


def is_named_party(token):
    word, tag = token
    return tag == "n" and word.endswith("党") and word not in GENERIC_PARTY


def is_standalone_org(token, known_orgs=frozenset()):
    """A single word that is an organisation on its own (not part of a compound run);
    ``known_orgs`` are words the corpus tags ``nt`` elsewhere (:func:`org_lexicon`)."""
    word, tag = token
    if tag == "nt" or word in STANDALONE_ORG or word in known_orgs or is_named_party(token):
        return True
    # abbreviations / brand-like names with an org ending: 政协/j 纪委/j 中科院/j 人民日报/nz
    return (tag in ("j", "nz") and len(word) > 1 and word not in NON_ORG_ABBREV
            and word[-1] not in AMBIGUOUS_ORG_PLACE_CHARS and is_org_suffix(word))


def split_minister_words(tokens):
    """外交部长/n -> 外交部/nt 长/n: pd_ner marks the ministry inside (外交部 ORG, and with a
    country before it 美国财政部 ORG); 副部长 / 代部长 / 不管部长 stay whole."""
    out = []
    for w, t in tokens:
        if (len(w) >= 4 and w.endswith("部长") and t == "n"
                and not w.endswith(("副部长", "代部长", "不管部长"))):
            out.append((w[:-1], "nt"))
            out.append((w[-1], "n"))
        else:
            out.append((w, t))
    return out


def is_proper_start(token, known_orgs=frozenset()):
    word, tag = token
    return (tag in PROPER_TAGS or word in PROPER_START_WORDS or word in STANDALONE_ORG
            or word in known_orgs or is_named_party(token) or (tag == "n" and word in LEVEL_START_WORDS))


def compound_org_runs(tokens, known_orgs=frozenset()):
    """(start_tok, end_tok, label) ranges likely to be flattened compound organisations.

    label "ORG": the run starts with a name-like token (after dropping leading common
    nouns such as the 电 of a dateline); "LOC": such a run ending in a building (…馆,
    not 使馆/领事馆); None (missing): the others."""
    runs = []
    i = 0
    n = len(tokens)
    while i < n:
        if tokens[i][1] not in RUN_TAGS:
            i += 1
            continue
        j = i
        while j < n and tokens[j][1] in RUN_TAGS:
            j += 1
        # run is tokens[i:j]; cut at the last token with an org suffix
        last = None
        for k in range(j - 1, i - 1, -1):
            # 中国/ns 人民/n 政治/n 协商/vn 会议/n: the consultative conference is an organisation
            if is_org_suffix(tokens[k][0]) or (tokens[k][0] == "会议" and k > i
                                               and tokens[k - 1][0].endswith("协商")):
                last = k
                break
        if last is not None and last > i:
            start = i
            last_word = tokens[last][0]
            if last_word in NEWSPAPER_WORDS and last - i <= 2:
                while start < last - 1 and tokens[start][0] == "电":
                    start += 1
            else:
                while start < last and not is_proper_start(tokens[start], known_orgs):
                    start += 1
            if start == last and is_standalone_org(tokens[last], known_orgs):
                # 电/n 政协/j: the organisation is the word alone, labelled below
                pass
            elif start < last and last_word[-1] not in AMBIGUOUS_ORG_PLACE_CHARS:
                runs.append((start, last + 1, "ORG"))
            elif (start < last and last_word.endswith("馆")
                  and not last_word.endswith(LOC_BUILDING_EXCEPT)):
                # adjacent places stay separate: 上海/ns 虹口/ns 体育馆/n -> 上海 + 虹口体育馆
                while start + 1 < last and tokens[start][1] == "ns" and tokens[start + 1][1] == "ns":
                    start += 1
                runs.append((start, last + 1, "LOC"))
            elif tokens[last][1] != "nt":
                runs.append((i, last + 1, None))
        i = j
    return runs


SURNAMES = frozenset(load_lexicon("names/surnames.txt"))  # the runtime's own list

def split_person_run(words):
    """Split a run of adjacent ``nr`` words into persons, as (first, last) word indices.

    PKU splits a Chinese name into surname + given name (江/nr 泽民/nr), and lists of leaders
    run together without a separator (江/nr 泽民/nr 李/nr 鹏/nr 乔/nr 石/nr: three persons in
    pd_ner, one if the run is taken whole). A surname followed by a short word starts a person
    of two words; any other word (克林顿, 胡 of 胡老) is a person alone."""
    out = []
    if len(words) == 2 and len(words[0]) == 1 and len(words[1]) <= 2:
        # 傅/nr 全有/nr, 阎/nr 明复/nr: a one-character word before a short one is a
        # surname even when it is missing from the runtime's list
        return [(0, 1)]
    i = 0
    while i < len(words):
        if words[i] in SURNAMES and i + 1 < len(words) and len(words[i + 1]) <= 2:
            out.append((i, i + 1))
            i += 2
        else:
            out.append((i, i))
            i += 1
    return out


# words the corpus tags as one common noun although they begin with a person (邓小平理论/n,
# 毛泽东思想/n, 马克思列宁主义/n): pd_ner marks the person inside (邓小平 PER)
DOCTRINE_ENDINGS = ("理论", "思想", "主义", "主义者")


def persons_inside_doctrine(word, known_names):
    """Character spans of known person names that a doctrine word is made of."""
    if not word.endswith(DOCTRINE_ENDINGS):
        return []
    spans = []
    pos = 0
    while pos < len(word):
        for size in (4, 3, 2):
            if word[pos:pos + size] in known_names:
                spans.append((pos, pos + size))
                pos += size
                break
        else:
            break
    return spans


def pd_sentence_spans(tokens, compound_org="missing", known_names=frozenset(),
                      known_orgs=frozenset()):
    """Return text, entity char spans [(s,e,label)], missing char spans [(s,e)]."""
    tokens = split_minister_words(tokens)
    offs = []
    pos = 0
    for w, _ in tokens:
        offs.append((pos, pos + len(w)))
        pos += len(w)
    text = "".join(w for w, _ in tokens)
    in_run = [False] * len(tokens)
    missing = []
    ents = []
    for a, b, label in compound_org_runs(tokens, known_orgs):
        for k in range(a, b):
            in_run[k] = True
        if compound_org == "org" and label:
            ents.append((offs[a][0], offs[b - 1][1], label))
        else:
            missing.append((offs[a][0], offs[b - 1][1]))
    i = 0
    while i < len(tokens):
        w, t = tokens[i]
        if in_run[i]:
            i += 1
            continue
        if t == "nr":
            j = i
            while j + 1 < len(tokens) and tokens[j + 1][1] == "nr" and not in_run[j + 1]:
                j += 1
            for a, b in split_person_run([tokens[k][0] for k in range(i, j + 1)]):
                ents.append((offs[i + a][0], offs[i + b][1], "PER"))
            i = j + 1
            continue
        if t in ("n", "b"):
            for a, b in persons_inside_doctrine(w, known_names):
                ents.append((offs[i][0] + a, offs[i][0] + b, "PER"))
        inside = places_inside_word(w, t)
        if inside:
            for a, b in inside:
                ents.append((offs[i][0] + a, offs[i][0] + b, "LOC"))
            i += 1
            continue
        if t == "ns":
            # 香港/ns 特区/n, 新疆/ns 维吾尔/nz 自治区/n: one place
            j = i + 1
            if j < len(tokens) and tokens[j][1] == "nz" and not in_run[j]:
                j += 1
            if (j < len(tokens) and not in_run[j] and tokens[j][1] == "n"
                    and tokens[j][0] in LOC_SUFFIX_WORDS):
                ents.append((offs[i][0], offs[j][1], "LOC"))
                i = j + 1
                continue
            ents.append((offs[i][0], offs[i][1], "LOC"))
        elif (i + 1 < len(tokens) and not in_run[i + 1]
              and (w, tokens[i + 1][0]) in PLACE_PAIRS):
            ents.append((offs[i][0], offs[i + 1][1], "LOC"))
            i += 2
            continue
        elif (w, t) in PLACE_WORDS:
            ents.append((offs[i][0], offs[i][1], "LOC"))
        elif is_standalone_org((w, t), known_orgs):
            ents.append((offs[i][0], offs[i][1], "ORG"))
        elif t == "j" and len(w) == 1:
            # 中/j 美/j 关系, 访/v 美/j: one-character place abbreviations are LOC in pd_ner
            ents.append((offs[i][0], offs[i][1], "LOC"))
        i += 1
    return text, sorted(ents), missing


def person_lexicon(paragraphs, min_count=3):
    """Full names (two or more characters) that occur as persons at least ``min_count`` times."""
    counts = {}
    for p in paragraphs:
        i = 0
        while i < len(p):
            if p[i][1] != "nr":
                i += 1
                continue
            j = i
            while j + 1 < len(p) and p[j + 1][1] == "nr":
                j += 1
            words = [w for w, _ in p[i:j + 1]]
            for a, b in split_person_run(words):
                name = "".join(words[a:b + 1])
                counts[name] = counts.get(name, 0) + 1
            i = j + 1
    return frozenset(n for n, c in counts.items() if c >= min_count and len(n) >= 2)


def org_lexicon(paragraphs, min_count=3):
    """Words the corpus tags ``nt`` at least ``min_count`` times. The same word is often tagged
    ``n`` elsewhere (外交部: nt 48, n 29; 国防部: nt 12, n 15; a foreign ministry after its
    country is mostly ``n``), and pd_ner marks it ORG either way."""
    counts = {}
    for p in paragraphs:
        for word, tag in p:
            if tag == "nt":
                counts[word] = counts.get(word, 0) + 1
    return frozenset(w for w, c in counts.items() if c >= min_count)


def address_places(address, gazetteer):
    """The places a CLUENER address opens with, as People's Daily would tag them, and where the
    rest begins: 江苏省靖江市 -> 江苏省, 靖江市; 郑州市中原区须水镇西岗村 -> 郑州市, 中原区 (rest
    须水镇西岗村); a short form glued to more text names a street, not a place (上海市|南京东路)."""
    places, pos = [], 0
    for m in gazetteer.find(address):
        if m.start != pos:
            break
        places.append((m.start, m.end, m.kind))
        pos = m.end
    while places and places[-1][2] == "short" and places[-1][1] < len(address):
        places.pop()
    return [(a, b) for a, b, _ in places], (places[-1][1] if places else 0)


def map_cluener(rec, address="loc", gazetteer=None):
    """CLUENER spans as ours. People's Daily tags each place of a chain on its own and CLUENER an
    address as one span (江苏省靖江市, 郑州市中原区须水镇西岗村). ``address="exact"``: an address
    is a LOC only when it is one place of the division table whole (山东, 靖江市), else missing;
    ``"split"``: the places it opens with are LOCs each (address_places), the rest missing."""
    ents, missing = [], []
    for s, e, lab in rec["entities"]:
        text = rec["text"][s:e]
        if lab == "address" and address == "exact" and not gazetteer.is_key(text):
            missing.append((s, e))
        elif lab == "address" and address == "split" and not gazetteer.is_key(text):
            places, rest = address_places(text, gazetteer)
            ents.extend((s + a, s + b, "LOC") for a, b in places)
            if s + rest < e:
                missing.append((s + rest, e))
        elif lab in CLUENER_MAP:
            ents.append((s, e, CLUENER_MAP[lab]))
        elif lab in CLUENER_MISSING:
            missing.append((s, e))
    return to_halfwidth(rec["text"]), ents, missing


def map_dev(rec):
    """Gold PER/ORG/LOC spans for a dev record (PD labels kept, CLUENER mapped)."""
    ents = []
    for s, e, lab in rec["entities"]:
        lab = CLUENER_MAP.get(lab, lab)
        if lab in ("PER", "ORG", "LOC"):
            ents.append((s, e, lab))
    return to_halfwidth(rec["text"]), ents


def make_doc(nlp, text, ents, missing=()):
    doc = nlp.make_doc(text)
    spans, miss = [], []
    for s, e, lab in ents:
        sp = doc.char_span(s, e, label=lab, alignment_mode="strict")
        if sp is not None:
            spans.append(sp)
    for s, e in missing:
        sp = doc.char_span(s, e, alignment_mode="expand")
        if sp is not None:
            miss.append(sp)
    # drop overlaps (keep entities, then missing regions not overlapping them)
    taken = set()
    ok_spans = []
    for sp in sorted(spans, key=lambda x: (x.start, -len(x))):
        if any(t in taken for t in range(sp.start, sp.end)):
            continue
        taken.update(range(sp.start, sp.end))
        ok_spans.append(sp)
    ok_miss = []
    for sp in miss:
        if any(t in taken for t in range(sp.start, sp.end)):
            continue
        taken.update(range(sp.start, sp.end))
        ok_miss.append(sp)
    doc.set_ents(ok_spans, missing=ok_miss, default="outside")
    return doc


#: PKU tags of the 1998 corpus that the word-and-POS head keeps apart; the rest fold into their
#: first letter (``Ng`` → ``n``, ``Vg`` → ``v``, ``Tg`` → ``t``; ``nx`` and ``nz`` stay).
_KEPT_POS = frozenset("n nr ns nt nz nx v vn vd a ad an d m q t f s p c u r w j l i b e o y z k h g".split())


def seg_pos_tags(words):
    """One tag per character of a segmented, POS-tagged sentence: ``B|I|E|S-pos``
    (二/m 月/n → ``S-m S-n``; 外交部长/n → ``B-n I-n I-n E-n``)."""
    tags = []
    for word, pos in words:
        pos = pos if pos in _KEPT_POS else (pos[:1].lower() if pos[:1].lower() in _KEPT_POS else "x")
        if len(word) == 1:
            tags.append("S-" + pos)
        else:
            tags.extend(["B-" + pos] + ["I-" + pos] * (len(word) - 2) + ["E-" + pos])
    return tags


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default="/work/data/ner")
    ap.add_argument("--compound-org", choices=["missing", "org"], default="org")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--seg-tags", action="store_true",
                    help="also give People's Daily characters their word-and-POS tag (token.tag_, "
                         "seg_pos_tags) for a tagger head; other documents have none (missing)")
    ap.add_argument("--no-cluener", action="store_true",
                    help="People's Daily only (train and dev): the pd_ner convention alone")
    ap.add_argument("--cluener-address", choices=["loc", "exact", "split"], default="loc",
                    help="exact: a CLUENER address is LOC only when it is one place of the division "
                         "table, else missing; split: the places it opens with, the rest missing "
                         "(map_cluener)")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    nlp = spacy.blank("zh")  # char segmenter: one token per character
    pd_dev = read_jsonl(PD_DEV)

    gazetteer = None
    if args.cluener_address != "loc":
        from pipeline.grammars.names.rules import rules
        gazetteer = rules().gazetteer
    paras = list(read_pd_corpus())
    texts = ["".join(w for w, _ in p) for p in paras]
    known_names = person_lexicon(paras)
    known_orgs = org_lexicon(paras)
    bad = contaminated_paragraphs(texts, [d["text"] for d in pd_dev])
    train_docs = []
    counts = {}
    for i, p in enumerate(paras):
        if not p or i in bad or i % HOLDOUT_EVERY == 0:
            continue
        for s in split_sentences(p):
            text, ents, missing = pd_sentence_spans(s, args.compound_org, known_names, known_orgs)
            for *_, lab in ents:
                counts["pd_" + lab] = counts.get("pd_" + lab, 0) + 1
            counts["pd_missing"] = counts.get("pd_missing", 0) + len(missing)
            doc = make_doc(nlp, text, ents, missing)
            if args.seg_tags:
                tags = seg_pos_tags(s)
                assert len(tags) == len(doc), (text, len(tags), len(doc))
                for token, tag in zip(doc, tags):
                    token.tag_ = tag
            train_docs.append(doc)
    n_pd = len(train_docs)
    for rec in ([] if args.no_cluener else read_jsonl(CLUENER_TRAIN)):
        text, ents, missing = map_cluener(rec, args.cluener_address, gazetteer)
        for *_, lab in ents:
            counts["clue_" + lab] = counts.get("clue_" + lab, 0) + 1
        train_docs.append(make_doc(nlp, text, ents, missing))
    random.Random(args.seed).shuffle(train_docs)
    DocBin(docs=train_docs, store_user_data=False).to_disk(os.path.join(args.out, "train.spacy"))

    dev_docs = []
    for path in (PD_DEV,) if args.no_cluener else (PD_DEV, CLUENER_DEV):
        for rec in read_jsonl(path):
            text, ents = map_dev(rec)
            dev_docs.append(make_doc(nlp, text, ents))
    DocBin(docs=dev_docs).to_disk(os.path.join(args.out, "dev.spacy"))
    print(f"dropped PD paragraphs overlapping pd_ner.dev: {len(bad)}")
    print(f"train docs: {len(train_docs)} (PD sentences {n_pd}, CLUENER {len(train_docs) - n_pd}); "
          f"dev docs: {len(dev_docs)}")
    print("entity counts:", dict(sorted(counts.items())))


if __name__ == "__main__":
    main()

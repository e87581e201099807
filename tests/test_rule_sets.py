"""Components own their rules: the rules directory comes through the factory's config, is compiled
when the component is built and kept on it, so two rule sets live side by side in one process.

Each case edits one word list of a copy of ``rules/`` and checks that the component built on the
copy reads the edit while one built on the shipped rules, in the same process, does not.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.core.records import Mention
from pipeline.language.components.output_policy import OutputPolicy
from pipeline.language.components.titles import PersonTitles

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def own_rules(tmp_path: Path) -> Path:
    """A copy of the shipped rules where 掌柜 is an honorific (王掌柜: surname + honorific),
    总舵主 a title core (总舵主李四), 蓝鲸 a known organisation, 蓝星城 a city abroad and 踏勘
    (to survey a site) an inspection verb."""
    copy = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", copy)
    titles = copy / "names" / "titles.toml"
    text = titles.read_text(encoding="utf-8")
    text = text.replace('"老汉", "小姐"]', '"老汉", "小姐", "掌柜"]', 1)
    text = text.replace('free_cores = ["总监",', 'free_cores = ["总舵主", "总监",', 1)
    assert "掌柜" in text and "总舵主" in text  # the edits took: the files' layout is as expected
    titles.write_text(text, encoding="utf-8")
    known = copy / "names" / "known_orgs.txt"
    known.write_text(known.read_text(encoding="utf-8") + "\n蓝鲸\n", encoding="utf-8")
    abroad = copy / "places" / "abroad.txt"
    abroad.write_text(abroad.read_text(encoding="utf-8") + "\n蓝星城\n", encoding="utf-8")
    inspection = copy / "events" / "inspection.toml"
    text = inspection.read_text(encoding="utf-8")
    text = text.replace('object_verbs = ["调研",', 'object_verbs = ["踏勘", "调研",', 1)
    assert "踏勘" in text
    inspection.write_text(text, encoding="utf-8")
    return copy


def test_output_policy_reads_the_honorifics_of_its_own_rules(own_rules):
    shipped, own = OutputPolicy(), OutputPolicy(str(own_rules))
    # a surname and an honorific only the copy knows: a reference the copy's policy drops
    assert shipped.titles.honorific.fullmatch("王掌柜") is None
    assert own.titles.honorific.fullmatch("王掌柜") is not None
    # both keep reading their own set after the other was built
    assert shipped.titles is not own.titles
    assert shipped.titles.honorific.fullmatch("王大爷") and own.titles.honorific.fullmatch("王大爷")


def test_person_titles_reads_the_titles_of_its_own_rules(own_rules):
    from pipeline.grammars.titles import fill_values

    text = "帮会总舵主李四到场。"
    values = {}
    for name, component in (("shipped", PersonTitles()), ("own", PersonTitles(str(own_rules)))):
        per = Mention("PER", 5, 7, "李四")
        assert text[per.start:per.end] == per.text
        fill_values(text, [per], component.grammar)
        values[name] = per.value
    assert values["shipped"] is None
    # a free core takes the characters before it into the title, as 开发总监 does
    assert values["own"] == {"titles": ["帮会总舵主"], "org": None}


def test_name_ruler_reads_the_known_names_of_its_own_rules(own_rules):
    from pipeline.grammars.names import find_names
    from pipeline.language.components.names import NameRuler

    text = "蓝鲸今天发布了新款手机。"
    found = {}
    for name, component in (("shipped", NameRuler()), ("own", NameRuler(str(own_rules)))):
        found[name] = [(m.label, m.text) for m in find_names(text, None, component.rules)]
    assert ("ORG", "蓝鲸") not in found["shipped"]
    assert ("ORG", "蓝鲸") in found["own"]


#: The components that take a rules directory, and what each keeps of it.
OWNERS = [("name_ruler", "rules"), ("entity_resolver", "rules"), ("person_titles", "grammar"),
          ("place_resolver", "gazetteer"), ("canonical_names", "rules"), ("output_policy", "titles"),
          ("event_extractor", "rules")]


def test_the_config_reaches_every_component_that_takes_it(own_rules):
    from pipeline.language.build import build

    shipped, own = build(use_model=False), build(use_model=False, rules_dir=own_rules)
    for name, attr in OWNERS:
        assert own.get_pipe_config(name)["rules_dir"] == str(own_rules), name
        assert shipped.get_pipe_config(name)["rules_dir"] is None, name
        assert getattr(own.get_pipe(name), attr) is not getattr(shipped.get_pipe(name), attr), name
    assert own.get_pipe("output_policy").titles.honorific.fullmatch("王掌柜") is not None
    assert own.get_pipe("name_ruler").rules.known_org_re.search("蓝鲸") is not None
    assert shipped.get_pipe("name_ruler").rules.known_org_re.search("蓝鲸") is None
    assert "蓝星城" in own.get_pipe("place_resolver").gazetteer.abroad
    assert "蓝星城" not in shipped.get_pipe("place_resolver").gazetteer.abroad
    # the division table is built once per rules directory, not once per component
    assert own.get_pipe("name_ruler").rules.gazetteer is own.get_pipe("place_resolver").gazetteer


def test_a_whole_pipeline_on_its_own_rules_beside_the_shipped_one(own_rules):
    from pipeline.run.extractor import Extractor

    text = "本报讯 王掌柜说，蓝鲸今天发布了新款手机。"
    got = {}
    for name, extractor in (("shipped", Extractor(use_model=False)),
                            ("own", Extractor(use_model=False, rules_dir=str(own_rules)))):
        got[name] = {(e.label, e.text) for e in extractor.extract(text).iter_entities()}
    assert ("ORG", "蓝鲸") in got["own"] - got["shipped"]


def test_event_rules_of_ones_own_beside_the_shipped_ones(own_rules):
    from pipeline.run.extractor import Extractor

    text = "本报讯 3月5日，县委书记王建国到红星村踏勘乡村振兴项目。"
    found = {}
    for name, extractor in (("shipped", Extractor(use_model=False)),
                            ("own", Extractor(use_model=False, rules_dir=str(own_rules)))):
        events = extractor.extract(text, pub_date="2025-03-06").articles[0].events
        found[name] = [(e.type, e.trigger.text, [a.text for a in e.args["inspector"]]) for e in events]
    assert found["shipped"] == []
    assert found["own"] == [("inspection", "踏勘", ["王建国"])]

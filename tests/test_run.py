"""The run layer: what the pipeline leaves out is decided inside it, the extractor builds its
pipeline on first use, and worker processes get a recipe for the same extractor."""

from __future__ import annotations

import pickle

import pytest

from pipeline.run.extractor import Extractor

#: A bare 市政府 its article does not identify: OUTPUT.md makes it optional and it is not emitted
#: (issue 19 moved that decision into output_policy). 王大爷 is optional too; the surname alone is
#: the person's name (People's Daily NER's 王), which the rules propose and the result keeps.
POLICY_PAGE = "本报讯 10月14日，市政府召开会议。王大爷说，县城的路修好了。"


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(use_model=False)


def test_nlp_and_extract_agree_on_the_entities(extractor):
    doc = extractor.nlp(extractor._make_doc(extractor._prepare(POLICY_PAGE, pub_date=None, doc_id="p")))
    from_nlp = [(m.label, m.start, m.end) for m in doc._.entities]
    from_extract = [(e.label, e.start, e.end) for e in extractor.extract(POLICY_PAGE).iter_entities()]
    assert from_nlp == from_extract
    texts = {POLICY_PAGE[s:e] for _, s, e in from_nlp}
    assert "市政府" not in texts and "王大爷" not in texts
    assert "王" in texts
    assert "10月14日" in texts  # the page was read, not emptied


def test_the_policy_step_is_what_leaves_them_out(extractor):
    """Without output_policy the same pipeline keeps them: the step, not the assembly, decides."""
    prepared = extractor._prepare(POLICY_PAGE, pub_date=None, doc_id="p")
    with extractor.nlp.select_pipes(disable=["output_policy"]):
        doc = extractor.nlp(extractor._make_doc(prepared))
    texts = {m.text for m in doc._.entities}
    assert {"市政府", "王"} <= texts


def test_the_pipeline_is_built_on_first_use():
    ex = Extractor(use_model=False)
    assert ex._loaded() is None  # a parent that hands all work to workers never builds one
    ex.extract("本报讯 10月14日，会议召开。")
    assert ex._loaded() is ex


def test_workers_get_a_recipe_for_the_same_extractor():
    ex = Extractor(use_model=False, max_chars=1234, timeout=5.0, rules_dir="/some/rules")
    twin = pickle.loads(pickle.dumps(ex.factory()))()  # what a spawned worker runs
    assert (twin.use_model, twin.max_chars, twin.timeout, twin.rules_dir) == (False, 1234, 5.0, "/some/rules")
    assert twin._loaded() is None


#: own: a county inside the full name of its government, and values, for the spaCy view.
ENTS_PAGE = "本报讯 10月14日，祁县人民政府与太谷区签约，总投资26亿元。县长李明出席。"


def test_doc_ents_are_the_entities_the_json_emits(extractor):
    """displaCy draws doc.ents: they must be the final entities, not the raw model's."""
    doc = extractor.nlp(extractor._make_doc(extractor._prepare(ENTS_PAGE, pub_date=None, doc_id="p")))
    emitted = [(e.label, e.start, e.end) for e in extractor.extract(ENTS_PAGE).iter_entities()]
    spans = [(s.label_, s.start_char, s.end_char) for s in doc.spans["newsie"]]
    assert spans == emitted
    ents = [(s.label_, s.start_char, s.end_char) for s in doc.ents]
    assert set(ents) <= set(emitted) and ents
    assert all(a[2] <= b[1] for a, b in zip(ents, ents[1:]))  # spaCy's rule: no overlaps
    assert ("LOC", 10, 12) not in ents  # 祁县 inside 祁县人民政府
    assert any(ENTS_PAGE[s:e] == "祁县人民政府" for _, s, e in ents)
    from spacy import displacy

    html = displacy.render(doc, style="ent", page=False)
    assert "祁县人民政府" in html


def test_doc_ents_with_the_model(tmp_path):
    """The model's NER sets doc.ents first; the policy step replaces them."""
    ex = Extractor()
    doc = ex.nlp(ex._make_doc(ex._prepare(ENTS_PAGE, pub_date=None, doc_id="p")))
    emitted = {(e.label, e.start, e.end) for e in ex.extract(ENTS_PAGE).iter_entities()}
    assert {(s.label_, s.start_char, s.end_char) for s in doc.ents} <= emitted

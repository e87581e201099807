"""train/ensemble.py (an experiment, not shipped): several trained taggers as one ``ner`` whose
model, news.TaggerEnsemble.v1, averages their tag probabilities."""

from __future__ import annotations

import numpy
import pytest
import spacy
from thinc.api import fix_random_seed

from tests.test_entity_tagger import TRAIN, examples, small_pipeline

TEXTS = ["李四在北京开会", "张三去天津出差", "", "赵六"]


def train_small(seed: int, steps: int = 30):
    fix_random_seed(seed)
    nlp = small_pipeline()
    egs = examples(nlp, TRAIN)
    optimizer = nlp.initialize(lambda: egs)
    for _ in range(steps):
        nlp.update(egs, sgd=optimizer, drop=0.0)
    return nlp


@pytest.fixture(scope="module")
def member_dirs(tmp_path_factory):
    root = tmp_path_factory.mktemp("members")
    dirs = []
    for seed in (0, 1):
        train_small(seed).to_disk(root / f"s{seed}")
        dirs.append(str(root / f"s{seed}"))
    return dirs


def log_mean_softmax(logits: list[numpy.ndarray]) -> numpy.ndarray:
    """The expected ensemble score, written out independently of the module under test."""
    probs = []
    for x in logits:
        e = numpy.exp(x - x.max(axis=1, keepdims=True))
        probs.append(e / e.sum(axis=1, keepdims=True))
    return numpy.log(sum(probs) / len(probs))


def member_logits(path: str, texts: list[str]) -> list[numpy.ndarray]:
    nlp = spacy.load(path)
    docs = list(nlp.get_pipe("tok2vec").pipe(nlp.make_doc(t) for t in texts))
    return [numpy.asarray(s) for s in nlp.get_pipe("ner").predict(docs)]


def test_the_ensemble_scores_the_log_of_its_members_average_probabilities(member_dirs, tmp_path):
    from train.ensemble import assemble

    nlp, _ = assemble(member_dirs)
    assert nlp.pipe_names == ["ner"]  # each member's tok2vec is inside its tagger
    got = nlp.get_pipe("ner").predict([nlp.make_doc(t) for t in TEXTS])
    each = [member_logits(d, TEXTS) for d in member_dirs]
    assert numpy.abs(each[0][0] - each[1][0]).max() > 1e-2  # two seeds: two different taggers
    for k, text in enumerate(TEXTS):
        assert got[k].shape == (len(text), 9)
        if len(text):
            numpy.testing.assert_allclose(got[k], log_mean_softmax([e[k] for e in each]), rtol=1e-4, atol=1e-5)
    # saved and loaded, it gives the same entities
    nlp.to_disk(tmp_path / "ens")
    again = spacy.load(tmp_path / "ens")
    assert ([[(e.start_char, e.end_char, e.label_) for e in d.ents] for d in again.pipe(TEXTS)]
            == [[(e.start_char, e.end_char, e.label_) for e in d.ents] for d in nlp.pipe(TEXTS)])


def test_an_ensemble_of_one_decodes_as_its_member(member_dirs):
    from train.ensemble import assemble

    nlp, _ = assemble(member_dirs[:1])
    member = spacy.load(member_dirs[0])
    texts = TEXTS + ["王五到广州出差", "李四去上海"]
    assert ([[(e.start_char, e.end_char, e.label_) for e in d.ents] for d in nlp.pipe(texts)]
            == [[(e.start_char, e.end_char, e.label_) for e in d.ents] for d in member.pipe(texts)])
    assert [(e.text, e.label_) for e in nlp("李四在北京开会").ents] == [("李四", "PER"), ("北京", "LOC")]


def test_members_must_share_a_tag_set(member_dirs, tmp_path):
    from train.ensemble import assemble

    other = train_small(0, steps=1)
    egs = examples(other, [("华为在深圳", [(0, 2, "ORG"), (3, 5, "LOC")])])
    fix_random_seed(0)
    fresh = small_pipeline()
    fresh.initialize(lambda: egs)  # tags of ORG and LOC, not PER and LOC
    fresh.to_disk(tmp_path / "org")
    with pytest.raises(SystemExit, match="tag sets differ"):
        assemble([member_dirs[0], str(tmp_path / "org")])


def test_the_ensemble_does_not_train(member_dirs):
    from train.ensemble import assemble

    nlp, _ = assemble(member_dirs)
    model = nlp.get_pipe("ner").model
    with pytest.raises(NotImplementedError, match="only predicts"):
        model.begin_update([nlp.make_doc("李四")])



# ---------------------------------------------------------------- train/distill.py (an experiment)

def distilled_tagger(weight: float):
    from spacy.training import Example

    import train.distill  # noqa: F401  (registers biluo_ner_distill)

    fix_random_seed(0)
    nlp = small_pipeline(ner_factory="biluo_ner_distill", ner_config={"distill_weight": weight})
    egs = examples(nlp, TRAIN)
    nlp.initialize(lambda: egs)
    return nlp, Example


def test_distillation_targets_mix_gold_and_teacher_where_annotated_and_teacher_elsewhere():
    nlp, Example = distilled_tagger(0.25)
    ner = nlp.get_pipe("ner")
    labels = list(ner.labels)
    n_tags = len(labels)
    text = "张三在北京"
    doc, ref = nlp.make_doc(text), nlp.make_doc(text)
    # 张三 annotated PER (B, L); 在北京 left missing
    ref.set_ents([ref.char_span(0, 2, label="PER")], missing=[ref[2:5]])
    teacher = numpy.full((5, n_tags), 1.0 / n_tags, dtype="float32")
    teacher[:, labels.index("O")] += 0.5
    teacher /= teacher.sum(axis=1, keepdims=True)
    ref.user_data["teacher"] = teacher.astype("float16").tobytes()
    ref.user_data["teacher_labels"] = "|".join(labels)
    probs = numpy.full((5, n_tags), 1.0 / n_tags, dtype="float32")
    _, d_scores = ner.get_loss([Example(doc, ref)], [ner.model.ops.asarray2f(probs)])
    d = numpy.asarray(d_scores[0])
    t16 = teacher.astype("float16").astype("float32")
    gold0 = numpy.zeros(n_tags, dtype="float32")
    gold0[labels.index("B-PER")] = 1.0
    # worked by hand: target = 0.75 · one-hot + 0.25 · teacher on 张; the teacher alone on 在
    numpy.testing.assert_allclose(d[0], probs[0] - (0.75 * gold0 + 0.25 * t16[0]), atol=1e-6)
    numpy.testing.assert_allclose(d[2], probs[2] - t16[2], atol=1e-6)
    # without a teacher, missing annotation gives no gradient, as for biluo_ner
    del ref.user_data["teacher"]
    _, d_plain = ner.get_loss([Example(doc, ref)], [ner.model.ops.asarray2f(probs)])
    assert not numpy.asarray(d_plain[0])[2:].any() and numpy.asarray(d_plain[0])[0].any()

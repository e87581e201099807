"""Experiment (issue 21, seventh session; not shipped): several trained taggers as one ``ner``
whose model averages their tag probabilities (``news.TaggerEnsemble.v1``).

    python -m train.ensemble MODEL_DIR MODEL_DIR [...] --out /work/data/v11/ens/ship
    NEWS_MODEL_DIR=/work/data/v11/ens/ship python -m train.run_cli evaluate ...

Every ``MODEL_DIR`` is a ``spacy train`` output (``model-last``) of the same config with a
different seed: a ``tok2vec`` component and a ``biluo_ner`` that listens to it. Each member's
tok2vec is copied into its tagger (spaCy's ``replace_listeners``) and the tagger's weights into
the ensemble, so the result is a pipeline with one component, ``ner``, and no ``doc.tensor``.
Before writing, the script checks that the result scores a few sentences as the members'
average does.

Why not shipped (model card, "The seventh session"): two sixth-NER taggers (seeds 0 and 1) gain
+0.5 F1 alone and +0.35 through the pipeline on the two pd_ner.dev folds (a third seed adds
nothing), but the NER is ~45 % of the pipeline's time, and two of them cost 30 % of its speed.

Members whose softmax does not normalize at inference (``normalize = false``, our taggers) give
logits; the ensemble averages their softmax and gives back its logarithm, which the tagger
decodes as logits (averaging the logits themselves scored lower). The model only predicts.
"""

from __future__ import annotations

import argparse
import copy
import shutil
from pathlib import Path
from typing import List

import numpy
import spacy
from spacy.tokens import Doc
from spacy.util import registry
from thinc.api import Config, Model
from thinc.types import Floats2d

import pipeline.language.components  # noqa: F401  (registers biluo_ner and the architectures)


@registry.architectures("news.TaggerEnsemble.v1")
def tagger_ensemble(member: Model[List[Doc], List[Floats2d]], size: int = 2) -> Model[List[Doc], List[Floats2d]]:
    """``size`` copies of the tagger ``member`` (same architecture, weights loaded later),
    whose tag probabilities are averaged. Members whose softmax does not normalize at inference
    (``normalize = false``, our taggers) give logits: the average is then of their
    softmax, given back as its logarithm, which the tagger decodes as logits (averaging the
    logits themselves scored lower: model card)."""
    if size < 1:
        raise ValueError(f"news.TaggerEnsemble.v1: size must be at least 1, not {size}")
    members = [member] + [member.copy() for _ in range(size - 1)]
    model = Model("tagger_ensemble", _forward, init=_init, layers=members, dims={"nO": None})
    # BiluoEntityTagger reads the output layer's settings (softmax_normalize: logits or not) here
    model.set_ref("softmax", members[0].get_ref("softmax"))
    return model


def member_scores(member: Model, docs: List[Doc]) -> List[Floats2d]:
    """One member's tag scores, a document at a time (what ``BiluoEntityTagger.predict``
    does for spaCy's ``Tagger.v2``: no copy of the whole batch's vectors)."""
    output_layer = member.get_ref("softmax")
    return [output_layer.predict(x) for x in member.get_ref("tok2vec").predict(docs)]


def _forward(model: Model, docs: List[Doc], is_train: bool):
    if is_train:
        raise NotImplementedError(
            "news.TaggerEnsemble.v1 only predicts: train each member alone and put them together "
            "with `python -m train.ensemble`")
    logits = model.get_ref("softmax").attrs.get("softmax_normalize", True) is False
    total = None
    for member in model.layers:
        scores = member_scores(member, docs)
        if logits:
            scores = [softmax_rows(s) for s in scores]
        if total is None:
            total = scores
        else:
            for t, s in zip(total, scores):
                t += s
    share = 1.0 / len(model.layers)
    for t in total:
        t *= share
        if logits:  # the tagger reads scores as the members give them: log-probabilities are logits
            numpy.log(t, out=t)
    return total, _no_backprop


def softmax_rows(x: Floats2d) -> Floats2d:
    """Row-wise softmax of a fresh array, in place.

    >>> softmax_rows(numpy.array([[0.0, 0.0], [1.0, 1.0 + numpy.log(3.0)]], dtype="float32")).round(3).tolist()
    [[0.5, 0.5], [0.25, 0.75]]
    """
    x -= x.max(axis=1, keepdims=True)
    numpy.exp(x, out=x)
    x /= x.sum(axis=1, keepdims=True)
    return x


def _no_backprop(d_scores):  # pragma: no cover - _forward refuses training
    raise NotImplementedError


def _init(model: Model, X=None, Y=None) -> Model:
    for member in model.layers:
        member.initialize(X=X, Y=Y)
    model.set_dim("nO", model.layers[0].get_dim("nO"))
    return model


CHECK_TEXTS = ["中共中央总书记江泽民在北京会见了美国总统克林顿。",
               "长治市上党区委书记张驰到潞宝集团调研，汤局长陪同。", "", "县"]


def ensemble_config(member_config: Config, size: int) -> Config:
    """The config of an ensemble of ``size`` members trained with ``member_config``."""
    cfg = copy.deepcopy(Config(member_config).interpolate())
    tok2vec = cfg["components"]["tok2vec"]["model"]
    ner = cfg["components"]["ner"]
    member = dict(ner["model"])
    if member.get("@architectures") != "spacy.Tagger.v2":
        raise ValueError(f"members must be spacy.Tagger.v2 taggers, not {member.get('@architectures')}")
    member["tok2vec"] = tok2vec
    ner["model"] = {"@architectures": "news.TaggerEnsemble.v1", "size": size, "member": member}
    del cfg["components"]["tok2vec"]
    cfg["nlp"]["pipeline"] = ["ner"]
    cfg["training"]["frozen_components"] = ["ner"]  # nothing here trains the ensemble
    return Config(cfg)


def assemble(model_dirs: list[str]):
    members = [spacy.load(d) for d in model_dirs]
    labels = [list(m.get_pipe("ner").labels) for m in members]
    if any(lab != labels[0] for lab in labels):
        raise SystemExit(f"the members' tag sets differ: {labels}")
    tok2vecs = [m.config["components"]["tok2vec"]["model"] for m in members]
    if any(t != tok2vecs[0] for t in tok2vecs):
        raise SystemExit("the members' tok2vec configs differ: train them with one config")
    nlp = spacy.util.load_model_from_config(ensemble_config(members[0].config, len(members)), auto_fill=True)
    ner = nlp.get_pipe("ner")
    ner.cfg["labels"] = list(labels[0])
    ner.outside_penalty = members[0].get_pipe("ner").outside_penalty
    for slot, member in zip(ner.model.layers, members):
        member.replace_listeners("tok2vec", "ner", ["model.tok2vec"])
        slot.from_bytes(member.get_pipe("ner").model.to_bytes())
    ner.model.set_dim("nO", len(labels[0]))
    return nlp, members


def check(nlp, members) -> None:
    """The ensemble's scores are the log of the members' average tag probabilities (the members
    give logits), to float precision."""
    docs = [nlp.make_doc(t) for t in CHECK_TEXTS]
    got = nlp.get_pipe("ner").predict(docs)
    each = [member_scores(m.get_pipe("ner").model, [m.make_doc(t) for t in CHECK_TEXTS]) for m in members]
    for k, g in enumerate(got):
        probs = [numpy.exp(e[k] - e[k].max(axis=1, keepdims=True)) for e in each]
        want = numpy.log(sum(p / p.sum(axis=1, keepdims=True) for p in probs) / len(probs))
        numpy.testing.assert_allclose(g, want, rtol=1e-4, atol=1e-5)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("models", nargs="+", help="spacy train outputs (model-last) of one config")
    ap.add_argument("--out", required=True, help="directory to write the ensemble pipeline to")
    args = ap.parse_args()
    nlp, members = assemble(args.models)
    check(nlp, members)
    out = Path(args.out)
    if out.exists():
        shutil.rmtree(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    nlp.meta["name"] = "news_ner_ensemble"
    nlp.meta["description"] = f"average of {len(members)} biluo_ner taggers: " + ", ".join(args.models)
    nlp.to_disk(out)
    reloaded = spacy.load(out)
    check(reloaded, members)
    print(f"wrote {out}: {len(members)} members, labels {list(nlp.get_pipe('ner').labels)}")


if __name__ == "__main__":
    main()

"""Experiment (issue 21, seventh session): distil an ensemble of taggers into one tagger of the
same size, with the teachers' averaged tag probabilities as soft targets.

    python -m train.distill TRAIN.spacy OUT.spacy TEACHER_DIR TEACHER_DIR [...]
    python -m spacy train train/ner_softlex_distill.cfg --code train/code.py --paths.train OUT.spacy ...

The first command stores, in every training document's ``user_data["teacher"]``, the average of
the teachers' softmax over the BILUO tags (float16, one row a character); the DocBin keeps
user data. The factory ``biluo_ner_distill`` (a ``biluo_ner`` with another loss) then learns
from ``(1 - w) · gold + w · teacher`` where a character's tag is annotated, from the teacher alone
where it is missing (``w``: ``distill_weight``). Its scores at inference are those of
``biluo_ner``: a distilled model loads and runs as ``biluo_ner`` once its config names that
factory (``train.distill --as-biluo-ner DIR``).

An earlier distillation (sixth session, model card) relabelled the documents with the teachers'
best tags (hard targets) and gained nothing; soft targets carry the teachers' doubt as well.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Optional

import numpy
import spacy
from spacy.language import Language
from spacy.tokens import DocBin
from spacy.training import validate_examples

from pipeline.language.components.entity_tagger import BiluoEntityTagger
from train.ensemble import member_scores, softmax_rows

TEACHER_KEY = "teacher"


def teacher_probabilities(teachers: list, docs: list) -> list[numpy.ndarray]:
    """The average of the teachers' softmax for each document (rows: characters)."""
    total: Optional[list] = None
    for nlp in teachers:
        ner = nlp.get_pipe("ner")
        logits = ner.model.get_ref("softmax").attrs.get("softmax_normalize", True) is False
        fresh = [nlp.make_doc(d.text) for d in docs]
        scores = member_scores(ner.model, fresh) if "tok2vec" not in nlp.pipe_names else [
            ner.model.get_ref("softmax").predict(x) for x in nlp.get_pipe("tok2vec").model.predict(fresh)]
        scores = [softmax_rows(numpy.array(s, dtype="float32")) if logits else numpy.array(s) for s in scores]
        if total is None:
            total = scores
        else:
            for t, s in zip(total, scores):
                t += s
    return [t / len(teachers) for t in total]


def annotate(train_path: str, out_path: str, teacher_dirs: list[str], batch: int = 256) -> int:
    teachers = [spacy.load(d) for d in teacher_dirs]
    labels = [list(t.get_pipe("ner").labels) for t in teachers]
    if any(lab != labels[0] for lab in labels):
        raise SystemExit("the teachers' tag sets differ")
    vocab = teachers[0].vocab
    docs = list(DocBin().from_disk(train_path).get_docs(vocab))
    for i in range(0, len(docs), batch):
        chunk = docs[i:i + batch]
        for doc, probs in zip(chunk, teacher_probabilities(teachers, chunk)):
            doc.user_data[TEACHER_KEY] = probs.astype("float16").tobytes()
            doc.user_data[TEACHER_KEY + "_labels"] = "|".join(labels[0])
    DocBin(docs=docs, store_user_data=True).to_disk(out_path)
    return len(docs)


class DistilledEntityTagger(BiluoEntityTagger):
    """``biluo_ner`` that learns from gold tags mixed with a teacher's probabilities."""

    def __init__(self, vocab, model, name: str = "ner", *, scorer=None, outside_penalty: float = 0.0,
                 distill_weight: float = 0.5):
        super().__init__(vocab, model, name, scorer=scorer, outside_penalty=outside_penalty)
        self.distill_weight = distill_weight

    def get_loss(self, examples, scores):
        validate_examples(examples, "DistilledEntityTagger.get_loss")
        labels = list(self.labels)
        index = {t: k for k, t in enumerate(labels)}
        w = self.distill_weight
        d_scores, loss = [], 0.0
        for eg, probs in zip(examples, scores):
            probs = self.model.ops.to_numpy(probs)
            n = len(probs)
            target = numpy.zeros_like(probs)
            known = numpy.zeros(n, dtype=bool)
            for k, tag in enumerate(eg.get_aligned_ner()):
                if tag in index:
                    target[k, index[tag]] = 1.0
                    known[k] = True
            raw = eg.reference.user_data.get(TEACHER_KEY)
            if raw is not None:
                if eg.reference.user_data.get(TEACHER_KEY + "_labels") != "|".join(labels):
                    raise ValueError("the teacher's tags are not this tagger's")
                teacher = numpy.frombuffer(raw, dtype="float16").astype("float32").reshape(len(eg.reference), -1)
                if len(teacher) != n:
                    raise ValueError(f"teacher rows {len(teacher)} for {n} characters")
                target[known] = (1 - w) * target[known] + w * teacher[known]
                target[~known] = teacher[~known]
                used = numpy.ones(n, dtype=bool)
            else:
                used = known
            d = numpy.where(used[:, None], probs - target, 0.0).astype("float32")
            loss += float(-(target[used] * numpy.log(probs[used] + 1e-8)).sum())
            d_scores.append(self.model.ops.asarray2f(d))
        return loss, d_scores


_BILUO_NER = Language.get_factory_meta("biluo_ner")


@Language.factory(
    "biluo_ner_distill",
    assigns=_BILUO_NER.assigns,
    default_config={**_BILUO_NER.default_config, "distill_weight": 0.5},
    default_score_weights=_BILUO_NER.default_score_weights,
)
def make_distilled_tagger(nlp, name, model, scorer, outside_penalty: float, distill_weight: float):
    return DistilledEntityTagger(nlp.vocab, model, name, scorer=scorer, outside_penalty=outside_penalty,
                                 distill_weight=distill_weight)


def as_biluo_ner(model_dir: str) -> None:
    """Rewrite a distilled model's config to load as the runtime's ``biluo_ner``."""
    cfg_path = Path(model_dir) / "config.cfg"
    text = cfg_path.read_text(encoding="utf-8")
    text = text.replace('factory = "biluo_ner_distill"', 'factory = "biluo_ner"')
    text = "\n".join(line for line in text.splitlines() if not line.startswith("distill_weight")) + "\n"
    cfg_path.write_text(text, encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("train", nargs="?")
    ap.add_argument("out", nargs="?")
    ap.add_argument("teachers", nargs="*")
    ap.add_argument("--as-biluo-ner", metavar="MODEL_DIR")
    args = ap.parse_args()
    if args.as_biluo_ner:
        as_biluo_ner(args.as_biluo_ner)
        return
    n = annotate(args.train, args.out, args.teachers)
    print(f"wrote {args.out}: {n} documents with the average of {len(args.teachers)} teachers")


if __name__ == "__main__":
    main()

"""Evaluate a spaCy NER pipeline: exact-span P/R/F1 per label on pd_ner.dev and
cluener.dev (mapped to PER/ORG/LOC), whole-pipeline speed on one core, load time.

python -m train.evaluate_ner pipeline/models/ner [--json out.json] [--no-speed]
Text is normalised full-width -> half-width (1:1 chars, offsets unchanged) as at run time.
"""
import argparse
import json
import os
import subprocess
import sys
import time

from .common import CLUENER_DEV, PD_DEV, read_jsonl
from .prepare_ner import map_dev


def prf(tp, np_, ng):
    p = tp / np_ if np_ else 0.0
    r = tp / ng if ng else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f": round(f, 4), "tp": tp, "pred": np_, "gold": ng}


def score(nlp, records):
    data = [map_dev(r) for r in records]
    labels = ("PER", "ORG", "LOC")
    tp = {l: 0 for l in labels}
    npred = {l: 0 for l in labels}
    ngold = {l: 0 for l in labels}
    for (text, gold), doc in zip(data, nlp.pipe(t for t, _ in data)):
        g = {(s, e, l) for s, e, l in gold}
        p = {(e.start_char, e.end_char, e.label_) for e in doc.ents}
        for s, e, l in g:
            ngold[l] += 1
        for s, e, l in p:
            if l in npred:
                npred[l] += 1
                tp[l] += (s, e, l) in g
    out = {l: prf(tp[l], npred[l], ngold[l]) for l in labels}
    out["micro"] = prf(sum(tp.values()), sum(npred.values()), sum(ngold.values()))
    return out


def speed(nlp, texts):
    """chars per CPU-second of this (single-threaded) process, and per wall second.

    CPU time is reported because the training machine is shared: wall-clock figures
    there depend on how many other jobs are running."""
    n = sum(len(t) for t in texts)
    c0, t0 = time.process_time(), time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=256):
        pass
    return round(n / (time.process_time() - c0)), round(n / (time.perf_counter() - t0))


def load_time(path):
    code = ("import time,spacy;t=time.perf_counter();import pipeline.language.components;spacy.load(%r);"
            "print(time.perf_counter()-t)" % path)
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    return round(float(out.stdout.strip().splitlines()[-1]), 2)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("model")
    ap.add_argument("--json")
    ap.add_argument("--no-speed", action="store_true")
    args = ap.parse_args()
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    import spacy

    import pipeline.language.components  # noqa: F401  (our factories: biluo_ner, news.CharBigramEmbed.v1)
    nlp = spacy.load(args.model)
    pd = read_jsonl(PD_DEV)
    cl = read_jsonl(CLUENER_DEV)
    res = {"model": args.model, "tokenizer": nlp.tokenizer.segmenter,
           "pd_ner.dev": score(nlp, pd), "cluener.dev": score(nlp, cl)}
    if not args.no_speed:
        texts = [map_dev(r)[0] for r in pd + cl]
        res["chars_per_cpu_s"], res["chars_per_wall_s"] = speed(nlp, texts)
        res["load_s"] = load_time(args.model)
    for k in ("pd_ner.dev", "cluener.dev"):
        print(k)
        for l, v in res[k].items():
            print(f"  {l:5s} P={v['p']:.4f} R={v['r']:.4f} F1={v['f']:.4f} (tp={v['tp']} pred={v['pred']} gold={v['gold']})")
    if "load_s" in res:
        print(f"speed (1 process, nlp.pipe over both dev sets): {res['chars_per_cpu_s']} chars/CPU-s, "
              f"{res['chars_per_wall_s']} chars/wall-s; load: {res['load_s']} s wall")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(res, f, indent=1, ensure_ascii=False)


if __name__ == "__main__":
    main()

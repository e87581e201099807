"""Pool the held-out counts of the two pd_ner.dev folds (``evaluate_ner --json`` of each).

python -m train.pool_folds foldA.json foldB.json [--set pd_ner.dev]   # model alone
python -m train.pool_folds foldA.pipe.json foldB.pipe.json                # cli.py evaluate --json

Each fold scores the half of pd_ner.dev it did not train on; the halves are disjoint, so the
counts add up to one score over all 2,318 sentences (the model card's "two folds, pooled").
"""
from __future__ import annotations

import argparse
import json


def pooled(results: list[dict], key: str) -> dict[str, dict[str, float]]:
    out = {}
    for label in results[0][key]:
        tp = sum(r[key][label]["tp"] for r in results)
        pred = sum(r[key][label]["pred"] for r in results)
        gold = sum(r[key][label]["gold"] for r in results)
        p, r_ = tp / max(pred, 1), tp / max(gold, 1)
        out[label] = {"p": p, "r": r_, "f": 2 * p * r_ / max(p + r_, 1e-9), "tp": tp, "pred": pred, "gold": gold}
    return out


def pipeline_counts(result: dict) -> dict[str, dict[str, int]]:
    """``cli.py evaluate --json`` keys (``ner.PER.tp`` …) as ``evaluate_ner``'s counts."""
    out = {}
    for label in ("PER", "ORG", "LOC"):
        tp, fp, fn = (result[f"ner.{label}.{k}"] for k in ("tp", "fp", "fn"))
        out[label] = {"tp": tp, "pred": tp + fp, "gold": tp + fn}
    out["micro"] = {k: sum(out[lab][k] for lab in ("PER", "ORG", "LOC")) for k in ("tp", "pred", "gold")}
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("folds", nargs="+")
    ap.add_argument("--set", default="pd_ner.dev")
    args = ap.parse_args()
    results = [json.load(open(path, encoding="utf-8")) for path in args.folds]
    if "ner.PER.tp" in results[0]:
        results = [{args.set: pipeline_counts(r)} for r in results]
    for label, v in pooled(results, args.set).items():
        print(f"  {label:5s} P={v['p']:.4f} R={v['r']:.4f} F1={v['f']:.4f} (tp={v['tp']} pred={v['pred']} gold={v['gold']})")


if __name__ == "__main__":
    main()

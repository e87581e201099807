"""Prune a trained spacy-pkuseg model: drop features whose weights are all small.

python -m train.prune_pkuseg SRC_DIR DST_DIR [--threshold 0.02]

A feature f owns n_tag node weights w[f*n_tag:(f+1)*n_tag]; features whose
max |w| <= threshold are removed and the remaining ones renumbered.  Edge
(tag-tag) weights are kept.  Output: features.msgpack + weights.npz (the two files
spacy_pkuseg.pkuseg(model_name=DST_DIR) loads).
"""
import argparse
import os

import numpy as np
import srsly


def prune(src, dst, threshold):
    data = srsly.read_msgpack(os.path.join(src, "features.msgpack"))
    npz = np.load(os.path.join(src, "weights.npz"))
    n_tag, n_feature = (int(x) for x in npz["sizes"])
    w = npz["w"]
    node = w[: n_tag * n_feature].reshape(n_feature, n_tag)
    edge = w[n_tag * n_feature:]
    keep = np.abs(node).max(axis=1) > threshold
    idx_to_feat = {i: f for f, i in data["feature_to_idx"].items()}
    kept = np.nonzero(keep)[0]
    new_f2i = {idx_to_feat[int(i)]: n for n, i in enumerate(kept)}
    new_w = np.concatenate([node[kept].reshape(-1), edge])
    data["feature_to_idx"] = new_f2i
    os.makedirs(dst, exist_ok=True)
    srsly.write_msgpack(os.path.join(dst, "features.msgpack"), data)
    np.savez(os.path.join(dst, "weights.npz"), sizes=np.array([n_tag, len(kept)]), w=new_w)
    return n_feature, len(kept)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("src")
    ap.add_argument("dst")
    ap.add_argument("--threshold", type=float, default=0.02)
    args = ap.parse_args()
    before, after = prune(args.src, args.dst, args.threshold)
    size = sum(os.path.getsize(os.path.join(args.dst, f)) for f in os.listdir(args.dst))
    print(f"features {before} -> {after} (threshold {args.threshold}); {size / 1e6:.1f} MB on disk")


if __name__ == "__main__":
    main()

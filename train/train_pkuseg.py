"""Train the spacy-pkuseg segmenter on the files written by prepare_pkuseg.

python -m train.train_pkuseg [--data /work/data/pkuseg] [--out /work/data/pkuseg/model] [--iter 3]
"""
import argparse
import os

import spacy_pkuseg


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="/work/data/pkuseg")
    ap.add_argument("--out", default="/work/data/pkuseg/model")
    ap.add_argument("--iter", type=int, default=3)
    args = ap.parse_args()
    spacy_pkuseg.train(os.path.join(args.data, "train.txt"), os.path.join(args.data, "test.txt"),
                       args.out, train_iter=args.iter)


if __name__ == "__main__":
    main()

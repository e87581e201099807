"""Character vectors for the NER's embedding, read from Baidu LAC's model (Apache-2.0).

LAC (``pip download --no-deps --no-build-isolation LAC==2.1.2``: the source distribution carries its
models) tags words, parts of speech and PER/LOC/ORG/TIME with a BiGRU-CRF over characters,
trained by Baidu on far more text than we have. Its input embedding (``lac_model/model/word_emb``,
58,224 rows of 128 floats; the rows of ``lac_model/conf/word.dic``) has learned what a character
does in a name: 张 sits beside 蒋, 潘, 郭; 省 beside 市, 自治区, 县; 局 beside 新闻局, 设计院. Our
own tables learn that only for the characters our 2.4 M training characters show often enough.

Only the single characters are kept (8,223), reduced to the model's width by PCA and scaled to
the spread of a hash table's rows (``char_vectors_npz``); ``news.SoftLexiconEmbed.v1`` with
``char_vectors`` set reads the file once, at initialization, and the trained model carries the
rows (3 MB at width 96) and the characters, so nothing of LAC is needed at run time::

    python -m train.prepare_char_vectors /tmp/pk/LAC-2.1.2.tar.gz --width 96 --out /work/data/v14/lac96.npz

The file is read with the standard library and numpy: Paddle writes a parameter as a version,
its level-of-detail table, a ``TensorDesc`` protobuf (type and dims) and the raw little-endian
floats (``read_paddle_tensor``).
"""

from __future__ import annotations

import argparse
import io
import struct
import tarfile

import numpy

EMBEDDING = "LAC/lac_model/model/word_emb"
VOCABULARY = "LAC/lac_model/conf/word.dic"
#: a hash table's rows start uniform in ±0.1 (thinc's ``uniform_init``) and four are summed
TARGET_STD = 0.1


def read_paddle_tensor(data: bytes, columns: int) -> numpy.ndarray:
    """A float32 parameter of Paddle's ``save_params`` format, as ``(rows, columns)``.

    >>> import struct
    >>> raw = numpy.arange(6, dtype="<f4").tobytes()
    >>> blob = struct.pack("<IQIi", 0, 0, 0, 4) + b"\\x08\\x05\\x10\\x02" + raw
    >>> read_paddle_tensor(blob, 3).tolist()
    [[0.0, 1.0, 2.0], [3.0, 4.0, 5.0]]
    """
    version, lod_levels = struct.unpack_from("<IQ", data, 0)
    offset = 12
    for _ in range(lod_levels):
        (size,) = struct.unpack_from("<Q", data, offset)
        offset += 8 + size
    _, desc_size = struct.unpack_from("<Ii", data, offset)
    offset += 8 + desc_size
    values = numpy.frombuffer(data, dtype="<f4", offset=offset)
    if version != 0 or values.size % columns:
        raise ValueError(f"not a float32 tensor of {columns} columns (version {version}, {values.size} values)")
    return values.reshape(-1, columns)


def single_characters(vocabulary: str) -> list[tuple[int, str]]:
    """(row, character) of the vocabulary's one-character entries (``id<TAB>token`` lines)."""
    out = []
    for line in vocabulary.splitlines():
        row, _, token = line.partition("\t")
        if len(token) == 1 and not token.isspace():
            out.append((int(row), token))
    return out


def reduce(vectors: numpy.ndarray, width: int) -> numpy.ndarray:
    """``vectors`` centred, projected on their ``width`` principal axes, scaled to TARGET_STD."""
    centred = vectors - vectors.mean(axis=0)
    _, _, axes = numpy.linalg.svd(centred, full_matrices=False)
    reduced = centred @ axes[:width].T
    return (reduced * (TARGET_STD / reduced.std())).astype("float32")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("sdist", help="LAC-2.1.2.tar.gz")
    ap.add_argument("--width", type=int, default=96)
    ap.add_argument("--out", required=True, help="output .npz (chars, vectors)")
    args = ap.parse_args(argv)
    with tarfile.open(args.sdist) as tar:
        root = tar.getnames()[0].split("/")[0]
        embedding = tar.extractfile(f"{root}/{EMBEDDING}").read()
        vocabulary = tar.extractfile(f"{root}/{VOCABULARY}").read().decode("utf-8")
    table = read_paddle_tensor(embedding, 128)
    chars = single_characters(vocabulary)
    vectors = reduce(table[[row for row, _ in chars]], args.width)
    buf = io.BytesIO()
    numpy.savez(buf, chars=numpy.array("".join(c for _, c in chars)), vectors=vectors)
    with open(args.out, "wb") as fh:
        fh.write(buf.getvalue())
    print(f"{len(chars)} characters of {table.shape[0]} rows, width {args.width} -> {args.out}")


if __name__ == "__main__":
    main()

"""MinHash signatures of normalised word shingles, and their LSH band keys.

An article becomes the set of its 4-word shingles after `fold` (so letter
variants, diacritics, digits and punctuation do not matter); the set becomes a
128-value datasketch MinHash; the signature is cut into 64 bands of 2 values,
and each band becomes one 64-bit key. Two articles whose shingle sets have
Jaccard similarity J share at least one key with probability 1-(1-J²)^64:
0.998 at J=0.3, about 0.06 at J=0.03. The keys are stored as indexed SQLite
rows (see `store`), so a query is 64 index look-ups and no index has to be
loaded into memory first.
"""

from __future__ import annotations

import zlib
from functools import lru_cache

import numpy as np

from ..normalize import fold, tokens

__all__ = ["shingles", "signature", "band_keys", "estimate", "jaccard", "SCHEME"]

NUM_PERM = 128
BANDS = 64
ROWS = 2  # a band key packs its two 32-bit values into one 64-bit integer
SHINGLE = 4
SEED = 1
#: Stored in each archive: signatures made under another scheme do not compare.
SCHEME = f"minhash-affine32/perm={NUM_PERM}/bands={BANDS}x{ROWS}/shingle={SHINGLE}/seed={SEED}"

_MIX = np.array([0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93], dtype=np.uint64)
_BAND_SALT = np.arange(1, BANDS + 1, dtype=np.uint64) * np.uint64(0xFF51AFD7ED558CCD)


def shingles(text: str) -> np.ndarray:
    """Sorted unique 32-bit hashes of the folded 4-word shingles of ``text``.

    Texts shorter than four words are one shingle of all their words.
    """
    words = tokens(fold(text).lower())
    if not words:
        return np.empty(0, dtype=np.uint32)
    h = np.fromiter((zlib.crc32(w.encode("utf-8")) for w in words), dtype=np.uint64, count=len(words))
    k = min(SHINGLE, len(h))
    n = len(h) - k + 1
    acc = np.zeros(n, dtype=np.uint64)
    for i in range(k):  # a position-dependent mix: "a b c d" and "b a c d" differ
        acc = acc * _MIX[i] + h[i : i + n]
    folded = (acc >> np.uint64(32)) ^ (acc & np.uint64(0xFFFFFFFF))
    return np.unique(folded.astype(np.uint32))


@lru_cache(maxsize=1)
def _permutations():
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme="affine32").permutations


def _identity(value):
    return value


def signature(hashes: np.ndarray) -> np.ndarray:
    """The MinHash (``NUM_PERM`` uint32 values) of a set of shingle hashes."""
    from datasketch import MinHash

    m = MinHash(num_perm=NUM_PERM, seed=SEED, hashfunc=_identity, permutations=_permutations(), scheme="affine32")
    m.update_batch(hashes)
    return np.asarray(m.hashvalues, dtype=np.uint32)


def band_keys(sig: np.ndarray) -> list[int]:
    """One signed 64-bit key per band: its two values, salted with the band number."""
    v = sig.astype(np.uint64).reshape(BANDS, ROWS)
    keys = ((v[:, 0] << np.uint64(32)) | v[:, 1]) ^ _BAND_SALT
    return keys.view(np.int64).tolist()


def estimate(sig: np.ndarray, others: np.ndarray) -> np.ndarray:
    """Estimated Jaccard similarity of ``sig`` with each row of ``others``."""
    return (others == sig).mean(axis=1)


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Exact Jaccard similarity of two sorted unique hash arrays."""
    if not len(a) and not len(b):
        return 0.0
    inter = len(np.intersect1d(a, b, assume_unique=True))
    return inter / (len(a) + len(b) - inter)

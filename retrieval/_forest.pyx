# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True, initializedcheck=False
"""A learned model's trees walked for a question's rows, compiled (see models.Trees, which lays
them out and falls back on LightGBM where this is not built).

LightGBM's own predict costs ~25 µs a call before the first tree and ~3 µs a row after, most of a
re-ranking's 30 rows; walked here, a question's rows cost a third of that. A row's score is its
trees' leaves summed in order from 0.0, as LightGBM sums them: the same number to the bit.
"""

from libc.math cimport fabs, isnan
from libc.stdint cimport int32_t, uint32_t

import numpy as np

cdef double ZERO_THRESHOLD = <float>1e-35  # LightGBM reads a value this close to 0 as 0 (kZeroThreshold, 1e-35f)


cdef inline bint _in_set(double value, int32_t start, int32_t end, const uint32_t[::1] bits) noexcept nogil:
    """Whether a categorical split sends ``value`` left, as LightGBM's CategoricalDecision does:
    its category (the value cut toward zero) is in the split's bitset. NaN, a negative category and
    one beyond an int go right (the walk takes only splits that send NaN right)."""
    cdef int32_t category, word
    if not (value > -1.0 and value < 2147483648.0):
        return False
    category = <int32_t>value
    word = category >> 5
    if word >= end - start:
        return False
    return (bits[start + word] >> (category & 31)) & 1


def predict(
    const int32_t[::1] roots,
    const int32_t[::1] depths,
    const int32_t[::1] features,
    const double[::1] thresholds,
    const int32_t[:, ::1] children,
    const double[::1] values,
    const int32_t[:, ::1] categories,
    const uint32_t[::1] bits,
    const double[:, ::1] rows,
    double[::1] out,
):
    """Each row's score into ``out``. A numerical node sends a row to ``children[node, 0]`` when
    its feature is at most the node's threshold, else to ``children[node, 1]`` (a missing value,
    NaN, counts as 0: every such split was learned so); a categorical node (``categories[node]``,
    the span of ``bits`` holding its bitset; (0, 0) for the others) sends it left when the row's
    value, as given, is a category in the set. A leaf sends a row to itself, so that every row
    takes its tree's ``depth`` steps and ends on its leaf, worth ``values[node]``. The rows walk a
    tree side by side, a level at a time; only a categorical split branches."""
    cdef Py_ssize_t row, tree, level, column
    cdef Py_ssize_t count = rows.shape[0], width = rows.shape[1]
    cdef int32_t node
    cdef double value
    cdef int32_t[::1] nodes = np.empty(count, dtype=np.int32)
    cdef double[:, ::1] read = np.empty((count, width))
    with nogil:
        for row in range(count):
            out[row] = 0.0
            for column in range(width):
                value = rows[row, column]
                read[row, column] = 0.0 if isnan(value) or fabs(value) <= ZERO_THRESHOLD else value
        for tree in range(roots.shape[0]):
            for row in range(count):
                nodes[row] = roots[tree]
            for level in range(depths[tree]):
                for row in range(count):
                    node = nodes[row]
                    if categories[node, 1] == 0:
                        nodes[row] = children[node, read[row, features[node]] > thresholds[node]]
                    else:
                        nodes[row] = children[
                            node, not _in_set(rows[row, features[node]], categories[node, 0], categories[node, 1], bits)
                        ]
            for row in range(count):
                out[row] += values[nodes[row]]

"""Sliding windows over contact instants: "most contacts in [t, t + w)".

For instants sorted within each group, the number of contacts in the
window that opens at contact i is ``j - i``, where j is the first contact
of the group at or after ``t_i + w`` (a contact exactly w later is outside:
the window is half-open). The busiest window of any t opens at a contact,
so the maximum over the contacts is the maximum over every t.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.int64]


def group_bounds(groups: IntArray) -> IntArray:
    """Start offsets of the runs of equal values in a sorted array, plus its
    length: ``[0, 0, 1] -> [0, 2, 3]``."""
    if len(groups) == 0:
        return np.zeros(1, np.int64)
    changes = np.flatnonzero(groups[1:] != groups[:-1]) + 1
    return np.concatenate(([0], changes, [len(groups)])).astype(np.int64)


def window_counts(instants_us: IntArray, bounds: IntArray, width_us: int) -> IntArray:
    """For each contact, how many contacts of its group fall in
    [its instant, its instant + width).

    The groups are laid end to end on one time line, each starting more
    than ``width_us`` after the last instant of the one before, so that one
    search over the whole line finds every window's end and no window
    reaches into the next group (a loop over 20,000 groups took a tenth of
    a second). Where that line would not fit in 64 bits, group by group."""
    if len(instants_us) == 0:
        return np.zeros(0, np.int64)
    first, last = instants_us[bounds[:-1]], instants_us[bounds[1:] - 1]  # sorted within each group
    gaps = last - first + width_us + 1
    if float(gaps.astype(np.float64).sum()) < 2.0**62:
        shift = np.cumsum(gaps) - gaps - first
        line = instants_us + np.repeat(shift, np.diff(bounds))
        return np.searchsorted(line, line + width_us, side="left") - np.arange(len(line))
    counts = np.ones(len(instants_us), np.int64)
    for start, stop in zip(bounds[:-1].tolist(), bounds[1:].tolist()):
        if stop - start < 2:
            continue  # a lone contact is a window of one
        segment = instants_us[start:stop]
        ends = np.searchsorted(segment, segment + width_us, side="left")
        counts[start:stop] = ends - np.arange(stop - start)
    return counts


def in_busy_window(counts: IntArray, threshold: int) -> npt.NDArray[np.bool_]:
    """Which contacts belong to at least one window of ``threshold`` or
    more contacts (windows never cross groups, so neither do the marks)."""
    marks = np.zeros(len(counts) + 1, np.int64)
    opening = np.flatnonzero(counts >= threshold)
    np.add.at(marks, opening, 1)
    np.add.at(marks, opening + counts[opening], -1)
    return np.cumsum(marks[:-1]) > 0

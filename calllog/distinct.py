"""A function applied once per distinct value of a column, its results
spread back over the rows: how a million-row import reads a few thousand
numbers and a handful of words."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np


def spread(
    codes: np.ndarray, distinct: Sequence[Any] | np.ndarray, convert: Callable[[Any], Any], missing: Any = None
) -> np.ndarray:
    """``convert`` of each of the ``distinct`` values, spread over the rows
    by ``codes`` (``pandas.factorize``'s), ``missing`` where a code is -1
    (None). An object array: results that are tuples stay whole."""
    converted = np.empty(len(distinct) + 1, dtype=object)
    converted[:-1] = [convert(value) for value in distinct]
    converted[-1] = missing
    return converted[codes]

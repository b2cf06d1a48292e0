"""An array (or list) of (x, y) pairs given alone to the library is refused saying how to give its two columns,
not only that it came alone."""

from __future__ import annotations

import numpy as np
import pytest

from avzone.errors import InputError
from avzone.i18n import error_text

PAIRS = {
    "ndarray": np.array([[116.5, 39.79], [116.3975, 39.9087], [116.715, 39.905]]),
    "list": [(116.5, 39.79), (116.3975, 39.9087), (116.715, 39.905)],
    "list of lists": [[116.5, 39.79], [116.3975, 39.9087]],
}


@pytest.mark.parametrize("kind", sorted(PAIRS))
@pytest.mark.parametrize("call", ["classify", "locate_many"])
def test_pairs_given_alone_are_told_to_give_the_two_columns(model, kind, call):
    with pytest.raises(InputError) as err:
        getattr(model, call)(PAIRS[kind])
    en, zh = error_text(err.value, "en"), error_text(err.value, "zh")
    n = len(PAIRS[kind])
    assert f"{n} pairs" in en and "[:, 0]" in en and "[:, 1]" in en, en
    assert f"{n} 对" in zh and "[:, 0]" in zh, zh


@pytest.mark.parametrize("value", [np.zeros((3, 3)), [1.0, 2.0], [(1.0, 2.0, 3.0)], "116.5"])
def test_other_values_alone_keep_their_refusal(model, value):
    with pytest.raises(InputError) as err:
        model.classify(value)
    assert "pairs" not in str(err.value)

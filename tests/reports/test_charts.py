"""Charts read like the printed report: rounded Indonesian labels, an axis that covers
every value, and no chart at all when there is nothing to draw."""

import base64
import re
from decimal import Decimal as D

from reports import charts


def svg(uri: str) -> str:
    return base64.b64decode(uri.split(",", 1)[1]).decode("utf-8")


def test_value_labels_are_rounded_like_the_tables_and_the_axis_covers_the_largest_value():
    drawn = svg(charts.target_vs_realization("Koperasi aktif", "%", [(2019, D("71.41"), D("71.34146341463415"))]))
    values = re.findall(r'class="value">([^<]*)<', drawn)
    assert "71,34" in values and "71,41" in values
    assert not any(len(v.split(",")[-1]) > 2 for v in values if "," in v)  # never a raw float
    ticks = [int(t) for t in re.findall(r">(\d+)</text><title>", drawn)]  # the y axis
    assert max(ticks) >= 71


def test_absorption_above_100_is_not_cut_off():
    drawn = svg(charts.budget_absorption([("1", D("112.5")), ("2", D("80"))]))
    ticks = [int(t) for t in re.findall(r">(\d+) %<", drawn)]
    assert max(ticks) > 112


def test_nothing_to_draw_draws_nothing():
    assert charts.target_vs_realization("Kosong", "%", [(2019, None, None), (2020, None, None)]) is None
    assert charts.budget_absorption([("1", None)]) is None
    assert charts.budget_absorption([]) is None

"""Pooled indicators on the hub's dashboard (desktop/domain/services/hub_pooling.py): a tile
says from how many committees its share comes, a pooled count that lacks some is "≥ N", and in
the indicators by region a pooled value is marked "*" with its coverage as the tooltip and a
line under the tables saying what "*" means."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.domain.model.hub_dashboard import Dashboard, DashboardFilters, ScopeIndicators
from desktop.domain.services.indicators import Indicator
from desktop.views.hub.dashboard_labels import POOLED_MARK
from tests.hub_samples import sample_dashboard
from tests.ui.test_hub_dashboard import FakeHub, page_for, table_texts

AGREED = "share_resolved_by_agreement"


def _pooled(scope: ScopeIndicators) -> ScopeIndicators:
    def change(found: Indicator) -> Indicator:
        if (found.name, found.by) == (AGREED, "all"):
            return Indicator(AGREED, "all", 27 / 44, 27, 44, covered=2, of=3)
        if (found.name, found.by) == ("cases_resolved", "all"):
            return Indicator("cases_resolved", "all", 377, covered=2, of=3, at_least=True)
        return found

    return dataclasses.replace(scope, indicators=tuple(map(change, scope.indicators)))


def pooled_dashboard(filters: DashboardFilters) -> Dashboard:
    sample = sample_dashboard(filters)
    regions = (sample.regions[0], _pooled(sample.regions[1]))
    return dataclasses.replace(sample, programme=_pooled(sample.programme), regions=regions)


def test_a_pooled_share_says_from_how_many_committees(qtbot: QtBot) -> None:
    fake = FakeHub()
    fake.make = pooled_dashboard
    page = page_for(qtbot, fake)
    tile = page.content.tiles[AGREED]
    assert tile.number.text() == "61% (27 of 44)"
    assert tile.detail.text().startswith("from 2 of 3 committee")
    assert tile.detail.isVisibleTo(page)
    assert "from 2 of 3" in tile.accessibleName()
    # not pooled: no coverage line
    assert not page.content.tiles["share_agreements_kept"].detail.isVisibleTo(page)


def test_a_pooled_value_in_the_region_table_is_marked_with_its_coverage(qtbot: QtBot) -> None:
    fake = FakeHub()
    fake.make = pooled_dashboard
    page = page_for(qtbot, fake)
    content = page.content
    regions = table_texts(content.regions_view)
    assert regions[1][4] == f"61% (27 of 44)\u00a0{POOLED_MARK}"
    assert regions[0][4] == "62% (31 of 50)"  # Kisumu: not pooled, not marked
    model = content.regions_view.model()
    tip = model.index(1, 4).data(Qt.ItemDataRole.ToolTipRole)
    assert str(tip).startswith("from 2 of 3 committee")
    assert model.index(0, 4).data(Qt.ItemDataRole.ToolTipRole) is None
    assert POOLED_MARK in content.pooled_legend.text()
    assert content.pooled_legend.isVisibleTo(page)


def test_the_pooled_line_is_shown_only_when_a_value_is_marked(qtbot: QtBot) -> None:
    page = page_for(qtbot, FakeHub())  # the sample: nothing pooled
    assert not page.content.pooled_legend.isVisibleTo(page)

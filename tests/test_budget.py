"""Page weight budget: all of annotrain's JS and CSS on a page, gzipped, at most 25 KB.

Measured on the heaviest page possible: one using every task type and feature.
"""

from __future__ import annotations

import gzip

from annotrain import assets
from annotrain.messages import catalog
from annotrain.tasktypes import TASK_TYPES

BUDGET = 25 * 1024


def test_heaviest_page_within_budget():
    uses = [*TASK_TYPES, *assets.FEATURES]
    script = assets.bundle(uses, assets.site_settings("site", "en", catalog("en")))
    css = assets.stylesheet()
    weight = len(gzip.compress(script.encode(), 9)) + len(gzip.compress(css.encode(), 9))
    assert weight <= BUDGET, f"{weight / 1024:.1f} KB gzipped"


def test_minified_bundle_keeps_every_part_in_order():
    plain = assets.bundle(["choice"], "", minify=False)
    small = assets.bundle(["choice"], "")
    assert len(small) < 0.8 * len(plain)
    markers = [f"--- {name} ---" for name in assets.bundle_parts(["choice"])]
    assert [small.index(m) for m in markers] == sorted(small.index(m) for m in markers)

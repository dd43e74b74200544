"""In a browser: the commune drop-down of the officials page reads in Vietnamese alphabetical order
("Nếnh" before "Ninh Xá", every "Đ" after the "D"s), as the server in its own processes sorts it."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.core.test_collation import VIETNAMESE_ORDER, shuffled
from tests.factories import CommuneFactory

pytestmark = pytest.mark.browser


def test_commune_drop_down_in_vietnamese_order(live, page, department_head, province, password):
    for name in shuffled(VIETNAMESE_ORDER):
        CommuneFactory(name=name, province=province)

    sign_in(page, live, department_head.username, password)
    page.goto(f"{live.url}/accounts/officials/")

    commune = page.get_by_label("Xã/phường")
    expect(commune).to_be_visible()
    labels = [text.split(",")[0].strip() for text in commune.locator("option").all_inner_texts()]
    assert [label for label in labels if label.startswith("Xã")] == VIETNAMESE_ORDER

"""The year at a glance in a real browser, the due calculator, and an administrator's override."""

import pytest
from playwright.sync_api import expect

from ..conftest import PASSWORD
from .conftest import shot, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_year_view_shows_2026_and_answers_the_reception_desk(page, reception):
    sign_in(page, "tiepnhan", PASSWORD)
    page.get_by_role("link", name="Lịch làm việc").click()
    page.goto("/worktime/2026/")
    grid = page.get_by_test_id("year-grid")
    expect(grid).to_be_visible()
    for day in [
        "2026-01-01",
        "2026-01-02",
        "2026-02-16",
        "2026-02-20",
        "2026-04-27",
        "2026-04-30",
        "2026-05-01",
        "2026-08-31",
        "2026-09-01",
        "2026-09-02",
        "2026-11-24",
    ]:
        expect(grid.locator(f'td[data-date="{day}"]')).to_have_attribute("data-kind", "day_off")
    for day in ["2026-01-10", "2026-08-22"]:
        expect(grid.locator(f'td[data-date="{day}"]')).to_have_attribute("data-kind", "working_weekend")
    assert "12729/VPCP-KGVX" in grid.locator('td[data-date="2026-01-02"]').get_attribute("title")
    # A day off is visibly coloured apart from a working day.
    off = grid.locator('td[data-date="2026-04-27"]').evaluate("e => getComputedStyle(e).backgroundColor")
    work = grid.locator('td[data-date="2026-04-28"]').evaluate("e => getComputedStyle(e).backgroundColor")
    assert off != work
    expect(page.get_by_test_id("working-day-count")).to_have_text("249")

    form = page.get_by_test_id("due-form")
    form.get_by_label("Tiếp nhận lúc").fill("15:00 24/04/2026")
    form.get_by_label("Số ngày làm việc").fill("1")
    form.get_by_role("button", name="Tính hạn").click()
    expect(page.get_by_test_id("due-result")).to_contain_text("15:00 thứ Ba, 28/04/2026")
    shot(page, "07-lich-lam-viec-2026")


def test_administrator_adds_a_day_off(page, admin_user):
    sign_in(page, "quantri", PASSWORD)
    page.goto("/worktime/2026/")
    form = page.get_by_test_id("override-form")
    form.get_by_label("Ngày", exact=True).fill("23/11/2026")
    form.get_by_label("Loại").select_option("day_off")
    form.get_by_label("Lý do").fill("Nghỉ bù Ngày Văn hóa Việt Nam")
    form.get_by_label("Căn cứ").fill("Quyết định 99/QĐ-UBND")
    form.get_by_role("button", name="Lưu điều chỉnh").click()
    expect(page.get_by_text("Đã lưu điều chỉnh ngày 23/11/2026.")).to_be_visible()
    cell = page.get_by_test_id("year-grid").locator('td[data-date="2026-11-23"]')
    expect(cell).to_have_attribute("data-kind", "day_off")
    expect(page.get_by_test_id("special-days")).to_contain_text("Quyết định 99/QĐ-UBND")

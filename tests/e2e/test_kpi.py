"""KPI in a real browser: the officer self-assesses a month, the division head scores it from the team
view, the department leader approves, and the head exports the division's BM02.2."""

import pytest
from playwright.sync_api import expect

from investdesk.kpi import services
from investdesk.kpi.models import Evaluation

from ..conftest import PASSWORD
from ..kpi.conftest import at
from .conftest import shot, sign_in

pytestmark = pytest.mark.django_db(transaction=True)

SCORES = {"chinh-tri": "6", "dao-duc": "6", "tac-phong": "5", "ky-luat": "6", "phuc-vu": "5"}


def fill_scores(page, form: str) -> None:
    for code, value in SCORES.items():
        page.locator(f"[data-testid={form}] input[name='score_{code}']").fill(value)


def sign_out(page) -> None:
    page.context.clear_cookies()


def test_score_review_approve_and_export_a_division_month(page, officer, division_head, leader):
    item = services.add_item(officer, officer, title="Báo cáo tình hình dự án", deadline=at("17:00 20/03/2026"))
    services.finish_item(officer, item, item.version, at=at("10:00 18/03/2026"))

    sign_in(page, "chuyenvien", PASSWORD)
    page.goto("/")
    expect(page.get_by_test_id("home-kpi-status")).to_contain_text("Chưa tự đánh giá")
    page.get_by_test_id("home-kpi-link").click()
    expect(page.get_by_test_id("evaluation-figures")).to_be_visible()
    assert not Evaluation.objects.exists()  # looking starts nothing
    page.goto("/kpi/?period=2026-03")
    expect(page.get_by_test_id("evaluation-items")).to_contain_text("Báo cáo tình hình dự án")
    expect(page.get_by_test_id("task-score")).to_contain_text("70")
    fill_scores(page, "self-assess-form")
    page.locator("[data-testid=self-assess-form] textarea[name=comment]").fill("Hoàn thành đúng hạn")
    page.get_by_role("button", name="Gửi tự đánh giá").click()
    expect(page.get_by_test_id("evaluation-status")).to_contain_text("Đã tự đánh giá")
    shot(page, "60-kpi-tu-danh-gia")

    sign_out(page)
    sign_in(page, "truongphong", PASSWORD)
    page.goto("/kpi/team/?period=2026-03")
    expect(page.get_by_test_id("team-table")).to_contain_text("Đặng Thị Thủy")
    page.get_by_test_id("team-table").get_by_role("link", name="Đặng Thị Thủy").click()
    fill_scores(page, "review-form")
    page.get_by_role("button", name="Ghi điểm").click()
    expect(page.get_by_test_id("evaluation-status")).to_contain_text("Lãnh đạo phòng đã chấm")
    expect(page.get_by_test_id("total")).to_contain_text("98")
    expect(page.get_by_test_id("band")).to_contain_text("Xuất sắc")

    sign_out(page)
    sign_in(page, "giamdoc", PASSWORD)
    evaluation = Evaluation.objects.get(person=officer)
    page.goto(evaluation.get_absolute_url())
    page.get_by_role("button", name="Phê duyệt").click()
    expect(page.get_by_test_id("evaluation-status")).to_contain_text("Lãnh đạo Sở đã phê duyệt")
    expect(page.get_by_test_id("approve-form")).to_have_count(0)
    shot(page, "61-kpi-phe-duyet")

    sign_out(page)
    sign_in(page, "truongphong", PASSWORD)
    page.goto("/kpi/team/?period=2026-03")
    expect(page.get_by_test_id("coverage-evaluated")).to_contain_text("1/2")
    with page.expect_download() as download:
        page.get_by_test_id("export-xlsx").click()
    assert download.value.suggested_filename == "BM02.2-dtnns-2026-03.xlsx"
    with page.expect_download() as download:
        page.get_by_test_id("export-docx").click()
    assert download.value.suggested_filename == "BM02.2-dtnns-2026-03.docx"
    shot(page, "62-kpi-phong")


def test_the_administrator_sets_the_year_s_cutoff_and_rating(page, admin_user, officer):
    sign_in(page, "quantri", PASSWORD)
    page.goto("/kpi/rules/2026/")
    page.get_by_label("Cách xếp loại năm").select_option("by_workload")
    page.get_by_label("Ngày chốt năm").fill("10")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator(".alert-success")).to_be_visible()
    rule = services.rule_for(2026)
    assert (rule.year_rating, rule.cutoff_month, rule.cutoff_day) == ("by_workload", 12, 10)
    item = services.add_item(officer, officer, title="Tổng kết năm", deadline=at("17:00 12/12/2026"))
    assert item.period.code == "2027-01"

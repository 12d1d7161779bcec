"""The project database in a real browser: an officer loads last year's Excel list, sees which
projects are late and why, records an inspection; the dashboard and the investor pages open."""

from datetime import date
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from investdesk.projects.models import DecisionVersion, Inspection, Project, SavedFilter

from ..conftest import PASSWORD
from ..projects.conftest import LATE_MILESTONES, make_investor, make_project  # noqa: F401 (fixtures)
from ..projects.test_api_and_import import row, sheet
from ..projects.test_dossier_link import make_dossier  # noqa: F401 (the fixture)
from .conftest import shot, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_import_find_the_late_and_record_an_inspection(page, officer, make_project, tmp_path):  # noqa: F811 (the fixture)
    late = make_project(name="Khu du lịch Hòn Tằm", milestones=LATE_MILESTONES)
    path = tmp_path / "du-an-2025.xlsx"
    path.write_bytes(
        sheet(row(code="5600000101"), row(code="5600000102", name="Cảng cá Vĩnh Lương", commune="Bắc Nha Trang")).read()
    )
    sign_in(page, "chuyenvien", PASSWORD)
    page.get_by_test_id("menu-projects").click()
    expect(page.get_by_test_id("project-table")).to_contain_text(late.code)
    page.get_by_role("link", name="Nhập từ Excel").click()
    page.get_by_label("Tệp Excel (.xlsx) theo mẫu").set_input_files(path)
    page.get_by_role("button", name="Tải lên và ghép cột").click()
    expect(page.get_by_test_id("import-preview")).to_contain_text("Cảng cá Vĩnh Lương")
    expect(page.get_by_label("Tên dự án")).to_have_value("1")  # the template's columns, found by name
    page.get_by_test_id("import-check").click()
    expect(page.get_by_test_id("import-summary")).to_contain_text("sẽ thêm 2 dự án")
    assert Project.objects.count() == 1  # the check writes nothing
    shot(page, "60-du-an-nhap-kiem-tra")
    page.get_by_test_id("import-write").click()
    expect(page.get_by_test_id("import-outcome")).to_contain_text("Đã nhập: thêm 2 dự án")
    page.get_by_role("link", name="Xem danh sách dự án").click()
    expect(page.get_by_test_id("project-table")).to_contain_text("Cảng cá Vĩnh Lương")
    assert Project.objects.count() == 3

    page.get_by_placeholder("Nhập từ khóa, không cần dấu").fill("vinh luong")
    expect(page.get_by_test_id("project-table")).not_to_contain_text(late.code)
    expect(page.get_by_test_id("project-table")).to_contain_text("5600000102")

    page.get_by_role("link", name="Dự án chậm tiến độ").click()
    expect(page.get_by_test_id("watch-table")).to_contain_text("Chậm nghiêm trọng · 17 tháng")
    page.get_by_role("link", name=late.code).click()
    expect(page.get_by_test_id("delay-status")).to_contain_text("Chậm nghiêm trọng")
    page.get_by_test_id("object-tabs").get_by_role("link", name="Tiến độ").click()
    expect(page.get_by_test_id("milestones")).to_contain_text("Khởi công xây dựng")
    expect(page.get_by_test_id("timeline")).to_be_visible()
    shot(page, "61-du-an-tien-do")

    page.get_by_test_id("object-tabs").get_by_role("link", name="Kiểm tra, đánh giá").click()
    page.get_by_test_id("add-inspection").click()
    page.get_by_label("Loại").select_option(label="Định kỳ")
    page.get_by_label("Ngày kiểm tra").fill("20/11/2026")
    page.get_by_label("Kết quả kiểm tra").fill("Chưa khởi công do chưa hoàn thành thủ tục đất đai.")
    page.get_by_label("Vi phạm").fill("Chậm tiến độ 17 tháng.")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_test_id("inspection")).to_contain_text("Chưa khởi công")
    assert Inspection.objects.get().project == late
    shot(page, "62-du-an-kiem-tra")

    page.get_by_test_id("object-tabs").get_by_role("link", name="Lịch sử thay đổi").click()
    expect(page.get_by_test_id("history-table")).to_contain_text("Đặng Thị Thủy")


def test_dashboard_and_investors(page, officer, make_project):  # noqa: F811 (the fixture)
    make_project(name="Khu du lịch Hòn Tằm", milestones=LATE_MILESTONES)
    sign_in(page, "chuyenvien", PASSWORD)
    page.goto("/projects/dashboard/")
    expect(page.get_by_test_id("most-delayed")).to_contain_text("Hòn Tằm")
    expect(page.get_by_test_id("by-commune")).to_contain_text("Bắc Nha Trang")
    shot(page, "63-du-an-tong-hop")
    page.goto("/projects/?late=true")
    page.get_by_label("Tên bộ lọc").fill("Dự án đang chậm")
    page.get_by_role("button", name="Lưu bộ lọc đang dùng").click()
    expect(page.get_by_test_id("saved-filters")).to_contain_text("Dự án đang chậm")
    assert SavedFilter.objects.get().query == "late=true"
    with page.expect_download() as download:
        page.get_by_role("link", name="Báo cáo năm (.docx)").click()
    assert download.value.suggested_filename.startswith("bao-cao-giam-sat-danh-gia-")
    page.goto("/projects/investors/")
    page.get_by_role("link", name="Công ty Cổ phần Du lịch Biển Xanh").click()
    expect(page.get_by_test_id("investor-projects")).to_contain_text("Hòn Tằm")


def test_map_who_has_not_reported_and_a_dossier_becomes_a_decision(page, officer, make_project, make_dossier):  # noqa: F811
    project = make_project(
        name="Khu du lịch Hòn Tằm",
        registered_on=date(2025, 1, 15),
        latitude=Decimal("12.25"),
        longitude=Decimal("109.19"),
    )
    make_dossier(project=project)
    sign_in(page, "chuyenvien", PASSWORD)
    page.goto("/projects/")
    page.get_by_role("link", name="Bản đồ").click()
    # No tile server is set: the marker is drawn on the plain background all the same.
    expect(page.get_by_test_id("project-map")).to_have_attribute("data-markers", "1")
    expect(page.get_by_test_id("map-note")).to_contain_text("nền trơn")
    shot(page, "64-du-an-ban-do")

    page.goto("/projects/")
    page.get_by_role("link", name="Chưa báo cáo").click()
    expect(page.get_by_test_id("report-gap-table")).to_contain_text(project.code)
    expect(page.get_by_test_id("report-gap-table")).to_contain_text("Chưa nộp")
    with page.expect_download() as download:
        page.get_by_test_id("export").click()
    assert download.value.suggested_filename == "chua-bao-cao.xlsx"
    shot(page, "65-du-an-chua-bao-cao")

    page.goto(f"/projects/{project.code}/")
    page.get_by_test_id("object-tabs").get_by_role("link", name="Hồ sơ").click()
    expect(page.get_by_test_id("project-dossiers")).to_contain_text("DT-0001")
    page.get_by_test_id("dossier-proposal").click()
    expect(page.get_by_label("Số quyết định/giấy chứng nhận")).to_have_value("1234/GCN-STC")
    assert not DecisionVersion.objects.exists()  # the review screen writes nothing
    shot(page, "66-du-an-de-xuat-tu-ho-so")
    page.get_by_test_id("proposal-confirm").click()
    expect(page.get_by_test_id("decisions")).to_contain_text("1234/GCN-STC")
    assert DecisionVersion.objects.get().source_dossier.code == "DT-0001"

    page.get_by_test_id("object-tabs").get_by_role("link", name="Thông tin").click()
    expect(page.locator("[data-chart=capital]")).to_have_attribute("data-rendered", "true")

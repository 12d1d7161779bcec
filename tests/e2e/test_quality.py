"""The quality system in a real browser: the head reads the year's lights and heat map, opens the rows
behind a cell and downloads the register; the desk imports a one-stop .xlsx with its dry run."""

import pytest
from playwright.sync_api import expect

from investdesk.dossiers.models import Dossier

from ..conftest import PASSWORD
from ..dossiers.test_import_sheet import QUARTER, workbook
from .conftest import shot, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_quality_dashboard_heat_map_and_register(page, division_head):
    sign_in(page, "truongphong", PASSWORD)
    page.get_by_role("link", name="Chất lượng").click()
    expect(page.get_by_test_id("objective-lights")).to_contain_text("Xây dựng Quy trình thủ tục dự án")
    expect(page.get_by_test_id("objective-figure-1")).to_contain_text("thủ tục có quy trình lưu đồ")
    expect(page.get_by_test_id("mismatch-alert")).to_contain_text("1.1.2")
    shot(page, "40-chat-luong")
    page.get_by_test_id("heat-cell-risk-3-3").first.click()
    row = page.get_by_test_id("risk-row-IV-1.1.2")
    expect(row).to_contain_text("Trung bình")
    expect(row.get_by_test_id("mismatch")).to_contain_text("2- Thấp")
    expect(page.get_by_test_id("risk-row-II-2")).to_have_count(0)
    with page.expect_download() as download:
        page.get_by_test_id("export-docx").click()
    assert download.value.suggested_filename == "rui-ro-co-hoi-2026.docx"
    shot(page, "41-rui-ro")


def test_import_a_one_stop_sheet(page, reception, tmp_path, seeded):
    path = tmp_path / "mot-cua.xlsx"
    path.write_bytes(workbook(QUARTER))
    sign_in(page, "tiepnhan", PASSWORD)
    page.get_by_role("link", name="Hồ sơ").first.click()
    page.get_by_role("link", name="Nhập hồ sơ cũ").click()
    page.get_by_test_id("import-upload").get_by_label("Tệp .xlsx xuất từ hệ thống một cửa").set_input_files(path)
    page.get_by_role("button", name="Tải lên và ghép cột").click()
    expect(page.get_by_test_id("import-preview")).to_contain_text("HS-01")
    expect(page.get_by_label("Ngày tiếp nhận")).to_have_value("5")  # guessed from the heading
    page.get_by_test_id("import-check").click()
    expect(page.get_by_test_id("import-outcome")).to_contain_text("không có lỗi")
    shot(page, "42-nhap-kiem-tra")
    page.get_by_test_id("import-run").click()
    expect(page.get_by_test_id("import-outcome")).to_contain_text("Đã nhập")
    assert Dossier.objects.count() == 8
    shot(page, "43-nhap-xong")

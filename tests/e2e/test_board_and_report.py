"""The division head's two daily pages in a real browser: the periodic report and the board."""

import zipfile

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from investdesk.dossiers import services
from investdesk.procedures.models import Procedure

from ..conftest import PASSWORD
from ..dossiers.conftest import at
from .conftest import shot, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


# The select is at least as wide as its longest option's text plus its own padding (arrow included).
FITS_ITS_LONGEST_OPTION = """s => {
    const style = getComputedStyle(s);
    const pen = document.createElement("canvas").getContext("2d");
    pen.font = style.font;
    const text = Math.max(...[...s.options].map(o => pen.measureText(o.text).width));
    return text + parseFloat(style.paddingLeft) + parseFloat(style.paddingRight) <= s.clientWidth;
}"""


def seed():
    call_command("seed", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115


def receive(reception, received_at):
    return services.receive_dossier(
        reception,
        procedure=Procedure.objects.get(code="cap-lai-gcndkdt"),
        applicant_name="Công ty TNHH Biển Xanh",
        channel="online",
        received_at=received_at,
    )


def test_the_report_from_the_menu_downloads_the_quarter_as_excel(page, division_head, tmp_path):
    seed()
    today = timezone.localdate()
    start = today.replace(month=3 * ((today.month - 1) // 3) + 1, day=1)
    page.set_viewport_size({"width": 1440, "height": 900})
    sign_in(page, "truongphong", PASSWORD)
    page.get_by_test_id("menu-reports").get_by_role("button").click()
    page.get_by_role("link", name="Báo cáo định kỳ").click()
    expect(page.get_by_label("Từ ngày")).to_have_value(f"{start:%d/%m/%Y}")
    expect(page.get_by_label("Đến ngày")).to_have_value(f"{today:%d/%m/%Y}")
    table = page.get_by_test_id("report-table")
    expect(table).to_be_visible()
    # The table fits its card: nothing hidden behind a horizontal scroll at 1440 px.
    assert table.evaluate("t => t.parentElement.scrollWidth <= t.parentElement.clientWidth")
    shot(page, "20-bao-cao-dinh-ky")
    with page.expect_download() as event:
        page.get_by_role("link", name="Tải Excel").click()
    download = event.value
    assert download.failure() is None
    assert download.suggested_filename == f"bao-cao-tthc-{start:%Y%m%d}-{today:%Y%m%d}.xlsx"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    with zipfile.ZipFile(saved) as book:
        assert "xl/workbook.xml" in book.namelist()
        assert "Tổng cộng" in book.read("xl/sharedStrings.xml").decode()


def test_the_head_filters_the_board_to_overdue_and_reassigns_a_step(
    page, reception, officer, division_head, make_person
):
    seed()
    late = receive(reception, at("08:00 02/03/2026"))
    services.complete_step(reception, late.steps.get(), at=at("09:00 02/03/2026"))
    fresh = receive(reception, timezone.now())
    make_person("chuyenvien2", "officer", full_name="Võ Minh Tuấn")
    page.set_viewport_size({"width": 1440, "height": 900})
    sign_in(page, "truongphong", PASSWORD)
    page.locator("#navbar-menu").get_by_role("link", name="Điều hành").click()
    expect(page.get_by_test_id("total-open")).to_have_text("2")
    expect(page.get_by_test_id("total-overdue")).to_have_text("1")
    table = page.get_by_test_id("board-table")
    expect(table.get_by_test_id("board-step")).to_have_count(2)

    page.get_by_label("Tình trạng").select_option(label="Quá hạn")
    page.get_by_role("button", name="Lọc").click()
    rows = table.get_by_test_id("board-step")
    expect(rows).to_have_count(1)
    row = rows.first
    expect(row).to_contain_text(late.code)
    expect(table).not_to_contain_text(fresh.code)
    assert table.evaluate("t => t.parentElement.scrollWidth <= t.parentElement.clientWidth")
    picker = row.get_by_role("combobox")
    assert picker.evaluate(FITS_ITS_LONGEST_OPTION), "the person list is clipped"
    shot(page, "21-bang-dieu-hanh-qua-han")
    picker.select_option(label="Võ Minh Tuấn")
    row.get_by_label("Lý do điều chuyển").fill("Cân đối khối lượng công việc")
    row.get_by_role("button", name="Giao").click()
    expect(page.get_by_text("Đã giao bước cho Võ Minh Tuấn")).to_be_visible()
    assert "state=overdue" in page.url  # back on the board as it was filtered
    expect(page.get_by_test_id("board-table").get_by_test_id("board-step").first).to_contain_text("Võ Minh Tuấn")
    assert late.steps.get(finished_at__isnull=True).assignee.full_name == "Võ Minh Tuấn"

"""What a person new to the system sees first: the menu, the dossier list, flowcharts, history."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from investdesk.accounts.choices import Role
from investdesk.dossiers import services
from investdesk.dossiers.models import Dossier
from investdesk.procedures.models import Procedure

from ..conftest import PASSWORD
from ..dossiers.conftest import at
from .conftest import shot, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def seed():
    call_command("seed", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115


def receive(reception, code="cap-lai-gcndkdt", when="08:00 02/03/2026", applicant="Công ty TNHH Biển Xanh"):
    return services.receive_dossier(
        reception,
        procedure=Procedure.objects.get(code=code),
        applicant_name=applicant,
        channel="online",
        received_at=at(when),
    )


def test_the_menu_fits_one_line_for_an_administrator_and_folds_on_a_phone(page, admin_user):
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, "quantri", PASSWORD)
    items = page.locator("#navbar-menu .navbar-nav > .nav-item")
    tops = {round(box["y"]) for box in (items.nth(i).bounding_box() for i in range(items.count()))}
    assert len(tops) == 1, "the menu wraps onto a second row"
    for title in page.locator("#navbar-menu .nav-link-title").all():
        assert title.bounding_box()["height"] < 30, title.inner_text()  # one line per label
    page.get_by_test_id("menu-organisation").get_by_role("button").click()
    page.get_by_role("link", name="Cán bộ").click()
    expect(page.get_by_test_id("person-table")).to_be_visible()
    shot(page, "menu-1280")

    page.set_viewport_size({"width": 390, "height": 800})
    page.goto("/")
    expect(page.locator("#navbar-menu")).to_be_hidden()
    page.get_by_role("button", name="Mở menu").click()
    expect(page.locator("#navbar-menu")).to_be_visible()
    page.get_by_test_id("menu-reports").get_by_role("button").click()
    page.get_by_role("link", name="Theo dõi đúng hạn").click()
    expect(page.get_by_test_id("monthly-chart")).to_be_visible()


def test_a_viewer_is_offered_figures_not_an_empty_dossier_list(page, make_person, reception):
    seed()
    make_person("nguoixem", Role.VIEWER, full_name="Đỗ Hoàng Long")
    dossier = receive(reception)
    sign_in(page, "nguoixem", PASSWORD)
    menu = page.locator("#navbar-menu")
    expect(menu.get_by_role("link", name="Hồ sơ", exact=True)).to_have_count(0)
    expect(menu.get_by_role("link", name="Việc của tôi")).to_have_count(0)
    page.goto("/dossiers/")
    expect(page.get_by_test_id("scope-note")).to_contain_text("chỉ xem số liệu tổng hợp và báo cáo")

    response = page.goto(f"/dossiers/{dossier.pk}/")
    assert response.status == 404
    page.console_errors.clear()  # the browser logs the 404 status itself
    expect(page.get_by_role("heading", name="Không tìm thấy trang")).to_be_visible()
    expect(page.get_by_test_id("bell")).to_be_visible()  # inside the app's layout


def test_the_dossier_list_keeps_one_line_per_row(page, reception):
    seed()
    codes = list(Procedure.objects.order_by("sort_order").values_list("code", flat=True))
    for number in range(25):
        receive(
            reception,
            code=codes[number % len(codes)],
            when=f"08:{number:02d} 02/03/2026",
            applicant=f"Công ty Cổ phần Phát triển Đô thị Ninh Hòa {number}",
        )
    page.set_viewport_size({"width": 1440, "height": 900})
    sign_in(page, "tiepnhan", PASSWORD)
    page.goto("/dossiers/")
    table = page.get_by_test_id("dossier-table")
    rows = table.locator("tbody tr")
    expect(rows).to_have_count(25)
    for i in range(rows.count()):
        assert rows.nth(i).bounding_box()["height"] < 50, rows.nth(i).inner_text()
    cells = table.locator("[data-testid=procedure-cell]")
    assert all(cell.get_attribute("title") for cell in cells.all())  # the full name on hover
    cut = cells.evaluate_all("cells => cells.filter(c => c.scrollWidth > c.clientWidth).length")
    assert cut > 0  # long names are cut to the column, not wrapped
    box = table.bounding_box()
    assert box["width"] <= page.viewport_size["width"]
    shot(page, "danh-sach-ho-so-1440")


def test_a_flowchart_fills_its_card_shows_whole_labels_and_zooms(page, division_head):
    seed()
    page.set_viewport_size({"width": 1440, "height": 900})
    sign_in(page, "truongphong", PASSWORD)
    page.goto("/procedures/cap-lai-gcndkdt/")
    canvas = page.get_by_test_id("bpmn-canvas")
    expect(canvas).to_have_attribute("data-rendered", "true")
    # No user-task icon over the first letters of the label: a task draws only its box and its text.
    task = page.locator(".djs-element[data-element-id]").filter(has_text="Tiếp nhận, kiểm tra").first
    assert task.locator(".djs-visual > path").count() == 0
    # The diagram fills the card: its drawing spans nearly the canvas's width.
    drawing = page.locator(".djs-container .viewport").bounding_box()
    assert drawing["width"] > 0.85 * canvas.bounding_box()["width"]
    zoom = page.evaluate("() => document.querySelector('.viewport').transform.baseVal.consolidate().matrix.a")
    page.get_by_role("button", name="Phóng to").click()
    zoomed = page.evaluate("() => document.querySelector('.viewport').transform.baseVal.consolidate().matrix.a")
    assert zoomed > zoom
    page.get_by_role("button", name="Vừa khung").click()
    expect(page.get_by_role("button", name="Toàn màn hình")).to_be_visible()
    shot(page, "luu-do-1440")


def test_the_desk_ticks_every_document_prints_and_hands_the_dossier_on(page, reception, officer):
    seed()
    sign_in(page, "tiepnhan", PASSWORD)
    page.goto("/dossiers/new/")
    form = page.get_by_test_id("intake-form")
    form.get_by_label("Thủ tục").select_option(label="Cấp lại Giấy chứng nhận đăng ký đầu tư")
    form.get_by_role("button", name="Chọn tất cả").click()
    boxes = form.locator("#intake-components input[type=checkbox]")
    assert boxes.count() > 1 and all(box.is_checked() for box in boxes.all())
    form.get_by_label("Tổ chức, cá nhân nộp hồ sơ").fill("Công ty TNHH Khu nghỉ dưỡng Bãi Dài")
    form.get_by_role("button", name="Tiếp nhận hồ sơ").click()
    page.get_by_role("link", name="Giấy tiếp nhận (Mẫu 01)").click()
    expect(page.get_by_test_id("form-01")).to_contain_text("Văn bản đề nghị theo mẫu")
    cells = page.get_by_test_id("signatures").locator("td")
    assert cells.nth(0).locator("strong").bounding_box()["y"] == cells.nth(1).locator("strong").bounding_box()["y"]
    expect(page.get_by_test_id("receipt-docx")).to_be_visible()
    shot(page, "mau-01-chuyen-ho-so")
    page.get_by_test_id("handover").get_by_role("button", name="Chuyển hồ sơ").click()
    expect(page.get_by_text("Đã hoàn thành bước")).to_be_visible()
    assert Dossier.objects.get().steps.filter(assignee=officer, finished_at__isnull=True).exists()


def test_a_file_picker_shows_the_chosen_file_in_vietnamese(page, division_head, reception, tmp_path):
    seed()
    dossier = receive(reception)
    sign_in(page, "truongphong", PASSWORD)
    page.goto(f"/dossiers/{dossier.pk}/")
    picker = page.locator("[data-file-picker]").first
    expect(picker).to_contain_text("Chọn tệp…")
    expect(picker).to_contain_text("Chưa chọn tệp")
    upload = tmp_path / "to-trinh.pdf"
    upload.write_bytes(b"%PDF-1.4\n%%EOF\n")
    picker.locator("input[type=file]").set_input_files(str(upload))
    expect(picker.locator("[data-file-name]")).to_have_text("to-trinh.pdf")

"""A dossier from receipt to result in a real browser, by the desk, an officer, the head and a leader."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from investdesk.accounts.choices import Role
from investdesk.dossiers.models import Dossier

from ..conftest import PASSWORD
from ..projects.conftest import make_investor, make_project  # noqa: F401 (fixtures)
from .conftest import shot, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def finish_my_step(page, code, **choices):
    page.goto("/my-work/")
    page.get_by_role("link", name=code).click()
    action = page.get_by_test_id("step-action").first
    for label, value in choices.items():
        if value is True:
            action.get_by_label(label).check()
        else:
            action.get_by_label(label, exact=True).fill(
                value
            ) if label != "Kết quả giải quyết" else action.get_by_label(label).select_option(value)
    action.get_by_role("button", name="Hoàn thành bước").click()
    expect(page.get_by_text("Đã hoàn thành bước")).to_be_visible()


def test_receipt_to_result(page, reception, officer, division_head, leader, make_project):  # noqa: F811
    call_command("seed", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
    from django.contrib.auth.models import Group

    reception.groups.add(Group.objects.get(name=Role.VIEWER))  # the desk clerk also reads the projects
    project = make_project(name="Khu nghỉ dưỡng Hòn Tằm")
    sign_in(page, "tiepnhan", PASSWORD)
    page.get_by_role("link", name="Hồ sơ").first.click()
    page.get_by_role("link", name="Tiếp nhận hồ sơ").click()
    form = page.get_by_test_id("intake-form")
    form.get_by_label("Thủ tục").select_option(label="Cấp lại Giấy chứng nhận đăng ký đầu tư")
    expect(form.get_by_label("Văn bản đề nghị theo mẫu")).to_be_visible()  # components follow the procedure
    form.get_by_label("Văn bản đề nghị theo mẫu").check()
    form.get_by_label("Tổ chức, cá nhân nộp hồ sơ").fill("Công ty TNHH Khu nghỉ dưỡng Bãi Dài")
    # The project is found by its name typed without diacritics, then named by its code.
    form.get_by_label("Dự án đầu tư").press_sequentially("hon tam")
    expect(page.locator("#intake-project-options option")).to_have_count(1)
    assert page.locator("#intake-project-options option").get_attribute("value") == project.code
    form.get_by_label("Dự án đầu tư").fill(project.code)
    form.get_by_role("button", name="Tiếp nhận hồ sơ").click()
    expect(page.get_by_text("Đã tiếp nhận hồ sơ")).to_be_visible()
    expect(page.get_by_test_id("dossier-project")).to_contain_text(project.name)
    code = Dossier.objects.get().code
    page.get_by_role("link", name="Giấy tiếp nhận (Mẫu 01)").click()
    expect(page.get_by_test_id("form-01")).to_contain_text("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ")
    shot(page, "10-mau-01")
    finish_my_step(page, code)
    page.get_by_test_id("user-menu").click()
    page.get_by_test_id("logout").click()

    sign_in(page, "chuyenvien", PASSWORD)
    page.goto("/my-work/")
    expect(page.get_by_test_id("my-work")).to_contain_text(code)
    page.get_by_role("link", name=code).click()
    expect(page.get_by_test_id("bpmn-canvas")).to_have_attribute("data-rendered", "true")
    expect(page.locator(".djs-element.done")).not_to_have_count(0)
    expect(page.locator(".djs-element.current")).to_have_count(1)
    shot(page, "11-ho-so-chuyen-vien")
    finish_my_step(page, code)
    page.get_by_test_id("user-menu").click()
    page.get_by_test_id("logout").click()

    sign_in(page, "truongphong", PASSWORD)
    finish_my_step(page, code)
    page.get_by_test_id("user-menu").click()
    page.get_by_test_id("logout").click()

    sign_in(page, "giamdoc", PASSWORD)
    finish_my_step(page, code, **{"Kết quả giải quyết": "approved", "Số văn bản kết quả": "15/GCN-STC"})
    page.get_by_test_id("user-menu").click()
    page.get_by_test_id("logout").click()

    sign_in(page, "tiepnhan", PASSWORD)
    finish_my_step(page, code)
    expect(page.get_by_test_id("dossier-status")).to_have_text("Đã giải quyết")
    page.get_by_role("link", name="Phiếu kiểm soát (Mẫu 06)").click()
    expect(page.get_by_test_id("form-06")).to_contain_text("Trước hạn")
    shot(page, "12-mau-06")


def test_dashboard_chart_renders(page, division_head):
    call_command("seed", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
    sign_in(page, "truongphong", PASSWORD)
    page.get_by_test_id("menu-reports").get_by_role("button").click()
    page.get_by_role("link", name="Theo dõi đúng hạn").click()
    expect(page.get_by_test_id("monthly-chart")).to_have_attribute("data-rendered", "true")
    shot(page, "13-theo-doi-dung-han")

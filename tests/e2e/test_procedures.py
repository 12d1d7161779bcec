"""Every seeded procedure's flowchart renders in a real browser, with the bpmn.io watermark."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from investdesk.procedures.models import Procedure

from ..conftest import PASSWORD
from .conftest import shot, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_every_seeded_flowchart_renders_with_the_watermark(page, officer):
    call_command("seed", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
    sign_in(page, "chuyenvien", PASSWORD)
    codes = list(Procedure.objects.values_list("code", flat=True))
    assert len(codes) == 20
    for index, code in enumerate(codes):
        page.goto(f"/procedures/{code}/")
        canvas = page.get_by_test_id("bpmn-canvas")
        expect(canvas).to_have_attribute("data-rendered", "true")
        watermark = canvas.locator(".bjs-powered-by")
        expect(watermark).to_be_visible()
        assert canvas.locator(".djs-element").count() > 10
        total = page.get_by_test_id("step-total").inner_text()
        assert total == page.locator("dd strong").first.inner_text(), code
        if index == 0:
            shot(page, "08-quy-trinh-chu-truong-dau-tu")
            for kind, head in [("svg", b"<?xml"), ("png", b"\x89PNG")]:
                with page.expect_download() as download:
                    page.locator(f'[data-bpmn-export="{kind}"]').click()
                path = download.value.path()
                assert path.read_bytes()[:8].startswith(head), kind


def test_administrator_edits_a_step_in_the_modeler(page, admin_user):
    call_command("seed", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
    sign_in(page, "quantri", PASSWORD)
    page.goto("/procedures/doi-gcndkdt/v2/editor/")  # v1 is the version under the old law
    modeler = page.get_by_test_id("bpmn-modeler")
    expect(modeler).to_have_attribute("data-rendered", "true")
    # Select the officer's examination and give it one more day.
    modeler.locator('g.djs-element[data-element-id="userTask_3"]').click()
    panel = page.locator("[data-bpmn-properties]")
    expect(panel).to_be_visible()
    expect(panel.locator('[data-prop="role"]')).to_have_value("officer")
    expect(panel.locator('[data-prop="working_days"]')).to_have_value("1")
    panel.locator('[data-prop="working_days"]').fill("2")
    panel.locator('[data-prop="working_days"]').dispatch_event("change")
    page.get_by_role("button", name="Kiểm tra và lưu bản nháp").click()
    # 4 days against the 3 of the law, with no explanation: refused, and nothing is saved.
    expect(page.get_by_test_id("model-errors")).to_contain_text("4 ngày làm việc")
    assert Procedure.objects.get(code="doi-gcndkdt").versions.count() == 2
    shot(page, "09-soan-thao-so-do")

"""A large register is prepared in the background: the desk lands on the job's page and downloads it."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from investdesk.dossiers import services
from investdesk.procedures.models import Procedure

from ..conftest import PASSWORD
from .conftest import shot, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_large_register_is_downloaded_from_its_job_page(page, reception, settings):
    procedure = Procedure.objects.get(code="cap-lai-gcndkdt")
    for n in range(3):
        services.receive_dossier(
            reception, procedure=procedure, applicant_name=f"Công ty {n}", channel="online", received_at=timezone.now()
        )
    settings.EXPORT_BACKGROUND_ROWS = 2
    sign_in(page, reception.username, PASSWORD)
    page.goto("/dossiers/")
    # A search typed in the box is asked once: leaving the box does not send it again.
    searches = []
    page.on("request", lambda request: searches.append(request.url) if "q=C" in request.url else None)
    page.locator("input[name=q]").fill("Công ty")
    page.wait_for_timeout(800)
    page.locator("select[name=channel]").focus()
    page.wait_for_timeout(800)
    assert len(searches) == 1, searches
    # A date applies when the box is left, as a choice in a list does.
    page.locator("input[name=received_from]").fill("01/01/2020")
    page.locator("select[name=channel]").focus()
    expect(page).to_have_url(re.compile(r"received_from=01%2F01%2F2020"))
    # Any filter applies in place on change (no reload), and the export button comes back with it.
    page.locator("select[name=channel]").select_option("online")
    expect(page.locator("#list-export")).to_have_attribute("action", re.compile(r"channel=online&.*format=xlsx$"))
    shot(page, "so-theo-doi-loc")
    page.get_by_test_id("export").click()
    expect(page.get_by_text("tệp được lập ở chế độ nền")).to_be_visible()
    expect(page.get_by_test_id("job-progress")).to_contain_text("100%")
    shot(page, "xuat-so-theo-doi-nen")
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải tệp kết quả").click()
    assert download.value.suggested_filename == "so-theo-doi-ho-so.xlsx"
    # The export's address opened as a link asks first; its button starts another file.
    page.goto("/dossiers/?channel=online&format=xlsx")
    expect(page.get_by_test_id("export-confirm")).to_contain_text("3 dòng")
    shot(page, "xuat-so-theo-doi-hoi-truoc")
    page.get_by_role("button", name="Lập tệp").click()
    expect(page.get_by_test_id("job-progress")).to_contain_text("100%")

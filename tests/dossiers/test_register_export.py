"""A list's export (here the register, Mẫu 07) is written in the request while small, and by a
background job for its requester when large: the same file, for that person only, with progress."""

import io
import os
import zipfile
from datetime import timedelta
from html import unescape
from urllib.parse import urlencode

import pytest
from django.utils import timezone

from investdesk.core import exports, jobs
from investdesk.core.models import BackgroundJob
from investdesk.dossiers import services

from .conftest import at, received_online

pytestmark = pytest.mark.django_db


@pytest.fixture
def three(staff):
    return received_online(staff["reception"], [(f"Công ty TNHH Số {n}", f"08:0{n} 02/03/2026") for n in range(3)])


def sheet_of(content: bytes) -> dict:
    """Every part of the workbook but its creation time, which differs from one build to the next."""
    with zipfile.ZipFile(io.BytesIO(content)) as book:
        return {name: book.read(name) for name in book.namelist() if name != "docProps/core.xml"}


def export(client, capture, **filters):
    """The export button: a POST to the list's address with its filters and the format."""
    with capture(execute=True):
        return client.post(f"/dossiers/?{urlencode({**filters, 'format': 'xlsx'})}")


def test_a_small_export_is_the_file_itself(client, staff, three, settings, django_capture_on_commit_callbacks):
    settings.EXPORT_BACKGROUND_ROWS = 3
    client.force_login(staff["reception"])
    response = export(client, django_capture_on_commit_callbacks)
    assert response.status_code == 200 and "so-theo-doi-ho-so.xlsx" in response["Content-Disposition"]
    assert not BackgroundJob.objects.exists()


def test_a_large_export_is_a_job_whose_file_equals_the_direct_one(
    client, staff, three, settings, django_capture_on_commit_callbacks
):
    client.force_login(staff["reception"])
    direct = export(client, django_capture_on_commit_callbacks, procedure=three[0].procedure_id)
    settings.EXPORT_BACKGROUND_ROWS = 2
    response = export(client, django_capture_on_commit_callbacks, procedure=three[0].procedure_id)
    job = BackgroundJob.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/jobs/{job.pk}/"
    assert (job.kind, job.created_by, job.status) == (exports.EXPORT_KIND, staff["reception"], "succeeded")
    assert job.total == job.done == 3 and job.finished_at is not None and "3" in job.title
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert f"/jobs/{job.pk}/result/" in page
    download = client.get(f"/jobs/{job.pk}/result/")
    assert download.status_code == 200 and 'filename="so-theo-doi-ho-so.xlsx"' in download["Content-Disposition"]
    assert sheet_of(b"".join(download.streaming_content)) == sheet_of(direct.content)


def test_the_job_file_is_the_requesters_alone(client, staff, three, settings, django_capture_on_commit_callbacks):
    settings.EXPORT_BACKGROUND_ROWS = 1
    client.force_login(staff["reception"])
    export(client, django_capture_on_commit_callbacks)
    job = BackgroundJob.objects.get()
    client.force_login(staff["admin"])  # the administrator may see the job, not take its rows
    page = client.get(f"/jobs/{job.pk}/")
    assert page.status_code == 200 and f"/jobs/{job.pk}/result/" not in page.content.decode()
    assert client.get(f"/jobs/{job.pk}/result/").status_code == 403
    client.force_login(staff["officer"])
    assert client.get(f"/jobs/{job.pk}/result/").status_code == 403


def test_the_job_asks_again_for_the_right_it_was_requested_with(
    client, staff, three, settings, django_capture_on_commit_callbacks
):
    settings.EXPORT_BACKGROUND_ROWS = 1
    client.force_login(staff["reception"])
    with django_capture_on_commit_callbacks(execute=False) as queued:
        assert client.post("/dossiers/?format=xlsx").status_code == 302
    staff["reception"].groups.clear()  # the desk's role is taken away before the worker starts
    for callback in queued:
        callback()
    job = BackgroundJob.objects.get()
    assert job.status == "failed" and "không còn quyền" in job.message and not job.result_file


def test_the_job_rows_are_those_the_requester_sees_when_it_runs(
    client, staff, three, settings, django_capture_on_commit_callbacks
):
    first = three[0]
    services.complete_step(staff["reception"], first.steps.get(), at=at("09:00 02/03/2026"))
    settings.EXPORT_BACKGROUND_ROWS = 0
    client.force_login(staff["officer"])  # sees only the dossier whose step was given to them
    export(client, django_capture_on_commit_callbacks)
    job = BackgroundJob.objects.get()
    assert job.status == "succeeded" and job.total == 1
    with zipfile.ZipFile(job.result_file.open("rb")) as book:
        sheet = book.read("xl/worksheets/sheet1.xml").decode()
    assert first.code in sheet and three[1].code not in sheet and three[2].code not in sheet


def test_progress_advances_as_rows_are_written(
    client, staff, three, settings, monkeypatch, django_capture_on_commit_callbacks
):
    class Recorder:
        def __init__(self):
            self.seen = []

        def set(self, key, value, timeout=None):
            self.seen.append((value["done"], value["total"]))

        def get(self, key, default=None):
            return default

        def delete(self, key):
            pass

    recorder = Recorder()
    monkeypatch.setattr(jobs, "cache", recorder)
    monkeypatch.setattr(exports, "PROGRESS_EVERY", 1)
    settings.EXPORT_BACKGROUND_ROWS = 1
    client.force_login(staff["reception"])
    export(client, django_capture_on_commit_callbacks)
    assert recorder.seen[0] == (0, 3) and (1, 3) in recorder.seen and (2, 3) in recorder.seen
    assert recorder.seen[-1] == (3, 3)


def test_more_rows_than_one_file_holds_are_refused_with_the_reason(client, staff, three, monkeypatch):
    from investdesk.dossiers.views import DossierListView

    monkeypatch.setattr(DossierListView, "export_limit", 2)
    client.force_login(staff["reception"])
    response = client.get("/dossiers/", {"format": "xlsx"}, follow=True)
    assert response.redirect_chain[-1][0] == "/dossiers/" and not BackgroundJob.objects.exists()
    assert "Quá 2 dòng" in response.content.decode()


def test_an_exports_file_is_deleted_after_the_days_it_is_kept(
    client, staff, three, settings, django_capture_on_commit_callbacks
):
    settings.EXPORT_BACKGROUND_ROWS = 1
    client.force_login(staff["reception"])
    export(client, django_capture_on_commit_callbacks)
    export(client, django_capture_on_commit_callbacks)
    old, recent = BackgroundJob.objects.order_by("pk")
    BackgroundJob.objects.filter(pk=old.pk).update(
        finished_at=timezone.now() - timedelta(days=settings.EXPORT_KEEP_DAYS + 1)
    )
    stored = old.result_file.path
    assert exports.forget_old_exports() == 1
    old.refresh_from_db()
    recent.refresh_from_db()
    assert not old.result_file and "xóa" in old.message and recent.result_file
    assert not os.path.exists(stored)
    assert client.get(f"/jobs/{old.pk}/result/").status_code == 404
    assert exports.forget_old_exports() == 0


def test_the_same_export_asked_again_while_under_way_is_the_same_job(
    client, staff, three, settings, django_capture_on_commit_callbacks
):
    """A reload, or a link followed twice, does not queue the same work again; once it is done, a new
    request makes a new file."""
    settings.EXPORT_BACKGROUND_ROWS = 1
    client.force_login(staff["reception"])
    with django_capture_on_commit_callbacks(execute=False):  # the worker has not started it yet
        first = client.post("/dossiers/?format=xlsx")
        again = client.post("/dossiers/?format=xlsx")
    assert first["Location"] == again["Location"] and BackgroundJob.objects.count() == 1
    other = client.post("/dossiers/?format=xlsx&channel=online")
    assert other["Location"] != first["Location"] and BackgroundJob.objects.count() == 2
    BackgroundJob.objects.update(status="succeeded")
    assert client.post("/dossiers/?format=xlsx")["Location"] != first["Location"]


def test_reading_the_address_of_a_large_export_asks_before_any_work_is_queued(client, staff, three, settings):
    """A link, a bookmark or a prefetch of the address is a GET: it shows the count and a button, and
    only the button's POST starts the job."""
    settings.EXPORT_BACKGROUND_ROWS = 2
    client.force_login(staff["reception"])
    page = client.get("/dossiers/", {"format": "xlsx", "channel": "online"})
    assert page.status_code == 200 and not BackgroundJob.objects.exists()
    html = unescape(page.content.decode())
    assert 'data-testid="export-confirm"' in html and "3 dòng" in html
    assert 'method="post" action="/dossiers/?format=xlsx&channel=online"' in html


def test_an_export_with_a_filter_it_cannot_read_is_refused_not_widened(client, staff, three, settings):
    """A mistyped date used to be dropped and the file held every row the person sees."""
    settings.EXPORT_BACKGROUND_ROWS = 1
    client.force_login(staff["reception"])
    response = client.post("/dossiers/?format=xlsx&received_from=31/02/2026&channel=online", follow=True)
    assert response.redirect_chain[0] == ("/dossiers/?received_from=31%2F02%2F2026&channel=online", 302)
    assert "bộ lọc không hợp lệ" in response.content.decode() and not BackgroundJob.objects.exists()
    direct = client.get("/dossiers/", {"format": "xlsx", "received_from": "hôm qua"})
    assert direct.status_code == 302 and "Content-Disposition" not in direct


def test_the_export_button_follows_the_filters_chosen_in_place(client, staff, three):
    """The list filters without reloading the page (htmx): the export button, outside the rows, is
    sent again with them, or it would export the filters the page was first opened with."""
    client.force_login(staff["reception"])
    first = client.get("/dossiers/").content.decode()
    assert 'action="/dossiers/?format=xlsx"' in first
    rows = client.get("/dossiers/", {"channel": "online", "page": "1"}, headers={"HX-Request": "true"})
    html = unescape(rows.content.decode())
    assert 'id="list-export"' in html and 'hx-swap-oob="true"' in html
    assert 'action="/dossiers/?channel=online&format=xlsx"' in html


def test_a_list_answers_a_post_only_for_its_export(client, staff, three):
    client.force_login(staff["reception"])
    assert client.post("/dossiers/").status_code == 405


def test_back_after_filtering_in_place_restores_the_whole_page(client, staff, three):
    """htmx asks for the page it pushed when the person goes back (it keeps no copy): the answer
    is the whole page, not the rows alone, which replaced the page with a bare table."""
    client.force_login(staff["reception"])
    rows = client.get("/dossiers/", {"channel": "online"}, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in rows
    restored = client.get(
        "/dossiers/", {"channel": "online"}, headers={"HX-Request": "true", "HX-History-Restore-Request": "true"}
    ).content.decode()
    assert "<html" in restored and 'id="list-filter"' in restored

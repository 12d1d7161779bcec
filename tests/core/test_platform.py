"""Health, background jobs with progress, backup and restore, the English catalogue."""

import re
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from investdesk.accounts.models import Division, User
from investdesk.core.backup import create_backup, restore_backup
from investdesk.core.choices import JobStatus
from investdesk.core.exceptions import DomainError
from investdesk.core.models import BackgroundJob, WorkerHeartbeat
from investdesk.core.tasks import heartbeat

pytestmark = pytest.mark.django_db

LOCALE = Path(__file__).resolve().parents[2] / "src" / "investdesk" / "locale"


def test_health_reports_a_missing_worker(client):
    response = client.get("/health")
    assert response.status_code == 503
    assert response.json()["database"] == "ok" and response.json()["worker"] == "stale"


def test_health_is_ok_after_a_heartbeat(client):
    heartbeat.call_local()
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json()["status"] == "ok" and response.json()["last_heartbeat"]


def test_an_old_heartbeat_is_stale(client):
    WorkerHeartbeat.objects.create(name="old", beat_at=timezone.now() - timedelta(minutes=10))
    assert client.get("/health").json()["worker"] == "stale"


# The backup reads a snapshot through a second connection, as the worker does in production: the
# test must not hold a transaction open around it (SQLite's backup would wait for it forever).
@pytest.mark.django_db(transaction=True)
def test_backup_from_the_system_page_runs_as_a_job(client, admin_user, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(admin_user)
    response = client.post("/system/backups/")
    job = BackgroundJob.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/jobs/{job.pk}/"
    assert job.status == JobStatus.SUCCEEDED, job.message
    assert job.percent == 100 and job.result_file.name.startswith("backups/")
    page = client.get(f"/jobs/{job.pk}/").content.decode()
    assert "Tải tệp kết quả" in page
    download = client.get(f"/jobs/{job.pk}/result/")
    assert download.status_code == 200


def test_only_administrators_back_up(client, officer):
    client.force_login(officer)
    assert client.post("/system/backups/").status_code == 403
    assert client.get("/system/").status_code == 403


def test_another_persons_job_is_hidden(client, admin_user, officer):
    job = BackgroundJob.objects.create(kind="x", title="x", created_by=admin_user)
    client.force_login(officer)
    assert client.get(f"/jobs/{job.pk}/").status_code == 403


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_round_trip(admin_user, officer, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "media" / "attachments").mkdir(parents=True)
    (tmp_path / "media" / "attachments" / "giay-chung-nhan.pdf").write_bytes(b"%PDF-1.4 demo")
    archive = tmp_path / "sao-luu.zip"
    manifest = create_backup(archive)
    assert manifest["rows"] > 10
    with zipfile.ZipFile(archive) as z:
        assert {"manifest.json", "data.jsonl", "media/attachments/giay-chung-nhan.pdf"} <= set(z.namelist())

    officer_pk = officer.pk
    User.objects.filter(pk=officer_pk).update(full_name="Đã bị sửa")
    Division.objects.filter(code="dtnns").update(name="Sai")
    (tmp_path / "media" / "attachments" / "giay-chung-nhan.pdf").unlink()

    result = restore_backup(archive)
    assert result["restored_rows"] == manifest["rows"]
    assert User.objects.get(pk=officer_pk).full_name == "Đặng Thị Thủy"
    assert User.objects.get(pk=officer_pk).check_password("Mat-khau-thu-2026")
    assert User.objects.get(pk=officer_pk).role_codes == {"officer"}
    assert Division.objects.get(code="dtnns").name != "Sai"
    assert (tmp_path / "media" / "attachments" / "giay-chung-nhan.pdf").read_bytes() == b"%PDF-1.4 demo"
    # New rows after a restore get fresh ids, not ones the restored rows hold.
    assert User.objects.create(username="moi", full_name="Mới").pk > officer_pk


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    bad = tmp_path / "x.zip"
    bad.write_bytes(b"not a zip")
    with pytest.raises(DomainError):
        restore_backup(bad)
    with zipfile.ZipFile(tmp_path / "y.zip", "w") as z:
        z.writestr("manifest.json", '{"format": "other"}')
    with pytest.raises(DomainError):
        restore_backup(tmp_path / "y.zip")


def test_english_catalogue_is_complete():
    text = (LOCALE / "en" / "LC_MESSAGES" / "django.po").read_text()
    assert "#, fuzzy" not in text
    untranslated = re.findall(r'\nmsgid "(.+)"\nmsgstr ""\n(?!")', text)
    assert untranslated == []


def test_live_progress_is_shown_while_a_job_runs(client, admin_user):
    from investdesk.core.jobs import run_job

    job = BackgroundJob.objects.create(kind="x", title="Nhập dữ liệu", created_by=admin_user)
    client.force_login(admin_user)
    seen = {}

    def work(job, progress):
        progress(30, 120, "Đang đọc dòng 30")
        seen["page"] = client.get(f"/jobs/{job.pk}/", headers={"HX-Request": "true"}).content.decode()
        return "Xong"

    run_job(job.pk, work)
    assert 'data-percent="25"' in seen["page"] and "Đang đọc dòng 30" in seen["page"]
    job.refresh_from_db()
    assert job.status == JobStatus.SUCCEEDED and job.message == "Xong"

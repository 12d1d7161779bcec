"""No English or technical leftovers on the pages a person reads."""

import pytest
from django.utils import timezone

from investdesk.core.models import WorkerHeartbeat

pytestmark = pytest.mark.django_db


def test_holidays_say_where_they_come_from_in_vietnamese(client, admin_user):
    client.force_login(admin_user)
    page = client.get(f"/worktime/{timezone.localdate().year}/").content.decode()
    assert "gói holidays" not in page and "Theo Bộ luật Lao động (lịch tự động)" in page


def test_the_profile_shows_the_header_and_links_the_api_docs(client, admin_user):
    client.force_login(admin_user)
    page = client.get("/profile/").content.decode()
    assert "Authorization: Bearer &lt;mã&gt;" in page
    assert 'href="/api/v1/docs"' in page
    docs = client.get("/api/v1/docs").content.decode()
    assert '<html lang="vi">' in docs and "Tài liệu API InvestDesk" in docs


def test_file_pickers_speak_vietnamese(client, make_person, seeded):
    client.force_login(make_person("thutuc", None, is_superuser=True))
    page = client.get("/procedures/cap-lai-gcndkdt/upload/").content.decode()
    assert "data-file-picker" in page and "Chọn tệp…" in page and "Chưa chọn tệp" in page


def test_the_system_page_names_the_database_and_the_workers_in_words(client, admin_user):
    WorkerHeartbeat.objects.create(name="vm:4242", beat_at=timezone.now())
    client.force_login(admin_user)
    page = client.get("/system/").content.decode()
    assert "SQLite (một máy)" in page or "PostgreSQL" in page
    assert ">sqlite<" not in page and "vm:4242" not in page
    assert "Máy vm" in page and "tiến trình 4242" in page and "Đang chạy" in page

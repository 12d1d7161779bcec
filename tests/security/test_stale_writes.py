"""A save that does not say which version it read is a conflict, never a silent overwrite."""

import pytest

from investdesk.accounts.forms import DivisionForm
from investdesk.accounts.models import Division
from investdesk.core.exceptions import ConcurrentEditError
from investdesk.core.services import save_versioned

pytestmark = pytest.mark.django_db


def test_an_update_without_a_version_is_refused(seeded, admin_user):
    division = Division.objects.get(code="dtnns")
    division.name = "Tên ghi đè"
    with pytest.raises(ConcurrentEditError):
        save_versioned(division, None, actor=admin_user)
    division.refresh_from_db()
    assert division.name != "Tên ghi đè"


def test_a_create_needs_no_version(seeded, admin_user):
    division = Division(department=Division.objects.first().department, code="moi", name="Phòng mới")
    save_versioned(division, None, actor=admin_user)
    assert division.version == 1


def test_a_form_without_its_version_field_does_not_overwrite_a_newer_save(client, seeded, admin_user):
    division = Division.objects.get(code="dtnns")
    data = {
        "department": division.department_id,
        "code": division.code,
        "name": "Tên cũ ghi đè",
        "short_name": division.short_name,
        "sort_order": division.sort_order,
        "is_active": "on",
    }
    form = DivisionForm(data, instance=division)
    assert not form.is_valid()
    assert "tải lại trang" in " ".join(form.non_field_errors())
    client.force_login(admin_user)
    response = client.post(f"/divisions/{division.pk}/edit/", data)
    assert response.status_code == 200
    division.refresh_from_db()
    assert division.name != "Tên cũ ghi đè"


def test_a_form_with_its_version_saves(client, seeded, admin_user):
    division = Division.objects.get(code="dtnns")
    client.force_login(admin_user)
    response = client.post(
        f"/divisions/{division.pk}/edit/",
        {
            "department": division.department_id,
            "code": division.code,
            "name": "Phòng Đầu tư",
            "sort_order": division.sort_order,
            "is_active": "on",
            "expected_version": division.version,
        },
    )
    assert response.status_code == 302
    division.refresh_from_db()
    assert division.name == "Phòng Đầu tư" and division.history.first().history_user == admin_user

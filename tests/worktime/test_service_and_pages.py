"""Overrides and office hours through services, pages and the API; the change signal."""

from datetime import date, time

import pytest

from investdesk.core.exceptions import DomainError, PermissionDeniedError
from investdesk.worktime import functions, services
from investdesk.worktime.choices import OverrideKind
from investdesk.worktime.models import CalendarOverride, OfficeHours
from investdesk.worktime.signals import calendar_changed

pytestmark = pytest.mark.django_db


@pytest.fixture
def received_signals():
    seen = []

    def receiver(sender, dates, **kwargs):
        seen.append(dates)

    calendar_changed.connect(receiver)
    yield seen
    calendar_changed.disconnect(receiver)


def test_seed_loads_the_2026_swap(seeded):
    assert CalendarOverride.objects.get(date=date(2026, 1, 2)).kind == OverrideKind.DAY_OFF
    assert not functions.is_working_day(date(2026, 1, 2))
    assert functions.is_working_day(date(2026, 1, 10))


def test_an_override_changes_the_calendar_and_is_announced(
    admin_user, received_signals, django_capture_on_commit_callbacks
):
    assert functions.is_working_day(date(2026, 11, 24)) is False  # from the package
    with django_capture_on_commit_callbacks(execute=True):
        services.save_override(
            admin_user,
            day=date(2026, 11, 23),
            kind=OverrideKind.DAY_OFF,
            reason="Nghỉ bù thử nghiệm",
            legal_reference="Văn bản số 1/UBND",
        )
    assert received_signals == [[date(2026, 11, 23)]]
    assert not functions.is_working_day(date(2026, 11, 23))
    override = CalendarOverride.objects.get(date=date(2026, 11, 23))
    assert override.history.first().history_user == admin_user

    with django_capture_on_commit_callbacks(execute=True):
        services.delete_override(admin_user, override)
    assert functions.is_working_day(date(2026, 11, 23))
    assert CalendarOverride.history.filter(date=date(2026, 11, 23), history_type="-").exists()


def test_an_override_can_remove_a_package_holiday(admin_user, django_capture_on_commit_callbacks):
    # 24/11 (Ngày Văn hóa Việt Nam) was only proposed: an administrator may decide it is worked.
    assert not functions.is_working_day(date(2026, 11, 24))
    with django_capture_on_commit_callbacks(execute=True):
        services.save_override(
            admin_user,
            day=date(2026, 11, 24),
            kind=OverrideKind.WORKING_DAY,
            reason="Không áp dụng",
        )
    assert functions.is_working_day(date(2026, 11, 24))


def test_working_day_override_on_a_weekday_is_refused(admin_user):
    with pytest.raises(DomainError) as error:
        services.save_override(admin_user, day=date(2026, 3, 3), kind=OverrideKind.WORKING_DAY, reason="x")
    assert "ngày thường" in str(error.value.message)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"day": date(1990, 1, 1), "kind": OverrideKind.DAY_OFF, "reason": "x"}, "date"),
        ({"day": date(2026, 3, 3), "kind": "half", "reason": "x"}, "kind"),
        ({"day": date(2026, 3, 3), "kind": OverrideKind.DAY_OFF, "reason": "  "}, "reason"),
        ({"day": date(2026, 1, 2), "kind": OverrideKind.DAY_OFF, "reason": "trùng"}, "date"),
    ],
)
def test_bad_overrides_are_refused_with_the_field(admin_user, kwargs, field):
    with pytest.raises(DomainError) as error:
        services.save_override(admin_user, **kwargs)
    assert error.value.field == field


def test_only_calendar_managers_change_it(officer, division_head):
    for person in (officer, division_head):
        with pytest.raises(PermissionDeniedError):
            services.save_override(person, day=date(2026, 3, 3), kind=OverrideKind.DAY_OFF, reason="x")
        with pytest.raises(PermissionDeniedError):
            services.update_office_hours(person, expected_version=None, morning_start=time(7, 30))


def test_office_hours_change_moves_due_times(admin_user, received_signals, django_capture_on_commit_callbacks):
    from datetime import datetime

    start = datetime(2026, 3, 2, 7, 0)
    assert functions.add_working_time(start, "0.5").hour == 11
    hours = OfficeHours.current()
    with django_capture_on_commit_callbacks(execute=True):
        services.update_office_hours(
            admin_user,
            expected_version=hours.version,
            morning_start=time(7, 30),
            morning_end=time(11, 30),
            afternoon_start=time(13, 0),
            afternoon_end=time(17, 0),
        )
    assert received_signals == [None]
    due = functions.add_working_time(start, "0.5")
    assert (due.hour, due.minute) == (11, 30)


def test_office_hours_out_of_order_are_refused(admin_user):
    with pytest.raises(DomainError):
        services.update_office_hours(
            admin_user, expected_version=None, morning_start=time(12, 0), morning_end=time(11, 0)
        )


def test_year_view_shows_2026_with_sources(client, officer):
    client.force_login(officer)
    html = client.get("/worktime/2026/").content.decode()
    assert 'data-date="2026-01-02" data-kind="day_off"' in html
    assert 'data-date="2026-01-10" data-kind="working_weekend"' in html
    assert 'data-date="2026-08-22" data-kind="working_weekend"' in html
    assert 'data-date="2026-04-27" data-kind="day_off"' in html
    assert "12729/VPCP-KGVX" in html and "Ngày Văn hóa Việt Nam" in html
    assert "Theo Bộ luật Lao động (lịch tự động)" in html
    assert 'data-testid="override-form"' not in html  # officers only read it
    assert client.get("/worktime/1800/").status_code == 404


def test_administrator_adds_and_removes_an_override_on_the_page(client, admin_user):
    client.force_login(admin_user)
    response = client.post(
        "/worktime/overrides/",
        {
            "date": "23/11/2026",
            "kind": "day_off",
            "reason": "Nghỉ bù",
            "legal_reference": "QĐ 1/UBND",
        },
    )
    assert response.status_code == 302 and response["Location"] == "/worktime/2026/"
    override = CalendarOverride.objects.get(date=date(2026, 11, 23))
    html = client.get("/worktime/2026/").content.decode()
    assert 'data-date="2026-11-23" data-kind="day_off"' in html and "QĐ 1/UBND" in html
    assert client.post(f"/worktime/overrides/{override.pk}/delete/").status_code == 302
    assert not CalendarOverride.objects.filter(pk=override.pk).exists()


def test_officer_cannot_post_overrides(client, officer):
    client.force_login(officer)
    assert client.post("/worktime/overrides/", {"date": "23/11/2026"}).status_code == 403
    assert client.get("/worktime/office-hours/").status_code == 403


def test_due_calculator_answers_in_vietnamese(client, reception):
    client.force_login(reception)
    response = client.get(
        "/worktime/due/",
        {"received_at": "15:00 24/04/2026", "working_days": "1"},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert "Hẹn trả" in html and "15:00 thứ Ba, 28/04/2026" in html
    bad = client.get(
        "/worktime/due/",
        {"received_at": "31/02/2026", "working_days": "-1"},
        headers={"HX-Request": "true"},
    )
    assert "alert-danger" in bad.content.decode()


# --- API ------------------------------------------------------------------------------------------


def test_api_due(client, officer):
    client.force_login(officer)
    response = client.get("/api/v1/worktime/due", {"start": "2026-04-24T15:00:00+07:00", "working_days": "1"})
    assert response.status_code == 200
    assert response.json()["due"] == "2026-04-28T15:00:00+07:00"
    naive = client.get("/api/v1/worktime/due", {"start": "2026-04-29T17:30", "working_days": "0.5"}).json()
    assert naive["opening"] == "2026-05-04T07:00:00+07:00" and naive["due"] == "2026-05-04T11:00:00+07:00"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"start": "2026-02-30T08:00", "working_days": "1"}, "start"),
        ({"start": "hôm qua", "working_days": "1"}, "start"),
        ({"start": "1800-01-01T08:00", "working_days": "1"}, "start"),
        ({"start": "2026-03-02T08:00", "working_days": "-1"}, "working_days"),
        ({"start": "2026-03-02T08:00", "working_days": "mười"}, "working_days"),
        ({"start": "2026-03-02T08:00", "working_days": "NaN"}, "working_days"),
        ({"start": "2026-03-02T08:00", "working_days": "1e9"}, "working_days"),
        ({"start": "2026-03-02T08:00"}, "working_days"),
    ],
)
def test_api_due_refuses_bad_input_with_400(client, officer, params, field):
    client.force_login(officer)
    response = client.get("/api/v1/worktime/due", params)
    assert response.status_code == 400, response.content
    body = response.json()
    assert isinstance(body["detail"], str) and body["detail"]
    assert body.get("field", field) == field or field in body["detail"]


def test_api_calendar(client, officer):
    client.force_login(officer)
    body = client.get("/api/v1/worktime/calendar", {"year": "2026"}).json()
    assert body["year"] == 2026 and body["working_day_count"] == 249
    assert "2026-01-02" in body["days_off"] and "2026-04-27" in body["days_off"]
    assert "2026-11-24" in body["days_off"]
    assert body["working_weekend_days"] == ["2026-01-10", "2026-08-22"]
    assert all(d not in body["days_off"] for d in ["2026-02-14", "2026-02-21"])  # weekends are not listed


@pytest.mark.parametrize("year", ["1999", "2101", "abc", "2026.5", ""])
def test_api_calendar_refuses_bad_years(client, officer, year):
    client.force_login(officer)
    response = client.get("/api/v1/worktime/calendar", {"year": year})
    assert response.status_code == 400 and response.json()["detail"]

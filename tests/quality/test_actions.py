"""Actions: who does what by when, overdue flags, the morning reminder."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from investdesk.core.exceptions import DomainError, PermissionDeniedError
from investdesk.core.models import Notification
from investdesk.quality import services
from investdesk.quality.models import Action, QualityYear, Risk
from investdesk.quality.reminders import send_action_reminders

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(seeded):
    return QualityYear.objects.get(year=2026)


def make_action(manager, owner, plan, due_on, **fields):
    risk = Risk.objects.get(register=plan, section="IV", number="1.1.2")
    return services.save_action(
        manager, Action(plan=plan, risk=risk, title="Theo dõi cổng DVC", owner=owner, due_on=due_on, **fields)
    )


def test_the_owner_reports_progress_and_others_cannot(plan, division_head, officer, reception):
    action = make_action(division_head, officer, plan, date(2026, 12, 15))
    with pytest.raises(PermissionDeniedError):
        services.report_action(reception, action, status="done", result="x", expected_version=action.version)
    with pytest.raises(DomainError):
        services.report_action(officer, action, status="done", result="", expected_version=action.version)
    services.report_action(
        officer, action, status="done", result="Đã kiểm tra hằng ngày", expected_version=action.version
    )
    action.refresh_from_db()
    assert action.status == "done" and action.done_on == timezone.localdate() and not action.is_overdue
    assert action.history.first().history_user == officer
    with pytest.raises(PermissionDeniedError):
        services.save_action(officer, action)


def test_overdue_actions_are_flagged_and_reminded_once_a_day(plan, division_head, officer, mailoutbox):
    today = date(2026, 11, 27)
    late = make_action(division_head, officer, plan, today - timedelta(days=2))
    make_action(division_head, officer, plan, today + timedelta(days=2))
    make_action(division_head, officer, plan, today + timedelta(days=30))  # too far ahead to remind
    officer.email, division_head.email = "cv@example.vn", "tp@example.vn"
    officer.save()
    division_head.save()
    assert late.due_on < today and list(Action.objects.overdue(today)) == [late]
    assert send_action_reminders(today) == 2
    mine = Notification.objects.get(recipient=officer)
    assert "2 việc" in mine.title and "1 quá hạn" in mine.title and mine.body.count("\n") == 1
    assert Notification.objects.get(recipient=division_head).title.startswith("1 hành động")
    assert send_action_reminders(today) == 0  # idempotent
    assert len(mail.outbox) == 2


def test_the_reminder_is_also_a_command(plan, division_head, officer):
    make_action(division_head, officer, plan, timezone.localdate())
    call_command("send_action_reminders", verbosity=0)
    assert Notification.objects.filter(recipient=officer).count() == 1


def test_action_list_and_pages(plan, client, division_head, officer):
    late = make_action(division_head, officer, plan, date(2026, 1, 5))
    client.force_login(officer)
    page = client.get("/quality/actions/", {"overdue": "true"}).content.decode()
    assert "Theo dõi cổng DVC" in page and "Quá hạn" in page
    assert client.get(late.get_absolute_url()).status_code == 200
    response = client.post(
        late.get_absolute_url(), {"status": "in_progress", "result": "", "expected_version": late.version}
    )
    assert response.status_code == 302
    stale = client.post(late.get_absolute_url(), {"status": "done", "result": "x", "expected_version": late.version})
    assert stale.status_code == 200 and "form" in stale.context  # someone changed it meanwhile: refused
    late.refresh_from_db()
    assert late.status == "in_progress"
    assert client.get("/quality/2026/actions/new/").status_code == 403


def test_my_open_actions_show_on_the_home_page(plan, client, division_head, officer):
    make_action(division_head, officer, plan, date(2026, 1, 5))
    client.force_login(officer)
    page = client.get("/").content.decode()
    assert 'data-testid="home-quality-actions"' in page and "Theo dõi cổng DVC" in page
    client.force_login(division_head)
    assert 'data-testid="home-quality-actions"' not in client.get("/").content.decode()


def test_a_late_report_keeps_its_date_but_not_a_future_one(plan, division_head, officer):
    action = make_action(division_head, officer, plan, date(2026, 3, 1))
    with pytest.raises(DomainError):
        services.report_action(
            officer, action, status="done", result="x", expected_version=action.version, done_on=date(2099, 1, 1)
        )
    services.report_action(
        officer, action, status="done", result="x", expected_version=action.version, done_on=date(2026, 2, 27)
    )
    action.refresh_from_db()
    assert action.done_on == date(2026, 2, 27)


def test_actions_are_found_without_diacritics(plan, client, division_head, officer):
    make_action(division_head, officer, plan, date(2026, 12, 1))
    client.force_login(officer)
    page = client.get("/quality/actions/", {"q": "cong dvc"}).content.decode()
    assert "Theo dõi cổng DVC" in page
    assert "Theo dõi cổng DVC" not in client.get("/quality/actions/", {"q": "khong co"}).content.decode()

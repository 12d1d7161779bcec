"""A change that finishes something waits for its day's recount locks before it locks any row, so a
transaction holding those locks never waits on its rows (a deadlock seen under load as a failed
step completion: the completion held its dossier and step and waited for the month, while the
transaction holding the month waited, at its commit, on a row the completion held)."""

import threading
import time

import pytest
from django.db import DatabaseError, connection, connections, transaction
from django.utils import timezone

from investdesk.dossiers import daily, services
from investdesk.dossiers.models import Dossier, Step
from investdesk.procedures.models import Procedure

pytestmark = pytest.mark.django_db(transaction=True)


def waiting_for_month(key: int) -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND classid = %s AND objid = %s",
            [daily.MONTH_LOCK_NAMESPACE, key],
        )
        return cursor.fetchone()[0] > 0


def waits_for_the_month_holding_nothing(month: int, act, dossier_pk: int) -> list:
    """Runs ``act`` in a thread while another transaction holds ``month``'s recount lock, checks that
    it comes to wait for that lock while ``dossier_pk``'s row is still free, then lets it finish.
    Returns what ``act`` returned or raised."""
    holding, release, results = threading.Event(), threading.Event(), []

    def hold_the_month():
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [daily.MONTH_LOCK_NAMESPACE, month])
                holding.set()
                release.wait(30)
        finally:
            connections.close_all()

    def run():
        try:
            results.append(act())
        except Exception as error:  # returned to the test
            results.append(error)
        finally:
            connections.close_all()

    holder = threading.Thread(target=hold_the_month)
    holder.start()
    assert holding.wait(10)
    acting = threading.Thread(target=run)
    acting.start()
    try:
        for _ in range(100):
            if waiting_for_month(month):
                break
            time.sleep(0.1)
        assert waiting_for_month(month)
        try:
            with transaction.atomic():
                Dossier.objects.select_for_update(nowait=True).get(pk=dossier_pk)
        except DatabaseError:
            pytest.fail("the waiting change already holds the dossier's row")
    finally:
        release.set()
        holder.join()
        acting.join()
    return results


def test_a_completion_waits_for_the_month_before_it_locks_its_dossier(staff):
    if connection.vendor != "postgresql":
        pytest.skip("row and advisory locks between transactions are exercised on PostgreSQL")
    dossier = services.receive_dossier(
        staff["reception"],
        procedure=Procedure.objects.get(code="cap-lai-gcndkdt"),
        applicant_name="Công ty TNHH Biển Xanh",
        channel="online",
    )
    step = Step.objects.filter(dossier=dossier, finished_at__isnull=True).first()
    month = timezone.localdate().replace(day=1).toordinal()
    results = waits_for_the_month_holding_nothing(
        month,
        lambda: services.complete_step(step.assignee, step, answers={"valid": True}, check_permission=False),
        dossier.pk,
    )
    assert not any(isinstance(result, Exception) for result in results), results
    assert Step.objects.get(pk=step.pk).finished_at is not None


def test_an_import_waits_for_its_months_before_it_updates_a_dossier(staff):
    if connection.vendor != "postgresql":
        pytest.skip("row and advisory locks between transactions are exercised on PostgreSQL")
    from investdesk.dossiers import imports

    row = {
        "code": "CU-LOCK-1",
        "procedure": "cap-lai-gcndkdt",
        "received_at": "2026-05-04T08:00:00+07:00",
        "channel": "online",
        "finished_at": "2026-05-06T10:00:00+07:00",
        "result": "approved",
        "pauses": [],
    }
    admin = staff["admin"]
    assert imports.import_dossiers(admin, [row])["created"] == 1
    dossier = Dossier.objects.get(code="CU-LOCK-1")
    month = dossier.finished_at.astimezone(timezone.get_current_timezone()).date().replace(day=1).toordinal()
    results = waits_for_the_month_holding_nothing(
        month,
        lambda: imports.import_dossiers(admin, [{**row, "finished_at": "2026-05-07T10:00:00+07:00"}]),
        dossier.pk,
    )
    assert results and results[0].get("updated") == 1, results

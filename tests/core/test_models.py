"""The base models: folded search keys kept current, and versions that refuse stale saves."""

import threading
import unicodedata

import pytest
from django.db import connection, connections
from django.template import Context, Template
from django.utils import translation

from investdesk.accounts.models import Department, Division
from investdesk.core.exceptions import ConcurrentEditError
from investdesk.core.services import save_versioned


@pytest.mark.django_db
def test_mixin_stores_nfc_and_keeps_the_search_key_current(seeded):
    department = Department.objects.get()
    decomposed = unicodedata.normalize("NFD", "Phòng  Kinh tế Khánh Hoà ")
    division = Division.objects.create(department=department, code="kt", name=decomposed)
    division.refresh_from_db()
    assert division.name == unicodedata.normalize("NFC", "Phòng Kinh tế Khánh Hoà")
    assert "phong kinh te khanh hoa" in division.search_key
    division.name = "Phòng Đầu tư"
    division.save(update_fields=["name"])
    division.refresh_from_db()
    assert "phong dau tu" in division.search_key and "kinh te" not in division.search_key
    assert division in Division.objects.search("ĐẦU TƯ")
    assert division not in Division.objects.search("khánh hòa")


@pytest.mark.django_db
def test_save_versioned_bumps_and_refuses(seeded):
    division = Division.objects.get(code="dtnns")
    save_versioned(division, 1)
    assert Division.objects.get(pk=division.pk).version == 2
    with pytest.raises(ConcurrentEditError):
        save_versioned(Division.objects.get(pk=division.pk), 1)


@pytest.mark.django_db(transaction=True)
def test_two_threads_saving_the_same_version_one_wins(seeded):
    if connection.vendor != "postgresql":
        pytest.skip("row locks between threads are exercised on PostgreSQL")
    pk = Division.objects.get(code="dtnns").pk
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def edit(name):
        try:
            division = Division.objects.get(pk=pk)
            barrier.wait()
            save_versioned(division, division.version)
            outcomes.append("saved")
        except ConcurrentEditError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=edit, args=(n,)) for n in ("A", "B")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["refused", "saved"]
    assert Division.objects.get(pk=pk).version == 2


@pytest.mark.parametrize("language", ["vi", "en"])
def test_dates_are_dd_mm_yyyy_in_both_languages(language):
    import datetime

    with translation.override(language):
        html = Template("{{ d|date }} {{ d|date:'SHORT_DATE_FORMAT' }}").render(
            Context({"d": datetime.date(2026, 4, 27)})
        )
    assert html == "27/04/2026 27/04/2026"

"""Dossiers received before 01/03/2026 keep the times of the old law (Luật Đầu tư 61/2020,
NĐ 31/2021): every procedure has a version in force then, received or imported."""

import io
from datetime import date

import pytest
from django.core.management import call_command

from investdesk.dossiers import imports, services
from investdesk.dossiers.models import Dossier
from investdesk.procedures.catalogue import NEW_LAW_FROM, PROCEDURES
from investdesk.procedures.choices import VersionStatus
from investdesk.procedures.models import Procedure, ProcedureVersion

from .conftest import at

pytestmark = pytest.mark.django_db


def test_every_procedure_has_a_version_before_the_new_law(catalogue):
    for entry in PROCEDURES:
        procedure = Procedure.objects.get(code=entry["code"])
        old = procedure.version_at(date(2025, 6, 16))
        assert old is not None, entry["code"]
        assert old.effective_to == date(2026, 2, 28)
        assert old.statutory_days == entry["old"]["days"] and "31/2021" in old.legal_basis
        assert "239/2025" in old.note
        assert procedure.version_at(NEW_LAW_FROM).statutory_days == entry["days"]


def test_receiving_a_2025_dossier_uses_the_old_time(staff):
    dossier = services.receive_dossier(
        staff["reception"],
        procedure=Procedure.objects.get(code="cap-gcndkdt-khong-chap-thuan-chu-truong"),
        applicant_name="Công ty TNHH Thủy sản Vân Phong",
        channel="direct",
        received_at=at("08:00 16/06/2025"),
    )
    assert dossier.procedure_version.statutory_days == 15
    assert dossier.due_at == at("08:00 07/07/2025")  # 15 working days


def test_importing_a_2025_dossier_uses_the_old_time(staff):
    rows = [
        {
            "code": "HS-2025-77",
            "procedure": "cap-lai-gcndkdt",
            "received_at": "2025-06-16T08:00:00+07:00",
            "channel": "online",
            "finished_at": "2025-06-20T10:00:00+07:00",
            "result": "approved",
        }
    ]
    result = imports.import_dossiers(staff["admin"], rows)
    assert result["errors"] == [] and result["created"] == 1
    dossier = Dossier.objects.get(code="HS-2025-77")
    assert dossier.procedure_version.statutory_days == 5
    assert dossier.due_at == at("08:00 23/06/2025") and dossier.outcome == "early"


def test_seeding_again_changes_nothing(catalogue):
    before = list(ProcedureVersion.objects.order_by("pk").values_list("pk", "status", "effective_from", "effective_to"))
    call_command("seed", verbosity=0, stdout=io.StringIO())
    after = list(ProcedureVersion.objects.order_by("pk").values_list("pk", "status", "effective_from", "effective_to"))
    assert after == before


def test_a_catalogue_seeded_without_old_versions_gets_them(catalogue):
    procedure = Procedure.objects.get(code="doi-gcndkdt")
    procedure.versions.filter(effective_from__lt=NEW_LAW_FROM).delete()
    assert procedure.version_at(date(2025, 6, 16)) is None
    call_command("seed", verbosity=0, stdout=io.StringIO())
    old = procedure.version_at(date(2025, 6, 16))
    assert old is not None and old.status == VersionStatus.RETIRED and old.effective_to == date(2026, 2, 28)
    assert procedure.version_at(NEW_LAW_FROM).effective_from == NEW_LAW_FROM

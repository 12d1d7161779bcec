"""Seeds the procedure catalogue: every procedure of the division with an approved process model,
and the version each had under the old law (Luật Đầu tư 61/2020, NĐ 31/2021) so dossiers received
before 01/03/2026 keep their times.

Idempotent: a procedure that already has versions gets only what it lacks — the old-law version,
when no version covers the day before the new law — and nothing is changed twice."""

from datetime import timedelta
from decimal import Decimal

from investdesk.accounts.models import Division
from investdesk.accounts.seed import DIVISIONS
from investdesk.core.formatting import format_decimal

from . import services
from .bpmn.layout import draw
from .catalogue import NEW_LAW_FROM, PROCEDURES, STANDARD_COMPONENTS
from .choices import Authority, Field, VersionStatus
from .models import Procedure


def process_id(code: str, suffix: str = "") -> str:
    return "Process_" + code.replace("-", "_") + suffix


def _old_version(procedure: Procedure, entry: dict):
    old = entry["old"]
    return services.create_version(
        None,
        procedure,
        draw(process_id(entry["code"], "_2021"), entry["name"], old["blocks"]),
        statutory_days=Decimal(old["days"]),
        legal_basis=old["legal_basis"],
        note=old.get("note", ""),
        check_permission=False,
    )


def run(log) -> None:
    # The catalogue is the installation's own division's (the first division the accounts seed makes).
    home = Division.objects.filter(code=DIVISIONS[0][0]).first()
    for order, entry in enumerate(PROCEDURES, start=1):
        procedure, created = Procedure.objects.get_or_create(
            code=entry["code"],
            defaults={
                "name": entry["name"],
                "field": entry.get("field", Field.INVESTMENT_DOMESTIC),
                "authority": entry.get("authority", Authority.DEPARTMENT),
                "legal_basis": entry["legal_basis"],
                "statutory_days": Decimal(entry["days"]),
                "result_document": entry["result"],
                "components": "\n".join(entry.get("components", STANDARD_COMPONENTS)),
                "sort_order": order * 10,
                "division": home,
            },
        )
        if procedure.versions.exists():
            _add_missing_old_version(procedure, entry, log)
            continue
        if entry.get("old"):
            version = _old_version(procedure, entry)
            services.approve_version(
                None,
                version,
                effective_from=entry["old"]["from"],
                expected_version=version.version,
                check_permission=False,
            )
        version = services.create_version(
            None,
            procedure,
            draw(process_id(entry["code"]), entry["name"], entry["blocks"]),
            legal_basis=entry["legal_basis"],
            check_permission=False,
        )
        services.approve_version(
            None, version, effective_from=NEW_LAW_FROM, expected_version=version.version, check_permission=False
        )
        if created:
            log(f"  thủ tục: {procedure.name} ({format_decimal(procedure.statutory_days)} ngày)")


def _add_missing_old_version(procedure: Procedure, entry: dict, log) -> None:
    """A catalogue seeded before the old-law versions were kept: records the old version as retired,
    up to the day before the earliest version in force, when nothing covers the old law's days."""
    old = entry.get("old")
    if not old or procedure.version_at(NEW_LAW_FROM - timedelta(days=1)) is not None:
        return
    in_force = procedure.versions.filter(
        status__in=[VersionStatus.APPROVED, VersionStatus.RETIRED], effective_from__isnull=False
    )
    first = in_force.order_by("effective_from").values_list("effective_from", flat=True).first()
    if first is None or first <= old["from"]:
        return
    version = _old_version(procedure, entry)
    services.record_past_version(
        None, version, effective_from=old["from"], effective_to=first - timedelta(days=1), check_permission=False
    )
    log(f"  phiên bản theo luật cũ: {procedure.name} ({old['days']} ngày)")

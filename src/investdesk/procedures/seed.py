"""Seeds the procedure catalogue: every procedure of the division with an approved process model."""

from decimal import Decimal

from investdesk.accounts.models import Division
from investdesk.accounts.seed import DIVISIONS
from investdesk.core.formatting import format_decimal

from . import services
from .bpmn import draw
from .catalogue import NEW_LAW_FROM, PROCEDURES, STANDARD_COMPONENTS
from .choices import Authority, Field
from .models import Procedure


def process_id(code: str, suffix: str = "") -> str:
    return "Process_" + code.replace("-", "_") + suffix


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
            continue
        old = entry.get("old")
        if old:
            version = services.create_version(
                None,
                procedure,
                draw(process_id(entry["code"], "_2021"), entry["name"], old["blocks"]),
                statutory_days=Decimal(old["days"]),
                legal_basis=old["legal_basis"],
                check_permission=False,
            )
            services.approve_version(
                None, version, effective_from=old["from"], expected_version=version.version, check_permission=False
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

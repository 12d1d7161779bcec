"""What a resolved dossier proposes for the project database: which procedures give a project a new
decision version, of which kind, and the values read from the dossier for the officer to confirm.

Pure: takes the dossier's plain facts and returns the proposal; nothing is written here.
"""

from datetime import date

from django.utils.translation import gettext as _

from .choices import DecisionKind

# The one-stop procedures whose approval is a project decision (procedures' catalogue codes).
DECISION_KINDS = {
    "chap-thuan-chu-truong-dau-tu": DecisionKind.POLICY_APPROVAL,
    "cap-gcndkdt-khong-chap-thuan-chu-truong": DecisionKind.CERTIFICATE,
    "cap-gcndkdt-sau-chap-thuan-chu-truong": DecisionKind.CERTIFICATE,
    "dieu-chinh-du-an-thuoc-tham-quyen-chu-tich": DecisionKind.ADJUSTMENT,
    "dieu-chinh-tien-do-cham-ban-giao-dat": DecisionKind.ADJUSTMENT,
    "dieu-chinh-gcndkdt-sau-chap-thuan-dieu-chinh": DecisionKind.ADJUSTMENT,
    "dieu-chinh-gcndkdt-ten-tien-do-dia-diem": DecisionKind.ADJUSTMENT,
    "dieu-chinh-gcndkdt-truong-hop-khac": DecisionKind.ADJUSTMENT,
}
RESOLVED, APPROVED = "resolved", "approved"


def decision_kind(procedure_code: str, status: str, result: str) -> str | None:
    """The kind of decision an approved, resolved dossier of this procedure gives; else None."""
    if status != RESOLVED or result != APPROVED:
        return None
    return DECISION_KINDS.get(procedure_code)


def proposed_decision(
    *, procedure_code: str, procedure_name: str, dossier_code: str, result_number: str, decided_on: date
) -> dict:
    """The decision version's fields as the dossier gives them (the officer corrects before saving)."""
    return {
        "kind": DECISION_KINDS[procedure_code],
        "reference": result_number,
        "decided_on": decided_on,
        # The adjustment procedures say in their name what they adjust.
        "changes_schedule": "tien-do" in procedure_code,
        "changes_location": "dia-diem" in procedure_code,
        "summary": _("%(p)s — hồ sơ %(c)s") % {"p": procedure_name, "c": dossier_code},
    }

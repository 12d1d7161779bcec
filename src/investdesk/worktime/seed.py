"""The official civil-service calendar adjustments the holidays package does not know."""

from datetime import date

from .choices import OverrideKind
from .loader import invalidate
from .models import CalendarOverride, OfficeHours

# Công văn 12729/VPCP-KGVX (2025): Friday 02/01/2026 off, worked on Saturday 10/01/2026.
# (Tết 14–22/02, 27/04 for Giỗ Tổ and 31/08 ↔ Saturday 22/08 are already in the package.)
OVERRIDES = [
    (
        date(2026, 1, 2),
        OverrideKind.DAY_OFF,
        "Nghỉ Tết Dương lịch (hoán đổi với thứ Bảy 10/01/2026)",
        "Công văn 12729/VPCP-KGVX",
    ),
    (
        date(2026, 1, 10),
        OverrideKind.WORKING_DAY,
        "Làm bù cho ngày 02/01/2026",
        "Công văn 12729/VPCP-KGVX",
    ),
]


def run(log) -> None:
    changed = False
    if not OfficeHours.objects.exists():
        OfficeHours.objects.create()
        log("  giờ làm việc: 07:00–11:30, 13:30–17:00")
        changed = True
    for day, kind, reason, reference in OVERRIDES:
        _override, created = CalendarOverride.objects.get_or_create(
            date=day, defaults={"kind": kind, "reason": reason, "legal_reference": reference}
        )
        if created:
            log(f"  lịch làm việc: {day:%d/%m/%Y} – {reason}")
            changed = True
    if changed:
        invalidate()

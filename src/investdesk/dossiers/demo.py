"""A year of dossiers for trying the system: received and processed through the same services,
with realistic pacing (most steps in time, some late, some supplementation, silent consultations),
so that lists, warnings and statistics look like a real year. Deterministic (fixed seed)."""

import random
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from investdesk.accounts.choices import Role
from investdesk.core.exceptions import DomainError
from investdesk.procedures.choices import ProcessRole
from investdesk.procedures.models import Procedure
from investdesk.worktime.loader import get_calendar

from . import services
from .choices import Channel, Result
from .early_warning import send_daily_digests
from .models import Dossier

DOSSIERS = 240
INVESTORS = [
    "Công ty TNHH Đầu tư Du lịch Biển Xanh Nha Trang",
    "Công ty Cổ phần Năng lượng Tái tạo Cam Ranh",
    "Công ty TNHH Thủy sản Vạn Ninh",
    "Công ty Cổ phần Phát triển Đô thị Ninh Hòa",
    "Công ty TNHH Logistics Vân Phong",
    "Công ty Cổ phần Bệnh viện Quốc tế Hòn Chồng",
    "Công ty TNHH Giáo dục Quốc tế Trường Sa Xanh",
    "Haeyang Marine Resort Co., Ltd",
    "Công ty TNHH Khu nghỉ dưỡng Bãi Dài",
    "Công ty Cổ phần Điện gió Khánh Sơn",
    "Công ty TNHH Nông nghiệp Công nghệ cao Diên Khánh",
    "Công ty Cổ phần Cảng biển Ba Ngòi",
    "Công ty TNHH Yến sào Hòn Nội",
    "Công ty Cổ phần Điện mặt trời Phan Rang",
    "Công ty TNHH Muối công nghiệp Cà Ná",
    "Công ty TNHH Chế biến Hạt điều Cam Lâm",
    "Sakura Precision Vietnam Co., Ltd",
    "Công ty Cổ phần Thể thao và Giải trí Vĩnh Lương",
]
WEIGHTS = {
    "cap-gcndkdt-khong-chap-thuan-chu-truong": 12,
    "dieu-chinh-gcndkdt-ten-tien-do-dia-diem": 14,
    "dieu-chinh-gcndkdt-truong-hop-khac": 10,
    "chap-thuan-chu-truong-dau-tu": 8,
    "dieu-chinh-du-an-thuoc-tham-quyen-chu-tich": 7,
    "cap-lai-gcndkdt": 5,
    "gop-von-mua-co-phan-ndt-nuoc-ngoai": 6,
}


def _pace(rng: random.Random) -> float:
    """A step's share of its allotted time: mostly well inside it, sometimes past it."""
    roll = rng.random()
    if roll < 0.55:
        return rng.uniform(0.2, 0.8)
    if roll < 0.93:
        return rng.uniform(0.8, 1.0)
    return rng.uniform(1.05, 1.8)


def run(log) -> None:
    if not Dossier.objects.exists():
        _replay(log)
    # The state a real morning leaves: today's early-warning digests sent (once per person and day,
    # so running the demo again adds nothing), so the bells show what the warning looks like.
    log(f"  cảnh báo sớm hôm nay: {send_daily_digests()} thông báo mới")


def _replay(log) -> None:
    user_model = get_user_model()
    reception = user_model.objects.filter(groups__name=Role.RECEPTION, is_active=True).order_by("pk").first()
    procedures = list(Procedure.objects.all())
    if reception is None or not procedures:
        return
    rng = random.Random(2026)  # noqa: S311 - demo data, reproducible on purpose
    calendar = get_calendar()
    tz = timezone.get_current_timezone()
    now = timezone.now()
    first = date(2026, 1, 5)
    span = (timezone.localdate() - first).days
    weights = [WEIGHTS.get(p.code, 2) for p in procedures]
    # A fifth of the year's dossiers arrived in the last five weeks: the desk's current work.
    recent = min(35, span)
    received_dates = sorted(
        [first + timedelta(days=rng.randrange(max(span, 1))) for _ in range(DOSSIERS * 4 // 5)]
        + [first + timedelta(days=span - rng.randrange(max(recent, 1))) for _ in range(DOSSIERS // 5)]
    )
    counts = {"resolved": 0, "open": 0}
    for day in received_dates:
        moment = datetime.combine(day, time(rng.randrange(7, 17), rng.choice([0, 10, 25, 40, 55])), tz)
        received = calendar.next_opening(moment)
        if received > now:
            continue
        in_force = [(p, w) for p, w in zip(procedures, weights, strict=True) if p.version_at(day)]
        if not in_force:
            continue
        procedure = rng.choices([p for p, _w in in_force], [w for _p, w in in_force])[0]
        dossier = services.receive_dossier(
            reception,
            procedure=procedure,
            applicant_name=rng.choice(INVESTORS),
            channel=rng.choices(Channel.values, [5, 4, 1])[0],
            received_at=received,
            components=procedure.component_list,
            check_permission=False,
        )
        # Some recent dossiers stall at a step: they show as at risk or overdue.
        stalled = (now - received).days < 40 and rng.random() < 0.35
        _process(dossier, rng, calendar, now, stop_after=rng.randrange(1, 6) if stalled else None)
        dossier.refresh_from_db()
        counts["open" if dossier.is_open else "resolved"] += 1
    log(f"  hồ sơ mẫu: {counts['resolved']} đã giải quyết, {counts['open']} đang xử lý")


def _process(dossier: Dossier, rng: random.Random, calendar, now: datetime, stop_after: int | None = None) -> None:
    asked_once = False
    for round_number in range(80):
        if stop_after is not None and round_number >= stop_after:
            return
        dossier.refresh_from_db()
        open_steps = list(dossier.steps.filter(finished_at__isnull=True).select_related("assignee"))
        if not dossier.is_open or not open_steps:
            return
        progressed = False
        for step in open_steps:
            if step.counts_time:
                allotted = max(calendar.days_to_seconds(step.working_days), 1800)
                seconds = int(allotted * _pace(rng))
                if step.silence_means_consent and rng.random() < 0.3:
                    continue  # the agency stays silent: the job closes it at its limit
            else:
                seconds = rng.randrange(1, 6) * calendar.day_seconds  # the investor supplements
            finish = calendar.add_working_seconds(step.started_at, seconds)
            if finish > now:
                continue
            questions = services.questions_for(step)
            answers = {}
            if "valid" in questions:
                answers["valid"] = asked_once or rng.random() > 0.15
                asked_once = asked_once or not answers["valid"]
            if "needs_consultation" in questions:
                answers["needs_consultation"] = rng.random() < 0.3
            kwargs = {"answers": answers, "at": finish, "check_permission": False}
            if step.role in (ProcessRole.DEPARTMENT_LEADER, ProcessRole.PPC_CHAIRMAN):
                kwargs.update(_result(rng, dossier, finish))
            try:
                services.complete_step(step.assignee, step, **kwargs)
            except DomainError as error:
                if error.field != "result":
                    raise
                services.complete_step(step.assignee, step, **kwargs, **_result(rng, dossier, finish))
            progressed = True
            break
        silent = [s for s in open_steps if s.silence_means_consent and s.due_at and s.due_at <= now]
        if not progressed and silent:
            services.close_silent_consultations(at=max(s.due_at for s in silent))
            progressed = True
        if not progressed:
            return


def _result(rng: random.Random, dossier: Dossier, at: datetime) -> dict:
    local = timezone.localtime(at)
    approved = rng.random() < 0.93
    ppc = dossier.procedure.authority == "ppc_chairman"
    return {
        "result": Result.APPROVED if approved else Result.REJECTED,
        "result_number": f"{rng.randrange(100, 999)}/{'QĐ-UBND' if ppc else 'STC-ĐTNNS'}",
        "result_date": local.date(),
    }

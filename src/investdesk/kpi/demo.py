"""A year of KPI for the demo: every demo person with a position gets work items (their dossier
steps, plus tasks entered by hand) and an evaluation for each 2026 period so far — self-assessed,
scored by a head of the division and approved by a department leader where the organisation has
them, driven through the same services as people use. Deterministic (fixed seed); idempotent."""

import random
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from investdesk.core.exceptions import DomainError

from . import access, periods, services
from .models import Evaluation
from .sync import sync_steps

YEAR = 2026
TASKS = [
    "Báo cáo tình hình thực hiện dự án ngoài ngân sách",
    "Rà soát dự án chậm tiến độ, đề xuất xử lý",
    "Tham mưu văn bản trả lời kiến nghị của nhà đầu tư",
    "Kiểm tra thực địa dự án",
    "Tổng hợp báo cáo giám sát, đánh giá đầu tư",
    "Góp ý dự thảo văn bản quy phạm pháp luật",
    "Cập nhật cơ sở dữ liệu dự án đầu tư",
]


def run(log) -> None:
    people = list(get_user_model().objects.filter(is_active=True, position__isnull=False).order_by("pk"))
    if not people or Evaluation.objects.filter(period__year=YEAR).exists():
        return
    made = sync_steps()
    log(f"  đầu mục từ bước xử lý hồ sơ: {made['created']}")
    reviewers = [
        p for p in get_user_model().objects.filter(is_active=True).order_by("pk") if p.has_perm("kpi.review_kpi")
    ]
    approvers = [
        p for p in get_user_model().objects.filter(is_active=True).order_by("pk") if p.has_perm("kpi.approve_kpi")
    ]
    tz = timezone.get_current_timezone()
    today = timezone.localdate()
    months = [span for span in periods.periods_of_year(YEAR, periods.MONTH) if span.starts_on <= today]
    evaluations = approved = 0
    for person in people:
        rng = random.Random(f"{YEAR}-{person.username}")  # noqa: S311 - demo data, reproducible on purpose
        strength = rng.choice([0.97, 0.92, 0.9, 0.85, 0.8])  # how reliably this person delivers on time
        gaps = [0, 0, 1, 1, 2] if strength > 0.9 else [1, 1, 2, 2, 3]  # points short of each criterion
        reviewer = next(
            (r for r in reviewers if r.pk != person.pk and access.heads_division(r, person.division_id)), None
        )
        approver = next((a for a in approvers if a.pk != person.pk), None)
        for span in months:
            _items(person, span, rng, strength, tz, today)
            period = services.scoring_period(span.starts_on)
            evaluation = services.open_evaluation(person, person, period)
            scores = {c.code: str(c.maximum - rng.choice(gaps)) for c in _criteria()}
            evaluation = services.self_assess(
                person, evaluation, evaluation.version, scores=scores, comment="Hoàn thành các nhiệm vụ được giao."
            )
            evaluations += 1
            if reviewer is None or span.ends_on >= today:
                continue
            try:
                evaluation = services.review(
                    reviewer, evaluation, evaluation.version, scores=scores, comment=_comment(evaluation, rng)
                )
                if approver is not None:
                    services.approve(approver, evaluation, evaluation.version, comment="Đồng ý.")
                    approved += 1
            except DomainError:
                continue
    log(f"  phiếu đánh giá KPI năm {YEAR}: {evaluations} ({approved} đã phê duyệt)")


def _criteria():
    return services.rule_for(YEAR).as_rule().criteria


def _comment(evaluation, rng) -> str:
    if evaluation.items_late:
        return "Cần chú ý tiến độ một số sản phẩm."
    return rng.choice(["Hoàn thành tốt nhiệm vụ.", "Chủ động, trách nhiệm.", "Đảm bảo chất lượng, tiến độ."])


def _items(person, span, rng, strength, tz, today) -> None:
    for number in range(rng.randint(2, 4)):
        deadline_day = span.starts_on + timedelta(days=rng.randint(10, 25))
        deadline = datetime.combine(deadline_day, time(17, 0), tz)
        item = services.add_item(
            person,
            person,
            title=TASKS[(number + span.number) % len(TASKS)],
            weight=Decimal(rng.choice([1, 1, 2, 3])),
            deadline=deadline,
            counts_on=deadline_day,
            at=datetime.combine(span.starts_on, time(8, 0), tz),
        )
        late = rng.random() > strength
        finished = deadline + (timedelta(days=rng.randint(1, 4)) if late else -timedelta(days=rng.randint(0, 5)))
        if timezone.localdate(finished) < today and finished.year == YEAR:
            services.finish_item(person, item, item.version, at=finished)

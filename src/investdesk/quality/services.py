"""Every change to the quality records: permission, one transaction, history with who and why.

Managers of the quality system (the division's leaders) keep the objectives, the register, the
actions; the owner of an action reports its progress and evidence.
"""

from datetime import date, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from investdesk.core.exceptions import DomainError, PermissionDeniedError
from investdesk.core.services import record_change, required_text, save_versioned
from investdesk.core.uploads import check_upload
from investdesk.core.years import check_year

from . import indicators
from .choices import OPEN_ACTION_STATUSES, ActionStatus
from .models import (
    Action,
    Evidence,
    Milestone,
    Objective,
    ObjectiveReview,
    QualityYear,
    Risk,
    RiskReview,
)


def can_manage(actor) -> bool:
    return actor.has_perm("quality.manage_quality")


def _require_manager(actor) -> None:
    if not can_manage(actor):
        raise PermissionDeniedError()


# Years and the risk matrix ---------------------------------------------------------------------


def open_year(actor, year: int) -> QualityYear:
    """The year's record, opened by a manager with the configured default bands the first time."""
    _require_manager(actor)
    check_year(year)
    record = QualityYear.objects.filter(year=year).first()
    if record is not None:
        return record
    low, medium = settings.RISK_BANDS
    record = QualityYear(year=year, low_max=low, medium_max=medium)
    record_change(record, actor, _("Mở năm"))
    try:
        with transaction.atomic():
            record.save()
    except IntegrityError:  # another manager opened it a moment ago
        return QualityYear.objects.get(year=year)
    return record


def update_year(actor, record: QualityYear, expected_version: int | None, *, reason: str | None = None) -> QualityYear:
    """Saves the year's settings; once the register is issued its bands no longer change."""
    _require_manager(actor)
    if record.low_max >= record.medium_max:
        raise DomainError(_("Mức thấp phải nhỏ hơn mức trung bình."), field="medium_max")
    with transaction.atomic():
        before = QualityYear.objects.select_for_update().get(pk=record.pk)
        bands_changed = (before.low_max, before.medium_max) != (record.low_max, record.medium_max)
        if bands_changed and before.bands_fixed:
            raise DomainError(
                _("Bảng rủi ro năm %(y)s đã ban hành: thang mức cố định cho cả năm.") % {"y": record.year},
                field="low_max",
            )
        record_change(record, actor, reason)
        save_versioned(record, expected_version, actor=actor)
        if bands_changed:
            for risk in record.risks.assessed().select_related("register"):
                risk.register = record
                risk.compute()
                record_change(risk, actor, _("Đổi thang mức rủi ro của năm"))
                risk.save()
    return record


def issue_register(actor, record: QualityYear, issued_on: date) -> QualityYear:
    """The register is signed: its matrix is fixed from now on for the whole year."""
    _require_manager(actor)
    record.register_issued_on = issued_on
    record_change(record, actor, _("Ban hành bảng rủi ro, cơ hội"))
    save_versioned(record, record.version, actor=actor)
    return record


# The register ----------------------------------------------------------------------------------


def _check_assessment(risk: Risk) -> None:
    if risk.is_heading:
        risk.likelihood = risk.severity = None
        return
    for name in ("likelihood", "severity"):
        value = getattr(risk, name)
        if value is None:
            raise DomainError(_("Hãy cho điểm từ 1 đến 5."), field=name)
        if not isinstance(value, int) or not 1 <= value <= 5:
            raise DomainError(_("Điểm phải từ 1 đến 5."), field=name)


def save_risk(
    actor, risk: Risk, expected_version: int | None = None, *, reason: str | None = None, comment: str = ""
) -> Risk:
    """Creates or saves a register row. Score and band come from P and S on the year's matrix; a
    change of P or S is recorded as a review with its date, who and the comment."""
    _require_manager(actor)
    _check_assessment(risk)
    required_text(risk.title, _("Hãy ghi vấn đề/quá trình."), field="title")
    with transaction.atomic():
        previous = Risk.objects.filter(pk=risk.pk).values("likelihood", "severity").first() if risk.pk else None
        if risk.pk is None and not risk.position:
            last = Risk.objects.filter(register=risk.register, section=risk.section).aggregate(Max("position"))
            risk.position = (last["position__max"] or 0) + 1
        duplicate = Risk.objects.filter(register=risk.register, section=risk.section, number=risk.number)
        if duplicate.exclude(pk=risk.pk).exists():
            raise DomainError(_("Số thứ tự này đã có trong nhóm."), field="number")
        risk.compute()
        record_change(risk, actor, reason)
        save_versioned(risk, expected_version, actor=actor)
        assessed = previous is not None and (previous["likelihood"], previous["severity"]) != (
            risk.likelihood,
            risk.severity,
        )
        if assessed and not risk.is_heading:
            _record_review(actor, risk, comment or _("Đánh giá lại P, S"))
    return risk


def review_risk(actor, risk: Risk, *, likelihood: int, severity: int, comment: str, reviewed_on: date | None = None):
    """A periodic review: the assessment confirmed or changed, with a comment (always recorded)."""
    _require_manager(actor)
    with transaction.atomic():
        if (risk.likelihood, risk.severity) != (likelihood, severity):
            risk.likelihood, risk.severity = likelihood, severity
            _check_assessment(risk)
            risk.compute()
            record_change(risk, actor, _("Rà soát rủi ro"))
            save_versioned(risk, risk.version, actor=actor)
        return _record_review(actor, risk, comment, reviewed_on)


def _record_review(actor, risk: Risk, comment: str, reviewed_on: date | None = None) -> RiskReview:
    return RiskReview.objects.create(
        risk=risk,
        reviewer=actor,
        reviewed_on=reviewed_on or timezone.localdate(),
        likelihood=risk.likelihood,
        severity=risk.severity,
        score=risk.score,
        band=risk.band,
        comment=comment,
    )


# Objectives ------------------------------------------------------------------------------------


def save_objective(actor, objective: Objective, expected_version: int | None = None) -> Objective:
    _require_manager(actor)
    if objective.finishes_on < objective.starts_on:
        raise DomainError(_("Hạn hoàn thành trước ngày bắt đầu."), field="finishes_on")
    duplicate = Objective.objects.filter(plan=objective.plan, number=objective.number).exclude(pk=objective.pk)
    if duplicate.exists():
        raise DomainError(_("Năm này đã có mục tiêu số %(n)s.") % {"n": objective.number}, field="number")
    record_change(objective, actor, None)
    save_versioned(objective, expected_version, actor=actor)
    return objective


def add_milestone(actor, objective: Objective, *, title: str, due_on: date | None) -> Milestone:
    _require_manager(actor)
    last = objective.milestones.aggregate(Max("position"))["position__max"] or 0
    milestone = Milestone(objective=objective, title=title, due_on=due_on, position=last + 1)
    record_change(milestone, actor, None)
    milestone.save()
    return milestone


def set_milestone_done(actor, milestone: Milestone, done_on: date | None) -> Milestone:
    _require_manager(actor)
    milestone.done_on = done_on
    record_change(milestone, actor, _("Đánh dấu hoàn thành") if done_on else _("Bỏ đánh dấu hoàn thành"))
    milestone.save()
    return milestone


def review_objective(actor, objective: Objective, *, quarter: int, comment: str) -> ObjectiveReview:
    """The quarter's review keeps the live figure and light as they stand when it is written."""
    _require_manager(actor)
    if not 1 <= quarter <= 4:
        raise DomainError(_("Quý phải từ 1 đến 4."), field="quarter")
    required_text(comment, _("Hãy ghi nhận xét."), field="comment")
    if objective.reviews.filter(quarter=quarter).exists():
        raise DomainError(_("Quý %(q)s đã được đánh giá.") % {"q": quarter}, field="quarter")
    today = timezone.localdate()
    first_day = date(objective.plan.year, 3 * quarter - 2, 1)
    if first_day > today:
        raise DomainError(_("Quý %(q)s chưa bắt đầu.") % {"q": quarter}, field="quarter")
    # The figure as it stood at the quarter's end (or today, for the quarter under way).
    last_day = min(date(objective.plan.year + quarter // 4, 3 * quarter % 12 + 1, 1) - timedelta(days=1), today)
    reading = indicators.read(objective, today=last_day)
    review = ObjectiveReview(
        objective=objective,
        quarter=quarter,
        reviewer=actor,
        figure=reading.figure[:255],
        light=reading.light,
        comment=comment,
    )
    record_change(review, actor, None)
    review.save()
    return review


# Actions and evidence --------------------------------------------------------------------------


def save_action(actor, action: Action, expected_version: int | None = None) -> Action:
    """Managers plan actions: who, what, by when, for which risk or objective."""
    _require_manager(actor)
    if action.risk and action.risk.register_id != action.plan_id:
        raise DomainError(_("Rủi ro thuộc năm khác."), field="risk")
    if action.objective and action.objective.plan_id != action.plan_id:
        raise DomainError(_("Mục tiêu thuộc năm khác."), field="objective")
    _stamp_done(action)
    record_change(action, actor, None)
    save_versioned(action, expected_version, actor=actor)
    return action


def may_report(actor, action: Action) -> bool:
    return can_manage(actor) or action.owner_id == actor.pk


def report_action(
    actor, action: Action, *, status: str, result: str, expected_version: int | None, done_on: date | None = None
) -> Action:
    """The owner (or a manager) reports progress: the status and what was done (and when, if it was
    finished before the report; never a future day)."""
    if not may_report(actor, action):
        raise PermissionDeniedError()
    if status not in ActionStatus.values:
        raise DomainError(_("Trạng thái không hợp lệ."), field="status")
    if status == ActionStatus.DONE:
        required_text(result, _("Hãy ghi kết quả hoặc bằng chứng khi báo hoàn thành."), field="result")
    if done_on is not None and done_on > timezone.localdate():
        raise DomainError(_("Ngày hoàn thành ở tương lai."), field="done_on")
    action.status, action.result = status, result
    if status == ActionStatus.DONE and done_on is not None:
        action.done_on = done_on
    _stamp_done(action)
    record_change(action, actor, _("Báo cáo tiến độ"))
    save_versioned(action, expected_version, actor=actor)
    return action


def _stamp_done(action: Action) -> None:
    if action.status == ActionStatus.DONE and action.done_on is None:
        action.done_on = timezone.localdate()
    elif action.status in OPEN_ACTION_STATUSES:
        action.done_on = None


def add_evidence(actor, *, title: str, link: str = "", upload=None, objective=None, action=None) -> Evidence:
    """A link or a checked file as evidence for an objective (managers) or an action (its owner too)."""
    if action is not None:
        if not may_report(actor, action):
            raise PermissionDeniedError()
    elif objective is None or not can_manage(actor):
        raise PermissionDeniedError()
    if not link and upload is None:
        raise DomainError(_("Hãy gắn liên kết hoặc tải tệp lên."), field="link")
    if upload is not None:
        check_upload(upload)
    evidence = Evidence(objective=objective, action=action, title=title or (upload.name if upload else link), link=link)
    evidence.added_by = actor
    if upload is not None:
        evidence.file.save(upload.name, upload, save=False)
    record_change(evidence, actor, None)
    evidence.save()
    return evidence

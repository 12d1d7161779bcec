"""Every change to KPI records: permission and row check, one transaction, history with who and why.

Items: entered by the person or their division head, assessed (quality, late, error) by the head;
changes the person wants go through an adjustment proposal a leader decides. Evaluations:
self-assessment → the division head's scores → the department leader's approval; once approved an
evaluation and the items of its period are read-only.
"""

from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from investdesk.core.exceptions import DomainError, PermissionDeniedError
from investdesk.core.services import save_versioned
from investdesk.dossiers.choices import Outcome

from . import access, periods, scoring
from .choices import AdjustmentStatus, EvaluationStatus, Frequency, ItemSource
from .models import Adjustment, Evaluation, ExportTemplate, Period, ScoringRule, WorkItem
from .sync import ensure_period
from .tally import of_item, rebuild_turn_of_year


def _now(at: datetime | None) -> datetime:
    return at or timezone.now()


def _reason(instance, actor, reason: str | None = None) -> None:
    if reason:
        instance._change_reason = reason
    if actor is not None and getattr(actor, "is_authenticated", False):
        instance._history_user = actor


# The year's rule ------------------------------------------------------------------------------


def rule_for(year: int) -> ScoringRule:
    """The year's rule, or the decree's defaults (unsaved) when none was configured."""
    return ScoringRule.objects.filter(year=year).first() or ScoringRule(year=year)


def save_rule(actor, rule: ScoringRule, expected_version: int | None = None) -> ScoringRule:
    """Creates or changes a year's rule; evaluations not yet approved are scored again by it."""
    if not access.can_configure(actor):
        raise PermissionDeniedError()
    if not 2000 <= int(rule.year or 0) <= 2100:
        raise DomainError(_("Năm phải từ 2000 đến 2100."), field="year")
    if not rule.excellent_min >= rule.good_min >= rule.completed_min >= 0:
        raise DomainError(_("Các mức xếp loại phải giảm dần: xuất sắc ≥ tốt ≥ hoàn thành ≥ 0."), field="good_min")
    if rule.general_max + rule.task_max != 100:
        raise DomainError(_("Điểm tiêu chí chung và điểm kết quả nhiệm vụ phải cộng lại bằng 100."), field="task_max")
    _check_criteria(rule)
    check_cutoff(rule.cutoff_month, rule.cutoff_day)
    with transaction.atomic():
        stored = ScoringRule.objects.filter(pk=rule.pk).values_list("cutoff_month", "cutoff_day").first()
        moved = rule.cutoff != (tuple(stored) if stored else periods.DEFAULT_CUTOFF)
        if moved:
            _check_turn_of_year_open(rule.year)
        _reason(rule, actor, _("Cấu hình cách tính điểm"))
        save_versioned(rule, expected_version, actor=actor)
        rescored = Q(period__year=rule.year)
        if moved:
            _move_turn_of_year_items(actor, rule, tuple(stored) if stored else periods.DEFAULT_CUTOFF)
            rescored |= Q(period__year=rule.year + 1, period__number=1)
        for evaluation in (
            Evaluation.objects.filter(rescored).exclude(status=EvaluationStatus.APPROVED).select_related("period")
        ):
            _score(evaluation, rule if evaluation.period.year == rule.year else None)
            _reason(evaluation, actor, _("Cách tính điểm của năm thay đổi"))
            evaluation.version += 1
            evaluation.save()
    return rule


def check_cutoff(month, day) -> None:
    """The year's cut-off is a day of December (NĐ 335/2025 rates the year in December): an earlier
    one would move months of work into the next year. 31/12 means no cut-off."""
    try:
        valid = int(month) == 12 and 1 <= int(day) <= 31
    except (TypeError, ValueError):
        valid = False
    if not valid:
        raise DomainError(
            _("Ngày chốt năm phải là một ngày của tháng 12 (từ 01/12 đến 31/12; 31/12 là không chốt)."),
            field="cutoff_month",
        )


def _turn_of_year_periods(year: int):
    """The periods that share out December's days by the cut-off: those of December and the
    first period of the next year (whatever the frequency)."""
    return Period.objects.filter(starts_on__lte=date(year + 1, 1, 31), ends_on__gte=date(year, 12, 1))


def _check_turn_of_year_open(year: int) -> None:
    approved = Evaluation.objects.filter(
        period__in=_turn_of_year_periods(year), status=EvaluationStatus.APPROVED
    ).exists()
    if approved:
        raise DomainError(
            _(
                "Đã có phiếu đánh giá được phê duyệt của tháng 12/%(year)s hoặc kỳ đầu năm %(next)s; "
                "không thể đổi ngày chốt năm."
            )
            % {"year": year, "next": year + 1},
            field="cutoff_day",
        )


def _move_turn_of_year_items(actor, rule: ScoringRule, before: tuple[int, int]) -> None:
    """After the year's cut-off moved from ``before``: the items of the days between the two go to
    the period they count in now (December's or the next year's first), in bulk with history, and
    the two months' tallies are counted again. None of them is in an approved evaluation
    (``_check_turn_of_year_open``)."""

    def first_day_after(cutoff):
        return periods.first_day_past_cutoff(cutoff, rule.year) or date(rule.year + 1, 1, 1)

    first, end = sorted((first_day_after(before), first_day_after(rule.cutoff)))
    next_rule = rule_for(rule.year + 1)
    found: dict[periods.Span, Period] = {}
    moved = []
    now = timezone.now()
    items = WorkItem.objects.filter(counts_on__gte=first, counts_on__lt=end)
    for item in items.select_related("period"):
        day = periods.scoring_day(item.counts_on, rule.cutoff)
        frequency = (rule if day.year == rule.year else next_rule).frequency
        span = periods.containing(day, periods.MONTH if frequency == Frequency.MONTH else periods.QUARTER)
        if span == item.period.span:
            continue
        if span not in found:
            found[span] = ensure_period(span)
        item.period, item.version, item.updated_at = found[span], item.version + 1, now
        moved.append(item)
    if moved:
        bulk_update_with_history(
            moved,
            WorkItem,
            ["period", "version", "updated_at"],
            batch_size=500,
            default_user=actor,
            default_change_reason=_("Ngày chốt năm thay đổi"),
        )
    rebuild_turn_of_year(rule.year)


def _check_criteria(rule: ScoringRule) -> None:
    criteria = rule.criteria or []
    if not isinstance(criteria, list):
        raise DomainError(_("Danh sách tiêu chí không hợp lệ."), field="criteria")
    total, codes = Decimal(0), set()
    for criterion in criteria:
        try:
            code, name, maximum = str(criterion["code"]), str(criterion["name"]), Decimal(str(criterion["max"]))
        except (KeyError, TypeError, InvalidOperation):
            raise DomainError(_("Mỗi tiêu chí cần mã, tên và điểm tối đa."), field="criteria") from None
        if not code or not name or maximum <= 0 or code in codes:
            raise DomainError(_("Tiêu chí “%(c)s” không hợp lệ hoặc bị trùng mã.") % {"c": code}, field="criteria")
        codes.add(code)
        total += maximum
    if criteria and total != rule.general_max:
        raise DomainError(
            _("Tổng điểm tối đa của các tiêu chí (%(t)s) phải bằng điểm tiêu chí chung (%(g)s).")
            % {"t": total, "g": rule.general_max},
            field="criteria",
        )


# Periods --------------------------------------------------------------------------------------


def _scoring_span_and_rule(day) -> tuple[periods.Span, ScoringRule]:
    """The month or quarter (as the year's rule says) an item of ``day`` is scored in — past the
    year's cut-off, the first period of the next year — and the rule it is scored by. The rule is
    read once, twice only past the cut-off, where the next year's rule says the frequency."""
    rule = rule_for(day.year)
    day = periods.scoring_day(day, rule.cutoff)
    if day.year != rule.year:
        rule = rule_for(day.year)
    kind = periods.MONTH if rule.frequency == Frequency.MONTH else periods.QUARTER
    return periods.containing(day, kind), rule


def _scoring_span(day) -> periods.Span:
    return _scoring_span_and_rule(day)[0]


def scoring_period(day) -> Period:
    """The scoring period of a day (``_scoring_span``), made when first needed."""
    return ensure_period(_scoring_span(day))


def find_period(day) -> Period:
    """The scoring period of a day as ``scoring_period`` finds it, but without writing: a period
    nobody has used yet comes back unsaved, for pages that only read."""
    return find_period_and_rule(day)[0]


def find_period_and_rule(day) -> tuple[Period, ScoringRule]:
    """``find_period`` with the rule of the period's year, for a page that scores it too."""
    span, rule = _scoring_span_and_rule(day)
    found = Period.objects.filter(kind=span.kind, year=span.year, number=span.number).first()
    period = found or Period(
        kind=span.kind, year=span.year, number=span.number, starts_on=span.starts_on, ends_on=span.ends_on
    )
    return period, rule


def _approved(person_id, period_id) -> bool:
    return Evaluation.objects.filter(
        person_id=person_id, period_id=period_id, status=EvaluationStatus.APPROVED
    ).exists()


def _check_open_period(item: WorkItem) -> None:
    if _approved(item.person_id, item.period_id):
        raise DomainError(_("Kết quả kỳ này đã được phê duyệt; không thể thay đổi đầu mục."))


# Work items -----------------------------------------------------------------------------------


def add_item(
    actor,
    person,
    *,
    title: str,
    weight: Decimal = Decimal(1),
    deadline: datetime | None = None,
    counts_on=None,
    source: str = ItemSource.MANUAL,
    note: str = "",
    at: datetime | None = None,
) -> WorkItem:
    """A work item the person (or their division head) enters for a period."""
    if not access.can_add_item(actor, person):
        raise PermissionDeniedError()
    title = (title or "").strip()
    if not title:
        raise DomainError(_("Hãy ghi nội dung công việc."), field="title")
    if weight is None or Decimal(weight) <= 0 or Decimal(weight) > 1000:
        raise DomainError(_("Trọng số phải lớn hơn 0 và không quá 1.000."), field="weight")
    if source not in (ItemSource.MANUAL, ItemSource.PROJECT_TASK):
        raise DomainError(_("Nguồn đầu mục không hợp lệ."), field="source")
    at = _now(at)
    day = counts_on or (timezone.localdate(deadline) if deadline else timezone.localdate(at))
    item = WorkItem(
        person=person,
        division_id=person.division_id,
        period=scoring_period(day),
        counts_on=day,
        title=title,
        source=source,
        weight=Decimal(weight),
        deadline=deadline,
        note=note,
    )
    with transaction.atomic():
        _check_open_period(item)
        _reason(item, actor, _("Thêm đầu mục"))
        save_versioned(item, None, actor=actor)
        of_item(item)
    return item


def finish_item(actor, item: WorkItem, expected_version: int | None, *, at: datetime | None = None) -> WorkItem:
    """The person (or the head) marks an entered item done; its timeliness is judged by its deadline."""
    if item.source == ItemSource.DOSSIER_STEP:
        raise DomainError(_("Đầu mục từ hồ sơ hoàn thành cùng bước xử lý hồ sơ."))
    if not access.can_add_item(actor, item.person):
        raise PermissionDeniedError()
    at = _now(at)
    with transaction.atomic():
        _check_open_period(item)
        item.finished_at = at
        if item.deadline is None:
            item.outcome = Outcome.ON_TIME
        elif at > item.deadline:
            item.outcome = Outcome.LATE
        elif timezone.localdate(at) < timezone.localdate(item.deadline):
            item.outcome = Outcome.EARLY
        else:
            item.outcome = Outcome.ON_TIME
        item.is_late = item.outcome == Outcome.LATE
        _reason(item, actor, _("Hoàn thành đầu mục"))
        save_versioned(item, expected_version, actor=actor)
        of_item(item)
    return item


def assess_item(
    actor,
    item: WorkItem,
    expected_version: int | None,
    *,
    quality: Decimal | None,
    has_error: bool,
    is_late: bool | None = None,
    note: str | None = None,
) -> WorkItem:
    """The division head's assessment of a product: quality (percent), error and (for entered items)
    lateness. A step's lateness is the dossier's record and is not changed here."""
    if not access.can_assess_item(actor, item):
        raise PermissionDeniedError()
    if quality is not None and not Decimal(0) <= Decimal(quality) <= Decimal(100):
        raise DomainError(_("Chất lượng phải từ 0 đến 100%."), field="quality")
    with transaction.atomic():
        _check_open_period(item)
        item.quality = quality
        item.has_error = bool(has_error)
        if is_late is not None and item.source != ItemSource.DOSSIER_STEP:
            item.is_late = bool(is_late)
        if note is not None:
            item.note = note
        _reason(item, actor, _("Lãnh đạo đánh giá sản phẩm"))
        save_versioned(item, expected_version, actor=actor)
        of_item(item)
    return item


def propose_adjustment(
    actor,
    item: WorkItem,
    *,
    reason: str,
    weight: Decimal | None = None,
    deadline: datetime | None = None,
    withdraw: bool = False,
) -> Adjustment:
    """The person asks to change their item; nothing changes until a leader approves."""
    if actor.pk != item.person_id and not access.can_add_item(actor, item.person):
        raise PermissionDeniedError()
    if not (reason or "").strip():
        raise DomainError(_("Hãy ghi lý do điều chỉnh."), field="reason")
    if weight is None and deadline is None and not withdraw:
        raise DomainError(_("Hãy ghi điều muốn điều chỉnh: trọng số, hạn hoặc rút khỏi kỳ."), field="weight")
    if weight is not None and not Decimal(0) < Decimal(weight) <= 1000:
        raise DomainError(_("Trọng số phải lớn hơn 0 và không quá 1.000."), field="weight")
    _check_open_period(item)
    adjustment = Adjustment(
        item=item, proposed_by=actor, weight=weight, deadline=deadline, withdraw=withdraw, reason=reason.strip()
    )
    _reason(adjustment, actor, _("Đề xuất điều chỉnh"))
    save_versioned(adjustment, None, actor=actor)
    return adjustment


def decide_adjustment(
    actor, adjustment: Adjustment, *, approve: bool, note: str = "", at: datetime | None = None
) -> Adjustment:
    """A leader of the person's division approves (the item changes) or refuses."""
    item = adjustment.item
    if not access.can_assess_item(actor, item):
        raise PermissionDeniedError()
    with transaction.atomic():
        current = Adjustment.objects.select_for_update().get(pk=adjustment.pk)
        if current.status != AdjustmentStatus.PROPOSED:
            raise DomainError(_("Đề xuất này đã được quyết định."))
        _check_open_period(item)
        current.status = AdjustmentStatus.APPROVED if approve else AdjustmentStatus.REJECTED
        current.decided_by, current.decided_at, current.decision_note = actor, _now(at), note
        _reason(current, actor, _("Quyết định đề xuất điều chỉnh"))
        save_versioned(current, current.version, actor=actor)
        if approve:
            if current.weight is not None:
                item.weight = current.weight
            if current.deadline is not None:
                item.deadline = current.deadline
            if current.withdraw:
                item.withdrawn = True
            _reason(item, actor, _("Điều chỉnh được chấp thuận: %(r)s") % {"r": current.reason})
            save_versioned(item, item.version, actor=actor)
            of_item(item)
    return current


# Evaluations ----------------------------------------------------------------------------------


def draft_evaluation(
    person, period: Period, year_rule: ScoringRule | None = None, items: list[WorkItem] | None = None
) -> Evaluation:
    """The person's evaluation for the period as it would start, unsaved, with its figures: what a
    page shows before anyone has written anything (reading a page never writes). ``year_rule`` and
    ``items`` (the period's items not withdrawn), when the caller has read them already."""
    evaluation = Evaluation(
        person=person,
        period=period,
        division_id=person.division_id,
        position_name=str(person.position or ""),
    )
    if period.pk is not None:
        _score(evaluation, year_rule, items)
    return evaluation


def open_evaluation(actor, person, period: Period) -> Evaluation:
    """The person's evaluation for the period, started (as a draft) by the first write to it."""
    if not access.can_view_person(actor, person):
        raise PermissionDeniedError()
    evaluation = Evaluation.objects.filter(person=person, period=period).first()
    if evaluation is not None:
        return evaluation
    evaluation = draft_evaluation(person, period)
    _reason(evaluation, actor, _("Mở phiếu đánh giá"))
    try:
        with transaction.atomic():
            save_versioned(evaluation, None, actor=actor)
    except IntegrityError:  # opened by someone else a moment ago
        return Evaluation.objects.get(person=person, period=period)
    return evaluation


def assess_period(
    actor, person, span: periods.Span, *, reviewing: bool, scores: dict, comment: str, at=None
) -> Evaluation:
    """Self-assessment or the head's scores sent from a period page that had no evaluation yet:
    the draft is made here, in the same transaction, so a refused score leaves nothing behind. If
    someone started the evaluation meanwhile, the form was of an older state and is refused."""
    from investdesk.core.exceptions import ConcurrentEditError

    with transaction.atomic():
        period = scoring_period(span.starts_on)
        if Evaluation.objects.filter(person=person, period=period).exists():
            raise ConcurrentEditError()
        evaluation = open_evaluation(actor, person, period)
        service = review if reviewing else self_assess
        return service(actor, evaluation, evaluation.version, scores=scores, comment=comment, at=at)


def _clean_scores(scores: dict, rule: scoring.Rule) -> tuple[dict, Decimal]:
    try:
        cleaned = {str(code): Decimal(str(value)) for code, value in (scores or {}).items() if value not in ("", None)}
        return {k: str(v) for k, v in cleaned.items()}, scoring.general_score(cleaned, rule)
    except InvalidOperation:
        raise DomainError(_("Điểm phải là số."), field="scores") from None
    except ValueError as error:
        raise DomainError(
            _("Điểm tiêu chí “%(c)s” vượt quá điểm tối đa hoặc không có trong cách tính.") % {"c": error.args[0]},
            field="scores",
        ) from None


def _score(evaluation: Evaluation, year_rule: ScoringRule | None = None, items: list[WorkItem] | None = None) -> None:
    """Counts the period's items and computes the task score, total and band (not for approved ones)."""
    year_rule = year_rule or rule_for(evaluation.period.year)
    rule = year_rule.as_rule()
    if items is None:
        items = list(
            WorkItem.objects.filter(person_id=evaluation.person_id, period_id=evaluation.period_id, withdrawn=False)
        )
    evaluation.items_assigned = len(items)
    evaluation.items_open = sum(1 for item in items if item.finished_at is None)
    evaluation.items_late = sum(1 for item in items if item.finished_at is not None and item.is_late)
    evaluation.items_on_time = evaluation.items_assigned - evaluation.items_open - evaluation.items_late
    evaluation.task_score = scoring.task_score([item.as_scoring_item() for item in items], rule)
    if evaluation.general_scores:
        _cleaned, evaluation.general_score = _clean_scores(evaluation.general_scores, rule)
    else:
        evaluation.general_score = None
    if evaluation.general_score is not None and evaluation.task_score is not None:
        evaluation.total = scoring.total(evaluation.general_score, evaluation.task_score)
        evaluation.band = scoring.band(evaluation.total, rule)
    else:
        evaluation.total, evaluation.band = None, ""


def refresh(
    evaluation: Evaluation, year_rule: ScoringRule | None = None, items: list[WorkItem] | None = None
) -> Evaluation:
    """The figures as the items stand now (shown on the page; approved ones keep theirs)."""
    if not evaluation.is_frozen:
        _score(evaluation, year_rule, items)
    return evaluation


def _locked(evaluation: Evaluation, expected_version: int | None) -> Evaluation:
    current = Evaluation.objects.select_for_update().select_related("period").get(pk=evaluation.pk)
    if expected_version is not None and current.version != expected_version:
        from investdesk.core.exceptions import ConcurrentEditError

        raise ConcurrentEditError()
    if current.is_frozen:
        raise DomainError(_("Kết quả kỳ này đã được phê duyệt và không còn sửa được."))
    return current


def self_assess(
    actor, evaluation: Evaluation, expected_version: int | None, *, scores: dict, comment: str, at=None
) -> Evaluation:
    """The person's own scores of the general criteria and their comments on the period."""
    if not access.can_self_assess(actor, evaluation):
        raise PermissionDeniedError()
    with transaction.atomic():
        current = _locked(evaluation, expected_version)
        if current.status not in (EvaluationStatus.DRAFT, EvaluationStatus.SELF_ASSESSED):
            raise DomainError(_("Lãnh đạo phòng đã chấm; không còn tự đánh giá được."))
        rule = rule_for(current.period.year).as_rule()
        current.self_scores, _general = _clean_scores(scores, rule)
        current.self_comment = (comment or "").strip()
        current.self_assessed_at = _now(at)
        current.status = EvaluationStatus.SELF_ASSESSED
        _score(current)
        _reason(current, actor, _("Tự đánh giá"))
        save_versioned(current, current.version, actor=actor)
    return current


def review(
    actor, evaluation: Evaluation, expected_version: int | None, *, scores: dict, comment: str, at=None
) -> Evaluation:
    """The division head scores each general criterion; the task score comes from the items."""
    if not access.can_review(actor, evaluation):
        raise PermissionDeniedError()
    with transaction.atomic():
        current = _locked(evaluation, expected_version)
        year_rule = rule_for(current.period.year)
        rule = year_rule.as_rule()
        cleaned, _general = _clean_scores(scores, rule)
        expected = {criterion.code for criterion in rule.criteria} or {"general"}
        if set(cleaned) != expected:
            raise DomainError(_("Hãy chấm đủ mọi tiêu chí chung."), field="scores")
        current.general_scores = cleaned
        _score(current, year_rule)
        if current.task_score is None:
            raise DomainError(_("Kỳ này chưa có đầu mục công việc nào để chấm kết quả nhiệm vụ."))
        current.review_comment = (comment or "").strip()
        current.reviewed_by, current.reviewed_at = actor, _now(at)
        current.status = EvaluationStatus.REVIEWED
        _reason(current, actor, _("Lãnh đạo phòng chấm điểm"))
        save_versioned(current, current.version, actor=actor)
    return current


def approve(actor, evaluation: Evaluation, expected_version: int | None, *, comment: str = "", at=None) -> Evaluation:
    """The department leader approves: the figures are frozen as they are now."""
    if not access.can_approve(actor, evaluation):
        raise PermissionDeniedError()
    with transaction.atomic():
        current = _locked(evaluation, expected_version)
        if current.status != EvaluationStatus.REVIEWED:
            raise DomainError(_("Chỉ phê duyệt được phiếu đã được lãnh đạo phòng chấm."))
        _score(current)
        current.approval_comment = (comment or "").strip()
        current.approved_by, current.approved_at = actor, _now(at)
        current.status = EvaluationStatus.APPROVED
        _reason(current, actor, _("Lãnh đạo Sở phê duyệt"))
        save_versioned(current, current.version, actor=actor)
    return current


def send_back(actor, evaluation: Evaluation, expected_version: int | None, *, comment: str, at=None) -> Evaluation:
    """The department leader returns a reviewed evaluation to the division head with a comment."""
    if not access.can_approve(actor, evaluation):
        raise PermissionDeniedError()
    if not (comment or "").strip():
        raise DomainError(_("Hãy ghi lý do trả lại."), field="comment")
    with transaction.atomic():
        current = _locked(evaluation, expected_version)
        current.status = EvaluationStatus.SELF_ASSESSED if current.self_assessed_at else EvaluationStatus.DRAFT
        current.approval_comment = comment.strip()
        _reason(current, actor, _("Trả lại để chấm lại"))
        save_versioned(current, current.version, actor=actor)
    return current


# The department's own BM02.2 layout -------------------------------------------------------------


def upload_template(actor, upload, *, name: str = "") -> ExportTemplate:
    """An administrator uploads the department's .docx or .xlsx layout; it replaces the previous one
    of its kind. The file is checked (``core.uploads``) and tried on an empty summary first, so a
    layout that cannot be filled is refused now rather than at the next export."""
    from investdesk.core.uploads import check_upload

    from . import templates_fill
    from .summary import Summary

    if not access.can_configure(actor):
        raise PermissionDeniedError()
    if upload is None:
        raise DomainError(_("Hãy chọn tệp mẫu."), field="file")
    check_upload(upload, allowed=("docx", "xlsx"))
    kind = upload.name.rsplit(".", 1)[-1].lower()
    content = upload.read()
    upload.seek(0)
    try:
        empty = Summary(
            division=actor.division or _AnyDivision(),
            span=periods.parse("2026"),
            rows=[],
            quota=scoring.quota_check([], scoring.Rule()),
        )
        (templates_fill.fill_docx if kind == "docx" else templates_fill.fill_xlsx)(content, empty)
    except Exception as error:  # a damaged or unusual file: say so, keep nothing
        raise DomainError(_("Không dùng được tệp mẫu này: %(e)s") % {"e": str(error)[:200]}, field="file") from None
    with transaction.atomic():
        ExportTemplate.objects.filter(kind=kind, is_active=True).update(is_active=False)
        template = ExportTemplate(kind=kind, file=upload, name=(name or upload.name)[:200], uploaded_by=actor)
        _reason(template, actor, _("Tải lên mẫu BM02.2"))
        save_versioned(template, None, actor=actor)
    return template


class _AnyDivision:
    name = ""

"""The division's ISO 9001 records: quality objectives and their plan (clause 6.2), the risk and
opportunity register (6.1) and the actions both call for."""

import re
from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from investdesk.core.models import FoldedSearchMixin, FoldedSearchQuerySet, TimeStampedModel

from .choices import (
    OPEN_ACTION_STATUSES,
    ActionStatus,
    Indicator,
    RiskBand,
    RiskKind,
    RiskSection,
    Treatment,
)

ONE_TO_FIVE = [MinValueValidator(1), MaxValueValidator(5)]


class QualityQuerySet(FoldedSearchQuerySet):
    """Every signed-in person reads the quality records (they are the division's shared system);
    only quality managers change them."""

    manage_permission = "quality.manage_quality"


class QualityYear(TimeStampedModel):
    """One year of the quality system: the risk matrix its register is scored on, and who signs.

    The bands are copied from the configured defaults when the year is opened and may be changed
    until the register is issued; from then on they are fixed, so a level never changes under an
    auditor's feet."""

    year = models.PositiveSmallIntegerField(_("năm"), unique=True)
    low_max = models.PositiveSmallIntegerField(
        _("mức thấp đến"),
        validators=[MinValueValidator(1), MaxValueValidator(24)],
        help_text=_("P×S từ 1 đến số này: Thấp."),
    )
    medium_max = models.PositiveSmallIntegerField(
        _("mức trung bình đến"),
        validators=[MinValueValidator(2), MaxValueValidator(24)],
        help_text=_("P×S lớn hơn mức thấp đến số này: Trung bình; lớn hơn nữa: Cao."),
    )
    register_issued_on = models.DateField(_("ngày ban hành bảng rủi ro, cơ hội"), null=True, blank=True)
    objectives_issued_on = models.DateField(_("ngày ban hành mục tiêu chất lượng"), null=True, blank=True)
    place = models.CharField(_("địa danh"), max_length=100, default="Khánh Hòa")
    signer_title = models.CharField(_("chức danh người ký"), max_length=100, default="TRƯỞNG PHÒNG")
    signer_name = models.CharField(_("họ tên người ký"), max_length=150, blank=True)

    history = HistoricalRecords()
    objects = QualityQuerySet.as_manager()

    class Meta:
        verbose_name = _("năm chất lượng")
        verbose_name_plural = _("các năm chất lượng")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(condition=Q(low_max__lt=models.F("medium_max")), name="quality_year_bands_ordered")
        ]

    def __str__(self) -> str:
        return str(self.year)

    @property
    def bands_fixed(self) -> bool:
        return self.register_issued_on is not None

    def band(self, score: int | None) -> str:
        if score is None:
            return ""
        if score <= self.low_max:
            return RiskBand.LOW
        if score <= self.medium_max:
            return RiskBand.MEDIUM
        return RiskBand.HIGH


class RiskQuerySet(QualityQuerySet):
    def assessed(self):
        """Rows with an assessment (not the captions that group them)."""
        return self.filter(is_heading=False)


class Risk(FoldedSearchMixin, TimeStampedModel):
    """A row of the risk and opportunity register (Bảng nhận diện, đánh giá, hành động giải quyết
    rủi ro và cơ hội). Score and band are computed from P and S on the year's matrix and stored,
    so the register and the heat map are plain SQL."""

    search_fields = ("number", "title", "opportunity", "action_plan", "related_units", "notes")

    register = models.ForeignKey(QualityYear, verbose_name=_("năm"), on_delete=models.PROTECT, related_name="risks")
    section = models.CharField(_("nhóm"), max_length=4, choices=RiskSection.choices)
    number = models.CharField(_("STT"), max_length=20, help_text=_("Như trong bảng: 1, 2, 1.1.2…"))
    position = models.PositiveIntegerField(_("thứ tự"), default=0)
    kind = models.CharField(_("loại"), max_length=16, choices=RiskKind.choices, default=RiskKind.RISK)
    is_heading = models.BooleanField(
        _("dòng tiêu đề nhóm"), default=False, help_text=_("Dòng chỉ để nhóm các dòng dưới (không đánh giá P, S).")
    )
    title = models.TextField(_("vấn đề/quá trình"))
    likelihood = models.PositiveSmallIntegerField(
        _("khả năng xảy ra (P)"), null=True, blank=True, validators=ONE_TO_FIVE
    )
    severity = models.PositiveSmallIntegerField(_("mức độ tác động (S)"), null=True, blank=True, validators=ONE_TO_FIVE)
    score = models.PositiveSmallIntegerField(_("mức rủi ro (P×S)"), null=True, blank=True, editable=False)
    band = models.CharField(_("mức"), max_length=8, choices=RiskBand.choices, blank=True, editable=False)
    written_level = models.CharField(
        _("mức như ghi trên văn bản"),
        max_length=50,
        blank=True,
        help_text=_("Mức ghi tay hoặc nhập từ văn bản (ví dụ “2- Thấp”); hệ thống so với P×S và cảnh báo nếu khác."),
    )
    level_mismatch = models.BooleanField(_("mức ghi khác P×S"), default=False, editable=False)
    opportunity = models.TextField(_("cơ hội (+)"), blank=True)
    action_plan = models.TextField(_("hành động cần thực hiện để giải quyết rủi ro, cơ hội"), blank=True)
    related_units = models.TextField(_("đơn vị liên quan"), blank=True)
    notes = models.TextField(_("ghi chú"), blank=True)
    treatment = models.CharField(_("cách xử lý"), max_length=16, choices=Treatment.choices, blank=True)

    history = HistoricalRecords(excluded_fields=["search_key", "level_mismatch"])
    objects = RiskQuerySet.as_manager()

    class Meta:
        verbose_name = _("rủi ro, cơ hội")
        verbose_name_plural = _("rủi ro, cơ hội")
        ordering = ["register", "section", "position", "id"]
        permissions = [("manage_quality", _("Quản lý hệ thống chất lượng (mục tiêu, rủi ro, hành động)"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(likelihood__isnull=True) | Q(likelihood__gte=1, likelihood__lte=5),
                name="risk_likelihood_1_to_5",
            ),
            models.CheckConstraint(
                condition=Q(severity__isnull=True) | Q(severity__gte=1, severity__lte=5), name="risk_severity_1_to_5"
            ),
            models.UniqueConstraint(fields=["register", "section", "number"], name="risk_number_once_per_section"),
        ]
        indexes = [models.Index(fields=["register", "kind", "likelihood", "severity"], name="risk_heat_map_idx")]

    def __str__(self) -> str:
        return f"{self.section}.{self.number} {self.title[:60]}"

    def get_absolute_url(self) -> str:
        return reverse("quality:risk", args=[self.pk])

    def compute(self) -> None:
        """Score and band from P and S on the year's matrix, and whether the written level agrees."""
        if self.likelihood and self.severity:
            self.score = self.likelihood * self.severity
            self.band = self.register.band(self.score)
        else:
            self.score, self.band = None, ""
        self.level_mismatch = self.written_level_mismatch

    def save(self, *args, **kwargs):
        # Stored so the register filters disagreeing rows in SQL; kept current on every save.
        self.level_mismatch = self.written_level_mismatch
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "level_mismatch"}
        super().save(*args, **kwargs)

    @property
    def written_score(self) -> int | None:
        """The number in the level as written ("2- Thấp" → 2), if it has one."""
        match = re.match(r"\s*(\d+)", self.written_level or "")
        return int(match.group(1)) if match else None

    @property
    def written_level_mismatch(self) -> bool:
        """The level as written disagrees with P×S: its number, or its band's name."""
        if not self.written_level or self.score is None:
            return False
        if self.written_score is not None and self.written_score != self.score:
            return True
        # The band names of the register as written (Vietnamese), whatever the reader's language.
        with translation.override("vi"):
            words = {band: str(label).lower() for band, label in RiskBand.choices}
        written = self.written_level.lower()
        named = [band for band, word in words.items() if word in written]
        return bool(named) and self.band not in named


class RiskReview(models.Model):
    """A review of one register row: the assessment at that moment and what was said."""

    risk = models.ForeignKey(Risk, verbose_name=_("rủi ro, cơ hội"), on_delete=models.CASCADE, related_name="reviews")
    reviewed_on = models.DateField(_("ngày rà soát"), default=timezone.localdate)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người rà soát"), on_delete=models.PROTECT, related_name="+"
    )
    likelihood = models.PositiveSmallIntegerField(_("P"), null=True, blank=True)
    severity = models.PositiveSmallIntegerField(_("S"), null=True, blank=True)
    score = models.PositiveSmallIntegerField(_("P×S"), null=True, blank=True)
    band = models.CharField(_("mức"), max_length=8, choices=RiskBand.choices, blank=True)
    comment = models.TextField(_("nhận xét"), blank=True)
    created_at = models.DateTimeField(_("ghi lúc"), default=timezone.now)

    objects = QualityQuerySet.as_manager()

    class Meta:
        verbose_name = _("lần rà soát rủi ro")
        verbose_name_plural = _("các lần rà soát rủi ro")
        ordering = ["-reviewed_on", "-id"]

    def __str__(self) -> str:
        return f"{self.risk} · {self.reviewed_on:%d/%m/%Y}"


class Objective(TimeStampedModel):
    """A quality objective of the year with its plan (Mục tiêu chất lượng, kế hoạch thực hiện)."""

    plan = models.ForeignKey(QualityYear, verbose_name=_("năm"), on_delete=models.PROTECT, related_name="objectives")
    number = models.PositiveSmallIntegerField(_("STT"))
    title = models.TextField(_("mục tiêu chất lượng"))
    measurement = models.TextField(_("cách đo lường"))
    means = models.TextField(_("biện pháp thực hiện/đơn vị thực hiện"))
    starts_on = models.DateField(_("thời gian bắt đầu"))
    finishes_on = models.DateField(_("hạn hoàn thành"))
    finish_text = models.CharField(
        _("thời gian hoàn thành (như ghi trên văn bản)"),
        max_length=100,
        blank=True,
        help_text=_("Ví dụ “Trước 31/3/2026”, “Quý II/2026”; để trống thì in ngày hạn hoàn thành."),
    )
    indicator = models.CharField(_("chỉ số theo dõi"), max_length=32, choices=Indicator.choices)
    target = models.DecimalField(
        _("chỉ tiêu (%)"), max_digits=5, decimal_places=2, default=100, validators=[MinValueValidator(0)]
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người chủ trì"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    history = HistoricalRecords()
    objects = QualityQuerySet.as_manager()

    class Meta:
        verbose_name = _("mục tiêu chất lượng")
        verbose_name_plural = _("mục tiêu chất lượng")
        ordering = ["plan", "number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="objective_number_once_per_year")]

    def __str__(self) -> str:
        return f"{self.number}. {self.title[:80]}"

    def get_absolute_url(self) -> str:
        return reverse("quality:objective", args=[self.pk])


class Milestone(models.Model):
    """A step of an objective's plan, ticked off with its date."""

    objective = models.ForeignKey(
        Objective, verbose_name=_("mục tiêu"), on_delete=models.CASCADE, related_name="milestones"
    )
    title = models.CharField(_("mốc công việc"), max_length=500)
    due_on = models.DateField(_("hạn"), null=True, blank=True)
    done_on = models.DateField(_("hoàn thành ngày"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    history = HistoricalRecords()
    objects = QualityQuerySet.as_manager()

    class Meta:
        verbose_name = _("mốc công việc")
        verbose_name_plural = _("mốc công việc")
        ordering = ["objective", "position", "id"]

    def __str__(self) -> str:
        return self.title


class ObjectiveReview(models.Model):
    """The quarterly review of an objective: the figure and light then, and the comment."""

    objective = models.ForeignKey(
        Objective, verbose_name=_("mục tiêu"), on_delete=models.CASCADE, related_name="reviews"
    )
    quarter = models.PositiveSmallIntegerField(_("quý"), validators=[MinValueValidator(1), MaxValueValidator(4)])
    reviewed_on = models.DateField(_("ngày đánh giá"), default=timezone.localdate)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người đánh giá"), on_delete=models.PROTECT, related_name="+"
    )
    figure = models.CharField(_("số liệu khi đánh giá"), max_length=255, blank=True)
    light = models.CharField(_("đèn"), max_length=8, blank=True)
    comment = models.TextField(_("nhận xét"))

    history = HistoricalRecords()
    objects = QualityQuerySet.as_manager()

    class Meta:
        verbose_name = _("đánh giá định kỳ mục tiêu")
        verbose_name_plural = _("đánh giá định kỳ mục tiêu")
        ordering = ["objective", "quarter", "id"]
        constraints = [models.UniqueConstraint(fields=["objective", "quarter"], name="objective_review_once_a_quarter")]

    def __str__(self) -> str:
        return f"{self.objective} · Q{self.quarter}"


def late(today: date | None = None) -> Q:
    """An action still open after its due day."""
    return Q(status__in=OPEN_ACTION_STATUSES, due_on__lt=today or timezone.localdate())


class ActionQuerySet(QualityQuerySet):
    def restrict(self, user, action: str = "view"):
        """As every quality record, and besides: an action's owner may ``report`` on it."""
        if action == "report" and user is not None and user.is_authenticated and user.is_active:
            if not user.has_perm("quality.manage_quality"):
                return self.filter(owner_id=user.pk)
            return self
        return super().restrict(user, action)

    def open(self):
        return self.filter(status__in=OPEN_ACTION_STATUSES)

    def overdue(self, today: date | None = None):
        return self.filter(late(today))

    def not_overdue(self, today: date | None = None):
        return self.exclude(late(today))


class Action(FoldedSearchMixin, TimeStampedModel):
    """Who must do what by when, for a risk, an opportunity or an objective."""

    search_fields = ("title", "result", "owner__full_name")

    plan = models.ForeignKey(QualityYear, verbose_name=_("năm"), on_delete=models.PROTECT, related_name="actions")
    risk = models.ForeignKey(
        Risk, verbose_name=_("rủi ro, cơ hội"), on_delete=models.PROTECT, null=True, blank=True, related_name="actions"
    )
    objective = models.ForeignKey(
        Objective, verbose_name=_("mục tiêu"), on_delete=models.PROTECT, null=True, blank=True, related_name="actions"
    )
    title = models.TextField(_("việc cần làm"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        on_delete=models.PROTECT,
        related_name="quality_actions",
    )
    due_on = models.DateField(_("hạn"))
    status = models.CharField(_("trạng thái"), max_length=16, choices=ActionStatus.choices, default=ActionStatus.OPEN)
    done_on = models.DateField(_("hoàn thành ngày"), null=True, blank=True)
    result = models.TextField(_("kết quả, bằng chứng"), blank=True)

    history = HistoricalRecords(excluded_fields=["search_key"])
    objects = ActionQuerySet.as_manager()

    class Meta:
        verbose_name = _("hành động")
        verbose_name_plural = _("hành động")
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(fields=["status", "due_on"], name="action_status_due_idx"),
            models.Index(fields=["owner", "status"], name="action_owner_idx"),
        ]

    def __str__(self) -> str:
        return self.title[:80]

    def get_absolute_url(self) -> str:
        return reverse("quality:action", args=[self.pk])

    @property
    def is_overdue(self) -> bool:
        return self.status in OPEN_ACTION_STATUSES and self.due_on < timezone.localdate()


def evidence_path(instance, filename: str) -> str:
    return f"quality/evidence/{timezone.now():%Y/%m/%Y%m%d%H%M%S}-{filename}"


class Evidence(models.Model):
    """A link or a file that shows an objective's progress or an action done."""

    objective = models.ForeignKey(
        Objective, verbose_name=_("mục tiêu"), on_delete=models.CASCADE, null=True, blank=True, related_name="evidence"
    )
    action = models.ForeignKey(
        Action, verbose_name=_("hành động"), on_delete=models.CASCADE, null=True, blank=True, related_name="evidence"
    )
    title = models.CharField(_("tên bằng chứng"), max_length=255)
    link = models.URLField(_("liên kết"), max_length=500, blank=True)
    file = models.FileField(_("tệp"), upload_to=evidence_path, max_length=500, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người thêm"), on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(_("thêm lúc"), default=timezone.now)

    history = HistoricalRecords()
    objects = QualityQuerySet.as_manager()

    class Meta:
        verbose_name = _("bằng chứng")
        verbose_name_plural = _("bằng chứng")
        ordering = ["added_at", "id"]

    def __str__(self) -> str:
        return self.title

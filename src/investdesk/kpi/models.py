"""KPI of civil servants (NĐ 335/2025): the year's scoring rule, scoring periods, work items (đầu mục
công việc) with their adjustment proposals, and each person's evaluation for a period."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from investdesk.core.models import TimeStampedModel
from investdesk.core.querysets import RestrictedQuerySet

from . import access, periods, scoring
from .choices import AdjustmentStatus, Band, EvaluationStatus, Frequency, ItemSource, PeriodKind, YearRating

PERCENT = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))]

# The general criteria of NĐ 335/2025 as the department itemises them by default (30 points).
DEFAULT_CRITERIA = [
    {"code": "chinh-tri", "name": "Chính trị, tư tưởng", "max": "6"},
    {"code": "dao-duc", "name": "Đạo đức, lối sống", "max": "6"},
    {"code": "tac-phong", "name": "Tác phong, lề lối làm việc", "max": "6"},
    {"code": "ky-luat", "name": "Ý thức tổ chức kỷ luật", "max": "6"},
    {"code": "phuc-vu", "name": "Thái độ phục vụ nhân dân, doanh nghiệp", "max": "6"},
]


def default_criteria():
    return [dict(criterion) for criterion in DEFAULT_CRITERIA]


class ScoringRuleQuerySet(RestrictedQuerySet):
    def restrict(self, user, action: str = "view"):
        """Everyone reads the rule their scores follow; administrators (``configure_kpi``) change it."""
        if action == "view":
            return super().restrict(user, action)
        return self if access.can_configure(user) else self.none()


class ScoringRule(TimeStampedModel):
    """Cách tính điểm KPI của một năm: weights, penalties, bands and the general criteria.

    Configurable per year so a year can keep the province's earlier bands; an approved evaluation
    keeps the figures it was approved with whatever the rule becomes later."""

    year = models.PositiveSmallIntegerField(_("năm"), unique=True)
    frequency = models.CharField(_("kỳ chấm điểm"), max_length=8, choices=Frequency.choices, default=Frequency.MONTH)
    general_max = models.DecimalField(_("điểm tiêu chí chung"), max_digits=5, decimal_places=2, default=Decimal(30))
    task_max = models.DecimalField(_("điểm kết quả nhiệm vụ"), max_digits=5, decimal_places=2, default=Decimal(70))
    late_penalty = models.DecimalField(
        _("trừ khi trễ hạn (%)"), max_digits=5, decimal_places=2, default=Decimal(25), validators=PERCENT
    )
    error_penalty = models.DecimalField(
        _("trừ khi có sai sót (%)"), max_digits=5, decimal_places=2, default=Decimal(25), validators=PERCENT
    )
    excellent_min = models.DecimalField(_("mức xuất sắc từ"), max_digits=5, decimal_places=2, default=Decimal(90))
    excellent_strict = models.BooleanField(_("xuất sắc: trên (không gồm) mức"), default=False)
    good_min = models.DecimalField(_("mức tốt từ"), max_digits=5, decimal_places=2, default=Decimal(70))
    good_strict = models.BooleanField(_("tốt: trên (không gồm) mức"), default=False)
    completed_min = models.DecimalField(_("mức hoàn thành từ"), max_digits=5, decimal_places=2, default=Decimal(50))
    completed_strict = models.BooleanField(_("hoàn thành: trên (không gồm) mức"), default=False)
    quota_percent = models.DecimalField(
        _("tỷ lệ xuất sắc tối đa (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(20),
        validators=PERCENT,
        help_text=_("Trên số người được xếp loại hoàn thành tốt trở lên."),
    )
    year_rating = models.CharField(
        _("cách xếp loại năm"), max_length=16, choices=YearRating.choices, default=YearRating.AVERAGE
    )
    cutoff_day = models.PositiveSmallIntegerField(
        _("ngày chốt năm"),
        default=periods.DEFAULT_CUTOFF[1],
        validators=[MinValueValidator(1), MaxValueValidator(31)],
        help_text=_("Việc tính vào ngày sau ngày chốt được tính cho kỳ đầu của năm sau."),
    )
    cutoff_month = models.PositiveSmallIntegerField(
        _("tháng chốt năm"), default=periods.DEFAULT_CUTOFF[0], validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    criteria = models.JSONField(
        _("tiêu chí chung"),
        default=default_criteria,
        help_text=_("Danh sách tiêu chí: mã, tên và điểm tối đa."),
    )

    history = HistoricalRecords()
    objects = ScoringRuleQuerySet.as_manager()

    class Meta:
        verbose_name = _("cách tính điểm KPI")
        verbose_name_plural = _("cách tính điểm KPI")
        ordering = ["-year"]

    def __str__(self) -> str:
        return _("Cách tính điểm KPI năm %(year)s") % {"year": self.year}

    def get_absolute_url(self) -> str:
        return reverse("kpi:rule", args=[self.year])

    @property
    def cutoff(self) -> tuple[int, int]:
        return (self.cutoff_month, self.cutoff_day)

    def as_rule(self) -> scoring.Rule:
        return scoring.Rule(
            general_max=self.general_max,
            task_max=self.task_max,
            late_penalty=self.late_penalty / 100,
            error_penalty=self.error_penalty / 100,
            thresholds=(
                scoring.Threshold(scoring.EXCELLENT, self.excellent_min, self.excellent_strict),
                scoring.Threshold(scoring.GOOD, self.good_min, self.good_strict),
                scoring.Threshold(scoring.COMPLETED, self.completed_min, self.completed_strict),
            ),
            quota_share=self.quota_percent / 100,
            criteria=tuple(
                scoring.Criterion(str(c["code"]), str(c["name"]), Decimal(str(c["max"]))) for c in self.criteria or []
            ),
        )


class Period(models.Model):
    """Kỳ đánh giá: a month, quarter or year, made when first needed."""

    kind = models.CharField(_("loại kỳ"), max_length=8, choices=PeriodKind.choices)
    year = models.PositiveSmallIntegerField(_("năm"))
    number = models.PositiveSmallIntegerField(_("số thứ tự"))
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"))

    history = HistoricalRecords()
    # Periods are a calendar: everyone reads them; they are made by the services, never edited.
    objects = RestrictedQuerySet.as_manager()

    class Meta:
        verbose_name = _("kỳ đánh giá")
        verbose_name_plural = _("kỳ đánh giá")
        ordering = ["starts_on", "kind"]
        constraints = [models.UniqueConstraint(fields=["kind", "year", "number"], name="kpi_period_unique")]

    def __str__(self) -> str:
        if self.kind == PeriodKind.MONTH:
            return _("Tháng %(n)s/%(year)s") % {"n": f"{self.number:02d}", "year": self.year}
        if self.kind == PeriodKind.QUARTER:
            return _("Quý %(n)s/%(year)s") % {"n": self.number, "year": self.year}
        return _("Năm %(year)s") % {"year": self.year}

    @property
    def span(self) -> periods.Span:
        return periods.Span(self.year, self.kind, self.number)

    @property
    def code(self) -> str:
        return self.span.code


class WorkItemQuerySet(RestrictedQuerySet):
    def restrict(self, user, action: str = "view"):
        return access.person_scope(self, user, action)


class WorkItem(TimeStampedModel):
    """Đầu mục công việc: one product a person is to deliver in a period, with its weight in converted
    products, deadline, finish and the leader's assessment. Items from dossier steps are made by the
    system when the step finishes (``sync``); the others are entered by the person or a leader."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người thực hiện"), on_delete=models.PROTECT, related_name="kpi_items"
    )
    # The division the person was in when the item was made: a person who moves keeps their past.
    division = models.ForeignKey(
        "accounts.Division", verbose_name=_("phòng"), on_delete=models.PROTECT, null=True, related_name="+"
    )
    period = models.ForeignKey(Period, verbose_name=_("kỳ đánh giá"), on_delete=models.PROTECT, related_name="items")
    counts_on = models.DateField(_("tính vào ngày"))
    title = models.CharField(_("nội dung công việc"), max_length=500)
    source = models.CharField(_("nguồn"), max_length=16, choices=ItemSource.choices, default=ItemSource.MANUAL)
    step = models.OneToOneField(
        "dossiers.Step",
        verbose_name=_("bước xử lý hồ sơ"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="kpi_item",
    )
    weight = models.DecimalField(
        _("trọng số (sản phẩm quy đổi)"),
        max_digits=6,
        decimal_places=2,
        default=Decimal(1),
        validators=[MinValueValidator(Decimal(0))],
    )
    deadline = models.DateTimeField(_("hạn hoàn thành"), null=True, blank=True)
    finished_at = models.DateTimeField(_("hoàn thành lúc"), null=True, blank=True)
    outcome = models.CharField(_("kết quả về thời hạn"), max_length=16, blank=True)
    is_late = models.BooleanField(_("trễ hạn"), default=False)
    has_error = models.BooleanField(_("có sai sót"), default=False)
    quality = models.DecimalField(
        _("chất lượng (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=PERCENT,
        help_text=_("Lãnh đạo đánh giá; để trống là đạt yêu cầu (100%)."),
    )
    note = models.TextField(_("ghi chú"), blank=True)
    withdrawn = models.BooleanField(_("đã rút khỏi kỳ"), default=False)

    history = HistoricalRecords()
    objects = WorkItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("đầu mục công việc")
        verbose_name_plural = _("đầu mục công việc")
        ordering = ["counts_on", "id"]
        indexes = [
            # Covering the summary's grouped count, so it reads the index and never the rows.
            models.Index(
                fields=["division", "counts_on", "person", "withdrawn", "is_late", "finished_at"],
                name="kpi_item_summary_idx",
            ),
            models.Index(fields=["person", "period"], name="kpi_item_person_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("kpi:item", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.finished_at is None

    def as_scoring_item(self) -> scoring.Item:
        return scoring.Item(
            weight=Decimal(0) if self.withdrawn else self.weight,
            done=self.finished_at is not None,
            late=self.is_late,
            error=self.has_error,
            quality=self.quality,
        )


class AdjustmentQuerySet(RestrictedQuerySet):
    def restrict(self, user, action: str = "view"):
        """The proposals on the items ``user`` may ``action``."""
        return self.filter(item__in=WorkItem.objects.restrict(user, action))


class Adjustment(TimeStampedModel):
    """Đề xuất điều chỉnh: a person asks to change an item (weight, deadline) or take it out of the
    period; a leader approves or refuses, and only then the item changes."""

    item = models.ForeignKey(WorkItem, verbose_name=_("đầu mục"), on_delete=models.CASCADE, related_name="adjustments")
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người đề xuất"), on_delete=models.PROTECT, related_name="+"
    )
    weight = models.DecimalField(_("trọng số đề nghị"), max_digits=6, decimal_places=2, null=True, blank=True)
    deadline = models.DateTimeField(_("hạn đề nghị"), null=True, blank=True)
    withdraw = models.BooleanField(_("đề nghị rút khỏi kỳ"), default=False)
    reason = models.TextField(_("lý do"))
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=AdjustmentStatus.choices, default=AdjustmentStatus.PROPOSED
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người quyết định"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("quyết định lúc"), null=True, blank=True)
    decision_note = models.TextField(_("ý kiến"), blank=True)

    history = HistoricalRecords()
    objects = AdjustmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("đề xuất điều chỉnh đầu mục")
        verbose_name_plural = _("đề xuất điều chỉnh đầu mục")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return _("Điều chỉnh: %(item)s") % {"item": self.item}


class EvaluationQuerySet(RestrictedQuerySet):
    def restrict(self, user, action: str = "view"):
        return access.person_scope(self, user, action)


class Evaluation(TimeStampedModel):
    """Phiếu đánh giá KPI: one person's evaluation for one period — self-assessment, the division
    head's scores and comments, the department leader's approval. Read-only once approved; the item
    counts are kept as they were at approval, for the BM02.2 summary."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người được đánh giá"), on_delete=models.PROTECT, related_name="+"
    )
    division = models.ForeignKey(
        "accounts.Division", verbose_name=_("phòng"), on_delete=models.PROTECT, null=True, related_name="+"
    )
    position_name = models.CharField(_("chức vụ"), max_length=128, blank=True)
    period = models.ForeignKey(
        Period, verbose_name=_("kỳ đánh giá"), on_delete=models.PROTECT, related_name="evaluations"
    )
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=EvaluationStatus.choices, default=EvaluationStatus.DRAFT
    )
    self_scores = models.JSONField(_("tự chấm tiêu chí chung"), default=dict, blank=True)
    self_comment = models.TextField(_("tự nhận xét"), blank=True)
    self_assessed_at = models.DateTimeField(_("tự đánh giá lúc"), null=True, blank=True)
    general_scores = models.JSONField(_("điểm tiêu chí chung"), default=dict, blank=True)
    general_score = models.DecimalField(_("điểm tiêu chí chung"), max_digits=5, decimal_places=2, null=True)
    task_score = models.DecimalField(_("điểm kết quả nhiệm vụ"), max_digits=5, decimal_places=2, null=True)
    total = models.DecimalField(_("tổng điểm"), max_digits=5, decimal_places=2, null=True)
    band = models.CharField(_("xếp loại"), max_length=16, choices=Band.choices, blank=True)
    review_comment = models.TextField(_("nhận xét của lãnh đạo phòng"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lãnh đạo phòng chấm"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("chấm lúc"), null=True, blank=True)
    approval_comment = models.TextField(_("ý kiến của lãnh đạo Sở"), blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lãnh đạo Sở phê duyệt"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("phê duyệt lúc"), null=True, blank=True)
    items_assigned = models.PositiveIntegerField(_("số đầu mục được giao"), default=0)
    items_on_time = models.PositiveIntegerField(_("số hoàn thành đúng hạn"), default=0)
    items_late = models.PositiveIntegerField(_("số trễ hạn"), default=0)
    items_open = models.PositiveIntegerField(_("số chưa hoàn thành"), default=0)

    history = HistoricalRecords()
    objects = EvaluationQuerySet.as_manager()

    class Meta:
        verbose_name = _("phiếu đánh giá KPI")
        verbose_name_plural = _("phiếu đánh giá KPI")
        ordering = ["period__starts_on", "person__full_name", "id"]
        constraints = [models.UniqueConstraint(fields=["person", "period"], name="kpi_evaluation_unique")]
        indexes = [models.Index(fields=["division", "period"], name="kpi_evaluation_division_idx")]
        permissions = [
            ("configure_kpi", _("Cấu hình cách tính điểm KPI")),
            ("review_kpi", _("Chấm điểm KPI cán bộ của phòng mình")),
            ("approve_kpi", _("Phê duyệt kết quả KPI")),
            ("view_all_kpi", _("Xem KPI của mọi phòng")),
        ]

    def __str__(self) -> str:
        return _("KPI %(person)s — %(period)s") % {"person": self.person, "period": self.period}

    def get_absolute_url(self) -> str:
        return reverse("kpi:evaluation", args=[self.pk])

    @property
    def is_frozen(self) -> bool:
        return self.status == EvaluationStatus.APPROVED


class ExportTemplateQuerySet(RestrictedQuerySet):
    def restrict(self, user, action: str = "view"):
        """Everyone who exports reads the layouts; administrators (``configure_kpi``) upload them."""
        if action == "view":
            return super().restrict(user, action)
        return self if access.can_configure(user) else self.none()


class ExportTemplate(TimeStampedModel):
    """Mẫu BM02.2 của Sở: the department's own .docx or .xlsx layout of the division summary, with
    placeholders (``templates_fill``). The newest active one of a kind replaces the built-in layout."""

    kind = models.CharField(_("loại tệp"), max_length=8, choices=[("docx", "Word (.docx)"), ("xlsx", "Excel (.xlsx)")])
    file = models.FileField(_("tệp mẫu"), upload_to="kpi/templates/%Y/", max_length=500)
    name = models.CharField(_("tên mẫu"), max_length=200)
    is_active = models.BooleanField(_("đang dùng"), default=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người tải lên"), on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords()
    objects = ExportTemplateQuerySet.as_manager()

    class Meta:
        verbose_name = _("mẫu BM02.2")
        verbose_name_plural = _("mẫu BM02.2")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.name


class ItemTally(models.Model):
    """The counts of one person's work items in one division and month, kept by ``tally``: the
    summaries (BM02.2, the API, objective 4) add up months instead of counting millions of items."""

    division = models.ForeignKey("accounts.Division", on_delete=models.CASCADE, null=True, related_name="+")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()
    assigned = models.PositiveIntegerField(default=0)
    open = models.PositiveIntegerField(default=0)
    late = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("số đầu mục theo tháng")
        verbose_name_plural = _("số đầu mục theo tháng")
        ordering = ["month", "person"]
        constraints = [
            models.UniqueConstraint(fields=["division", "person", "month"], name="kpi_tally_unique"),
        ]
        indexes = [models.Index(fields=["division", "month"], name="kpi_tally_division_idx")]

    def __str__(self) -> str:
        return f"{self.person_id} {self.month:%m/%Y}: {self.assigned}"

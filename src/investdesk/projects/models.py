"""Investment projects outside the state budget (dự án đầu tư ngoài ngân sách), their investors,
decisions, schedule milestones, investor reports and inspections: the province's project database
and its monitoring & evaluation (giám sát, đánh giá đầu tư)."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from investdesk.core.import_records import ImportRecord, ImportStatus  # noqa: F401 - read from here by the services
from investdesk.core.models import FoldedSearchMixin, FoldedSearchQuerySet, TimeStampedModel
from investdesk.core.querysets import RestrictedQuerySet

from . import access
from .choices import (
    Country,
    DecisionKind,
    DecisionStatus,
    DelayStatus,
    ExemptionReason,
    InspectionKind,
    InspectionStatus,
    InvestorKind,
    MilestoneKind,
    ProjectKind,
    ProjectStatus,
    ReportKind,
    Sector,
    commune_name,
)

MONEY = {"max_digits": 20, "decimal_places": 0}


class InvestorQuerySet(FoldedSearchQuerySet):
    def restrict(self, user, action: str = "view"):
        return access.investor_scope(self, user, action)


class Investor(FoldedSearchMixin, TimeStampedModel):
    """Nhà đầu tư: a company or person investing in one or more projects of the province."""

    search_fields = ("name", "enterprise_code", "legal_representative")

    name = models.CharField(_("tên nhà đầu tư"), max_length=255)
    kind = models.CharField(_("loại"), max_length=16, choices=InvestorKind.choices, default=InvestorKind.DOMESTIC)
    country = models.CharField(_("quốc tịch"), max_length=2, choices=Country.choices, default=Country.VN)
    enterprise_code = models.CharField(_("mã số doanh nghiệp"), max_length=20, blank=True)
    address = models.CharField(_("địa chỉ trụ sở"), max_length=255, blank=True)
    legal_representative = models.CharField(_("người đại diện theo pháp luật"), max_length=150, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=30, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("đã gộp vào"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged",
        editable=False,
    )

    history = HistoricalRecords(excluded_fields=["search_key"])
    objects = InvestorQuerySet.as_manager()

    class Meta:
        verbose_name = _("nhà đầu tư")
        verbose_name_plural = _("nhà đầu tư")
        ordering = ["name", "id"]
        indexes = [
            models.Index(fields=["country"], name="projects_investor_country_idx"),
            models.Index(fields=["enterprise_code"], name="projects_investor_ent_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("projects:investor", args=[self.pk])


class ProjectQuerySet(FoldedSearchQuerySet):
    def restrict(self, user, action: str = "view"):
        """The projects ``user`` may ``action`` (view, change, confirm, close): see ``access``."""
        return access.project_scope(self, user, action)

    def late(self):
        from .choices import LATE_STATUSES

        return self.filter(delay_status__in=LATE_STATUSES)


class Project(FoldedSearchMixin, TimeStampedModel):
    """Dự án đầu tư: a non-budget investment project with its national code (mã số dự án).

    The delay picture (``delay_status``, ``delay_months``) is computed by ``delay`` from the
    milestones and stored, so lists filter and count it in SQL; the services recompute it on every
    change and a nightly job as the days pass.
    """

    search_fields = ("code", "name", "investor__name", "investor__enterprise_code", "address")

    code = models.CharField(_("mã số dự án"), max_length=32, unique=True)
    name = models.CharField(_("tên dự án"), max_length=500)
    investor = models.ForeignKey(
        Investor, verbose_name=_("nhà đầu tư"), on_delete=models.PROTECT, related_name="projects"
    )
    other_investors = models.ManyToManyField(
        Investor, verbose_name=_("nhà đầu tư khác"), blank=True, related_name="shared_projects"
    )
    kind = models.CharField(_("hình thức"), max_length=16, choices=ProjectKind.choices, default=ProjectKind.DIRECT)
    sector = models.CharField(_("ngành (VSIC)"), max_length=1, choices=Sector.choices)
    objectives = models.TextField(_("mục tiêu"), blank=True)
    scale = models.TextField(_("quy mô"), blank=True)
    commune = models.CharField(_("xã, phường, đặc khu"), max_length=8, db_index=True)
    address = models.CharField(_("địa điểm"), max_length=255, blank=True)
    latitude = models.DecimalField(_("vĩ độ"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("kinh độ"), max_digits=9, decimal_places=6, null=True, blank=True)
    land_area_ha = models.DecimalField(_("diện tích đất (ha)"), max_digits=12, decimal_places=4, null=True, blank=True)
    total_capital_vnd = models.DecimalField(_("tổng vốn đầu tư (đồng)"), **MONEY, default=0)
    contributed_capital_vnd = models.DecimalField(_("vốn góp của nhà đầu tư (đồng)"), **MONEY, default=0)
    mobilised_capital_vnd = models.DecimalField(_("vốn huy động (đồng)"), **MONEY, default=0)
    total_capital_usd = models.DecimalField(
        _("tổng vốn đầu tư (USD)"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    term_years = models.PositiveSmallIntegerField(
        _("thời hạn hoạt động (năm)"), null=True, blank=True, validators=[MaxValueValidator(99)]
    )
    incentives = models.TextField(_("ưu đãi, hỗ trợ đầu tư"), blank=True)
    deposit_vnd = models.DecimalField(_("ký quỹ (đồng)"), **MONEY, default=0)
    registered_on = models.DateField(_("ngày cấp/chấp thuận lần đầu"), null=True, blank=True)
    status = models.CharField(
        _("tình trạng"), max_length=16, choices=ProjectStatus.choices, default=ProjectStatus.PREPARING
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("chuyên viên theo dõi"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="monitored_projects",
    )
    division = models.ForeignKey(
        "accounts.Division",
        verbose_name=_("phòng quản lý"),
        on_delete=models.PROTECT,
        related_name="projects",
    )
    delay_status = models.CharField(
        _("tiến độ"), max_length=24, choices=DelayStatus.choices, default=DelayStatus.ON_TRACK, editable=False
    )
    delay_months = models.PositiveSmallIntegerField(_("số tháng chậm"), default=0, editable=False)
    delay_checked_on = models.DateField(_("tính tiến độ ngày"), null=True, blank=True, editable=False)

    history = HistoricalRecords(excluded_fields=["search_key", "delay_checked_on"], m2m_fields=[other_investors])
    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("dự án đầu tư")
        verbose_name_plural = _("dự án đầu tư")
        ordering = ["-registered_on", "code"]
        permissions = [
            ("confirm_decision", _("Xác nhận quyết định, giấy chứng nhận của dự án")),
            ("close_inspection", _("Kết thúc đợt kiểm tra, đánh giá dự án")),
            ("edit_all_projects", _("Sửa dự án của mọi phòng")),
        ]
        indexes = [
            # A filtered list is read in code order a page at a time: with the code after the
            # filtered column the first page is read from the index, not sorted from every match.
            models.Index(fields=["status", "code"], name="projects_status_code_idx"),
            models.Index(fields=["delay_status", "code"], name="projects_delay_code_idx"),
            models.Index(fields=["kind"], name="projects_kind_idx"),
            # The dashboard sums capital by sector, commune and year of registration: with the
            # amount in the index these read the index alone, not every project's row.
            models.Index(fields=["sector", "total_capital_vnd"], name="projects_sector_capital_idx"),
            models.Index(fields=["commune", "total_capital_vnd"], name="projects_commune_capital_idx"),
            models.Index(fields=["registered_on", "total_capital_vnd"], name="projects_registered_cap_idx"),
            models.Index(fields=["delay_status", "-delay_months"], name="projects_delay_idx"),
            # The watch list and the dashboard's most delayed: late projects, longest delay first.
            models.Index(fields=["-delay_months", "code"], name="projects_delay_order_idx"),
            models.Index(fields=["total_capital_vnd"], name="projects_capital_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(total_capital_vnd__gte=0), name="project_capital_not_negative"),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="project_latitude_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("projects:detail", args=[self.code])

    @property
    def commune_name(self) -> str:
        return commune_name(self.commune)

    @property
    def is_late(self) -> bool:
        from .choices import LATE_STATUSES

        return self.delay_status in LATE_STATUSES


class ProjectPartQuerySet(RestrictedQuerySet):
    """Rows that hang off a project follow the project's access (``access.project_scope``)."""

    def restrict(self, user, action: str = "view"):
        return access.project_scope(self, user, action, prefix="project__")


class DecisionVersion(TimeStampedModel):
    """Quyết định chấp thuận chủ trương, Giấy chứng nhận đăng ký đầu tư or an adjustment of either:
    one dated version of the project's legal content, saying what it changed. A version is in force
    once the division head confirms it."""

    project = models.ForeignKey(Project, verbose_name=_("dự án"), on_delete=models.CASCADE, related_name="decisions")
    number = models.PositiveSmallIntegerField(_("lần"), editable=False)
    kind = models.CharField(_("loại"), max_length=16, choices=DecisionKind.choices)
    reference = models.CharField(_("số quyết định/giấy chứng nhận"), max_length=64)
    decided_on = models.DateField(_("ngày ký"))
    changes_capital = models.BooleanField(_("điều chỉnh vốn"), default=False)
    changes_schedule = models.BooleanField(_("điều chỉnh tiến độ"), default=False)
    changes_investor = models.BooleanField(_("điều chỉnh nhà đầu tư"), default=False)
    changes_location = models.BooleanField(_("điều chỉnh địa điểm"), default=False)
    summary = models.TextField(_("nội dung"), blank=True)
    total_capital_vnd = models.DecimalField(_("tổng vốn theo quyết định (đồng)"), **MONEY, null=True, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=DecisionStatus.choices, default=DecisionStatus.DRAFT, editable=False
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người xác nhận"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("xác nhận lúc"), null=True, blank=True, editable=False)
    # The resolved dossier this version was proposed from, once an officer confirmed the proposal.
    source_dossier = models.ForeignKey(
        "dossiers.Dossier",
        verbose_name=_("từ hồ sơ"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="project_decisions",
    )

    history = HistoricalRecords()
    objects = ProjectPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("quyết định, giấy chứng nhận")
        verbose_name_plural = _("quyết định, giấy chứng nhận")
        ordering = ["project", "number"]
        constraints = [models.UniqueConstraint(fields=["project", "number"], name="decision_number_per_project")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.reference}"

    def get_absolute_url(self) -> str:
        return reverse("projects:decisions", args=[self.project.code])

    @property
    def changes_labels(self) -> list[str]:
        fields = ("changes_capital", "changes_schedule", "changes_investor", "changes_location")
        return [str(self._meta.get_field(name).verbose_name) for name in fields if getattr(self, name)]


class Milestone(TimeStampedModel):
    """Mốc tiến độ: one step of the project's schedule (per phase) with the date the decision in
    force committed to, the date it really happened, and months not counted by law (exemption)."""

    project = models.ForeignKey(Project, verbose_name=_("dự án"), on_delete=models.CASCADE, related_name="milestones")
    kind = models.CharField(_("mốc"), max_length=24, choices=MilestoneKind.choices)
    phase = models.PositiveSmallIntegerField(
        _("giai đoạn"), default=1, validators=[MinValueValidator(1), MaxValueValidator(20)]
    )
    committed_on = models.DateField(_("ngày cam kết"))
    decision = models.ForeignKey(
        DecisionVersion,
        verbose_name=_("theo quyết định"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="milestones",
    )
    actual_on = models.DateField(_("ngày thực hiện"), null=True, blank=True)
    exempt_months = models.PositiveSmallIntegerField(
        _("số tháng không tính chậm"), default=0, validators=[MaxValueValidator(120)]
    )
    exemption_reason = models.CharField(
        _("lý do không tính chậm"), max_length=24, choices=ExemptionReason.choices, blank=True
    )
    exemption_note = models.TextField(_("căn cứ, ghi chú"), blank=True)
    delay_months = models.PositiveSmallIntegerField(_("số tháng chậm"), default=0, editable=False)

    history = HistoricalRecords()
    objects = ProjectPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("mốc tiến độ")
        verbose_name_plural = _("mốc tiến độ")
        ordering = ["project", "committed_on", "phase", "id"]
        constraints = [
            models.UniqueConstraint(fields=["project", "kind", "phase"], name="milestone_once_per_phase"),
            models.CheckConstraint(
                condition=Q(exempt_months=0) | ~Q(exemption_reason=""), name="milestone_exemption_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({_('giai đoạn')} {self.phase})"

    def get_absolute_url(self) -> str:
        return reverse("projects:milestones", args=[self.project.code])


class InvestorReport(TimeStampedModel):
    """Báo cáo của nhà đầu tư: a periodic activity or M&E report with its due date and figures."""

    project = models.ForeignKey(Project, verbose_name=_("dự án"), on_delete=models.CASCADE, related_name="reports")
    kind = models.CharField(_("loại báo cáo"), max_length=24, choices=ReportKind.choices)
    year = models.PositiveSmallIntegerField(_("năm"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    period = models.PositiveSmallIntegerField(
        _("kỳ"), default=0, help_text=_("Quý 1–4, nửa năm 1–2; 0 cho báo cáo năm."), validators=[MaxValueValidator(4)]
    )
    due_on = models.DateField(_("hạn nộp"), editable=False)
    received_on = models.DateField(_("ngày nhận"), null=True, blank=True)
    realised_capital_vnd = models.DecimalField(_("vốn thực hiện trong kỳ (đồng)"), **MONEY, default=0)
    revenue_vnd = models.DecimalField(_("doanh thu thuần (đồng)"), **MONEY, default=0)
    export_usd = models.DecimalField(_("xuất khẩu (USD)"), max_digits=16, decimal_places=2, default=0)
    import_usd = models.DecimalField(_("nhập khẩu (USD)"), max_digits=16, decimal_places=2, default=0)
    labour = models.PositiveIntegerField(_("số lao động"), default=0)
    taxes_vnd = models.DecimalField(_("thuế, khoản nộp ngân sách (đồng)"), **MONEY, default=0)
    note = models.TextField(_("ghi chú"), blank=True)

    history = HistoricalRecords()
    objects = ProjectPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("báo cáo của nhà đầu tư")
        verbose_name_plural = _("báo cáo của nhà đầu tư")
        ordering = ["project", "-year", "-period", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["project", "kind", "year", "period"], name="report_once_per_period")
        ]
        indexes = [models.Index(fields=["due_on", "received_on"], name="projects_report_due_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.period_label}"

    def get_absolute_url(self) -> str:
        return reverse("projects:reports", args=[self.project.code])

    @property
    def period_label(self) -> str:
        if self.kind == ReportKind.QUARTERLY_ACTIVITY:
            return _("quý %(p)s/%(y)s") % {"p": self.period, "y": self.year}
        if self.kind == ReportKind.SEMIANNUAL_ME:
            return _("6 tháng đầu năm %(y)s") % {"y": self.year}
        return _("năm %(y)s") % {"y": self.year}

    @property
    def on_time(self) -> bool | None:
        if self.received_on is None:
            return None
        return self.received_on <= self.due_on


class Inspection(TimeStampedModel):
    """Kiểm tra, đánh giá: an inspection or evaluation of the project with its findings, the
    violations found, how they are handled and what follows; the division head closes it."""

    project = models.ForeignKey(Project, verbose_name=_("dự án"), on_delete=models.CASCADE, related_name="inspections")
    kind = models.CharField(_("loại"), max_length=24, choices=InspectionKind.choices)
    inspected_on = models.DateField(_("ngày kiểm tra"))
    findings = models.TextField(_("kết quả kiểm tra"))
    violations = models.TextField(_("vi phạm"), blank=True)
    handling = models.TextField(_("xử lý"), blank=True)
    follow_up = models.TextField(_("việc cần theo dõi"), blank=True)
    follow_up_due = models.DateField(_("hạn thực hiện"), null=True, blank=True)
    status = models.CharField(
        _("trạng thái"),
        max_length=8,
        choices=InspectionStatus.choices,
        default=InspectionStatus.OPEN,
        editable=False,
    )
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người kết thúc"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True, editable=False)

    history = HistoricalRecords()
    objects = ProjectPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("kiểm tra, đánh giá")
        verbose_name_plural = _("kiểm tra, đánh giá")
        ordering = ["project", "-inspected_on", "-id"]
        indexes = [models.Index(fields=["inspected_on"], name="projects_inspection_date_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.inspected_on:%d/%m/%Y}"

    def get_absolute_url(self) -> str:
        return reverse("projects:inspections", args=[self.project.code])


class ProjectImportQuerySet(RestrictedQuerySet):
    def restrict(self, user, action: str = "view"):
        """An import is seen and carried on by whoever may import and belongs to its uploader's division."""
        return access.import_scope(self, user)


class ProjectImport(ImportRecord):
    """A province's .xlsx list of projects on its way in: the file, how its columns map to the
    import's, the check's errors and changes, and what the import wrote. Not domain data: the
    projects it writes keep their own history."""

    file = models.FileField(_("tệp"), upload_to="imports/projects/%Y/%m/", max_length=500)
    layout_key = models.CharField(_("khóa bố cục cột"), max_length=64, db_index=True)
    row_count = models.PositiveIntegerField(_("số dòng dự án"), default=0)
    checked_state = models.CharField(_("dữ liệu lúc kiểm tra"), max_length=64, blank=True)
    changes = models.JSONField(_("thay đổi"), default=list)
    created_count = models.PositiveIntegerField(_("số dự án mới"), default=0)
    updated_count = models.PositiveIntegerField(_("số dự án cập nhật"), default=0)

    objects = ProjectImportQuerySet.as_manager()

    class Meta(ImportRecord.Meta):
        verbose_name = _("lần nhập danh sách dự án")
        verbose_name_plural = _("các lần nhập danh sách dự án")

    def get_absolute_url(self) -> str:
        return reverse("projects:import_detail", args=[self.pk])


class SavedFilterQuerySet(RestrictedQuerySet):
    def restrict(self, user, action: str = "view"):
        """One's own saved filters, and those shared with a group one belongs to (to use, not change)."""
        return access.saved_filter_scope(self, user, action)


class SavedFilter(models.Model):
    """A named set of the project list's filters, kept by a person and perhaps shared with a group
    (a division's officers follow the same list of late PPP projects, say)."""

    name = models.CharField(_("tên bộ lọc"), max_length=100)
    query = models.CharField(_("điều kiện lọc"), max_length=1000)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người tạo"), on_delete=models.CASCADE, related_name="+"
    )
    shared_with = models.ForeignKey(
        "auth.Group",
        verbose_name=_("chia sẻ với nhóm"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now)

    history = HistoricalRecords()
    objects = SavedFilterQuerySet.as_manager()

    class Meta:
        verbose_name = _("bộ lọc đã lưu")
        verbose_name_plural = _("bộ lọc đã lưu")
        ordering = ["name", "id"]
        constraints = [models.UniqueConstraint(fields=["owner", "name"], name="saved_filter_name_per_owner")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return f"{reverse('projects:list')}?{self.query}" if self.query else reverse("projects:list")

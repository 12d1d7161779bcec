"""The catalogue of administrative procedures (TTHC) and their versioned BPMN process models."""

from datetime import date

from django.db import models
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from investdesk.core.models import FoldedSearchMixin, FoldedSearchQuerySet, TimeStampedModel

from .choices import Authority, Field, ProcessRole, VersionStatus


def in_force_on(day: date) -> Q:
    """Versions approved (or since retired) whose period covers ``day``."""
    return Q(status__in=[VersionStatus.APPROVED, VersionStatus.RETIRED], effective_from__lte=day) & (
        Q(effective_to__isnull=True) | Q(effective_to__gte=day)
    )


class ProcedureQuerySet(FoldedSearchQuerySet):
    def with_version_in_force(self, day: date):
        """Each procedure with ``versions_in_force``: the version in force on ``day`` first (if
        any), read for the whole list in one more query."""
        versions = ProcedureVersion.objects.filter(in_force_on(day)).order_by("-effective_from", "-number")
        return self.prefetch_related(Prefetch("versions", queryset=versions, to_attr="versions_in_force"))

    def restrict(self, user, action: str = "view"):
        """Everyone signed in reads the catalogue; administrators change it."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if action == "view" or user.has_perm("procedures.manage_procedures"):
            return self
        return self.none()


class Procedure(FoldedSearchMixin, TimeStampedModel):
    """Thủ tục hành chính: one administrative procedure the division handles."""

    search_fields = ("code", "name", "legal_basis")

    code = models.SlugField(
        _("mã thủ tục"),
        max_length=64,
        unique=True,
        help_text=_("Mã TTHC quốc gia nếu có, nếu không là mã ngắn cố định."),
    )
    name = models.CharField(_("tên thủ tục"), max_length=500)
    field = models.CharField(_("lĩnh vực"), max_length=32, choices=Field.choices, default=Field.INVESTMENT_DOMESTIC)
    authority = models.CharField(
        _("cơ quan quyết định"),
        max_length=32,
        choices=Authority.choices,
        default=Authority.DEPARTMENT,
    )
    legal_basis = models.TextField(_("căn cứ pháp lý"), blank=True)
    statutory_days = models.DecimalField(_("thời hạn giải quyết (ngày làm việc)"), max_digits=6, decimal_places=2)
    channel_online = models.BooleanField(_("nộp trực tuyến"), default=True)
    channel_direct = models.BooleanField(_("nộp trực tiếp"), default=True)
    channel_post = models.BooleanField(_("nộp qua bưu chính"), default=True)
    fee = models.CharField(_("phí, lệ phí"), max_length=255, blank=True, default="Không")
    components = models.TextField(_("thành phần hồ sơ"), blank=True, help_text=_("Mỗi dòng một thành phần."))
    result_document = models.CharField(_("kết quả thực hiện"), max_length=500, blank=True)
    forms = models.TextField(_("mẫu đơn, tờ khai"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=100)
    division = models.ForeignKey(
        "accounts.Division",
        verbose_name=_("phòng giải quyết"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="procedures",
        help_text=_("Hồ sơ của thủ tục thuộc phòng này: lãnh đạo phòng phân công và điều chuyển người xử lý."),
    )

    history = HistoricalRecords(excluded_fields=["search_key"])
    objects = ProcedureQuerySet.as_manager()

    class Meta:
        verbose_name = _("thủ tục hành chính")
        verbose_name_plural = _("thủ tục hành chính")
        ordering = ["sort_order", "name", "id"]
        permissions = [("manage_procedures", _("Quản lý danh mục thủ tục và quy trình"))]
        indexes = [models.Index(fields=["field", "authority"], name="procedure_field_auth_idx")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("procedures:detail", args=[self.code])

    @property
    def component_list(self) -> list[str]:
        return [line.strip() for line in self.components.splitlines() if line.strip()]

    @property
    def channels(self) -> list[str]:
        labels = []
        if self.channel_online:
            labels.append("online")
        if self.channel_direct:
            labels.append("direct")
        if self.channel_post:
            labels.append("post")
        return labels

    def version_at(self, day: date) -> "ProcedureVersion | None":
        """The approved version in force on ``day`` (a dossier keeps the one of its receipt date)."""
        return self.versions.filter(in_force_on(day)).order_by("-effective_from", "-number").first()


class ProcedureVersion(TimeStampedModel):
    """A version of a procedure's internal process (quy trình nội bộ), in force from a date.

    An approved version never changes; a new draft is made for any change. ``bpmn_xml`` is the
    model dossiers run on; ``total_days`` is its longest path in working days.
    """

    procedure = models.ForeignKey(
        Procedure, verbose_name=_("thủ tục"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("số phiên bản"))
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    effective_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    effective_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    decision_number = models.CharField(_("số quyết định ban hành"), max_length=100, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    legal_basis = models.CharField(_("căn cứ áp dụng"), max_length=255, blank=True)
    statutory_days = models.DecimalField(
        _("thời hạn luật định (ngày làm việc)"),
        max_digits=6,
        decimal_places=2,
        help_text=_("Theo văn bản có hiệu lực khi ban hành phiên bản này."),
    )
    process_id = models.CharField(_("mã quy trình BPMN"), max_length=200)
    bpmn_xml = models.TextField(_("mô hình BPMN"))
    total_days = models.DecimalField(_("tổng thời gian (ngày làm việc)"), max_digits=6, decimal_places=2)
    difference_note = models.TextField(
        _("giải thích chênh lệch thời gian"),
        blank=True,
        help_text=_("Bắt buộc khi tổng thời gian theo sơ đồ khác thời hạn luật định."),
    )
    note = models.TextField(
        _("ghi chú về căn cứ thời hạn"),
        blank=True,
        help_text=_("Ví dụ: thời hạn nào chưa được đối chiếu với văn bản gốc, văn bản sửa đổi nào chưa áp dụng."),
    )

    history = HistoricalRecords(excluded_fields=["bpmn_xml"])

    class Meta:
        verbose_name = _("phiên bản quy trình")
        verbose_name_plural = _("phiên bản quy trình")
        ordering = ["procedure", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["procedure", "number"], name="procedure_version_number_unique"),
        ]
        indexes = [models.Index(fields=["procedure", "status", "effective_from"], name="procedure_version_force_idx")]

    def __str__(self) -> str:
        return f"{self.procedure.name} – v{self.number}"

    def get_absolute_url(self) -> str:
        return reverse("procedures:version", args=[self.procedure.code, self.number])


class ProcedureStep(models.Model):
    """A row of the procedure sheet: a user task of the version's model (derived, never edited)."""

    version = models.ForeignKey(
        ProcedureVersion,
        verbose_name=_("phiên bản"),
        on_delete=models.CASCADE,
        related_name="steps",
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"))
    element_id = models.CharField(_("mã phần tử"), max_length=200)
    name = models.CharField(_("nội dung công việc"), max_length=500)
    role = models.CharField(_("đơn vị/người thực hiện"), max_length=32, choices=ProcessRole.choices)
    working_days = models.DecimalField(_("thời gian (ngày làm việc)"), max_digits=6, decimal_places=2)
    result = models.CharField(_("kết quả"), max_length=500, blank=True)
    parallel = models.BooleanField(_("song song"), default=False)
    silence_means_consent = models.BooleanField(_("quá hạn không trả lời là đồng ý"), default=False)
    in_loop = models.BooleanField(_("chỉ khi phải bổ sung hồ sơ"), default=False)

    class Meta:
        verbose_name = _("bước xử lý")
        verbose_name_plural = _("bước xử lý")
        ordering = ["version", "order", "id"]

    def __str__(self) -> str:
        return self.name

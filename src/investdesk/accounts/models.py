"""The organisation and its people: department (Sở), divisions (phòng), positions, accounts,
API tokens."""

import hashlib

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from investdesk.core.models import FoldedSearchMixin, FoldedSearchQuerySet, TimeStampedModel

from .choices import Language, PositionLevel, Role


class Department(FoldedSearchMixin, TimeStampedModel):
    """Sở: the department the system serves (e.g. Sở Tài chính tỉnh Khánh Hòa)."""

    search_fields = ("code", "name", "short_name")

    code = models.SlugField(_("mã"), max_length=32, unique=True)
    name = models.CharField(_("tên cơ quan"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=64, blank=True)
    parent_name = models.CharField(
        _("cơ quan chủ quản"), max_length=255, blank=True, help_text=_("Ví dụ: UBND tỉnh Khánh Hòa")
    )
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=32, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)

    history = HistoricalRecords(excluded_fields=["search_key"])
    objects = FoldedSearchQuerySet.as_manager()

    class Meta:
        verbose_name = _("sở")
        verbose_name_plural = _("sở")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class DivisionQuerySet(FoldedSearchQuerySet):
    def restrict(self, user, action: str = "view"):
        """Divisions ``user`` may see (everyone signed in) or change (administrators)."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if action == "view" or user.is_administrator:
            return self
        return self.none()


class Division(FoldedSearchMixin, TimeStampedModel):
    """Phòng: a division of the department, such as Phòng Quản lý Đầu tư ngoài ngân sách."""

    search_fields = ("code", "name", "short_name")

    department = models.ForeignKey(Department, verbose_name=_("sở"), on_delete=models.PROTECT, related_name="divisions")
    code = models.SlugField(_("mã phòng"), max_length=32, unique=True)
    name = models.CharField(_("tên phòng"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=64, blank=True)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    history = HistoricalRecords(excluded_fields=["search_key"])
    objects = DivisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("phòng")
        verbose_name_plural = _("phòng")
        ordering = ["sort_order", "name", "id"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("accounts:division_detail", args=[self.pk])


class Position(TimeStampedModel):
    """Chức vụ/ngạch: chuyên viên, phó trưởng phòng, trưởng phòng, phó giám đốc sở, giám đốc sở…"""

    code = models.SlugField(_("mã"), max_length=32, unique=True)
    name = models.CharField(_("tên chức vụ"), max_length=128)
    level = models.CharField(_("cấp"), max_length=32, choices=PositionLevel.choices, default=PositionLevel.OFFICER)
    sort_order = models.PositiveSmallIntegerField(
        _("thứ tự"), default=100, help_text=_("Số nhỏ đứng trước trong danh sách cán bộ.")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("chức vụ")
        verbose_name_plural = _("chức vụ")
        ordering = ["sort_order", "name", "id"]

    def __str__(self) -> str:
        return self.name


class UserQuerySet(FoldedSearchQuerySet):
    def restrict(self, user, action: str = "view"):
        """The people ``user`` may see or change.

        Those who may see every person (administrators, department leaders) see everyone; those
        who see people otherwise (division heads) their own division; anyone else only themselves.
        Only administrators change accounts.
        """
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_administrator:
            return self
        if action != "view":
            return self.none()
        if user.has_perm("accounts.view_all_people"):
            return self
        if user.has_perm("accounts.view_people") and user.division_id:
            return self.filter(models.Q(division_id=user.division_id) | models.Q(pk=user.pk))
        return self.filter(pk=user.pk)


class PersonManager(UserManager.from_queryset(UserQuerySet)):
    pass


class User(FoldedSearchMixin, AbstractUser):
    """A person who works in the system (cán bộ, công chức), with their division and position."""

    search_fields = ("full_name", "username", "email", "phone")

    full_name = models.CharField(_("họ và tên"), max_length=150)
    position = models.ForeignKey(
        Position,
        verbose_name=_("chức vụ"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
    )
    division = models.ForeignKey(
        Division,
        verbose_name=_("phòng"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
    )
    phone = models.CharField(_("điện thoại"), max_length=32, blank=True)
    language = models.CharField(_("ngôn ngữ"), max_length=8, choices=Language.choices, default=Language.VI)
    version = models.PositiveIntegerField(_("phiên bản"), default=1, editable=False)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["password", "last_login", "search_key"])
    objects = PersonManager()

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")
        ordering = ["full_name", "id"]
        permissions = [
            ("manage_people", _("Quản lý người dùng, phòng và vai trò")),
            ("view_people", _("Xem danh sách cán bộ")),
            ("view_all_people", _("Xem cán bộ của mọi phòng")),
            ("manage_system", _("Quản trị hệ thống: sao lưu, cấu hình")),
        ]

    def __str__(self) -> str:
        return self.full_name or self.username

    def get_absolute_url(self) -> str:
        return reverse("accounts:person_detail", args=[self.pk])

    def get_full_name(self) -> str:
        return self.full_name or self.username

    def get_short_name(self) -> str:
        # Vietnamese people are called by the last word of their name ("anh An", "chị Hương").
        return (self.full_name or self.username).split(" ")[-1]

    @property
    def role_codes(self) -> frozenset[str]:
        cached = getattr(self, "_role_codes", None)
        if cached is None:
            cached = frozenset(self.groups.values_list("name", flat=True)) if self.pk else frozenset()
            self._role_codes = cached
        return cached

    def has_role(self, role: str) -> bool:
        return role in self.role_codes

    @property
    def is_administrator(self) -> bool:
        return self.is_active and (self.is_superuser or self.has_role(Role.ADMINISTRATOR))

    @property
    def role_labels(self) -> list[str]:
        return [str(label) for value, label in Role.choices if value in self.role_codes]


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def usable(self):
        now = timezone.now()
        return self.filter(revoked_at__isnull=True, user__is_active=True).filter(
            models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=now)
        )


class ApiToken(models.Model):
    """A personal API token. Only its SHA-256 digest is stored; the token is shown once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dùng"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField(_("tên gợi nhớ"), max_length=100)
    prefix = models.CharField(_("đầu mã"), max_length=16, editable=False)
    digest = models.CharField(_("mã băm"), max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("tạo lúc"), default=timezone.now)
    expires_at = models.DateTimeField(_("hết hạn lúc"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("dùng lần cuối"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)

    # Who made or revoked a token is kept; the digest and the last use (written per call) are not.
    history = HistoricalRecords(excluded_fields=["digest", "last_used_at"])
    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("mã truy cập API")
        verbose_name_plural = _("mã truy cập API")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_usable(self) -> bool:
        if self.revoked_at:
            return False
        return self.expires_at is None or self.expires_at > timezone.now()

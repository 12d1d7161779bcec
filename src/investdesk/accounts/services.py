"""Every change to the organisation and accounts: permission check, transaction and history
together."""

import logging
import secrets
from datetime import timedelta

from axes.models import AccessAttempt
from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from investdesk.core.exceptions import DomainError, PermissionDeniedError
from investdesk.core.services import record_change, required_text, save_versioned

from .choices import Role
from .models import ApiToken, Division, User, hash_token

logger = logging.getLogger(__name__)
TOKEN_PREFIX = "idk_"  # noqa: S105 - a marker that makes leaked tokens easy to grep, not a secret


def require_admin(actor: User) -> None:
    if not (actor.is_authenticated and actor.is_administrator):
        raise PermissionDeniedError()


def _set_roles(person: User, roles) -> None:
    wanted = {str(role) for role in roles}
    unknown = wanted - set(Role.values)
    if unknown:
        raise DomainError(_("Vai trò không tồn tại: %(roles)s") % {"roles": ", ".join(sorted(unknown))})
    groups = []
    for code in sorted(wanted):
        group, _created = Group.objects.get_or_create(name=code)
        groups.append(group)
    person.groups.set(groups)
    person._role_codes = None


def _guard_last_administrator(person: User, *, roles=None, is_active=None) -> None:
    """Refuses a change that would leave the system with no active administrator."""
    losing_role = roles is not None and Role.ADMINISTRATOR not in {str(r) for r in roles}
    losing_active = is_active is False
    if not (person.has_role(Role.ADMINISTRATOR) and (losing_role or losing_active)):
        return
    others = User.objects.filter(is_active=True, groups__name=Role.ADMINISTRATOR).exclude(pk=person.pk).exists()
    if not others and not User.objects.filter(is_active=True, is_superuser=True).exclude(pk=person.pk).exists():
        raise DomainError(_("Không thể bỏ quyền hoặc khóa người quản trị cuối cùng của hệ thống."))


@transaction.atomic
def create_person(actor: User, *, roles=(), password: str | None = None, **fields) -> User:
    require_admin(actor)
    person = User(**fields)
    if password:
        try:
            validate_password(password, person)
        except ValidationError as error:
            raise DomainError(" ".join(error.messages), field="password") from error
        person.set_password(password)
    else:
        person.set_unusable_password()
    record_change(person, actor, _("Tạo tài khoản"))
    person.save()
    _set_roles(person, roles)
    return person


@transaction.atomic
def update_person(actor: User, person: User, *, expected_version: int | None, roles=None, **fields) -> User:
    require_admin(actor)
    _guard_last_administrator(person, roles=roles, is_active=fields.get("is_active"))
    for name, value in fields.items():
        setattr(person, name, value)
    record_change(person, actor, _("Cập nhật thông tin"))
    save_versioned(person, expected_version, actor=actor)
    if roles is not None:
        _set_roles(person, roles)
    return person


@transaction.atomic
def set_password(actor: User, person: User, password: str) -> None:
    """An administrator sets a (temporary) password, or a person changes or resets their own; either
    way every API token of the person stops working."""
    if actor.pk != person.pk:
        require_admin(actor)
    try:
        validate_password(password, person)
    except ValidationError as error:
        raise DomainError(" ".join(error.messages), field="password") from error
    person.set_password(password)
    record_change(person, actor, _("Đặt lại mật khẩu"))
    # Saving it revokes every token of the person (``passwords.NewPasswordRevokesAccess``); signed-in
    # sessions end by themselves (the browser that changed its own password is re-signed by Django's
    # password change view).
    person.save(update_fields=["password", "updated_at"])
    if actor.pk != person.pk:
        # A new password from an administrator is also how a locked-out person gets back in.
        unlock_person(actor, person)


def is_locked_out(person: User) -> bool:
    # The lockout counts by username alone: failures are recorded per address and browser, so they
    # are added up across those records, as django-axes does when it decides.
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    failures = AccessAttempt.objects.filter(username=person.username, attempt_time__gte=since).aggregate(
        total=Sum("failures_since_start")
    )["total"]
    return (failures or 0) >= settings.AXES_FAILURE_LIMIT


def unlock_person(actor: User, person: User) -> int:
    """Clears the failed sign-in attempts that locked ``person`` out."""
    require_admin(actor)
    return axes_reset(username=person.username)


@transaction.atomic
def save_division(actor: User, division: Division, *, expected_version: int | None) -> Division:
    require_admin(actor)
    division._change_reason = _("Tạo phòng") if division.pk is None else _("Cập nhật phòng")
    save_versioned(division, expected_version, actor=actor)
    return division


@transaction.atomic
def update_own_profile(person: User, *, expected_version: int | None, **fields) -> User:
    """What a person may change about themselves: contact details and language."""
    allowed = {"email", "phone", "language"}
    for name, value in fields.items():
        if name not in allowed:
            raise PermissionDeniedError()
        setattr(person, name, value)
    person._change_reason = _("Tự cập nhật thông tin cá nhân")
    save_versioned(person, expected_version, actor=person)
    return person


def set_language(person: User, language: str) -> None:
    if language not in dict(settings.LANGUAGES):
        raise DomainError(_("Ngôn ngữ không được hỗ trợ."), field="language")
    if person.is_authenticated and person.language != language:
        # A preference, not a domain change: no history row for it.
        User.objects.filter(pk=person.pk).update(language=language)
        person.language = language


def create_api_token(
    person: User, *, name: str, days: int | None = None, lifetime: timedelta | None = None
) -> tuple[ApiToken, str]:
    """A new personal token; the raw value is returned once and never stored."""
    if not person.is_authenticated or not person.is_active:
        raise PermissionDeniedError()
    name = required_text(name, _("Hãy đặt tên gợi nhớ cho mã truy cập."), field="name")
    if days is not None and not 1 <= days <= 730:
        raise DomainError(_("Thời hạn phải từ 1 đến 730 ngày."), field="days")
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        user=person,
        name=name[:100],
        prefix=raw[:12],
        digest=hash_token(raw),
        expires_at=timezone.now() + (lifetime or timedelta(days=days or settings.API_TOKEN_DAYS)),
    )
    token._history_user = person
    token.save()
    return token, raw


def revoke_api_token(actor: User, token: ApiToken) -> None:
    if token.user_id != actor.pk and not actor.is_administrator:
        raise PermissionDeniedError()
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token._history_user = actor
        token.save(update_fields=["revoked_at"])


def revoke_api_tokens(person: User, *, actor: User | None = None) -> int:
    """Revokes every token of ``person`` still in use, each with its history (by ``actor``, else the
    person); how many."""
    now = timezone.now()
    tokens = list(ApiToken.objects.filter(user=person, revoked_at__isnull=True))
    for token in tokens:
        token.revoked_at = now
        token._history_user = actor or person
        token.save(update_fields=["revoked_at"])
    return len(tokens)


TOKEN_USE_RECORDED_EVERY = timedelta(minutes=5)
TOKEN_USE_WAIT_MS = 100


def user_for_token(raw: str) -> User | None:
    """The active person behind a raw API token, or None. Records when it was last used."""
    if not raw or not raw.startswith(TOKEN_PREFIX):
        return None
    token = ApiToken.objects.usable().select_related("user").filter(digest=hash_token(raw)).first()
    if token is None:
        return None
    now = timezone.now()
    # Written at most once every few minutes per token: every API call must not become a write.
    if token.last_used_at is None or now - token.last_used_at > TOKEN_USE_RECORDED_EVERY:
        _record_token_use(token, now)
    return token.user


def _record_token_use(token: ApiToken, now) -> None:
    """Best effort: a sign-in never waits for the database's write lock (held by an import's
    publish, say) longer than a moment, and never fails for it; a later request records the use."""
    connection = transaction.get_connection()
    sqlite = connection.vendor == "sqlite"
    try:
        with transaction.atomic():
            if sqlite:  # SQLite takes the write lock at BEGIN (IMMEDIATE): bound the wait for it
                with connection.cursor() as cursor:
                    cursor.execute(f"PRAGMA busy_timeout = {TOKEN_USE_WAIT_MS}")
            else:
                with connection.cursor() as cursor:
                    cursor.execute(f"SET LOCAL lock_timeout = '{TOKEN_USE_WAIT_MS}ms'")
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    except DatabaseError:
        logger.info("API token %s: its last use was not recorded (database busy)", token.pk)
    finally:
        if sqlite:
            with connection.cursor() as cursor:
                wait = int(connection.settings_dict.get("OPTIONS", {}).get("timeout", 5) * 1000)
                cursor.execute(f"PRAGMA busy_timeout = {wait}")

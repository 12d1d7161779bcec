"""Pages for people, divisions, roles, one's own profile and language."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required, permission_required
from django.contrib.auth.models import Group
from django.db.models import Count, Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from investdesk.core import generic
from investdesk.core.exceptions import DomainError, report_domain_error
from investdesk.core.views import ObjectListView

from . import services
from .choices import ROLE_DESCRIPTIONS, Role
from .filters import DivisionFilterSet, PersonFilterSet
from .forms import (
    ApiTokenForm,
    DivisionForm,
    LoginForm,
    NewPersonForm,
    PersonForm,
    ProfileForm,
    SetPasswordForm,
)
from .models import ApiToken, Division, User
from .tables import DivisionTable, PersonTable


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True


# --- People ---------------------------------------------------------------------------------------


class PersonListView(ObjectListView):
    model = User
    table_class = PersonTable
    filterset_class = PersonFilterSet
    permission_required = "accounts.view_people"

    def get_queryset(self):
        return super().get_queryset().select_related("position", "division").prefetch_related("groups")

    def get_context_data(self, **kwargs):
        self.title = _("Cán bộ, công chức")
        if self.request.user.has_perm("accounts.manage_people"):
            self.create_url = reverse("accounts:person_create")
            self.create_label = _("Thêm người dùng")
        return super().get_context_data(**kwargs)


PERSON_TABS = generic.info_history_tabs("accounts:person_history")


class PersonDetailView(generic.ObjectDetailView):
    model = User
    select_related = ("position", "division")
    context_object_name = "person"
    template_name = "accounts/person_detail.html"
    tabs = PERSON_TABS

    def get_title(self, person):
        return person.get_full_name()

    def get_extra_context(self, person):
        can_manage = self.request.user.has_perm("accounts.manage_people")
        return {
            "can_manage": can_manage,
            "locked_out": services.is_locked_out(person) if can_manage else False,
            "password_form": SetPasswordForm() if can_manage else None,
        }


class PersonHistoryView(generic.ObjectHistoryView):
    model = User
    tabs = PERSON_TABS

    def get_title(self, person):
        return person.get_full_name()


class PersonEditView(generic.ObjectEditView):
    """Adds an account (with its first password) or changes one; roles are set by the service."""

    model = User
    permission_required = "accounts.manage_people"
    context_object_name = "person"
    template_name = "accounts/person_form.html"

    def get_form_kwargs(self, person):
        kwargs = super().get_form_kwargs(person)
        if person.pk is None:
            kwargs.pop("instance")
        return kwargs

    def get_form(self, person):
        form_class = PersonForm if person.pk else NewPersonForm
        return form_class(**self.get_form_kwargs(person))

    def get_title(self, person):
        if person.pk is None:
            return _("Thêm người dùng")
        return _("Sửa thông tin: %(name)s") % {"name": person.get_full_name()}

    def save(self, form):
        data = {k: v for k, v in form.cleaned_data.items() if k not in {"roles", "password", "expected_version"}}
        if self.is_create():
            return services.create_person(
                self.request.user, roles=form.cleaned_data["roles"], password=form.cleaned_data["password"], **data
            )
        # The service gets the row as stored: the form has already written the new values on its instance.
        return services.update_person(
            self.request.user,
            User.objects.get(pk=form.instance.pk),
            expected_version=form.cleaned_data["expected_version"],
            roles=form.cleaned_data["roles"],
            **data,
        )

    def get_success_message(self, person):
        if self.is_create():
            return _("Đã tạo tài khoản %(name)s.") % {"name": person.get_full_name()}
        return _("Đã lưu thông tin của %(name)s.") % {"name": person.get_full_name()}


@require_POST
@permission_required("accounts.manage_people", raise_exception=True)
def person_set_password(request, pk: int):
    person = get_object_or_404(User.objects.restrict(request.user, "change"), pk=pk)
    form = SetPasswordForm(request.POST)
    if form.is_valid():
        generic.perform(
            request,
            lambda: services.set_password(request.user, person, form.cleaned_data["password"]),
            _("Đã đặt mật khẩu mới cho %(name)s.") % {"name": person.get_full_name()},
        )
    else:
        messages.error(request, _("Hãy nhập mật khẩu mới."))
    return redirect(person)


@require_POST
@permission_required("accounts.manage_people", raise_exception=True)
def person_unlock(request, pk: int):
    person = get_object_or_404(User.objects.restrict(request.user, "change"), pk=pk)
    services.unlock_person(request.user, person)
    messages.success(request, _("Đã mở khóa đăng nhập cho %(name)s.") % {"name": person.get_full_name()})
    return redirect(person)


# --- Divisions ------------------------------------------------------------------------------------


class DivisionListView(ObjectListView):
    model = Division
    table_class = DivisionTable
    filterset_class = DivisionFilterSet

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("department")
            .annotate(member_count=Count("people", filter=Q(people__is_active=True)))
        )

    def get_context_data(self, **kwargs):
        self.title = _("Phòng, đơn vị")
        if self.request.user.has_perm("accounts.manage_people"):
            self.create_url = reverse("accounts:division_create")
            self.create_label = _("Thêm phòng")
        return super().get_context_data(**kwargs)


DIVISION_TABS = generic.info_history_tabs("accounts:division_history")


class DivisionDetailView(generic.ObjectDetailView):
    model = Division
    select_related = ("department",)
    context_object_name = "division"
    template_name = "accounts/division_detail.html"
    tabs = DIVISION_TABS

    def get_extra_context(self, division):
        members = (
            User.objects.restrict(self.request.user)
            .filter(division=division, is_active=True)
            .select_related("position")
            .order_by("position__sort_order", "full_name")
        )
        return {"members": members, "can_manage": self.request.user.has_perm("accounts.manage_people")}


class DivisionHistoryView(generic.ObjectHistoryView):
    model = Division
    tabs = DIVISION_TABS


class DivisionEditView(generic.ObjectEditView):
    model = Division
    form_class = DivisionForm
    service = services.save_division
    permission_required = "accounts.manage_people"
    context_object_name = "division"
    template_name = "accounts/division_form.html"

    def get_title(self, division):
        return _("Sửa phòng: %(name)s") % {"name": division.name} if division.pk else _("Thêm phòng")

    def get_success_message(self, division):
        return _("Đã lưu phòng %(name)s.") % {"name": division.name}


# --- Roles ----------------------------------------------------------------------------------------


@permission_required("accounts.manage_people", raise_exception=True)
def role_list(request):
    groups = {
        group.name: group
        for group in Group.objects.annotate(
            member_count=Count("user", filter=Q(user__is_active=True))
        ).prefetch_related("permissions")
    }
    roles = [
        {
            "code": code,
            "label": label,
            "description": ROLE_DESCRIPTIONS.get(code, ""),
            "member_count": getattr(groups.get(code), "member_count", 0),
            "permissions": [p.name for p in groups[code].permissions.all()] if code in groups else [],
        }
        for code, label in Role.choices
    ]
    return render(request, "accounts/role_list.html", {"roles": roles, "title": _("Vai trò và quyền")})


@permission_required("accounts.manage_people", raise_exception=True)
def role_detail(request, code: str):
    if code not in Role.values:
        from django.http import Http404

        raise Http404
    members = (
        User.objects.restrict(request.user)
        .filter(groups__name=code)
        .select_related("position", "division")
        .order_by("full_name")
    )
    return render(
        request,
        "accounts/role_detail.html",
        {
            "role": Role(code),
            "description": ROLE_DESCRIPTIONS.get(code, ""),
            "members": members,
            "title": Role(code).label,
        },
    )


# --- One's own profile ----------------------------------------------------------------------------


def profile(request):
    person = request.user
    form = ProfileForm(request.POST or None, instance=person, prefix="profile")
    if request.method == "POST" and form.is_valid():
        try:
            services.update_own_profile(
                User.objects.get(pk=person.pk),
                expected_version=form.cleaned_data["expected_version"],
                email=form.cleaned_data["email"],
                phone=form.cleaned_data["phone"],
                language=form.cleaned_data["language"],
            )
        except DomainError as error:
            report_domain_error(error, form=form)
        else:
            messages.success(request, _("Đã lưu thông tin cá nhân."))
            response = redirect("accounts:profile")
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                form.cleaned_data["language"],
                secure=settings.LANGUAGE_COOKIE_SECURE,
                samesite="Lax",
            )
            return response
    return render(
        request,
        "accounts/profile.html",
        {
            "person": person,
            "form": form,
            "token_form": ApiTokenForm(prefix="token"),
            "tokens": person.api_tokens.all(),
            "title": _("Hồ sơ cá nhân"),
        },
    )


@require_POST
def token_create(request):
    form = ApiTokenForm(request.POST, prefix="token")
    if not form.is_valid():
        messages.error(request, _("Hãy nhập tên gợi nhớ và thời hạn từ 1 đến 730 ngày."))
        return redirect("accounts:profile")
    try:
        token, raw = services.create_api_token(
            request.user, name=form.cleaned_data["name"], days=form.cleaned_data["days"]
        )
    except DomainError as error:
        report_domain_error(error, request=request)
        return redirect("accounts:profile")
    # Shown once, on this response only; it is not stored and cannot be shown again.
    return render(
        request,
        "accounts/token_created.html",
        {"token": token, "raw": raw, "title": _("Mã truy cập mới")},
    )


@require_POST
def token_revoke(request, pk: int):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    services.revoke_api_token(request.user, token)
    messages.success(request, _("Đã thu hồi mã truy cập %(name)s.") % {"name": token.name})
    return redirect("accounts:profile")


@login_not_required
@require_POST
def set_language(request):
    """Switches the interface language: kept on the account, and in a cookie before sign-in."""
    language = request.POST.get("language", "")
    try:
        services.set_language(request.user, language)
    except DomainError:
        language = settings.LANGUAGE_CODE
    next_url = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, require_https=request.is_secure()):
        next_url = "/"
    response = HttpResponseRedirect(next_url)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response

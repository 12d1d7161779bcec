"""Forms for people, divisions, the profile and API tokens."""

from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from investdesk.core.forms import StyledForm, StyledFormMixin, VersionedModelForm

from . import services
from .choices import Role
from .models import Division, User


class LoginForm(StyledFormMixin, AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "Tên đăng nhập hoặc mật khẩu không đúng. Lưu ý: tài khoản sẽ bị tạm khóa nếu nhập sai nhiều lần liên tiếp."
        ),
        "inactive": _("Tài khoản này đã ngừng hoạt động."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Tên đăng nhập")
        self.fields["username"].widget.attrs.update(autocomplete="username", autofocus=True)
        self.fields["password"].label = _("Mật khẩu")


class PersonForm(VersionedModelForm):
    roles = forms.MultipleChoiceField(
        label=_("Vai trò"),
        choices=Role.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = User
        fields = ["username", "full_name", "position", "division", "email", "phone", "is_active"]
        labels = {"username": _("Tên đăng nhập"), "is_active": _("Đang hoạt động")}
        help_texts = {
            "username": _("Chữ, số và các ký tự @ . + - _ ; dùng để đăng nhập."),
            "is_active": _("Bỏ chọn để khóa tài khoản thay vì xóa (giữ lại lịch sử công việc)."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["full_name"].required = True
        self.fields["division"].queryset = Division.objects.filter(is_active=True)
        if self.instance.pk and not self.is_bound:
            self.initial["roles"] = sorted(self.instance.role_codes)


class NewPersonForm(PersonForm):
    password = forms.CharField(
        label=_("Mật khẩu ban đầu"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        required=False,
        help_text=_("Để trống nếu người dùng sẽ tự đặt mật khẩu qua chức năng quên mật khẩu."),
    )


class SetPasswordForm(StyledForm):
    password = forms.CharField(
        label=_("Mật khẩu mới"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )


class OwnPasswordChangeForm(auth_forms.PasswordChangeForm):
    """Changing one's own password goes through the service, which also revokes the API tokens."""

    def save(self, commit=True):
        services.set_password(self.user, self.user, self.cleaned_data["new_password1"])
        return self.user


class PasswordResetSetForm(auth_forms.SetPasswordForm):
    """The new password chosen from a reset link, through the same service."""

    def save(self, commit=True):
        services.set_password(self.user, self.user, self.cleaned_data["new_password1"])
        return self.user


class DivisionForm(VersionedModelForm):
    class Meta:
        model = Division
        fields = ["department", "code", "name", "short_name", "sort_order", "is_active"]


class ProfileForm(VersionedModelForm):
    class Meta:
        model = User
        fields = ["email", "phone", "language"]


class ApiTokenForm(StyledForm):
    name = forms.CharField(label=_("Tên gợi nhớ"), max_length=100, help_text=_("Ví dụ: Kết nối hệ thống một cửa"))
    days = forms.IntegerField(label=_("Thời hạn (ngày)"), min_value=1, max_value=730, initial=90)

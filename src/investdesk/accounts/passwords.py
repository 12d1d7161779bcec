"""What a new password does besides letting its owner in."""

from django.utils.translation import gettext as _


class NewPasswordRevokesAccess:
    """Listed with the password validators because Django tells every validator when a new password
    has been saved (``password_changed``), whichever path saved it: the services, the password
    change and reset pages, the admin site or the ``changepassword`` command. It refuses no password.

    Whoever knew the old password may hold an API token made with it, so every token of the person
    is revoked; the person's other signed-in sessions end by themselves, each carrying a hash of the
    password that no longer matches."""

    def validate(self, password, user=None) -> None:
        return None

    def get_help_text(self) -> str:
        return _("Đổi mật khẩu sẽ thu hồi mọi mã truy cập API và kết thúc các phiên đăng nhập khác của bạn.")

    def password_changed(self, password, user=None) -> None:
        if user is not None and user.pk:
            from .services import revoke_api_tokens

            revoke_api_tokens(user, actor=getattr(user, "_history_user", None))

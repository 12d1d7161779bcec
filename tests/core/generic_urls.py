"""Pages declared with the generic views on a real model (divisions), beside the site's own URLs."""

from django.urls import include, path

from investdesk.accounts import services
from investdesk.accounts.forms import DivisionForm
from investdesk.accounts.models import Division, User
from investdesk.accounts.tables import PersonTable
from investdesk.core import generic
from investdesk.core.downloads import DOCX
from investdesk.core.exceptions import DomainError
from investdesk.urls import urlpatterns as site

TABS = (
    generic.Tab("info", "Thông tin", "generic:detail"),
    generic.Tab("related", "Cán bộ", "generic:people"),
    *generic.info_history_tabs("generic:history")[1:],
)


class Detail(generic.ObjectDetailView):
    model = Division
    tabs = TABS
    select_related = ("department",)
    context_object_name = "division"
    template_name = "generic_test/detail.html"

    def get_extra_context(self, obj):
        return {"note": "phòng thử"}


class People(generic.ObjectChildrenView):
    model = Division
    tabs = TABS
    table_class = PersonTable

    def get_children(self, obj):
        return User.objects.restrict(self.request.user).filter(division=obj).select_related("position", "division")


class History(generic.ObjectHistoryView):
    model = Division
    tabs = TABS


class Edit(generic.ObjectEditView):
    model = Division
    form_class = DivisionForm
    service = services.save_division
    permission_required = "accounts.manage_people"
    success_message = "Đã lưu phòng %(object)s."
    create_title = "Thêm phòng"


def refuse(actor, division, *, expected_version):
    raise DomainError("Tên phòng đã có.", field="name")


class RefusingEdit(Edit):
    service = refuse


class NamedPredicate(Detail):
    def has_object_permission(self, obj):
        return obj.code != "dtnns"


class Download(generic.ObjectDownloadView):
    model = Division
    content_type = DOCX
    filename = 'phong "{obj.code}"\r\n/..\\x.docx'

    def get_content(self, obj):
        return b"PK-" + obj.code.encode()


urlpatterns = [
    path(
        "generic/",
        include(
            (
                [
                    path("<int:pk>/", Detail.as_view(), name="detail"),
                    path("<int:pk>/people/", People.as_view(), name="people"),
                    path("<int:pk>/history/", History.as_view(), name="history"),
                    path("new/", Edit.as_view(), name="new"),
                    path("<int:pk>/edit/", Edit.as_view(), name="edit"),
                    path("<int:pk>/refuse/", RefusingEdit.as_view(), name="refuse"),
                    path("<int:pk>/guarded/", NamedPredicate.as_view(), name="guarded"),
                    path("<int:pk>/download/", Download.as_view(), name="download"),
                ],
                "generic",
            )
        ),
    ),
    *site,
]

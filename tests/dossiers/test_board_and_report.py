"""The periodic report opened from the menu, and the division head's board of open steps."""

import io
import re
import zipfile
from datetime import timedelta
from html import unescape

import pytest
from django.utils import timezone

from investdesk.dossiers import services
from investdesk.procedures.models import Procedure

pytestmark = pytest.mark.django_db


def this_quarter():
    today = timezone.localdate()
    return today.replace(month=3 * ((today.month - 1) // 3) + 1, day=1), today


def download_link(html: str) -> str:
    match = re.search(
        r'<a[^>]*data-testid="report-xlsx"[^>]*href="([^"]+)"|<a[^>]*href="([^"]+)"[^>]*data-testid="report-xlsx"', html
    )
    assert match, "no Excel download link on the report"
    return unescape(match.group(1) or match.group(2))


def test_the_report_opens_on_this_quarter_and_downloads_what_it_shows(client, staff):
    start, today = this_quarter()
    client.force_login(staff["head"])
    response = client.get("/reports/dossiers/")
    html = response.content.decode()
    assert response.status_code == 200 and "Trường này là bắt buộc" not in html
    assert f'value="{start:%d/%m/%Y}"' in html and f'value="{today:%d/%m/%Y}"' in html
    link = download_link(html)
    assert f"date_from={start:%d/%m/%Y}".replace("/", "%2F") in link
    assert f"date_to={today:%d/%m/%Y}".replace("/", "%2F") in link and "format=xlsx" in link
    download = client.get("/reports/dossiers/" + link)
    assert download.status_code == 200 and download["Content-Type"].startswith("application/vnd.openxmlformats")
    assert f"bao-cao-tthc-{start:%Y%m%d}-{today:%Y%m%d}.xlsx" in download["Content-Disposition"]
    with zipfile.ZipFile(io.BytesIO(download.content)) as book:
        assert "Tổng cộng" in book.read("xl/sharedStrings.xml").decode()


def test_a_bare_excel_address_downloads_this_quarter(client, staff):
    start, today = this_quarter()
    client.force_login(staff["head"])
    response = client.get("/reports/dossiers/", {"format": "xlsx"})
    assert response.status_code == 200
    assert f"bao-cao-tthc-{start:%Y%m%d}-{today:%Y%m%d}.xlsx" in response["Content-Disposition"]


def test_a_chosen_period_is_kept_in_the_download(client, staff):
    client.force_login(staff["head"])
    procedure = Procedure.objects.order_by("sort_order").first()
    html = client.get(
        "/reports/dossiers/", {"date_from": "01/04/2026", "date_to": "30/06/2026", "procedure": procedure.pk}
    ).content.decode()
    link = download_link(html)
    assert "date_from=01%2F04%2F2026" in link and "date_to=30%2F06%2F2026" in link
    assert f"procedure={procedure.pk}" in link

"""Legal documents: what is in force, what replaced what, the year's changes, a checked file."""

from datetime import date

import pytest

from investdesk.core.exceptions import DomainError
from investdesk.legal import services
from investdesk.legal.models import LegalDocument

from ..security.hostile import pdf

pytestmark = pytest.mark.django_db


def test_legal_documents_know_what_is_in_force(seeded):
    old, new = LegalDocument.objects.get(number="31/2021/NĐ-CP"), LegalDocument.objects.get(number="96/2026/NĐ-CP")
    assert old.replaced_by == new
    assert old.status(date(2026, 3, 30)) == "in_force" and old.status(date(2026, 3, 31)) == "replaced"
    assert LegalDocument.objects.get(number="274/2026/NĐ-CP").status(date(2026, 8, 20)) == "pending"
    in_force = set(LegalDocument.objects.in_force(date(2026, 11, 27)).values_list("number", flat=True))
    assert {"96/2026/NĐ-CP", "143/2025/QH15", "274/2026/NĐ-CP"} <= in_force
    assert not {"31/2021/NĐ-CP", "61/2020/QH14", "23/2024/NĐ-CP"} & in_force
    assert new.procedures.filter(code="cap-lai-gcndkdt").exists()


def test_a_document_cannot_replace_itself(seeded, division_head):
    old, new = LegalDocument.objects.get(number="31/2021/NĐ-CP"), LegalDocument.objects.get(number="96/2026/NĐ-CP")
    new.replaced_by = old
    with pytest.raises(DomainError):
        services.save_document(division_head, new, new.version)


def test_changes_of_the_year_and_the_list(seeded, client, officer):
    client.force_login(officer)
    page = client.get("/legal-documents/changes/2026/")
    new = [d.number for d in page.context["new"]]
    replaced = [d.number for d in page.context["replaced"]]
    assert {"143/2025/QH15", "96/2026/NĐ-CP", "274/2026/NĐ-CP", "335/2025/NĐ-CP"} <= set(new)
    assert {"61/2020/QH14", "31/2021/NĐ-CP", "90/2020/NĐ-CP"} <= set(replaced)
    listing = client.get("/legal-documents/", {"q": "nghi dinh 96", "state": "in_force"}).content.decode()
    assert "96/2026/NĐ-CP" in listing
    listing = client.get("/legal-documents/", {"state": "replaced"}).content.decode()
    assert "31/2021/NĐ-CP" in listing and "96/2026/NĐ-CP" not in listing


def test_a_document_is_added_with_its_checked_file(seeded, client, division_head, officer):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(division_head)
    fields = {
        "number": "12/2026/TT-BTC",
        "kind": "circular",
        "issuer": "Bộ Tài chính",
        "title": "Hướng dẫn thử",
        "signed_on": "01/02/2026",
        "effective_from": "15/03/2026",
        "summary": "",
        "link": "",
    }
    refused = client.post("/legal-documents/new/", {**fields, "file": SimpleUploadedFile("tt.pdf", b"MZ fake")})
    assert refused.status_code == 200 and not LegalDocument.objects.filter(number="12/2026/TT-BTC").exists()
    response = client.post("/legal-documents/new/", {**fields, "file": SimpleUploadedFile("tt.pdf", pdf())})
    document = LegalDocument.objects.get(number="12/2026/TT-BTC")
    assert response.status_code == 302 and document.status(date(2026, 11, 27)) == "in_force"
    client.force_login(officer)
    download = client.get(f"/legal-documents/{document.pk}/file/")
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")


def test_every_legal_document_page_opens_at_its_old_address(seeded, client, division_head, officer):
    document = LegalDocument.objects.get(number="96/2026/NĐ-CP")
    pages = [
        "/legal-documents/",
        f"/legal-documents/{document.pk}/",
        f"/legal-documents/{document.pk}/history/",
        "/legal-documents/changes/2026/",
    ]
    managers_only = ["/legal-documents/new/", f"/legal-documents/{document.pk}/edit/"]
    client.force_login(officer)
    for url in pages:
        assert client.get(url).status_code == 200, url
    for url in managers_only:
        assert client.get(url).status_code == 403, url
    client.force_login(division_head)
    for url in pages + managers_only:
        assert client.get(url).status_code == 200, url
    assert client.get("/legal-documents/changes/1999/").status_code == 404
    assert client.get("/legal-documents/new/").context["cancel_url"] == "/legal-documents/"


def test_the_quality_dashboard_counts_the_year_s_changed_documents(seeded, client, officer):
    client.force_login(officer)
    page = client.get("/quality/2026/")
    changed = LegalDocument.objects.changed_in(2026)
    assert page.context["documents_changed"] == changed.count() > 0
    assert "/legal-documents/changes/2026/" in page.content.decode()

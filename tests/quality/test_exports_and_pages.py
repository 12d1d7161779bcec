"""Table 1 and Table 2 print in the signed layout from live data (Word and Excel); every page of the
quality system opens for the people who may see it."""

import io

import pytest
from docx import Document
from openpyxl import load_workbook

from investdesk.quality.models import Action, Objective, QualityYear, Risk

pytestmark = pytest.mark.django_db


def word(content: bytes):
    return Document(io.BytesIO(content))


def text_of(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def test_table_1_prints_in_the_signed_layout(seeded, client, officer):
    client.force_login(officer)
    response = client.get("/quality/2026/objectives.docx")
    assert response["Content-Disposition"] == 'attachment; filename="muc-tieu-chat-luong-2026.docx"'
    document = word(response.content)
    section = document.sections[0]
    assert section.page_width > section.page_height  # landscape
    assert document.paragraphs[0].text == "MỤC TIÊU CHẤT LƯỢNG, KẾ HOẠCH THỰC HIỆN MỤC TIÊU CHẤT LƯỢNG NĂM 2026"
    assert document.paragraphs[1].text == "CỦA PHÒNG QUẢN LÝ ĐẦU TƯ NGOÀI NGÂN SÁCH"
    assert document.paragraphs[0].runs[0].font.name == "Times New Roman"
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == [
        "STT",
        "Mục tiêu chất lượng",
        "Cách đo lường",
        "Biện pháp thực hiện/đơn vị thực hiện",
        "Thời gian bắt đầu",
        "Thời gian hoàn thành",
    ]
    assert len(table.rows) == 5
    assert [c.text for c in table.rows[2].cells][4:] == ["01/04/2026", "Quý II/2026"]
    text = text_of(document)
    assert "Khánh Hòa, ngày 26 tháng 01 năm 2026" in text and "TRƯỞNG PHÒNG" in text and "Ngô Bá Hưng" in text


def test_table_2_prints_live_levels_and_flags_the_written_one(seeded, client, officer):
    client.force_login(officer)
    document = word(client.get("/quality/2026/risks.docx").content)
    assert document.paragraphs[0].text == "BẢNG NHẬN DIỆN, ĐÁNH GIÁ, HÀNH ĐỘNG GIẢI QUYẾT RỦI RO VÀ CƠ HỘI – Năm 2026"
    table = document.tables[0]
    assert table.rows[0].cells[2].text == "Đánh giá rủi ro (R) (-)"
    assert [c.text for c in table.rows[1].cells[2:5]] == [
        "Khả năng xảy ra (P) (1-5)",
        "Mức độ tác động (S) (1-5)",
        "Mức RR (P*S)",
    ]
    rows = {row.cells[0].text: [c.text for c in row.cells] for row in table.rows[2:]}
    assert rows["1.1.2"][2:5] == ["3", "3", "9- Trung bình"]
    assert "Mức ghi trên văn bản “2- Thấp” khác P×S" in rows["1.1.2"][8]
    assert rows["2"][4] == "8- Thấp"
    captions = [row.cells[0].text for row in table.rows if row.cells[0].text.startswith(("I.", "II.", "III.", "IV."))]
    assert captions == [
        "I. Các yếu tố nội bộ",
        "II. Các yếu tố bên ngoài",
        "III. Nhu cầu và mong đợi các bên quan tâm",
        "IV. Quá trình giải quyết TTHC",
    ]
    assert "TRƯỞNG PHÒNG" in text_of(document)


def test_both_tables_as_excel(seeded, client, officer):
    client.force_login(officer)
    for url, title, marker in [
        (
            "/quality/2026/objectives.xlsx",
            "MỤC TIÊU CHẤT LƯỢNG, KẾ HOẠCH THỰC HIỆN MỤC TIÊU CHẤT LƯỢNG NĂM 2026",
            "Quý II/2026",
        ),
        (
            "/quality/2026/risks.xlsx",
            "BẢNG NHẬN DIỆN, ĐÁNH GIÁ, HÀNH ĐỘNG GIẢI QUYẾT RỦI RO VÀ CƠ HỘI – Năm 2026",
            "9- Trung bình",
        ),
    ]:
        response = client.get(url)
        rows = list(
            load_workbook(io.BytesIO(response.content), read_only=True).worksheets[0].iter_rows(values_only=True)
        )
        cells = [str(cell) for row in rows for cell in row if cell is not None]
        assert rows[0][0] == title and marker in cells and "TRƯỞNG PHÒNG" in cells and "Ngô Bá Hưng" in cells


def test_every_quality_page_opens(seeded, client, division_head, officer):
    plan = QualityYear.objects.get(year=2026)
    risk = Risk.objects.get(register=plan, section="IV", number="1.1.2")
    objective = Objective.objects.get(plan=plan, number=3)
    action = Action.objects.create(plan=plan, risk=risk, title="Theo dõi", owner=officer, due_on="2026-12-01")
    pages = [
        "/quality/",
        "/quality/2026/",
        "/quality/2026/objectives/",
        "/quality/2026/risks/",
        f"/quality/objectives/{objective.pk}/",
        f"/quality/objectives/{objective.pk}/history/",
        f"/quality/risks/{risk.pk}/",
        f"/quality/risks/{risk.pk}/history/",
        "/quality/actions/",
        f"/quality/actions/{action.pk}/",
        f"/quality/actions/{action.pk}/history/",
    ]
    managers_only = [
        "/quality/2026/settings/",
        "/quality/2026/objectives/new/",
        f"/quality/2026/objectives/{objective.pk}/edit/",
        "/quality/2026/risks/new/",
        f"/quality/2026/risks/{risk.pk}/edit/",
        "/quality/2026/actions/new/",
        f"/quality/2026/actions/{action.pk}/edit/",
    ]
    client.force_login(officer)
    for url in pages:
        assert client.get(url, follow=True).status_code == 200, url
    for url in managers_only:
        assert client.get(url).status_code == 403, url
    client.force_login(division_head)
    for url in pages + managers_only:
        assert client.get(url, follow=True).status_code == 200, url
    dashboard = client.get("/quality/2026/").content.decode()
    assert 'data-testid="heat-cell-risk-3-3"' in dashboard and 'data-testid="mismatch-alert"' in dashboard


def test_the_dashboard_keeps_a_fixed_number_of_queries(seeded, client, officer, django_assert_max_num_queries):
    plan = QualityYear.objects.get(year=2026)
    for index in range(30):
        Risk.objects.create(register=plan, section="II", number=f"9.{index}", title="x", likelihood=2, severity=2)
    client.force_login(officer)
    with django_assert_max_num_queries(40):
        client.get("/quality/2026/")


def test_a_year_nobody_opened_is_shown_as_such_and_a_manager_opens_it(seeded, client, officer, division_head):
    client.force_login(officer)
    response = client.get("/quality/2031/")
    assert response.status_code == 404 and 'data-testid="no-year"' in response.content.decode()
    assert client.post("/quality/2031/open/").status_code == 302
    assert not QualityYear.objects.filter(year=2031).exists()  # officers cannot open a year; visits write nothing
    client.force_login(division_head)
    assert client.get("/quality/2031/risks/").status_code == 404
    response = client.post("/quality/2031/open/")
    plan = QualityYear.objects.get(year=2031)
    assert response.status_code == 302 and (plan.low_max, plan.medium_max) == (8, 12)
    assert plan.history.get().history_user == division_head
    assert client.get("/quality/2031/").status_code == 200
    assert client.get("/quality/").url == "/quality/2026/"  # the latest year opened up to this one

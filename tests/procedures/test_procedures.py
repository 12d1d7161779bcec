"""The catalogue: seeded models valid and on time, uploads checked, versions, sheets, API."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document

from investdesk.procedures import services
from investdesk.procedures.bpmn import BpmnError, analyse
from investdesk.procedures.bpmn.layout import Check, Task, draw
from investdesk.procedures.catalogue import PROCEDURES
from investdesk.procedures.choices import ProcessRole as R
from investdesk.procedures.choices import VersionStatus
from investdesk.procedures.models import Procedure, ProcedureVersion

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(seeded):
    return Procedure.objects.all()


SIMPLE = [
    Task("Tiếp nhận", R.RECEPTION, "0.5"),
    Check("Thẩm định", R.OFFICER, "1"),
    Task("Ký", R.DEPARTMENT_LEADER, "1"),
    Task("Trả kết quả", R.RECEPTION, "0.5"),
]


def test_the_catalogue_holds_every_procedure_of_the_decree(catalogue):
    assert catalogue.count() == len(PROCEDURES) == 20
    names = " | ".join(catalogue.values_list("name", flat=True))
    for phrase in [
        "Chấp thuận chủ trương đầu tư",
        "Cấp lại",
        "Hiệu đính",
        "Thành lập văn phòng điều hành",
        "Điều chỉnh văn phòng điều hành",
        "Chấm dứt hoạt động văn phòng điều hành",
        "Đổi Giấy",
    ]:
        assert phrase in names


def test_every_seeded_step_table_sums_to_the_statutory_time(catalogue):
    for procedure in catalogue:
        for version in procedure.versions.all():
            assert version.total_days == version.statutory_days, procedure.code
            analysis = analyse(version.bpmn_xml)
            assert analysis.longest_days == version.statutory_days
            roles = {step.role for step in version.steps.all()}
            assert {"reception", "officer"} <= roles, procedure.code


def test_policy_approval_keeps_its_old_version(catalogue):
    procedure = Procedure.objects.get(code="chap-thuan-chu-truong-dau-tu")
    old = procedure.version_at(date(2026, 2, 27))
    new = procedure.version_at(date(2026, 3, 1))
    assert (old.number, old.statutory_days, old.status) == (1, Decimal(35), VersionStatus.RETIRED)
    assert old.effective_to == date(2026, 2, 28)
    assert (new.number, new.statutory_days) == (2, Decimal(17))
    consults = new.steps.filter(silence_means_consent=True)
    assert consults.count() == 3 and all(s.parallel and s.working_days == 7 for s in consults)


def test_the_split_follows_the_decree_for_ppc_decisions(catalogue):
    """Asking for opinions ≤ 2, answers ≤ 7, the appraisal report ≤ 14, the chairman 3 (Đ35 k7–8)."""
    version = Procedure.objects.get(code="chap-thuan-nha-dau-tu").version_at(date(2026, 6, 1))
    steps = list(version.steps.all())
    chairman_at = next(i for i, s in enumerate(steps) if s.role == R.PPC_CHAIRMAN)
    first_consult = next(i for i, s in enumerate(steps) if s.parallel)
    asking = sum(s.working_days for s in steps[:first_consult])
    consulting = max(s.working_days for s in steps if s.parallel)
    report = sum(s.working_days for s in steps[:chairman_at] if not s.parallel) + consulting
    assert asking <= 2 and consulting == 7 and report <= 14
    assert steps[chairman_at].working_days == 3


def xml_with(**replace):
    xml = draw("Process_test", "Thử", SIMPLE)
    for old, new in replace.items():
        assert old in xml, old
        xml = xml.replace(old, new)
    return xml


@pytest.mark.parametrize(
    ("xml", "expected"),
    [
        ("<not-xml", "không phải XML"),
        ("<root/>", "BPMN 2.0"),
        (xml_with(**{'value="officer"': 'value="boss"'}), 'vai trò "boss"'),
        (
            xml_with(**{'name="working_days" value="1"': 'name="working_days" value="một"'}),
            'thời gian "một"',
        ),
        (
            xml_with(**{'name="working_days" value="1"': 'name="working_days" value="-1"'}),
            'thời gian "-1"',
        ),
        (xml_with(**{'bpmnElement="userTask_2"': 'bpmnElement="nothing"'}), "userTask_2"),
    ],
)
def test_invalid_models_are_refused_naming_the_problem(xml, expected):
    with pytest.raises(BpmnError) as error:
        analyse(xml)
    assert any(expected in message for message in error.value.messages), error.value.messages


def test_a_plain_task_must_be_a_user_task():
    from lxml import etree

    root = etree.fromstring(draw("Process_test", "Thử", SIMPLE).encode())
    task = root.find(".//{http://www.omg.org/spec/BPMN/20100524/MODEL}userTask[@name='Ký']")
    task.tag = "{http://www.omg.org/spec/BPMN/20100524/MODEL}task"
    with pytest.raises(BpmnError) as error:
        analyse(etree.tostring(root))
    assert any("User Task" in m and "Ký" in m for m in error.value.messages)


def test_external_entities_are_not_read():
    xxe = (
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        '<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL">'
        '<bpmn:process id="p" name="&x;" isExecutable="true"/></bpmn:definitions>'
    )
    with pytest.raises(BpmnError) as error:
        analyse(xxe)
    assert "root:" not in " ".join(error.value.messages)


def test_time_different_from_the_law_needs_an_explanation(catalogue, admin_user):
    procedure = Procedure.objects.get(code="cap-lai-gcndkdt")  # 3 days; SIMPLE sums to 3
    slow = draw("Process_slow", "Chậm", [*SIMPLE[:2], Task("Ký", R.DEPARTMENT_LEADER, "2"), SIMPLE[3]])
    before = ProcedureVersion.objects.count()
    with pytest.raises(services.ModelRejected) as error:
        services.create_version(admin_user, procedure, slow)
    assert "4 ngày" in error.value.messages[0] and "3 ngày" in error.value.messages[0]
    assert ProcedureVersion.objects.count() == before
    version = services.create_version(admin_user, procedure, slow, difference_note="Thí điểm rút gọn")
    assert version.status == VersionStatus.DRAFT and version.total_days == 4


def test_upload_page_refuses_and_changes_nothing(client, catalogue, admin_user):
    client.force_login(admin_user)
    before = ProcedureVersion.objects.count()
    bad = xml_with(**{'value="officer"': 'value="boss"'})
    response = client.post(
        "/procedures/cap-lai-gcndkdt/upload/",
        {"bpmn_file": SimpleUploadedFile("x.bpmn", bad.encode(), content_type="application/xml")},
    )
    html = response.content.decode()
    assert response.status_code == 200 and 'data-testid="model-errors"' in html and "boss" in html
    assert ProcedureVersion.objects.count() == before
    response = client.post(
        "/procedures/cap-lai-gcndkdt/upload/",
        {"bpmn_file": SimpleUploadedFile("x.exe", b"MZ", content_type="application/octet-stream")},
    )
    assert ".bpmn" in response.content.decode() and ProcedureVersion.objects.count() == before


def test_upload_approve_and_the_new_version_takes_over(client, catalogue, admin_user):
    client.force_login(admin_user)
    response = client.post(
        "/procedures/cap-lai-gcndkdt/upload/",
        {"bpmn_file": SimpleUploadedFile("ok.bpmn", draw("Process_ok", "OK", SIMPLE).encode())},
    )
    assert response.status_code == 302
    procedure = Procedure.objects.get(code="cap-lai-gcndkdt")
    # v1 is the version under the old law, v2 the one in force since 01/03/2026.
    draft = procedure.versions.get(number=3)
    assert draft.status == VersionStatus.DRAFT
    assert procedure.version_at(date(2026, 12, 1)).number == 2  # a draft is never in force
    response = client.post(
        "/procedures/cap-lai-gcndkdt/v3/approve/",
        {
            "effective_from": "01/12/2026",
            "decision_number": "123/QĐ-STC",
            "expected_version": draft.version,
        },
    )
    assert response.status_code == 302
    assert procedure.version_at(date(2026, 11, 30)).number == 2
    assert procedure.version_at(date(2026, 12, 1)).number == 3
    first = procedure.versions.get(number=2)
    assert first.effective_to == date(2026, 11, 30) and first.status == VersionStatus.RETIRED
    with pytest.raises(services.DomainError):
        services.approve_version(admin_user, first, effective_from=date(2027, 1, 1))


def test_editor_saves_a_new_draft(client, catalogue, admin_user):
    client.force_login(admin_user)
    version = Procedure.objects.get(code="doi-gcndkdt").versions.get(number=2)  # in force (v1: old law)
    assert client.get("/procedures/doi-gcndkdt/v2/editor/").status_code == 200
    response = client.post("/procedures/doi-gcndkdt/v2/editor/", {"bpmn_xml": version.bpmn_xml})
    assert response.status_code == 302
    assert ProcedureVersion.objects.get(procedure=version.procedure, number=3).status == VersionStatus.DRAFT
    version.refresh_from_db()
    assert version.status == VersionStatus.APPROVED  # approved versions never change


def test_only_administrators_load_models(client, catalogue, officer, division_head):
    for person in (officer, division_head):
        client.force_login(person)
        assert client.get("/procedures/doi-gcndkdt/upload/").status_code == 403
        assert client.get("/procedures/doi-gcndkdt/v1/editor/").status_code == 403
        assert client.post("/procedures/doi-gcndkdt/v1/approve/", {}).status_code == 403


def test_sheet_reads_back_with_the_step_table(client, catalogue, officer):
    client.force_login(officer)
    response = client.get("/procedures/chap-thuan-chu-truong-dau-tu/v2/sheet.docx")
    assert response.status_code == 200
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "QUY TRÌNH NỘI BỘ" in text and "Chấp thuận chủ trương đầu tư" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in document.tables[0].rows[0].cells[1].text
    steps = document.tables[1]
    assert [c.text for c in steps.rows[0].cells][:2] == ["Bước", "Nội dung công việc"]
    assert steps.rows[-1].cells[3].text == "17"
    assert any("Chủ tịch UBND tỉnh" in row.cells[2].text for row in steps.rows)
    assert len(steps.rows) == 1 + 11 + 1
    assert document.sections[0].page_width > document.sections[0].page_height  # landscape


def test_catalogue_search_ignores_diacritics(client, catalogue, officer):
    client.force_login(officer)
    html = client.get("/procedures/", {"q": "chap thuan chu truong"}).content.decode()
    assert "Chấp thuận chủ trương đầu tư" in html and "Đổi Giấy" not in html
    html = client.get("/procedures/", {"authority": "ppc_chairman"}).content.decode()
    assert "Chấp thuận nhà đầu tư" in html and "Cấp lại" not in html


def test_api_procedures(client, catalogue, officer):
    client.force_login(officer)
    rows = client.get("/api/v1/procedures", {"q": "chấp thuận chủ trương"}).json()
    assert len(rows) == 4  # the procedure itself and three that name it (GCN after approval…)
    assert [r for r in rows if r["code"] == "chap-thuan-chu-truong-dau-tu"] == [
        {
            "code": "chap-thuan-chu-truong-dau-tu",
            "name": "Chấp thuận chủ trương đầu tư của Chủ tịch UBND cấp tỉnh",
            "working_days": "17",
            "version": 2,
            "effective_from": "2026-03-01",
            "authority": "ppc_chairman",
            "field": "investment",
        }
    ]
    assert len(client.get("/api/v1/procedures").json()) == 20
    assert client.get("/api/v1/procedures", {"q": "hiệu đính"}).json()[0]["working_days"] == "3"


def test_administrator_edits_procedure_details_with_history(client, catalogue, admin_user, officer):
    procedure = Procedure.objects.get(code="doi-gcndkdt")
    client.force_login(officer)
    assert client.get("/procedures/doi-gcndkdt/edit/").status_code == 403
    client.force_login(admin_user)
    form = client.get("/procedures/doi-gcndkdt/edit/").context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, bool)}
    data.update(
        {"fee": "Không thu phí", "channel_online": "on", "channel_direct": "on", "expected_version": procedure.version}
    )
    response = client.post("/procedures/doi-gcndkdt/edit/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    procedure.refresh_from_db()
    assert procedure.fee == "Không thu phí" and not procedure.channel_post
    assert procedure.history.first().history_user == admin_user
    stale = client.post("/procedures/doi-gcndkdt/edit/", data)
    assert "người khác thay đổi" in stale.content.decode()


def test_the_catalogue_api_reads_the_pages_filterset(seeded, client, officer):
    from investdesk.procedures.choices import Authority

    client.force_login(officer)
    everything = client.get("/api/v1/procedures").json()
    chosen = everything[0]["authority"]
    narrowed = client.get("/api/v1/procedures", {"authority": chosen}).json()
    assert narrowed and all(p["authority"] == chosen for p in narrowed)
    assert len(narrowed) == Procedure.objects.filter(authority=chosen).count()
    assert chosen in Authority.values
    assert client.get("/api/v1/procedures", {"authority": "không-có"}).status_code == 400
    # The page with the same query string lists the same procedures.
    page = client.get("/procedures/", {"authority": chosen})
    assert {p.code for p in page.context["table"].data} == {p["code"] for p in narrowed}


def test_the_divisions_api_searches_like_the_divisions_page(seeded, client, officer):
    client.force_login(officer)
    found = client.get("/api/v1/divisions", {"q": "dau tu ngoai ngan sach"}).json()
    assert found and all("ngoài ngân sách" in d["name"].lower() for d in found)
    assert set(found[0]) == {"id", "code", "name", "department"}


def test_the_seed_diagram_escapes_names_and_passes_the_runtime_checks():
    from lxml import etree

    from investdesk.procedures.bpmn import NS

    name = 'Thủ tục "thử" <a> & b'
    blocks = [
        Check("Kiểm tra <hồ sơ> & “tài liệu”", R.RECEPTION, "0.5"),
        Task("Thẩm định", R.OFFICER, "3", result='Tờ trình "A" & B'),
    ]
    xml = draw("Process_thu", name, blocks)
    root = etree.fromstring(xml.encode())
    assert root.find("bpmn:process", NS).get("name") == name
    assert root.find(".//bpmn:userTask", NS).get("name") == "Kiểm tra <hồ sơ> & “tài liệu”"
    assert analyse(xml).longest_days == Decimal("3.5")


def test_the_catalogue_api_reads_the_versions_in_force_in_one_query_for_any_length(client, catalogue, officer):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(officer)
    with CaptureQueriesContext(connection) as one:
        assert len(client.get("/api/v1/procedures", {"q": "hiệu đính"}).json()) == 1
    with CaptureQueriesContext(connection) as every:
        answered = client.get("/api/v1/procedures").json()
    assert len(answered) == Procedure.objects.count() > 1
    assert len(every) == len(one)

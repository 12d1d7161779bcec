"""A process model runs on the server (SpiffWorkflow evaluates gateway conditions as Python), so a
model may only ask yes/no questions: a condition is names, True/False/None, numbers or text compared
with == / != / is, joined by and / or / not — nothing that calls, reads attributes or imports. Script
tasks and script extensions are refused outright."""

import pytest
from lxml import etree

from investdesk.procedures.bpmn import BPMN, SPIFF, BpmnError, analyse, refuse_code
from investdesk.procedures.bpmn.layout import Check, Task, draw
from investdesk.procedures.choices import ProcessRole as R

BLOCKS = [
    Task("Tiếp nhận", R.RECEPTION, "0.5"),
    Check("Thẩm định", R.OFFICER, "1.5"),
    Task("Ký", R.DEPARTMENT_LEADER, "1"),
]


def model_with_condition(expression: str) -> bytes:
    root = etree.fromstring(draw("Process_expr", "Thử", BLOCKS).encode())
    condition = root.find(f".//{{{BPMN}}}conditionExpression")
    condition.text = expression
    return etree.tostring(root)


@pytest.mark.parametrize("expression", ["valid", "not valid", "valid == True", "valid and not rejected", "x != 'a'"])
def test_yes_no_questions_are_accepted(expression):
    analyse(model_with_condition(expression))


@pytest.mark.parametrize(
    "expression",
    [
        "__import__('os').system('id')",
        "open('/etc/passwd').read()",
        "valid.__class__",
        "[c for c in ().__class__.__base__.__subclasses__()]",
        "(lambda: 1)()",
        "valid[0]",
        "valid if True else False",
        "exec('1')",
        "valid <",
    ],
)
def test_code_in_a_condition_is_refused_naming_the_flow(expression):
    with pytest.raises(BpmnError) as error:
        analyse(model_with_condition(expression))
    assert any("Điều kiện" in message and "Flow_" in message for message in error.value.messages), error.value.messages


def test_script_tasks_and_script_extensions_are_refused():
    root = etree.fromstring(draw("Process_expr", "Thử", BLOCKS).encode())
    task = root.find(f".//{{{BPMN}}}userTask")
    extensions = task.find(f"{{{BPMN}}}extensionElements")
    script = etree.SubElement(extensions, f"{{{SPIFF}}}preScript")
    script.text = "import os; os.system('id')"
    with pytest.raises(BpmnError) as error:
        analyse(etree.tostring(root))
    assert any("mã lệnh" in message for message in error.value.messages), error.value.messages

    root = etree.fromstring(draw("Process_expr", "Thử", BLOCKS).encode())
    task = root.find(f".//{{{BPMN}}}userTask")
    task.tag = f"{{{BPMN}}}scriptTask"
    etree.SubElement(task, f"{{{BPMN}}}script").text = "x = 1"
    with pytest.raises(BpmnError) as error:
        analyse(etree.tostring(root))
    assert any("mã lệnh" in message for message in error.value.messages), error.value.messages


def test_the_engine_refuses_a_stored_model_with_code(db):
    # A model that reached the database some other way (a restored backup, a hand edit) is checked
    # again before the engine runs it.
    with pytest.raises(BpmnError):
        refuse_code(model_with_condition("__import__('os').getcwd()"))


def test_every_seeded_model_passes(db):
    from django.core.management import call_command

    from investdesk.procedures.models import ProcedureVersion

    call_command("seed", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
    for version in ProcedureVersion.objects.all():
        refuse_code(version.bpmn_xml)

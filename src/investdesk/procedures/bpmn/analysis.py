"""Reading and checking any BPMN 2.0 model of a procedure, as uploaded, edited or run.

Conventions (what every model must follow, checked by ``analyse``):
- every step is a ``userTask`` with ``spiffworkflow:properties``: ``role`` (a ``ProcessRole``),
  ``working_days`` (decimal ≥ 0), optionally ``result`` and, for a consultation,
  ``silence_means_consent="true"``;
- the model has diagram coordinates (BPMN DI) for every node and flow, or the viewer shows nothing;
- SpiffWorkflow can parse it, since it is what dossiers run on;
- the longest path from start to end, in working days, is the procedure's statutory time (the
  supplementation loop is a back edge and does not count: the investor's time is not counted).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from lxml import etree

from ..choices import ProcessRole

BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI"
DC = "http://www.omg.org/spec/DD/20100524/DC"
DI = "http://www.omg.org/spec/DD/20100524/DI"
SPIFF = "http://spiffworkflow.org/bpmn/schema/1.0/core"
NS = {"bpmn": BPMN, "bpmndi": BPMNDI, "dc": DC, "di": DI, "spiffworkflow": SPIFF}
FLOW_NODES = (
    "startEvent",
    "endEvent",
    "userTask",
    "task",
    "serviceTask",
    "manualTask",
    "exclusiveGateway",
    "parallelGateway",
    "inclusiveGateway",
    "intermediateCatchEvent",
    "intermediateThrowEvent",
)
MAX_BYTES = 2 * 1024 * 1024


class BpmnError(ValueError):
    """The model breaks a convention; ``messages`` are Vietnamese and name the element."""

    def __init__(self, messages: list[str]):
        self.messages = messages
        super().__init__("; ".join(messages))


@dataclass
class Step:
    """A user task as a row of the procedure sheet."""

    element_id: str
    name: str
    role: str
    working_days: Decimal
    result: str = ""
    silence_means_consent: bool = False
    parallel: bool = False
    in_loop: bool = False
    order: int = 0


@dataclass
class Analysis:
    process_id: str
    process_name: str
    steps: list[Step] = field(default_factory=list)
    longest_days: Decimal = Decimal(0)


def _label(element) -> str:
    name = element.get("name")
    return f'"{name}" ({element.get("id")})' if name else f"{element.get('id')}"


def _properties(element) -> dict[str, str]:
    values = {}
    for prop in element.iterfind("bpmn:extensionElements/spiffworkflow:properties/spiffworkflow:property", NS):
        values[prop.get("name", "")] = prop.get("value", "")
    return values


def parse_xml(xml: str | bytes):
    data = xml.encode() if isinstance(xml, str) else xml
    if len(data) > MAX_BYTES:
        raise BpmnError([_("Tệp BPMN quá lớn (tối đa 2 MB).")])
    # No entities, no network: an uploaded file must not make the server read anything else.
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        raise BpmnError([_("Tệp không phải XML hợp lệ: %(e)s") % {"e": error}]) from error


# What a gateway condition may be: a yes/no question about the answers a step gave. SpiffWorkflow
# evaluates conditions with Python's eval(), so anything more (a call, an attribute, a subscript, a
# comprehension) would let whoever uploads a model run code on the server.
SAFE_NODES = (
    ast.Expression,
    ast.BoolOp,
    ast.And,
    ast.Or,
    ast.UnaryOp,
    ast.Not,
    ast.Compare,
    ast.Eq,
    ast.NotEq,
    ast.Is,
    ast.IsNot,
    ast.Name,
    ast.Load,
    ast.Constant,
)
# Elements that carry code for the engine to run.
SCRIPT_TAGS = {
    f"{{{BPMN}}}scriptTask",
    f"{{{BPMN}}}script",
    f"{{{SPIFF}}}preScript",
    f"{{{SPIFF}}}postScript",
    f"{{{SPIFF}}}serviceTaskOperator",
}


def _condition_problem(expression: str) -> str | None:
    try:
        tree = ast.parse(expression.strip(), mode="eval")
    except SyntaxError:
        return _("không đọc được")
    for node in ast.walk(tree):
        if not isinstance(node, SAFE_NODES):
            return _("chỉ được dùng tên câu trả lời, True/False, so sánh ==, != và and, or, not")
        if isinstance(node, ast.Name) and node.id.startswith("_"):
            return _("tên không được bắt đầu bằng dấu gạch dưới")
        if isinstance(node, ast.Constant) and not isinstance(node.value, bool | int | float | str | type(None)):
            return _("giá trị không hợp lệ")
    return None


def code_problems(root) -> list[str]:
    """What in the model would make the engine run code rather than follow answers."""
    problems = []
    for element in root.iter():
        if element.tag in SCRIPT_TAGS:
            problems.append(
                _("Mô hình chứa mã lệnh (%(tag)s): quy trình chỉ gồm bước của người và câu hỏi có/không.")
                % {"tag": etree.QName(element).localname}
            )
    for flow in root.iter(f"{{{BPMN}}}sequenceFlow"):
        expression = flow.findtext("bpmn:conditionExpression", default=None, namespaces=NS)
        if expression is None:
            continue
        problem = _condition_problem(expression)
        if problem:
            problems.append(
                _('Điều kiện của luồng %(flow)s "%(expr)s": %(problem)s.')
                % {"flow": flow.get("id"), "expr": expression.strip()[:100], "problem": problem}
            )
    return problems


def refuse_code(xml: str | bytes) -> None:
    """Raises ``BpmnError`` if ``xml`` carries code for the engine (checked on upload and again
    before the engine runs a stored model)."""
    problems = code_problems(parse_xml(xml))
    if problems:
        raise BpmnError(problems)


def _engine_check(xml: bytes, process_id: str) -> list[str]:
    from SpiffWorkflow.bpmn.parser.ValidationException import ValidationException
    from SpiffWorkflow.spiff.parser.process import SpiffBpmnParser

    parser = SpiffBpmnParser()
    try:
        parser.add_bpmn_str(xml)
        parser.get_spec(process_id)
    except ValidationException as error:
        return [_("Bộ máy quy trình không đọc được mô hình: %(e)s") % {"e": error}]
    except Exception as error:
        return [_("Bộ máy quy trình không đọc được mô hình: %(e)s") % {"e": error}]
    return []


def analyse(xml: str | bytes) -> Analysis:
    """Checks ``xml`` against the conventions and derives its steps and longest time.

    Raises ``BpmnError`` listing every problem found, each naming its element.
    """
    root = parse_xml(xml)
    if etree.QName(root).localname != "definitions" or etree.QName(root).namespace != BPMN:
        raise BpmnError([_("Tệp không phải mô hình BPMN 2.0 (thiếu bpmn:definitions).")])
    processes = root.findall("bpmn:process", NS)
    executable = [p for p in processes if p.get("isExecutable", "false") == "true"] or processes
    if len(executable) != 1:
        raise BpmnError([_("Mô hình phải có đúng một quy trình (bpmn:process) thực thi được.")])
    process = executable[0]
    process_id = process.get("id")
    errors: list[str] = []

    nodes = {}
    for kind in FLOW_NODES:
        for element in process.iter(f"{{{BPMN}}}{kind}"):
            nodes[element.get("id")] = element
    flows = list(process.iter(f"{{{BPMN}}}sequenceFlow"))
    starts = [n for n in nodes.values() if etree.QName(n).localname == "startEvent"]
    if len(starts) != 1:
        errors.append(_("Quy trình phải có đúng một sự kiện bắt đầu."))
    if not any(etree.QName(n).localname == "endEvent" for n in nodes.values()):
        errors.append(_("Quy trình phải có ít nhất một sự kiện kết thúc."))

    errors += code_problems(root)

    steps: dict[str, Step] = {}
    for element_id, element in nodes.items():
        kind = etree.QName(element).localname
        if kind in {"task", "manualTask", "serviceTask"}:
            errors.append(
                _('Bước %(el)s phải là "User Task" (nhiệm vụ của người) để gán vai trò và thời gian.')
                % {"el": _label(element)}
            )
            continue
        if kind != "userTask":
            continue
        props = _properties(element)
        role = props.get("role", "")
        if role not in ProcessRole.values:
            errors.append(
                _('Bước %(el)s: vai trò "%(role)s" không hợp lệ; dùng một trong: %(roles)s.')
                % {"el": _label(element), "role": role, "roles": ", ".join(ProcessRole.values)}
            )
        raw_days = props.get("working_days", "")
        try:
            days = Decimal(raw_days)
            if not days.is_finite() or days < 0:
                raise InvalidOperation
        except (InvalidOperation, ValueError):
            errors.append(
                _('Bước %(el)s: thời gian "%(v)s" không hợp lệ; ghi số ngày làm việc ≥ 0 (ví dụ 0.5).')
                % {"el": _label(element), "v": raw_days}
            )
            days = Decimal(0)
        steps[element_id] = Step(
            element_id=element_id,
            name=(element.get("name") or element_id).strip(),
            role=role,
            working_days=days,
            result=props.get("result", ""),
            silence_means_consent=props.get("silence_means_consent", "").lower() == "true",
        )
    if not steps:
        errors.append(_("Quy trình chưa có bước nào (User Task)."))

    shapes = {s.get("bpmnElement") for s in root.iter(f"{{{BPMNDI}}}BPMNShape") if s.find("dc:Bounds", NS) is not None}
    edges = {e.get("bpmnElement") for e in root.iter(f"{{{BPMNDI}}}BPMNEdge")}
    missing = [node_id for node_id in nodes if node_id not in shapes]
    missing += [f.get("id") for f in flows if f.get("id") not in edges]
    if missing:
        errors.append(
            _("Thiếu tọa độ sơ đồ (BPMN DI) cho: %(ids)s. Hãy vẽ lại bằng trình soạn thảo sơ đồ.")
            % {"ids": ", ".join(missing[:10]) + ("…" if len(missing) > 10 else "")}
        )

    outgoing: dict[str, list[str]] = {node_id: [] for node_id in nodes}
    for flow in flows:
        source, target = flow.get("sourceRef"), flow.get("targetRef")
        if source not in nodes or target not in nodes:
            errors.append(_("Luồng %(f)s nối tới phần tử không tồn tại.") % {"f": flow.get("id")})
            continue
        outgoing[source].append(target)

    data = xml.encode() if isinstance(xml, str) else xml
    if not errors:
        errors += _engine_check(data, process_id)
    if errors:
        raise BpmnError(errors)

    longest, depth, back = _longest_path(starts[0].get("id"), outgoing, steps)
    parallel_ids = _parallel_tasks(nodes, outgoing)
    document_order = {element_id: index for index, element_id in enumerate(nodes)}
    for element_id, step in steps.items():
        step.order = depth.get(element_id, 0)
        step.parallel = element_id in parallel_ids
        # A step that only leads back (the supplementation loop) happens only sometimes, and the
        # investor's time in it is not counted.
        step.in_loop = bool(outgoing[element_id]) and all((element_id, child) in back for child in outgoing[element_id])
    ordered = sorted(steps.values(), key=lambda s: (s.order, document_order[s.element_id]))
    return Analysis(
        process_id=process_id,
        process_name=process.get("name") or process_id,
        steps=ordered,
        longest_days=longest,
    )


def _longest_path(start: str, outgoing: dict[str, list[str]], steps: dict[str, Step]):
    """Longest working time from ``start``, ignoring back edges (loops), and each node's depth
    (the most flows on a path to it), which orders the steps as a person reads the chart."""
    state: dict[str, int] = {}
    back: set[tuple[str, str]] = set()
    post: list[str] = []
    stack = [(start, iter(outgoing[start]))]
    state[start] = 1
    while stack:
        node, children = stack[-1]
        for child in children:
            if state.get(child) == 1:
                back.add((node, child))
            elif child not in state:
                state[child] = 1
                stack.append((child, iter(outgoing[child])))
                break
        else:
            state[node] = 2
            post.append(node)
            stack.pop()
    order = list(reversed(post))
    best = {node: Decimal("-1") for node in order}
    depth = {node: 0 for node in order}
    best[start] = steps[start].working_days if start in steps else Decimal(0)
    for node in order:
        if best[node] < 0:
            continue
        for child in outgoing[node]:
            if (node, child) in back:
                continue
            weight = steps[child].working_days if child in steps else Decimal(0)
            best[child] = max(best[child], best[node] + weight)
            depth[child] = max(depth[child], depth[node] + 1)
    return max(best.values()), depth, back


def _parallel_tasks(nodes, outgoing) -> set[str]:
    """Tasks that directly follow a parallel split (consultations run side by side)."""
    found = set()
    for node_id, element in nodes.items():
        if etree.QName(element).localname == "parallelGateway" and len(outgoing[node_id]) > 1:
            found.update(outgoing[node_id])
    return found

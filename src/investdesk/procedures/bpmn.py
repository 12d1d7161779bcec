"""BPMN 2.0 models of procedures: reading and checking any model, and drawing the seeded ones.

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
from xml.sax.saxutils import escape, quoteattr

from django.utils.translation import gettext as _
from lxml import etree

from .choices import ProcessRole

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


# --- drawing the seeded procedures ----------------------------------------------------------------

LANE_ORDER = [
    ProcessRole.RECEPTION,
    ProcessRole.OFFICER,
    ProcessRole.CONSULTED_AGENCY,
    ProcessRole.DIVISION_HEAD,
    ProcessRole.DEPARTMENT_LEADER,
    ProcessRole.PPC_CHAIRMAN,
]
LANE_HEIGHT = 130
COLUMN = 150
LEFT = 200
POOL_X = 40
LANE_X = 70
SIZES = {"task": (110, 80), "gateway": (50, 50), "event": (36, 36)}


@dataclass
class S:
    """A step of a seeded procedure: name, role, working days, result."""

    name: str
    role: str
    days: str
    result: str = ""


@dataclass
class Check(S):
    """The officer's examination, followed by "Hồ sơ hợp lệ?" and the supplementation loop."""


@dataclass
class Consult:
    """A parallel consultation of ``agencies`` for ``days`` each; silence means consent.

    With ``condition`` (a question) it happens only in some cases (an exclusive gateway)."""

    agencies: list[str]
    days: str
    condition: str = ""


def draw(process_id: str, name: str, blocks: list) -> str:
    """BPMN XML, with lanes and diagram coordinates, for a straight procedure of ``blocks``."""
    nodes: list[dict] = []  # {"id", "kind", "name", "role", "col", "slot", "props", "type"}
    flows: list[dict] = []  # {"id", "source", "target", "name", "condition", "back"}
    column = 0

    def add_node(kind, node_type, role, node_name="", props=None, slot=0, col=None):
        nonlocal column
        node_id = f"{node_type}_{len(nodes) + 1}"
        nodes.append(
            {
                "id": node_id,
                "kind": kind,
                "type": node_type,
                "name": node_name,
                "role": role,
                "col": column if col is None else col,
                "slot": slot,
                "props": props or {},
            }
        )
        return node_id

    def link(source, target, flow_name="", condition="", back=False):
        flows.append(
            {
                "id": f"Flow_{len(flows) + 1}",
                "source": source,
                "target": target,
                "name": flow_name,
                "condition": condition,
                "back": back,
            }
        )

    def task_props(step):
        props = {"role": step.role, "working_days": step.days}
        if step.result:
            props["result"] = step.result
        return props

    previous = add_node("event", "startEvent", blocks[0].role, "Nộp hồ sơ")
    # The label and condition the next flow out of ``previous`` carries ("Hợp lệ" after a check).
    pending = ("", "")
    for block in blocks:
        column += 1
        if isinstance(block, Check):
            check = add_node("task", "userTask", block.role, block.name, task_props(block))
            link(previous, check, *pending)
            column += 1
            gateway = add_node("gateway", "exclusiveGateway", block.role, "Hồ sơ hợp lệ?")
            link(check, gateway)
            loop = add_node(
                "task",
                "userTask",
                ProcessRole.RECEPTION,
                "Thông báo bổ sung, hoàn thiện hồ sơ; tiếp nhận hồ sơ bổ sung",
                {
                    "role": ProcessRole.RECEPTION,
                    "working_days": "0",
                    "result": "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02)",
                },
                slot=1 if block.role == ProcessRole.RECEPTION else 0,
            )
            link(gateway, loop, "Chưa hợp lệ", "not valid")
            link(loop, check, back=True)
            previous, pending = gateway, ("Hợp lệ", "valid")
            continue
        if isinstance(block, Consult):
            entry = previous
            if block.condition:
                entry = add_node("gateway", "exclusiveGateway", ProcessRole.OFFICER, block.condition)
                link(previous, entry, *pending)
                pending = ("Có", "needs_consultation")
                column += 1
            split = add_node("gateway", "parallelGateway", ProcessRole.CONSULTED_AGENCY)
            link(entry, split, *pending)
            pending = ("", "")
            column += 1
            tasks = []
            for index, agency in enumerate(block.agencies):
                props = {
                    "role": ProcessRole.CONSULTED_AGENCY,
                    "working_days": block.days,
                    "result": "Văn bản góp ý",
                    "silence_means_consent": "true",
                }
                task_name = f"{agency} cho ý kiến"
                tasks.append(add_node("task", "userTask", ProcessRole.CONSULTED_AGENCY, task_name, props, index))
                link(split, tasks[-1])
            column += 1
            join = add_node("gateway", "parallelGateway", ProcessRole.CONSULTED_AGENCY)
            for task_id in tasks:
                link(task_id, join)
            previous = join
            if block.condition:
                column += 1
                merge = add_node("gateway", "exclusiveGateway", ProcessRole.OFFICER)
                link(join, merge)
                link(entry, merge, "Không", "not needs_consultation")
                previous = merge
            continue
        current = add_node("task", "userTask", block.role, block.name, task_props(block))
        link(previous, current, *pending)
        pending = ("", "")
        previous = current
    column += 1
    end = add_node("event", "endEvent", blocks[-1].role, "Trả kết quả")
    link(previous, end)
    return _render(process_id, name, nodes, flows)


def _render(process_id: str, name: str, nodes: list[dict], flows: list[dict]) -> str:
    roles_used = {n["role"] for n in nodes}
    lanes = [role for role in LANE_ORDER if role in roles_used]
    slots = {role: 1 + max([n["slot"] for n in nodes if n["role"] == role] or [0]) for role in lanes}
    lane_y, y = {}, 60
    for role in lanes:
        lane_y[role] = (
            y,
            LANE_HEIGHT * slots[role] if role == ProcessRole.CONSULTED_AGENCY else LANE_HEIGHT,
        )
        if role != ProcessRole.CONSULTED_AGENCY and slots[role] > 1:
            lane_y[role] = (y, LANE_HEIGHT + 100 * (slots[role] - 1))
        y += lane_y[role][1]
    width = LEFT + COLUMN * (max(n["col"] for n in nodes) + 1)

    bounds = {}
    for node in nodes:
        w, h = SIZES[node["kind"]]
        top, height = lane_y[node["role"]]
        step = LANE_HEIGHT if node["role"] == ProcessRole.CONSULTED_AGENCY else 100
        centre_y = top + LANE_HEIGHT / 2 + node["slot"] * step
        centre_x = LEFT + node["col"] * COLUMN
        bounds[node["id"]] = (centre_x - w / 2, centre_y - h / 2, w, h)

    incoming = {n["id"]: [] for n in nodes}
    outgoing = {n["id"]: [] for n in nodes}
    for flow in flows:
        outgoing[flow["source"]].append(flow["id"])
        incoming[flow["target"]].append(flow["id"])

    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<bpmn:definitions xmlns:bpmn="{BPMN}" xmlns:bpmndi="{BPMNDI}" xmlns:dc="{DC}" xmlns:di="{DI}" '
        f'xmlns:spiffworkflow="{SPIFF}" id="Definitions_{process_id}" targetNamespace="http://bpmn.io/schema/bpmn">',
        f'  <bpmn:collaboration id="Collaboration_{process_id}">',
        f'    <bpmn:participant id="Participant_{process_id}" name={quoteattr(name)} processRef="{process_id}" />',
        "  </bpmn:collaboration>",
        f'  <bpmn:process id="{process_id}" name={quoteattr(name)} isExecutable="true">',
        '    <bpmn:laneSet id="LaneSet_1">',
    ]
    for role in lanes:
        out.append(f'      <bpmn:lane id="Lane_{role}" name={quoteattr(str(ProcessRole(role).label))}>')
        for node in nodes:
            if node["role"] == role:
                out.append(f"        <bpmn:flowNodeRef>{node['id']}</bpmn:flowNodeRef>")
        out.append("      </bpmn:lane>")
    out.append("    </bpmn:laneSet>")
    for node in nodes:
        attrs = f'id="{node["id"]}"' + (f" name={quoteattr(node['name'])}" if node["name"] else "")
        out.append(f"    <bpmn:{node['type']} {attrs}>")
        if node["props"]:
            out.append("      <bpmn:extensionElements><spiffworkflow:properties>")
            for key, value in node["props"].items():
                out.append(f'        <spiffworkflow:property name="{key}" value={quoteattr(str(value))} />')
            out.append("      </spiffworkflow:properties></bpmn:extensionElements>")
        out.extend(f"      <bpmn:incoming>{f}</bpmn:incoming>" for f in incoming[node["id"]])
        out.extend(f"      <bpmn:outgoing>{f}</bpmn:outgoing>" for f in outgoing[node["id"]])
        out.append(f"    </bpmn:{node['type']}>")
    for flow in flows:
        attrs = f'id="{flow["id"]}" sourceRef="{flow["source"]}" targetRef="{flow["target"]}"'
        if flow["name"]:
            attrs += f" name={quoteattr(flow['name'])}"
        if flow["condition"]:
            out.append(f"    <bpmn:sequenceFlow {attrs}>")
            out.append(f"      <bpmn:conditionExpression>{escape(flow['condition'])}</bpmn:conditionExpression>")
            out.append("    </bpmn:sequenceFlow>")
        else:
            out.append(f"    <bpmn:sequenceFlow {attrs} />")
    out.append("  </bpmn:process>")
    out.append('  <bpmndi:BPMNDiagram id="Diagram_1">')
    out.append(f'    <bpmndi:BPMNPlane id="Plane_1" bpmnElement="Collaboration_{process_id}">')
    total_height = sum(h for _top, h in lane_y.values())
    out.append(_shape(f"Participant_{process_id}", POOL_X, 60, width - POOL_X, total_height, horizontal=True))
    for role in lanes:
        top, height = lane_y[role]
        out.append(_shape(f"Lane_{role}", LANE_X, top, width - LANE_X, height, horizontal=True))
    for node in nodes:
        out.append(_shape(node["id"], *bounds[node["id"]]))
    for flow in flows:
        out.append(_edge(flow, bounds))
    out.append("    </bpmndi:BPMNPlane>")
    out.append("  </bpmndi:BPMNDiagram>")
    out.append("</bpmn:definitions>")
    return "\n".join(out) + "\n"


def _shape(element_id, x, y, w, h, horizontal=False) -> str:
    extra = ' isHorizontal="true"' if horizontal else ""
    return (
        f'      <bpmndi:BPMNShape id="{element_id}_di" bpmnElement="{element_id}"{extra}>'
        f'<dc:Bounds x="{x:.0f}" y="{y:.0f}" width="{w:.0f}" height="{h:.0f}" /></bpmndi:BPMNShape>'
    )


def _edge(flow, bounds) -> str:
    sx, sy, sw, sh = bounds[flow["source"]]
    tx, ty, tw, th = bounds[flow["target"]]
    if flow["back"]:
        # The supplementation loop returns to the examination from above or below.
        start = (sx + sw / 2, sy + sh) if sy < ty else (sx + sw / 2, sy)
        end_y = ty if sy < ty else ty + th
        middle_y = (start[1] + end_y) / 2
        points = [start, (start[0], middle_y), (tx + tw / 2, middle_y), (tx + tw / 2, end_y)]
    else:
        start = (sx + sw, sy + sh / 2)
        end = (tx, ty + th / 2)
        if abs(start[1] - end[1]) < 1:
            points = [start, end]
        elif tx > sx + sw:
            middle = sx + sw + (tx - sx - sw) / 2
            points = [start, (middle, start[1]), (middle, end[1]), end]
        else:  # a node straight above or below (the loop task over its gateway)
            start = (sx + sw / 2, sy if ty < sy else sy + sh)
            end = (tx + tw / 2, ty + th if ty < sy else ty)
            points = [start, end]
    waypoints = "".join(f'<di:waypoint x="{x:.0f}" y="{y:.0f}" />' for x, y in points)
    return f'      <bpmndi:BPMNEdge id="{flow["id"]}_di" bpmnElement="{flow["id"]}">{waypoints}</bpmndi:BPMNEdge>'

"""Drawing the seeded procedures: BPMN XML with lanes and diagram coordinates, built with lxml
from a list of steps (``Task``), examinations (``Check``) and consultations (``Consult``).

Only ``investdesk seed`` and the catalogue use it; a real procedure's model is uploaded or drawn
in the modeler and checked by ``analysis``.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from ..choices import ProcessRole
from .analysis import BPMN, BPMNDI, DC, DI, SPIFF

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
NSMAP = {"bpmn": BPMN, "bpmndi": BPMNDI, "dc": DC, "di": DI, "spiffworkflow": SPIFF}


@dataclass
class Task:
    """A step of a seeded procedure: name, role, working days, result."""

    name: str
    role: str
    days: str
    result: str = ""


@dataclass
class Check(Task):
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


def _el(parent, ns: str, tag: str, **attrs) -> etree._Element:
    # lxml quotes and escapes every attribute and text: a name with quotes or "<" stays well-formed.
    element = etree.SubElement(parent, f"{{{ns}}}{tag}")
    for key, value in attrs.items():
        element.set(key, str(value))
    return element


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
        top, _height = lane_y[node["role"]]
        step = LANE_HEIGHT if node["role"] == ProcessRole.CONSULTED_AGENCY else 100
        centre_y = top + LANE_HEIGHT / 2 + node["slot"] * step
        centre_x = LEFT + node["col"] * COLUMN
        bounds[node["id"]] = (centre_x - w / 2, centre_y - h / 2, w, h)

    incoming = {n["id"]: [] for n in nodes}
    outgoing = {n["id"]: [] for n in nodes}
    for flow in flows:
        outgoing[flow["source"]].append(flow["id"])
        incoming[flow["target"]].append(flow["id"])

    root = etree.Element(f"{{{BPMN}}}definitions", nsmap=NSMAP)
    root.set("id", f"Definitions_{process_id}")
    root.set("targetNamespace", "http://bpmn.io/schema/bpmn")
    collaboration = _el(root, BPMN, "collaboration", id=f"Collaboration_{process_id}")
    _el(collaboration, BPMN, "participant", id=f"Participant_{process_id}", name=name, processRef=process_id)
    process = _el(root, BPMN, "process", id=process_id, name=name, isExecutable="true")
    lane_set = _el(process, BPMN, "laneSet", id="LaneSet_1")
    for role in lanes:
        lane = _el(lane_set, BPMN, "lane", id=f"Lane_{role}", name=str(ProcessRole(role).label))
        for node in nodes:
            if node["role"] == role:
                _el(lane, BPMN, "flowNodeRef").text = node["id"]
    for node in nodes:
        element = _el(process, BPMN, node["type"], id=node["id"])
        if node["name"]:
            element.set("name", node["name"])
        if node["props"]:
            properties = _el(_el(element, BPMN, "extensionElements"), SPIFF, "properties")
            for key, value in node["props"].items():
                _el(properties, SPIFF, "property", name=key, value=value)
        for flow_id in incoming[node["id"]]:
            _el(element, BPMN, "incoming").text = flow_id
        for flow_id in outgoing[node["id"]]:
            _el(element, BPMN, "outgoing").text = flow_id
    for flow in flows:
        element = _el(process, BPMN, "sequenceFlow", id=flow["id"], sourceRef=flow["source"], targetRef=flow["target"])
        if flow["name"]:
            element.set("name", flow["name"])
        if flow["condition"]:
            _el(element, BPMN, "conditionExpression").text = flow["condition"]
    diagram = _el(root, BPMNDI, "BPMNDiagram", id="Diagram_1")
    plane = _el(diagram, BPMNDI, "BPMNPlane", id="Plane_1", bpmnElement=f"Collaboration_{process_id}")
    total_height = sum(h for _top, h in lane_y.values())
    _shape(plane, f"Participant_{process_id}", POOL_X, 60, width - POOL_X, total_height, horizontal=True)
    for role in lanes:
        top, height = lane_y[role]
        _shape(plane, f"Lane_{role}", LANE_X, top, width - LANE_X, height, horizontal=True)
    for node in nodes:
        _shape(plane, node["id"], *bounds[node["id"]])
    for flow in flows:
        _edge(plane, flow, bounds)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True).decode()


def _shape(plane, element_id, x, y, w, h, horizontal=False) -> None:
    shape = _el(plane, BPMNDI, "BPMNShape", id=f"{element_id}_di", bpmnElement=element_id)
    if horizontal:
        shape.set("isHorizontal", "true")
    _el(shape, DC, "Bounds", x=f"{x:.0f}", y=f"{y:.0f}", width=f"{w:.0f}", height=f"{h:.0f}")


def _edge(plane, flow, bounds) -> None:
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
    edge = _el(plane, BPMNDI, "BPMNEdge", id=f"{flow['id']}_di", bpmnElement=flow["id"])
    for x, y in points:
        _el(edge, DI, "waypoint", x=f"{x:.0f}", y=f"{y:.0f}")

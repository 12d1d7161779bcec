"""The workflow engine behind dossiers: SpiffWorkflow running the procedure version's BPMN model.

The spec is parsed once per version and cached (approved versions never change); a dossier stores
only its workflow state, without the spec. Business data lives in the models: the workflow holds
only the gateway answers (booleans such as ``valid`` and ``needs_consultation``).
"""

import re
import threading
from dataclasses import dataclass

from lxml import etree
from SpiffWorkflow.bpmn.serializer.workflow import BpmnWorkflowSerializer
from SpiffWorkflow.bpmn.workflow import BpmnWorkflow
from SpiffWorkflow.spiff.parser.process import SpiffBpmnParser
from SpiffWorkflow.spiff.serializer.config import SPIFF_CONFIG
from SpiffWorkflow.util.task import TaskState

from investdesk.procedures.bpmn import NS, parse_xml, refuse_code

SERIALIZER = BpmnWorkflowSerializer(BpmnWorkflowSerializer.configure(SPIFF_CONFIG))
KEYWORDS = {"not", "and", "or", "True", "False", "None", "in", "is"}
_lock = threading.Lock()
_specs: dict[int, "VersionSpec"] = {}


@dataclass
class VersionSpec:
    spec: object
    subprocess_specs: dict
    spec_dict: dict
    questions: dict[str, list[str]]  # user task id → the yes/no answers its next gateway reads


def _questions(xml: str) -> dict[str, list[str]]:
    """For each user task, the names read by the exclusive gateways right after it, following
    gateway after gateway ("Hồ sơ hợp lệ?" then "Đất ở khu vực quốc phòng?" are both answered
    by the step before them)."""
    root = parse_xml(xml)
    nodes = {e.get("id"): e for e in root.iter() if isinstance(e.tag, str) and e.get("id")}
    outgoing: dict[str, list] = {}
    for flow in root.findall(".//bpmn:sequenceFlow", NS):
        outgoing.setdefault(flow.get("sourceRef"), []).append(flow)

    def kind(node_id):
        node = nodes.get(node_id)
        return etree.QName(node).localname if node is not None else ""

    found: dict[str, list[str]] = {}
    for task_id in [i for i in nodes if kind(i) == "userTask"]:
        names: set[str] = set()
        seen: set[str] = set()
        frontier = [f.get("targetRef") for f in outgoing.get(task_id, [])]
        while frontier:
            node_id = frontier.pop()
            if node_id in seen or kind(node_id) != "exclusiveGateway":
                continue
            seen.add(node_id)
            for flow in outgoing.get(node_id, []):
                condition = flow.findtext("bpmn:conditionExpression", default="", namespaces=NS)
                names.update(w for w in re.findall(r"[A-Za-z_]\w*", condition) if w not in KEYWORDS)
                frontier.append(flow.get("targetRef"))
        if names:
            found[task_id] = sorted(names)
    return found


def version_spec(version) -> VersionSpec:
    cached = _specs.get(version.pk)
    if cached is not None:
        return cached
    with _lock:
        refuse_code(version.bpmn_xml)  # the engine evaluates conditions: never a model carrying code
        parser = SpiffBpmnParser()
        parser.add_bpmn_str(version.bpmn_xml.encode())
        spec = parser.get_spec(version.process_id)
        subprocesses = parser.get_subprocess_specs(version.process_id)
        spec_dict = SERIALIZER.to_dict(BpmnWorkflow(spec, subprocesses))
        cached = VersionSpec(
            spec=spec,
            subprocess_specs=subprocesses,
            spec_dict={"spec": spec_dict["spec"], "subprocess_specs": spec_dict.get("subprocess_specs", {})},
            questions=_questions(version.bpmn_xml),
        )
        _specs[version.pk] = cached
        return cached


def start(version) -> BpmnWorkflow:
    specs = version_spec(version)
    workflow = BpmnWorkflow(specs.spec, specs.subprocess_specs)
    workflow.do_engine_steps()
    return workflow


def save(workflow: BpmnWorkflow) -> dict:
    state = SERIALIZER.to_dict(workflow)
    state.pop("spec", None)
    state.pop("subprocess_specs", None)
    return state


def restore(version, state: dict) -> BpmnWorkflow:
    specs = version_spec(version)
    return SERIALIZER.from_dict({**state, **specs.spec_dict})


def ready_tasks(workflow: BpmnWorkflow) -> list:
    return workflow.get_tasks(state=TaskState.READY, manual=True)


def find_task(workflow: BpmnWorkflow, task_id: str):
    for task in ready_tasks(workflow):
        if str(task.id) == task_id:
            return task
    return None


def properties(version, task) -> dict[str, str]:
    """The step's ``spiffworkflow:properties``, read from the parsed model: a spec restored from
    its stored form does not carry the extensions."""
    spec = version_spec(version).spec.task_specs.get(task.task_spec.name)
    return dict(getattr(spec, "extensions", {}).get("properties", {}))

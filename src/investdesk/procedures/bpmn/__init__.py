"""BPMN 2.0 models of procedures: ``analysis`` reads and checks any model (uploads, the modeler,
the dossiers' engine); ``layout`` draws the seeded procedures."""

from .analysis import BPMN, BPMNDI, DC, DI, NS, SPIFF, Analysis, BpmnError, Step, analyse, parse_xml, refuse_code

__all__ = [
    "BPMN",
    "BPMNDI",
    "DC",
    "DI",
    "NS",
    "SPIFF",
    "Analysis",
    "BpmnError",
    "Step",
    "analyse",
    "parse_xml",
    "refuse_code",
]

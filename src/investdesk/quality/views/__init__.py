"""Pages of the quality system, by area: the year (dashboard, settings, exports), objectives
(Table 1), the risk and opportunity register (Table 2), actions, and legal documents."""

from .actions import (
    ActionDetailView,
    ActionEditView,
    ActionHistoryView,
    ActionListView,
    EvidenceFileView,
    action_evidence,
)
from .documents import (
    DocumentDetailView,
    DocumentEditView,
    DocumentFileView,
    DocumentHistoryView,
    LegalDocumentListView,
    document_changes,
)
from .objectives import (
    ObjectiveDetailView,
    ObjectiveEditView,
    ObjectiveHistoryView,
    milestone_toggle,
    objective_action,
    objectives,
)
from .register import RiskDetailView, RiskEditView, RiskHistoryView, register, risk_review
from .year import ExportView, YearSettingsView, dashboard, home, open_year

__all__ = [
    "ActionDetailView",
    "ActionEditView",
    "ActionHistoryView",
    "ActionListView",
    "DocumentDetailView",
    "DocumentEditView",
    "DocumentFileView",
    "DocumentHistoryView",
    "EvidenceFileView",
    "ExportView",
    "LegalDocumentListView",
    "ObjectiveDetailView",
    "ObjectiveEditView",
    "ObjectiveHistoryView",
    "RiskDetailView",
    "RiskEditView",
    "RiskHistoryView",
    "YearSettingsView",
    "action_evidence",
    "dashboard",
    "document_changes",
    "home",
    "milestone_toggle",
    "objective_action",
    "objectives",
    "open_year",
    "register",
    "risk_review",
]

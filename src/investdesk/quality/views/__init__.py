"""Pages of the quality system, by area: the year (dashboard, settings, exports), objectives
(Table 1), the risk and opportunity register (Table 2) and actions; the legal documents have
their own app (``investdesk.legal``)."""

from .actions import (
    ActionDetailView,
    ActionEditView,
    ActionHistoryView,
    ActionListView,
    EvidenceFileView,
    action_evidence,
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
    "EvidenceFileView",
    "ExportView",
    "ObjectiveDetailView",
    "ObjectiveEditView",
    "ObjectiveHistoryView",
    "RiskDetailView",
    "RiskEditView",
    "RiskHistoryView",
    "YearSettingsView",
    "action_evidence",
    "dashboard",
    "home",
    "milestone_toggle",
    "objective_action",
    "objectives",
    "open_year",
    "register",
    "risk_review",
]

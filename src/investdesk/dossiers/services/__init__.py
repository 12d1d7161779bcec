"""Every change to a dossier: receipt, steps, pauses, results, assignment, imports.

Each service checks the actor's permission (``access``) and the row, runs in one transaction with
the dossier row locked (so two people acting on the same step cannot both succeed), records history,
and takes an optional ``at`` (the instant of the action; now by default) so imports and demo data
replay a dossier's life through exactly the same rules.

By concern: ``intake`` (receipt, refusal, documents), ``steps`` (the workflow's steps),
``pauses`` (supplementation and explanation), ``deadlines`` (the stored time limits),
``closing`` (withdrawal, stop, apology), ``assignment`` (who does a step), ``importing``
(historical dossiers). Callers use the names below, as ``services.complete_step``.
"""

from .. import access
from ..assignees import (
    ASSIGNABLE_ROLES,
    DEPARTMENT_WIDE_ROLES,
    FOLLOWED_UP_BY_OFFICER,
    ROLE_GROUPS,
    assignment_candidates,
    dossier_division_id,
    least_loaded,
    pick_assignee,
    role_group,
)
from ..import_jobs import API_IMPORT_JOB, LAYOUT_JOB, import_saved_rows, read_import_layout, run_sheet_import
from .assignment import reassign_step, set_default_assignee
from .closing import extend_with_apology, stop_processing, withdraw_dossier
from .deadlines import (
    due_time,
    keep_at_risk_current,
    recompute_at_risk,
    recompute_due_times,
    refresh_times,
    step_due_time,
)
from .importing import (
    check_import,
    import_later,
    import_result,
    may_import,
    refused_reads,
    start_import,
    upload_import,
    visible_imports,
)
from .intake import attach_document, next_code, receive_dossier, refuse_receipt
from .linking import link_project
from .pauses import DEFAULT_REPLY_WORKING_DAYS, missed_reply, receive_explanation, request_explanation
from .steps import close_silent_consultations, complete_step, open_ready_steps, questions_for

# The permission predicates under the names callers have long used.
can_act_on = access.can_complete
can_assign = access.can_reassign

__all__ = [
    "API_IMPORT_JOB",
    "ASSIGNABLE_ROLES",
    "DEFAULT_REPLY_WORKING_DAYS",
    "DEPARTMENT_WIDE_ROLES",
    "FOLLOWED_UP_BY_OFFICER",
    "LAYOUT_JOB",
    "ROLE_GROUPS",
    "assignment_candidates",
    "attach_document",
    "can_act_on",
    "can_assign",
    "check_import",
    "close_silent_consultations",
    "complete_step",
    "dossier_division_id",
    "due_time",
    "extend_with_apology",
    "import_later",
    "import_result",
    "import_saved_rows",
    "keep_at_risk_current",
    "least_loaded",
    "link_project",
    "may_import",
    "missed_reply",
    "next_code",
    "open_ready_steps",
    "pick_assignee",
    "questions_for",
    "read_import_layout",
    "reassign_step",
    "receive_dossier",
    "receive_explanation",
    "recompute_at_risk",
    "recompute_due_times",
    "refresh_times",
    "refuse_receipt",
    "refused_reads",
    "request_explanation",
    "role_group",
    "run_sheet_import",
    "set_default_assignee",
    "start_import",
    "step_due_time",
    "stop_processing",
    "upload_import",
    "visible_imports",
    "withdraw_dossier",
]

"""The permissions each role holds over dossiers. Rows are narrowed further by ``access``: a division
head assigns within the division; everyone completes their own steps."""

from investdesk.accounts.choices import Role
from investdesk.procedures.choices import ProcessRole

ROLE_PERMISSIONS = {
    Role.ADMINISTRATOR: [
        "dossiers.receive_dossier",
        "dossiers.assign_dossier",
        "dossiers.view_all_dossiers",
        "dossiers.process_dossier",
        "dossiers.apologise_dossier",
    ],
    Role.DEPARTMENT_LEADER: ["dossiers.view_all_dossiers", "dossiers.process_dossier", "dossiers.apologise_dossier"],
    Role.DIVISION_HEAD: ["dossiers.assign_dossier", "dossiers.process_dossier", "dossiers.apologise_dossier"],
    Role.OFFICER: ["dossiers.process_dossier"],
    Role.RECEPTION: ["dossiers.receive_dossier", "dossiers.view_all_dossiers", "dossiers.process_dossier"],
    Role.VIEWER: [],
}

# The user role whose people take the steps of each process role (a BPMN lane of the procedure's
# model); the chairman's and the consulted agencies' steps are followed up by officers.
PROCESS_ROLE_GROUPS = {
    ProcessRole.RECEPTION: Role.RECEPTION,
    ProcessRole.OFFICER: Role.OFFICER,
    ProcessRole.DIVISION_HEAD: Role.DIVISION_HEAD,
    ProcessRole.DEPARTMENT_LEADER: Role.DEPARTMENT_LEADER,
}

"""The permissions each role holds over dossiers. Rows are narrowed further by ``access``: a division
head assigns within the division; everyone completes their own steps."""

from investdesk.accounts.choices import Role

ROLE_PERMISSIONS = {
    Role.ADMINISTRATOR: [
        "dossiers.receive_dossier",
        "dossiers.assign_dossier",
        "dossiers.view_all_dossiers",
        "dossiers.process_dossier",
    ],
    Role.DEPARTMENT_LEADER: ["dossiers.view_all_dossiers", "dossiers.process_dossier"],
    Role.DIVISION_HEAD: ["dossiers.assign_dossier", "dossiers.process_dossier"],
    Role.OFFICER: ["dossiers.process_dossier"],
    Role.RECEPTION: ["dossiers.receive_dossier", "dossiers.view_all_dossiers", "dossiers.process_dossier"],
    Role.VIEWER: [],
}

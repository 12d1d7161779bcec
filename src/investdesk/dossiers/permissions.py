from investdesk.accounts.choices import Role

ROLE_PERMISSIONS = {
    Role.ADMINISTRATOR: ["dossiers.receive_dossier", "dossiers.assign_dossier"],
    Role.RECEPTION: ["dossiers.receive_dossier"],
    Role.DIVISION_HEAD: ["dossiers.assign_dossier"],
}

from investdesk.accounts.choices import Role

ROLE_PERMISSIONS = {
    Role.ADMINISTRATOR: ["procedures.manage_procedures"],
}

from investdesk.accounts.choices import Role

ROLE_PERMISSIONS = {
    Role.ADMINISTRATOR: ["worktime.manage_calendar"],
}

from investdesk.accounts.choices import Role

# Everyone signed in reads the quality records; the division's leaders keep them. The owner of an
# action reports on it whatever their role (checked row by row in services).
ROLE_PERMISSIONS = {
    Role.ADMINISTRATOR: ["quality.manage_quality"],
    Role.DIVISION_HEAD: ["quality.manage_quality"],
}

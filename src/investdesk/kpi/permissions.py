from investdesk.accounts.choices import Role

# Everyone has their own KPI (checked row by row); these are the powers over other people's.
ROLE_PERMISSIONS = {
    Role.ADMINISTRATOR: ["kpi.configure_kpi", "kpi.view_all_kpi"],
    Role.DEPARTMENT_LEADER: ["kpi.approve_kpi", "kpi.view_all_kpi"],
    Role.DIVISION_HEAD: ["kpi.review_kpi"],
}

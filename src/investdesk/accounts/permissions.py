"""The permissions each role holds for this app. ``investdesk seed`` gathers every app's table.

Code checks permissions (``user.has_perm``) and rows (``QuerySet.restrict``), never role names, so
a province can give a role more or less without touching the code. ``view_people`` shows one's own
division; ``view_all_people`` every division.
"""

from .choices import Role

ROLE_PERMISSIONS = {
    Role.ADMINISTRATOR: [
        "accounts.manage_people",
        "accounts.view_people",
        "accounts.view_all_people",
        "accounts.manage_system",
    ],
    Role.DEPARTMENT_LEADER: ["accounts.view_people", "accounts.view_all_people"],
    Role.DIVISION_HEAD: ["accounts.view_people"],
    Role.OFFICER: [],
    Role.RECEPTION: [],
    Role.VIEWER: [],
}

"""The permissions each role holds over the project database; rows are narrowed by ``access``
(a division edits its own projects)."""

from investdesk.accounts.choices import Role

_READ = ["projects.view_project"]
_EDIT = [*_READ, "projects.add_project", "projects.change_project"]

ROLE_PERMISSIONS = {
    Role.ADMINISTRATOR: [
        *_EDIT,
        "projects.confirm_decision",
        "projects.close_inspection",
        "projects.edit_all_projects",
    ],
    Role.DEPARTMENT_LEADER: _READ,
    Role.DIVISION_HEAD: [*_EDIT, "projects.confirm_decision", "projects.close_inspection"],
    Role.OFFICER: _EDIT,
    Role.VIEWER: _READ,
}

"""Reference data: the department, its divisions, positions and the role groups with permissions."""

from importlib import import_module, util

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group, Permission

from .choices import PositionLevel, Role
from .models import Department, Division, Position

DEPARTMENT_CODE = "so-tai-chinh"
# The division this installation is for, and the units it works with inside the department.
DIVISIONS = [
    ("dtnns", lambda: settings.DIVISION_NAME, "ĐTNNS", 10),
    ("ban-giam-doc", lambda: "Ban Giám đốc Sở", "BGĐ", 1),
    ("van-phong", lambda: "Văn phòng Sở", "VP", 2),
]
POSITIONS = [
    ("giam-doc", "Giám đốc Sở", PositionLevel.DEPARTMENT_HEAD, 10),
    ("pho-giam-doc", "Phó Giám đốc Sở", PositionLevel.DEPARTMENT_DEPUTY, 20),
    ("truong-phong", "Trưởng phòng", PositionLevel.DIVISION_HEAD, 30),
    ("pho-truong-phong", "Phó Trưởng phòng", PositionLevel.DIVISION_DEPUTY, 40),
    ("chuyen-vien-chinh", "Chuyên viên chính", PositionLevel.OFFICER, 50),
    ("chuyen-vien", "Chuyên viên", PositionLevel.OFFICER, 60),
    ("nhan-vien", "Nhân viên", PositionLevel.STAFF, 70),
]


def role_permissions() -> dict[str, set[str]]:
    """Every app's ``permissions.ROLE_PERMISSIONS`` merged."""
    merged: dict[str, set[str]] = {role: set() for role in Role.values}
    for config in apps.get_app_configs():
        dotted = f"{config.name}.permissions"
        if not config.name.startswith("investdesk.") or util.find_spec(dotted) is None:
            continue
        for role, names in import_module(dotted).ROLE_PERMISSIONS.items():
            merged[str(role)].update(names)
    return merged


def sync_roles(log) -> None:
    for role, names in role_permissions().items():
        group, created = Group.objects.get_or_create(name=role)
        permissions = []
        for name in sorted(names):
            app_label, codename = name.split(".", 1)
            permissions.append(Permission.objects.get(content_type__app_label=app_label, codename=codename))
        group.permissions.set(permissions)
        if created:
            log(f"  vai trò: {Role(role).label}")


def run(log) -> None:
    department, created = Department.objects.get_or_create(
        code=DEPARTMENT_CODE,
        defaults={
            "name": settings.ORGANISATION_NAME,
            "short_name": "STC",
            "parent_name": f"UBND tỉnh {settings.PROVINCE_NAME}",
        },
    )
    if created:
        log(f"  sở: {department.name}")
    for code, name, short_name, order in DIVISIONS:
        division, created = Division.objects.get_or_create(
            code=code,
            defaults={
                "department": department,
                "name": name(),
                "short_name": short_name,
                "sort_order": order,
            },
        )
        if created:
            log(f"  phòng: {division.name}")
    for code, name, level, order in POSITIONS:
        _position, created = Position.objects.get_or_create(
            code=code, defaults={"name": name, "level": level, "sort_order": order}
        )
        if created:
            log(f"  chức vụ: {name}")
    sync_roles(log)

"""Demo staff of the division and the department, with realistic Vietnamese names and roles.

Their password is generated once per installation and kept in var/demo_password, so no password
lives in the repository; ``make run`` prints it with the accounts.
"""

import secrets
import zlib

from django.conf import settings
from django.contrib.auth.models import Group

from .choices import Role
from .models import Division, Position, User

DEMO_PEOPLE = [
    # username, full name, position, division, roles
    ("admin", "Quản trị hệ thống", None, "van-phong", [Role.ADMINISTRATOR]),
    ("giamdoc", "Trần Minh Khoa", "giam-doc", "ban-giam-doc", [Role.DEPARTMENT_LEADER]),
    ("phogiamdoc", "Lê Thị Thu Hà", "pho-giam-doc", "ban-giam-doc", [Role.DEPARTMENT_LEADER]),
    ("truongphong", "Nguyễn Văn Thành", "truong-phong", "dtnns", [Role.DIVISION_HEAD]),
    ("photruongphong", "Phạm Thị Hồng Nhung", "pho-truong-phong", "dtnns", [Role.DIVISION_HEAD]),
    ("tuan.vm", "Võ Minh Tuấn", "chuyen-vien-chinh", "dtnns", [Role.OFFICER]),
    ("thuy.dt", "Đặng Thị Thủy", "chuyen-vien", "dtnns", [Role.OFFICER]),
    ("bao.hq", "Huỳnh Quốc Bảo", "chuyen-vien", "dtnns", [Role.OFFICER]),
    ("hoa.bn", "Bùi Ngọc Hoà", "chuyen-vien", "dtnns", [Role.OFFICER]),
    ("mai.tt", "Trương Thị Mai", "nhan-vien", "van-phong", [Role.RECEPTION]),
    ("long.dh", "Đỗ Hoàng Long", "chuyen-vien", "van-phong", [Role.VIEWER]),
]


def demo_password() -> str:
    path = settings.VAR_DIR / "demo_password"
    if not path.exists():
        path.write_text(f"Demo-{secrets.token_urlsafe(9)}\n")
        path.chmod(0o600)
    return path.read_text().strip()


def run(log) -> None:
    password = demo_password()
    divisions = {d.code: d for d in Division.objects.all()}
    positions = {p.code: p for p in Position.objects.all()}
    for username, full_name, position, division, roles in DEMO_PEOPLE:
        if User.objects.filter(username=username).exists():
            continue
        slug = username.replace(".", "")
        person = User(
            username=username,
            full_name=full_name,
            position=positions.get(position),
            division=divisions.get(division),
            # ".invalid" can never deliver: a demo password reset mails nobody real.
            email=f"{slug}@investdesk.invalid",
            phone=f"0258 3{zlib.crc32(username.encode()) % 900000 + 100000}",
        )
        person.set_password(password)
        person._change_reason = "Dữ liệu mẫu"
        person.save()
        person.groups.set(Group.objects.filter(name__in=[str(r) for r in roles]))
        log(f"  cán bộ: {full_name} ({username})")

"""Search folding, and the staff list with 20,000 people (ten times a large department)."""

import statistics
import time

from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.test import Client

from investdesk.accounts.choices import Role
from investdesk.accounts.models import Division, Position, User
from investdesk.core.text import fold

PEOPLE = 20_000
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ"]
MIDDLE = ["Văn", "Thị", "Minh", "Ngọc", "Quốc", "Thu", "Hồng", "Đức", "Thanh", "Hữu"]
GIVEN = [
    "An",
    "Bình",
    "Châu",
    "Dũng",
    "Hà",
    "Hoà",
    "Hùng",
    "Khánh",
    "Lan",
    "Long",
    "Mai",
    "Nam",
    "Nhung",
    "Phúc",
    "Quân",
    "Sơn",
    "Tâm",
    "Thảo",
    "Thủy",
    "Trang",
    "Tuấn",
    "Vy",
    "Yến",
]


def timed(fn, repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def run():
    text = "Phòng Quản lý Đầu tư ngoài ngân sách — Khánh Hoà, Thủy"
    n = 200_000
    started = time.perf_counter()
    for _ in range(n):
        fold(text)
    per_second = n / (time.perf_counter() - started)
    yield f"fold(): {per_second:,.0f} calls/s on one core"

    call_command("seed", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
    divisions = list(Division.objects.all())
    positions = list(Position.objects.all())
    people = []
    for i in range(PEOPLE):
        name = f"{FAMILY[i % 12]} {MIDDLE[i % 10]} {GIVEN[i % 23]}"
        person = User(
            username=f"u{i:05d}",
            full_name=name,
            division=divisions[i % len(divisions)],
            position=positions[i % len(positions)],
            email=f"u{i}@example.invalid",
            password="!",
        )
        person.refresh_search_key()
        people.append(person)
    User.objects.bulk_create(people, batch_size=2000)
    officer_group = Group.objects.get(name=Role.OFFICER)
    officer_group.user_set.add(*User.objects.values_list("pk", flat=True)[: PEOPLE // 2])
    admin = User.objects.create(username="bench-admin", full_name="Quản trị", is_superuser=True)
    yield f"{PEOPLE:,} people on {connection.vendor}"

    client = Client()
    client.force_login(admin)
    for label, params in [
        ("staff list, first page", {}),
        ("staff list, page 400", {"page": 400}),
        ("search 'thuy' (no diacritics)", {"q": "thuy"}),
        ("search + division filter", {"q": "nguyen hoa", "division": divisions[0].pk}),
        ("sorted by division", {"sort": "division"}),
    ]:
        response = client.get("/people/", params)
        assert response.status_code == 200, response.status_code
        queries: list[str] = []

        def count(execute, sql, params_, many, context, queries=queries):
            queries.append(sql)
            return execute(sql, params_, many, context)

        with connection.execute_wrapper(count):
            client.get("/people/", params)
        samples = timed(lambda params=params: client.get("/people/", params), 15)
        yield (
            f"{label}: median {statistics.median(samples):.0f} ms, "
            f"p95 {sorted(samples)[13]:.0f} ms, {len(queries)} queries"
        )

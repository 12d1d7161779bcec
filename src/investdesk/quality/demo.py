"""Quality records for trying the system: actions on the 2026 register and objectives (some done,
some late), the milestones of objective 2, and the first quarters' reviews; through the services,
so history and reviews look as they would after a real year."""

from datetime import date

from django.contrib.auth import get_user_model

from .models import Action, Objective, QualityYear, Risk

ACTIONS = [
    # (section, number or None, objective number or None, owner, title, due, done, result)
    (
        "I",
        "1",
        None,
        "photruongphong",
        "Tổ chức lớp tập huấn ISO và quy trình TTHC cho công chức mới",
        date(2026, 3, 31),
        date(2026, 3, 27),
        "Đã tổ chức lớp ngày 27/3/2026, 9 người dự.",
    ),
    (
        "II",
        "1",
        None,
        "tuan.vm",
        "Rà soát, cập nhật danh mục văn bản pháp luật sau Luật Đầu tư 2025 và Nghị định 96/2026",
        date(2026, 4, 15),
        date(2026, 4, 10),
        "Đã cập nhật 12 văn bản vào hệ thống.",
    ),
    (
        "IV",
        "1.1.1",
        None,
        "thuy.dt",
        "Theo dõi hệ thống hằng ngày, báo cáo hồ sơ có nguy cơ trễ hạn tại giao ban tuần",
        date(2026, 12, 14),
        None,
        "",
    ),
    (
        "IV",
        "1.1.2",
        None,
        "bao.hq",
        "Ghi nhận sự cố phần mềm một cửa, đề nghị Trung tâm Dịch vụ hành chính công xác nhận thời gian gián đoạn",
        date(2026, 10, 30),
        None,
        "",
    ),
    (
        None,
        None,
        2,
        "tuan.vm",
        "Hoàn thiện thiết kế cơ sở dữ liệu dự án ngoài ngân sách",
        date(2026, 5, 15),
        date(2026, 5, 12),
        "Đã trình lãnh đạo phòng bản thiết kế.",
    ),
    (
        None,
        None,
        2,
        "hoa.bn",
        "Nhập dữ liệu các dự án đã cấp chủ trương, giấy chứng nhận từ năm 2021",
        date(2026, 6, 30),
        None,
        "",
    ),
]
MILESTONES = [
    ("Thiết kế cơ sở dữ liệu dự án", date(2026, 4, 30), date(2026, 5, 12)),
    ("Nhập dữ liệu dự án hiện có", date(2026, 6, 15), None),
    ("Vận hành thử giám sát, đánh giá", date(2026, 6, 30), None),
]


def run(log) -> None:
    from . import services

    plan = QualityYear.objects.filter(year=2026).first()
    people = {u.username: u for u in get_user_model().objects.filter(is_active=True)}
    head = people.get("truongphong")
    if plan is None or head is None or Action.objects.filter(plan=plan).exists():
        return
    for section, number, objective_number, owner, title, due, done, result in ACTIONS:
        if owner not in people:
            continue
        action = Action(
            plan=plan,
            risk=Risk.objects.filter(register=plan, section=section, number=number).first() if section else None,
            objective=Objective.objects.filter(plan=plan, number=objective_number).first()
            if objective_number
            else None,
            title=title,
            owner=people[owner],
            due_on=due,
        )
        services.save_action(head, action)
        if done:
            services.report_action(
                people[owner], action, status="done", result=result, expected_version=action.version, done_on=done
            )
    database = Objective.objects.filter(plan=plan, number=2).first()
    if database is not None and not database.milestones.exists():
        for title, due, done in MILESTONES:
            milestone = services.add_milestone(head, database, title=title, due_on=due)
            if done:
                services.set_milestone_done(head, milestone, done)
    for objective in Objective.objects.filter(plan=plan, number__in=[1, 3]):
        if not objective.reviews.exists():
            services.review_objective(head, objective, quarter=1, comment="Đánh giá quý I tại cuộc họp giao ban.")
    log(f"  hành động chất lượng: {Action.objects.filter(plan=plan).count()}")

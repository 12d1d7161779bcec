"""The division's procedures under Nghị định 96/2026/NĐ-CP (DOMAIN.md §2), as seed data.

Each entry: code, name, field, authority, legal basis, statutory working days, result, components,
and the internal process as blocks for ``bpmn.draw``. Splits follow the decree: for the procedures
decided by the PPC chairman the department asks for opinions within 2 days, consulted agencies
answer within 7, the department's appraisal report is due within 14 and the chairman decides
within 3 (17 in all).

Each entry also has ``old``: the version in force under Luật Đầu tư 61/2020/QH14 and Nghị định
31/2021/NĐ-CP (as amended by NĐ 239/2025/NĐ-CP) from ``OLD_LAW_FROM`` to the day before
``NEW_LAW_FROM``: a dossier received before 01/03/2026 keeps the old time (DOMAIN.md §1). Its
``note`` says which times were checked against the article and which were not.
"""

from datetime import date

from .bpmn.layout import Check, Consult, Task
from .choices import Authority, Field
from .choices import ProcessRole as R

NEW_LAW_FROM = date(2026, 3, 1)  # Luật Đầu tư 143/2025/QH15 and NĐ 96/2026 for procedures
OLD_LAW_FROM = date(2021, 3, 26)  # Nghị định 31/2021/NĐ-CP (Luật Đầu tư 61/2020/QH14 from 01/01/2021)
OLD_LAW = "Luật Đầu tư 61/2020/QH14; Nghị định 31/2021/NĐ-CP"
AMENDED_2025 = (
    "Nghị định 239/2025/NĐ-CP (03/09/2025) sửa đổi Nghị định 31/2021/NĐ-CP: chưa đối chiếu được thay đổi "
    "thời hạn (nếu có) của thủ tục này cho hồ sơ tiếp nhận từ khi nghị định đó có hiệu lực."
)
UNCONFIRMED = (
    "Thời hạn %s ngày làm việc CHƯA được đối chiếu với điều khoản gốc (%s); đây là thời hạn tạm dùng "
    "theo trình tự tương ứng của khung pháp lý cũ. Quản trị viên cần kiểm tra và, nếu khác, phê duyệt "
    "phiên bản thay thế có cùng ngày hiệu lực."
)
RECEIVE = Task(
    "Tiếp nhận, kiểm tra thành phần hồ sơ",
    R.RECEPTION,
    "0.5",
    "Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Mẫu 01)",
)
RETURN = Task("Trả kết quả cho nhà đầu tư", R.RECEPTION, "0.5", "Kết quả giải quyết TTHC")

AGENCIES = ["Sở Xây dựng", "Sở Nông nghiệp và Môi trường", "UBND xã, phường nơi thực hiện dự án"]
STANDARD_COMPONENTS = [
    "Văn bản đề nghị theo mẫu",
    "Tài liệu về tư cách pháp lý của nhà đầu tư",
    "Giấy chứng nhận đăng ký đầu tư hoặc văn bản chấp thuận đã cấp (nếu có)",
]


def ppc_decided(check: str, report: str, decision: str, result: str, agencies=AGENCIES) -> list:
    """The 17-day pattern: 2 to ask for opinions, 7 for the answers, 14 for the report, 3 to decide."""
    return [
        RECEIVE,
        Check(check, R.OFFICER, "1", "Văn bản lấy ý kiến các cơ quan"),
        Consult(agencies, "7"),
        Task(report, R.OFFICER, "3", "Dự thảo báo cáo thẩm định"),
        Task("Kiểm tra, trình Lãnh đạo Sở", R.DIVISION_HEAD, "1", "Báo cáo thẩm định đã kiểm tra"),
        Task("Ký báo cáo thẩm định, trình UBND tỉnh", R.DEPARTMENT_LEADER, "1", "Báo cáo thẩm định"),
        Task(decision, R.PPC_CHAIRMAN, "3", result),
        RETURN,
    ]


def department_decided(total: int, work: str, sign: str, result: str) -> list:
    """Sở decides: reception ½ · officer · division head · department leader · return ½."""
    split = {
        10: ("6.5", "1", "1.5"),
        7: ("4", "1", "1"),
        5: ("2.5", "0.5", "1"),
        3: ("1", "0.5", "0.5"),
    }
    officer, head, leader = split[total]
    return _department_blocks(work, sign, result, officer, head, leader)


def _department_blocks(work: str, sign: str, result: str, officer: str, head: str, leader: str) -> list:
    return [
        RECEIVE,
        Check(work, R.OFFICER, officer, f"Dự thảo {result[0].lower()}{result[1:]}"),
        Task("Kiểm tra, trình ký", R.DIVISION_HEAD, head),
        Task(sign, R.DEPARTMENT_LEADER, leader, result),
        RETURN,
    ]


def department_decided_2021(total: int, work: str, sign: str, result: str) -> list:
    """The same department pattern on an old-law time (15 days: officer 11.5, head 1, leader 1.5)."""
    split = {15: ("11.5", "1", "1.5"), 10: ("6.5", "1", "1.5"), 5: ("2.5", "0.5", "1"), 3: ("1", "0.5", "0.5")}
    officer, head, leader = split[total]
    return _department_blocks(work, sign, result, officer, head, leader)


def ppc_decided_2021(check: str, report: str, decision: str, result: str, agencies=AGENCIES) -> list:
    """The old 35-day pattern of a decision of the PPC: the department 28 (of which 15 for the
    consulted agencies), the PPC 7."""
    return [
        RECEIVE,
        Check(check, R.OFFICER, "2.5", "Văn bản lấy ý kiến"),
        Consult(agencies, "15"),
        Task(report, R.OFFICER, "7", "Dự thảo báo cáo thẩm định"),
        Task("Kiểm tra, trình Lãnh đạo Sở", R.DIVISION_HEAD, "1.5"),
        Task("Ký báo cáo thẩm định, trình UBND tỉnh", R.DEPARTMENT_LEADER, "1.5", "Báo cáo thẩm định"),
        Task(decision, R.PPC_CHAIRMAN, "6.5", result),
        RETURN,
    ]


def old(days: int, articles: str, blocks: list, *, confirmed: bool) -> dict:
    """The version under the old law; ``confirmed`` says whether its time was checked against
    ``articles``; if not, the note says so."""
    checked = "" if confirmed else UNCONFIRMED % (days, articles) + " "
    return {
        "from": OLD_LAW_FROM,
        "days": days,
        "legal_basis": f"{OLD_LAW}, {articles}"[:255],
        "note": checked + AMENDED_2025,
        "blocks": blocks,
    }


GCN = "Giấy chứng nhận đăng ký đầu tư"
PROCEDURES = [
    {
        "code": "chap-thuan-chu-truong-dau-tu",
        "name": "Chấp thuận chủ trương đầu tư của Chủ tịch UBND cấp tỉnh",
        "authority": Authority.PPC_CHAIRMAN,
        "legal_basis": "Luật Đầu tư 143/2025/QH15; Nghị định 96/2026/NĐ-CP, Điều 35 khoản 7–8",
        "days": 17,
        "result": "Quyết định chấp thuận chủ trương đầu tư",
        "components": [
            "Văn bản đề nghị thực hiện dự án đầu tư",
            "Tài liệu về tư cách pháp lý của nhà đầu tư",
            "Tài liệu chứng minh năng lực tài chính của nhà đầu tư",
            "Đề xuất dự án đầu tư",
            "Tài liệu về quyền sử dụng địa điểm (nếu có)",
        ],
        "blocks": ppc_decided(
            "Kiểm tra tính hợp lệ, gửi lấy ý kiến các cơ quan",
            "Tổng hợp ý kiến, thẩm định, lập báo cáo thẩm định",
            "Xem xét, quyết định chấp thuận chủ trương đầu tư",
            "Quyết định chấp thuận chủ trương đầu tư",
        ),
        # Before 01/03/2026 (Luật Đầu tư 61/2020, NĐ 31/2021): 35 days, Sở 28 with 15 for
        # the consulted agencies, the PPC 7.
        "old": {
            "from": date(2021, 3, 26),
            "days": 35,
            "legal_basis": "Luật Đầu tư 61/2020/QH14; Nghị định 31/2021/NĐ-CP",
            "note": AMENDED_2025,
            "blocks": [
                RECEIVE,
                Check(
                    "Kiểm tra tính hợp lệ, gửi lấy ý kiến các cơ quan",
                    R.OFFICER,
                    "2.5",
                    "Văn bản lấy ý kiến",
                ),
                Consult(AGENCIES, "15"),
                Task(
                    "Tổng hợp ý kiến, lập báo cáo thẩm định",
                    R.OFFICER,
                    "7",
                    "Dự thảo báo cáo thẩm định",
                ),
                Task("Kiểm tra, trình Lãnh đạo Sở", R.DIVISION_HEAD, "1.5"),
                Task(
                    "Ký báo cáo thẩm định, trình UBND tỉnh",
                    R.DEPARTMENT_LEADER,
                    "1.5",
                    "Báo cáo thẩm định",
                ),
                Task(
                    "Xem xét, quyết định chủ trương đầu tư",
                    R.PPC_CHAIRMAN,
                    "6.5",
                    "Quyết định chủ trương đầu tư",
                ),
                RETURN,
            ],
        },
    },
    {
        "code": "chap-thuan-nha-dau-tu",
        "name": "Chấp thuận nhà đầu tư",
        "authority": Authority.PPC_CHAIRMAN,
        "legal_basis": "Nghị định 96/2026/NĐ-CP, Điều 31",
        "days": 17,
        "result": "Quyết định chấp thuận nhà đầu tư",
        "blocks": ppc_decided(
            "Kiểm tra tính hợp lệ, gửi lấy ý kiến các cơ quan",
            "Tổng hợp ý kiến, đánh giá năng lực nhà đầu tư, lập báo cáo thẩm định",
            "Xem xét, quyết định chấp thuận nhà đầu tư",
            "Quyết định chấp thuận nhà đầu tư",
        ),
        "old": old(
            35,
            "Luật Điều 29 khoản 3; Nghị định 31/2021/NĐ-CP, Điều 30",
            ppc_decided_2021(
                "Kiểm tra tính hợp lệ, gửi lấy ý kiến các cơ quan",
                "Tổng hợp ý kiến, đánh giá năng lực nhà đầu tư, lập báo cáo thẩm định",
                "Xem xét, quyết định chấp thuận nhà đầu tư",
                "Quyết định chấp thuận nhà đầu tư",
            ),
            confirmed=False,
        ),
    },
    {
        "code": "dieu-chinh-du-an-thuoc-tham-quyen-chu-tich",
        "name": "Điều chỉnh dự án đầu tư thuộc thẩm quyền chấp thuận của Chủ tịch UBND cấp tỉnh",
        "authority": Authority.PPC_CHAIRMAN,
        "legal_basis": "Nghị định 96/2026/NĐ-CP, Điều 53 khoản 2",
        "days": 17,
        "result": "Quyết định chấp thuận điều chỉnh dự án đầu tư",
        "blocks": ppc_decided(
            "Kiểm tra tính hợp lệ, gửi lấy ý kiến các cơ quan",
            "Tổng hợp ý kiến, thẩm định nội dung điều chỉnh",
            "Xem xét, quyết định chấp thuận điều chỉnh dự án",
            "Quyết định chấp thuận điều chỉnh dự án đầu tư",
        ),
        "old": old(
            35,
            "Luật Điều 41; Nghị định 31/2021/NĐ-CP, Điều 44",
            ppc_decided_2021(
                "Kiểm tra tính hợp lệ, gửi lấy ý kiến các cơ quan",
                "Tổng hợp ý kiến, thẩm định nội dung điều chỉnh",
                "Xem xét, quyết định chấp thuận điều chỉnh chủ trương đầu tư",
                "Quyết định chấp thuận điều chỉnh chủ trương đầu tư",
            ),
            confirmed=False,
        ),
    },
    {
        "code": "chuyen-nhuong-du-an-dau-tu",
        "name": "Chuyển nhượng dự án đầu tư (dự án do Chủ tịch UBND cấp tỉnh chấp thuận)",
        "authority": Authority.PPC_CHAIRMAN,
        "legal_basis": "Nghị định 96/2026/NĐ-CP, Điều 57 khoản 8",
        "days": 17,
        "result": "Quyết định chấp thuận điều chỉnh dự án (chuyển nhượng)",
        "blocks": ppc_decided(
            "Kiểm tra điều kiện chuyển nhượng, gửi lấy ý kiến các cơ quan",
            "Tổng hợp ý kiến, thẩm định điều kiện chuyển nhượng",
            "Xem xét, quyết định chấp thuận chuyển nhượng",
            "Quyết định chấp thuận điều chỉnh dự án (chuyển nhượng)",
            agencies=["Sở Nông nghiệp và Môi trường", "Sở Xây dựng", "Thuế tỉnh"],
        ),
        "old": old(
            35,
            "Luật Điều 46; Nghị định 31/2021/NĐ-CP, Điều 48",
            ppc_decided_2021(
                "Kiểm tra điều kiện chuyển nhượng, gửi lấy ý kiến các cơ quan",
                "Tổng hợp ý kiến, thẩm định điều kiện chuyển nhượng",
                "Xem xét, quyết định chấp thuận chuyển nhượng",
                "Quyết định chấp thuận điều chỉnh chủ trương đầu tư (chuyển nhượng)",
                agencies=["Sở Nông nghiệp và Môi trường", "Sở Xây dựng", "Thuế tỉnh"],
            ),
            confirmed=False,
        ),
    },
    {
        "code": "gia-han-thoi-han-hoat-dong",
        "name": "Gia hạn thời hạn hoạt động của dự án đầu tư",
        "authority": Authority.PPC_CHAIRMAN,
        "legal_basis": "Nghị định 96/2026/NĐ-CP, Điều 64",
        "days": 17,
        "result": "Quyết định gia hạn thời hạn hoạt động của dự án",
        "blocks": ppc_decided(
            "Kiểm tra tính hợp lệ, gửi lấy ý kiến các cơ quan",
            "Tổng hợp ý kiến, thẩm định đề nghị gia hạn",
            "Xem xét, quyết định gia hạn",
            "Quyết định gia hạn thời hạn hoạt động của dự án",
            agencies=["Sở Nông nghiệp và Môi trường", "Sở Xây dựng"],
        ),
        "old": old(
            35,
            "Luật Điều 44; Nghị định 31/2021/NĐ-CP, Điều 55",
            ppc_decided_2021(
                "Kiểm tra tính hợp lệ, gửi lấy ý kiến các cơ quan",
                "Tổng hợp ý kiến, thẩm định đề nghị gia hạn",
                "Xem xét, quyết định gia hạn",
                "Quyết định gia hạn thời hạn hoạt động của dự án",
                agencies=["Sở Nông nghiệp và Môi trường", "Sở Xây dựng"],
            ),
            confirmed=False,
        ),
    },
    {
        "code": "dieu-chinh-tien-do-cham-ban-giao-dat",
        "name": (
            "Điều chỉnh tiến độ dự án do chậm bàn giao đất hoặc điều chỉnh địa điểm sau sắp xếp đơn vị hành chính"
        ),
        "authority": Authority.PPC_CHAIRMAN,
        "legal_basis": "Nghị định 96/2026/NĐ-CP, Điều 53 khoản 3",
        "days": 5,
        "result": "Quyết định điều chỉnh dự án đầu tư",
        "blocks": [
            RECEIVE,
            Check("Thẩm định, dự thảo báo cáo", R.OFFICER, "0.75", "Dự thảo báo cáo"),
            Task("Kiểm tra, trình Lãnh đạo Sở", R.DIVISION_HEAD, "0.25"),
            Task("Ký báo cáo trình UBND tỉnh", R.DEPARTMENT_LEADER, "0.5", "Báo cáo của Sở Tài chính"),
            Task(
                "Xem xét, quyết định điều chỉnh",
                R.PPC_CHAIRMAN,
                "2.5",
                "Quyết định điều chỉnh dự án đầu tư",
            ),
            RETURN,
        ],
        "old": old(
            35,
            "Luật Điều 41; Nghị định 31/2021/NĐ-CP, Điều 44 (điều chỉnh chủ trương đầu tư)",
            ppc_decided_2021(
                "Kiểm tra tính hợp lệ, gửi lấy ý kiến các cơ quan",
                "Tổng hợp ý kiến, thẩm định nội dung điều chỉnh tiến độ",
                "Xem xét, quyết định điều chỉnh chủ trương đầu tư",
                "Quyết định chấp thuận điều chỉnh chủ trương đầu tư",
            ),
            confirmed=False,
        ),
    },
    {
        "code": "cap-gcndkdt-khong-chap-thuan-chu-truong",
        "name": f"Cấp {GCN} đối với dự án không thuộc diện chấp thuận chủ trương đầu tư",
        "legal_basis": "Nghị định 96/2026/NĐ-CP, Điều 39 khoản 3",
        "days": 10,
        "result": GCN,
        "components": [
            "Văn bản đề nghị thực hiện dự án đầu tư",
            "Tài liệu về tư cách pháp lý của nhà đầu tư",
            "Đề xuất dự án đầu tư",
            "Tài liệu chứng minh năng lực tài chính của nhà đầu tư",
            "Tài liệu về quyền sử dụng địa điểm",
        ],
        "blocks": department_decided(10, "Thẩm định hồ sơ, dự thảo Giấy chứng nhận", "Ký Giấy chứng nhận", GCN),
        "old": old(
            15,
            "Luật Điều 38 khoản 1 điểm b (15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ; tính là ngày làm việc)",
            department_decided_2021(15, "Thẩm định hồ sơ, dự thảo Giấy chứng nhận", "Ký Giấy chứng nhận", GCN),
            confirmed=True,
        ),
    },
    {
        "code": "cap-gcndkdt-sau-chap-thuan-chu-truong",
        "name": f"Cấp {GCN} đối với dự án đã được chấp thuận chủ trương đầu tư",
        "legal_basis": "Nghị định 96/2026/NĐ-CP, Điều 38",
        "days": 5,
        "result": GCN,
        "blocks": department_decided(5, "Kiểm tra hồ sơ, dự thảo Giấy chứng nhận", "Ký Giấy chứng nhận", GCN),
        "old": old(
            5,
            "Luật Điều 38 khoản 1 điểm a",
            department_decided_2021(5, "Kiểm tra hồ sơ, dự thảo Giấy chứng nhận", "Ký Giấy chứng nhận", GCN),
            confirmed=True,
        ),
    },
    {
        "code": "dieu-chinh-gcndkdt-sau-chap-thuan-dieu-chinh",
        "name": f"Điều chỉnh {GCN} sau khi được chấp thuận điều chỉnh chủ trương đầu tư",
        "legal_basis": "Nghị định 96/2026/NĐ-CP, Điều 38",
        "days": 5,
        "result": f"{GCN} điều chỉnh",
        "blocks": department_decided(
            5,
            "Kiểm tra hồ sơ, dự thảo Giấy chứng nhận điều chỉnh",
            "Ký Giấy chứng nhận",
            f"{GCN} điều chỉnh",
        ),
        "old": old(
            5,
            "Luật Điều 41; Nghị định 31/2021/NĐ-CP, Điều 44–45",
            department_decided_2021(
                5, "Kiểm tra hồ sơ, dự thảo Giấy chứng nhận điều chỉnh", "Ký Giấy chứng nhận", f"{GCN} điều chỉnh"
            ),
            confirmed=False,
        ),
    },
    {
        "code": "cap-lai-gcndkdt",
        "name": f"Cấp lại {GCN}",
        "legal_basis": "Nghị định 96/2026/NĐ-CP, Điều 44",
        "days": 3,
        "result": f"{GCN} (cấp lại)",
        "blocks": department_decided(
            3,
            "Kiểm tra hồ sơ, dự thảo Giấy chứng nhận cấp lại",
            "Ký Giấy chứng nhận",
            f"{GCN} (cấp lại)",
        ),
        "old": old(
            5,
            "Nghị định 31/2021/NĐ-CP, Điều 41",
            department_decided_2021(
                5, "Kiểm tra hồ sơ, dự thảo Giấy chứng nhận cấp lại", "Ký Giấy chứng nhận", f"{GCN} (cấp lại)"
            ),
            confirmed=False,
        ),
    },
    {
        "code": "hieu-dinh-gcndkdt",
        "name": f"Hiệu đính thông tin trên {GCN}",
        "legal_basis": "Nghị định 96/2026/NĐ-CP, Điều 44",
        "days": 3,
        "result": f"{GCN} đã hiệu đính",
        "blocks": department_decided(
            3,
            "Đối chiếu thông tin, dự thảo Giấy chứng nhận hiệu đính",
            "Ký Giấy chứng nhận",
            f"{GCN} đã hiệu đính",
        ),
        "old": old(
            3,
            "Nghị định 31/2021/NĐ-CP, Điều 41",
            department_decided_2021(
                3, "Đối chiếu thông tin, dự thảo Giấy chứng nhận hiệu đính", "Ký Giấy chứng nhận", f"{GCN} đã hiệu đính"
            ),
            confirmed=False,
        ),
    },
    {
        "code": "dieu-chinh-gcndkdt-ten-tien-do-dia-diem",
        "name": (
            f"Điều chỉnh {GCN}: tên dự án, tên nhà đầu tư, tiến độ theo Điều 28 khoản 5, "
            "địa chỉ sau sắp xếp đơn vị hành chính"
        ),
        "legal_basis": "Nghị định 96/2026/NĐ-CP, Điều 56",
        "days": 3,
        "result": f"{GCN} điều chỉnh",
        "blocks": department_decided(
            3,
            "Kiểm tra hồ sơ, dự thảo Giấy chứng nhận điều chỉnh",
            "Ký Giấy chứng nhận",
            f"{GCN} điều chỉnh",
        ),
        "old": old(
            3,
            "Nghị định 31/2021/NĐ-CP, Điều 47 (tên dự án, tên và địa chỉ nhà đầu tư)",
            department_decided_2021(
                3, "Kiểm tra hồ sơ, dự thảo Giấy chứng nhận điều chỉnh", "Ký Giấy chứng nhận", f"{GCN} điều chỉnh"
            ),
            confirmed=False,
        ),
    },
    {
        "code": "dieu-chinh-gcndkdt-truong-hop-khac",
        "name": f"Điều chỉnh {GCN} (các trường hợp khác)",
        "legal_basis": "Nghị định 96/2026/NĐ-CP, Điều 56",
        "days": 7,
        "result": f"{GCN} điều chỉnh",
        "blocks": department_decided(
            7,
            "Thẩm định nội dung điều chỉnh, dự thảo Giấy chứng nhận",
            "Ký Giấy chứng nhận",
            f"{GCN} điều chỉnh",
        ),
        "old": old(
            10,
            "Nghị định 31/2021/NĐ-CP, Điều 47 (dự án không thuộc diện chấp thuận điều chỉnh chủ trương)",
            department_decided_2021(
                10, "Thẩm định nội dung điều chỉnh, dự thảo Giấy chứng nhận", "Ký Giấy chứng nhận", f"{GCN} điều chỉnh"
            ),
            confirmed=False,
        ),
    },
    {
        "code": "gop-von-mua-co-phan-ndt-nuoc-ngoai",
        "name": "Góp vốn, mua cổ phần, mua phần vốn góp của nhà đầu tư nước ngoài",
        "field": Field.FOREIGN_INVESTMENT,
        "legal_basis": "Nghị định 96/2026/NĐ-CP, Điều 76",
        "days": 10,
        "result": "Thông báo đáp ứng điều kiện góp vốn, mua cổ phần, mua phần vốn góp",
        "components": [
            "Văn bản đăng ký góp vốn, mua cổ phần, mua phần vốn góp",
            "Bản sao giấy tờ pháp lý của nhà đầu tư nước ngoài",
            "Văn bản thỏa thuận nguyên tắc về việc góp vốn, mua cổ phần, mua phần vốn góp",
            "Giấy chứng nhận quyền sử dụng đất của tổ chức kinh tế (nếu ở khu vực ảnh hưởng quốc phòng, an ninh)",
        ],
        "blocks": [
            RECEIVE,
            Check(
                "Kiểm tra hồ sơ, xác định khu vực ảnh hưởng quốc phòng, an ninh",
                R.OFFICER,
                "1.5",
                "Văn bản lấy ý kiến (nếu cần)",
            ),
            Consult(
                ["Bộ Chỉ huy quân sự tỉnh", "Công an tỉnh"],
                "5",
                condition="Đất ở khu vực ảnh hưởng quốc phòng, an ninh?",
            ),
            Task("Thẩm định điều kiện, dự thảo thông báo", R.OFFICER, "1", "Dự thảo thông báo"),
            Task("Kiểm tra, trình ký", R.DIVISION_HEAD, "0.5"),
            Task("Ký thông báo", R.DEPARTMENT_LEADER, "1", "Thông báo đáp ứng điều kiện góp vốn"),
            RETURN,
        ],
        "old": old(
            15,
            "Luật Điều 26; Nghị định 31/2021/NĐ-CP, Điều 66 (15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ)",
            [
                RECEIVE,
                Check(
                    "Kiểm tra hồ sơ, xác định khu vực ảnh hưởng quốc phòng, an ninh",
                    R.OFFICER,
                    "2",
                    "Văn bản lấy ý kiến (nếu cần)",
                ),
                Consult(
                    ["Bộ Chỉ huy quân sự tỉnh", "Công an tỉnh"],
                    "7",
                    condition="Đất ở khu vực ảnh hưởng quốc phòng, an ninh?",
                ),
                Task("Thẩm định điều kiện, dự thảo thông báo", R.OFFICER, "3", "Dự thảo thông báo"),
                Task("Kiểm tra, trình ký", R.DIVISION_HEAD, "1"),
                Task("Ký thông báo", R.DEPARTMENT_LEADER, "1", "Thông báo đáp ứng điều kiện góp vốn"),
                RETURN,
            ],
            confirmed=True,
        ),
    },
    {
        "code": "thanh-lap-van-phong-dieu-hanh-bcc",
        "name": "Thành lập văn phòng điều hành của nhà đầu tư nước ngoài trong hợp đồng BCC",
        "field": Field.FOREIGN_INVESTMENT,
        "legal_basis": "Nghị định 96/2026/NĐ-CP, Điều 78",
        "days": 10,
        "result": "Giấy chứng nhận đăng ký hoạt động văn phòng điều hành",
        "blocks": department_decided(
            10,
            "Thẩm định hồ sơ, dự thảo Giấy chứng nhận",
            "Ký Giấy chứng nhận",
            "Giấy chứng nhận đăng ký hoạt động văn phòng điều hành",
        ),
        "old": old(
            15,
            "Luật Điều 49 khoản 3",
            department_decided_2021(
                15,
                "Thẩm định hồ sơ, dự thảo Giấy chứng nhận",
                "Ký Giấy chứng nhận",
                "Giấy chứng nhận đăng ký hoạt động văn phòng điều hành",
            ),
            confirmed=True,
        ),
    },
    {
        "code": "dieu-chinh-van-phong-dieu-hanh-bcc",
        "name": "Điều chỉnh văn phòng điều hành của nhà đầu tư nước ngoài trong hợp đồng BCC",
        "field": Field.FOREIGN_INVESTMENT,
        "legal_basis": "Nghị định 96/2026/NĐ-CP, Điều 79",
        "days": 7,
        "result": "Giấy chứng nhận đăng ký hoạt động văn phòng điều hành (điều chỉnh)",
        "blocks": department_decided(
            7,
            "Thẩm định hồ sơ, dự thảo Giấy chứng nhận điều chỉnh",
            "Ký Giấy chứng nhận",
            "Giấy chứng nhận đăng ký hoạt động văn phòng điều hành (điều chỉnh)",
        ),
        "old": old(
            10,
            "Nghị định 31/2021/NĐ-CP (điều chỉnh văn phòng điều hành)",
            department_decided_2021(
                10,
                "Thẩm định hồ sơ, dự thảo Giấy chứng nhận điều chỉnh",
                "Ký Giấy chứng nhận",
                "Giấy chứng nhận đăng ký hoạt động văn phòng điều hành (điều chỉnh)",
            ),
            confirmed=False,
        ),
    },
    {
        "code": "cham-dut-van-phong-dieu-hanh-bcc",
        "name": "Chấm dứt hoạt động văn phòng điều hành của nhà đầu tư nước ngoài trong hợp đồng BCC",
        "field": Field.FOREIGN_INVESTMENT,
        "legal_basis": "Nghị định 96/2026/NĐ-CP, Điều 80",
        "days": 10,
        "result": "Quyết định thu hồi Giấy chứng nhận đăng ký hoạt động văn phòng điều hành",
        "blocks": department_decided(
            10,
            "Thẩm định hồ sơ, dự thảo quyết định",
            "Ký quyết định",
            "Quyết định thu hồi Giấy chứng nhận đăng ký hoạt động văn phòng điều hành",
        ),
        "old": old(
            15,
            "Luật Điều 50 khoản 3",
            department_decided_2021(
                15,
                "Thẩm định hồ sơ, dự thảo quyết định",
                "Ký quyết định",
                "Quyết định thu hồi Giấy chứng nhận đăng ký hoạt động văn phòng điều hành",
            ),
            confirmed=True,
        ),
    },
    {
        "code": "ngung-hoat-dong-du-an",
        "name": "Ngừng hoạt động của dự án đầu tư",
        "legal_basis": "Nghị định 96/2026/NĐ-CP, Điều 65",
        "days": 3,
        "result": "Văn bản thông báo cho các cơ quan liên quan về việc ngừng hoạt động",
        "blocks": department_decided(
            3,
            "Kiểm tra thông báo, dự thảo văn bản gửi các cơ quan",
            "Ký văn bản thông báo",
            "Văn bản thông báo cho các cơ quan liên quan về việc ngừng hoạt động",
        ),
        "old": old(
            3,
            "Luật Điều 47; Nghị định 31/2021/NĐ-CP, Điều 56",
            department_decided_2021(
                3,
                "Kiểm tra thông báo, dự thảo văn bản gửi các cơ quan",
                "Ký văn bản thông báo",
                "Văn bản thông báo cho các cơ quan liên quan về việc ngừng hoạt động",
            ),
            confirmed=False,
        ),
    },
    {
        "code": "cham-dut-hoat-dong-du-an",
        "name": "Chấm dứt hoạt động của dự án đầu tư",
        "legal_basis": "Nghị định 96/2026/NĐ-CP, Điều 66",
        "days": 3,
        "result": "Văn bản thông báo chấm dứt hoạt động, thu hồi Giấy chứng nhận",
        "blocks": department_decided(
            3,
            "Kiểm tra hồ sơ, dự thảo thông báo chấm dứt",
            "Ký thông báo",
            "Văn bản thông báo chấm dứt hoạt động, thu hồi Giấy chứng nhận",
        ),
        "old": old(
            15,
            "Luật Điều 48; Nghị định 31/2021/NĐ-CP, Điều 57",
            department_decided_2021(
                15,
                "Kiểm tra hồ sơ, dự thảo thông báo chấm dứt",
                "Ký thông báo",
                "Văn bản thông báo chấm dứt hoạt động, thu hồi Giấy chứng nhận",
            ),
            confirmed=False,
        ),
    },
    {
        "code": "doi-gcndkdt",
        "name": f"Đổi {GCN}",
        "legal_basis": "Nghị định 96/2026/NĐ-CP, Điều 109",
        "days": 3,
        "result": GCN,
        "blocks": department_decided(3, "Kiểm tra hồ sơ, dự thảo Giấy chứng nhận", "Ký Giấy chứng nhận", GCN),
        "old": old(
            3,
            "Nghị định 31/2021/NĐ-CP (đổi Giấy phép đầu tư, Giấy chứng nhận đầu tư)",
            department_decided_2021(3, "Kiểm tra hồ sơ, dự thảo Giấy chứng nhận", "Ký Giấy chứng nhận", GCN),
            confirmed=False,
        ),
    },
]

"""The division's procedures under Nghị định 96/2026/NĐ-CP (DOMAIN.md §2), as seed data.

Each entry: code, name, field, authority, legal basis, statutory working days, result, components,
and the internal process as blocks for ``bpmn.draw``. Splits follow the decree: for the procedures
decided by the PPC chairman the department asks for opinions within 2 days, consulted agencies
answer within 7, the department's appraisal report is due within 14 and the chairman decides
within 3 (17 in all).
"""

from datetime import date

from .bpmn import Check, Consult, S
from .choices import Authority, Field
from .choices import ProcessRole as R

NEW_LAW_FROM = date(2026, 3, 1)  # Luật Đầu tư 143/2025/QH15 and NĐ 96/2026 for procedures
RECEIVE = S(
    "Tiếp nhận, kiểm tra thành phần hồ sơ",
    R.RECEPTION,
    "0.5",
    "Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Mẫu 01)",
)
RETURN = S("Trả kết quả cho nhà đầu tư", R.RECEPTION, "0.5", "Kết quả giải quyết TTHC")

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
        S(report, R.OFFICER, "3", "Dự thảo báo cáo thẩm định"),
        S("Kiểm tra, trình Lãnh đạo Sở", R.DIVISION_HEAD, "1", "Báo cáo thẩm định đã kiểm tra"),
        S("Ký báo cáo thẩm định, trình UBND tỉnh", R.DEPARTMENT_LEADER, "1", "Báo cáo thẩm định"),
        S(decision, R.PPC_CHAIRMAN, "3", result),
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
    return [
        RECEIVE,
        Check(work, R.OFFICER, officer, f"Dự thảo {result[0].lower()}{result[1:]}"),
        S("Kiểm tra, trình ký", R.DIVISION_HEAD, head),
        S(sign, R.DEPARTMENT_LEADER, leader, result),
        RETURN,
    ]


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
            "blocks": [
                RECEIVE,
                Check(
                    "Kiểm tra tính hợp lệ, gửi lấy ý kiến các cơ quan",
                    R.OFFICER,
                    "2.5",
                    "Văn bản lấy ý kiến",
                ),
                Consult(AGENCIES, "15"),
                S(
                    "Tổng hợp ý kiến, lập báo cáo thẩm định",
                    R.OFFICER,
                    "7",
                    "Dự thảo báo cáo thẩm định",
                ),
                S("Kiểm tra, trình Lãnh đạo Sở", R.DIVISION_HEAD, "1.5"),
                S(
                    "Ký báo cáo thẩm định, trình UBND tỉnh",
                    R.DEPARTMENT_LEADER,
                    "1.5",
                    "Báo cáo thẩm định",
                ),
                S(
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
            S("Kiểm tra, trình Lãnh đạo Sở", R.DIVISION_HEAD, "0.25"),
            S("Ký báo cáo trình UBND tỉnh", R.DEPARTMENT_LEADER, "0.5", "Báo cáo của Sở Tài chính"),
            S(
                "Xem xét, quyết định điều chỉnh",
                R.PPC_CHAIRMAN,
                "2.5",
                "Quyết định điều chỉnh dự án đầu tư",
            ),
            RETURN,
        ],
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
    },
    {
        "code": "cap-gcndkdt-sau-chap-thuan-chu-truong",
        "name": f"Cấp {GCN} đối với dự án đã được chấp thuận chủ trương đầu tư",
        "legal_basis": "Nghị định 96/2026/NĐ-CP, Điều 38",
        "days": 5,
        "result": GCN,
        "blocks": department_decided(5, "Kiểm tra hồ sơ, dự thảo Giấy chứng nhận", "Ký Giấy chứng nhận", GCN),
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
            S("Thẩm định điều kiện, dự thảo thông báo", R.OFFICER, "1", "Dự thảo thông báo"),
            S("Kiểm tra, trình ký", R.DIVISION_HEAD, "0.5"),
            S("Ký thông báo", R.DEPARTMENT_LEADER, "1", "Thông báo đáp ứng điều kiện góp vốn"),
            RETURN,
        ],
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
    },
    {
        "code": "doi-gcndkdt",
        "name": f"Đổi {GCN}",
        "legal_basis": "Nghị định 96/2026/NĐ-CP, Điều 109",
        "days": 3,
        "result": GCN,
        "blocks": department_decided(3, "Kiểm tra hồ sơ, dự thảo Giấy chứng nhận", "Ký Giấy chứng nhận", GCN),
    },
]

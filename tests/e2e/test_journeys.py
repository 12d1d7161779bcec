"""What a person does first: sign in, look around, switch language, manage people, sign out."""

import pytest
from playwright.sync_api import expect

from investdesk.accounts.models import User

from ..conftest import PASSWORD
from .conftest import shot, sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_sign_in_home_language_and_sign_out(page, officer):
    page.goto("/people/")
    assert "/accounts/login/" in page.url
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.get_by_role("heading", name="Đăng nhập")).to_be_visible()
    shot(page, "01-dang-nhap")

    sign_in(page, "chuyenvien", "sai-mat-khau")
    expect(page.get_by_text("Tên đăng nhập hoặc mật khẩu không đúng")).to_be_visible()

    sign_in(page, "chuyenvien", PASSWORD)
    expect(page.get_by_role("heading", name="Xin chào, Đặng Thị Thủy")).to_be_visible()
    expect(page.get_by_test_id("home-profile")).to_contain_text("Chuyên viên")
    expect(page.get_by_test_id("home-profile")).to_contain_text("Phòng Quản lý Đầu tư ngoài ngân sách")
    shot(page, "02-trang-chu")

    page.get_by_test_id("user-menu").click()
    page.get_by_test_id("switch-language").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", name="Hello, Đặng Thị Thủy")).to_be_visible()
    expect(page.get_by_text("My details")).to_be_visible()
    shot(page, "03-home-english")

    page.get_by_test_id("user-menu").click()
    page.get_by_test_id("switch-language").click()
    expect(page.locator("html")).to_have_attribute("lang", "vi")

    page.get_by_test_id("user-menu").click()
    page.get_by_test_id("logout").click()
    expect(page.get_by_role("heading", name="Đăng nhập")).to_be_visible()
    page.goto("/")
    assert "/accounts/login/" in page.url


def test_administrator_adds_a_person_and_finds_them_without_diacritics(page, admin_user):
    sign_in(page, "quantri", PASSWORD)
    page.get_by_test_id("menu-organisation").get_by_role("button").click()
    page.get_by_role("link", name="Cán bộ").first.click()
    expect(page.get_by_test_id("person-table")).to_be_visible()
    page.get_by_role("link", name="Thêm người dùng").click()

    form = page.get_by_test_id("person-form")
    form.get_by_label("Tên đăng nhập", exact=True).fill("hoa.bn")
    form.get_by_label("Họ và tên", exact=True).fill("Bùi Ngọc Hoà")
    form.get_by_label("Phòng", exact=True).select_option(label="Phòng Quản lý Đầu tư ngoài ngân sách")
    form.get_by_label("Chức vụ", exact=True).select_option(label="Chuyên viên")
    form.get_by_label("Chuyên viên", exact=True).check()
    form.get_by_label("Mật khẩu ban đầu").fill("Mot-mat-khau-dai-2026")
    shot(page, "04-them-nguoi-dung")
    form.get_by_role("button", name="Lưu").click()

    expect(page.get_by_text("Đã tạo tài khoản Bùi Ngọc Hoà.")).to_be_visible()
    assert User.objects.get(username="hoa.bn").has_role("officer")

    page.get_by_test_id("menu-organisation").get_by_role("button").click()
    page.get_by_role("link", name="Cán bộ").first.click()
    page.get_by_role("searchbox").fill("ngoc hoa")
    table = page.get_by_test_id("person-table")
    expect(table).to_contain_text("Bùi Ngọc Hoà")
    expect(table).not_to_contain_text("Quản Trị")
    expect(page.get_by_test_id("list-count")).to_contain_text("trên tổng số 1")
    assert "q=ngoc" in page.url  # the filtered list has its own address
    shot(page, "05-tim-khong-dau")


def test_a_locked_account_sees_why(page, officer):
    for _ in range(5):
        sign_in(page, "chuyenvien", "sai-mat-khau")
    expect(page.get_by_test_id("locked-out")).to_contain_text("tạm bị khóa")
    shot(page, "06-tam-khoa")
    # The locked-out page is answered with 429 Too Many Requests, which the browser logs.
    page.console_errors[:] = [e for e in page.console_errors if "429" not in e]

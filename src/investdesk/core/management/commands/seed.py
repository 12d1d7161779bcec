from django.core.management.base import BaseCommand

from investdesk.core.seeding import run_modules


class Command(BaseCommand):
    help = "Nạp dữ liệu danh mục mà một hệ thống thật cần (sở, phòng, chức vụ, vai trò…). Chạy lại nhiều lần không sao."

    def handle(self, *args, **options):
        run_modules("seed", lambda line: self.stdout.write(line))
        self.stdout.write(self.style.SUCCESS("Đã nạp dữ liệu danh mục."))

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from investdesk.core.seeding import run_modules


class Command(BaseCommand):
    help = "Thêm dữ liệu mẫu (cán bộ, hồ sơ, dự án) để dùng thử. Chạy lại nhiều lần không sao."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Cho phép chạy khi DEBUG tắt (máy chủ thật).")

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force"]:
            raise CommandError("Dữ liệu mẫu chỉ dành cho máy thử nghiệm (DEBUG=1). Thêm --force nếu thật sự muốn.")
        call_command("seed", stdout=self.stdout)
        run_modules("demo", lambda line: self.stdout.write(line))
        self.stdout.write(self.style.SUCCESS("Đã thêm dữ liệu mẫu."))

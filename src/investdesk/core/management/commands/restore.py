from django.core.management.base import BaseCommand, CommandError

from investdesk.core.backup import restore_backup
from investdesk.core.exceptions import DomainError


class Command(BaseCommand):
    help = (
        "Khôi phục từ tệp sao lưu: THAY THẾ toàn bộ dữ liệu hiện có. "
        "Chạy 'investdesk migrate' trước nếu cơ sở dữ liệu mới được tạo."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Tệp .zip do 'investdesk backup' tạo ra")
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive")

    def handle(self, *args, **options):
        if options["interactive"]:
            answer = input("Toàn bộ dữ liệu hiện có sẽ bị thay thế. Gõ 'dong y' để tiếp tục: ")
            if answer.strip().lower() not in {"dong y", "đồng ý", "yes"}:
                raise CommandError("Đã hủy khôi phục.")
        try:
            result = restore_backup(options["file"])
        except DomainError as error:
            raise CommandError(str(error.message)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã khôi phục {result['restored_rows']} bản ghi (bản sao lưu lúc {result['created_at']})."
            )
        )

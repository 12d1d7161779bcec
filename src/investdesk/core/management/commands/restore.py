"""``investdesk restore FILE``: replaces all data with a backup's; ``--check`` only reads the backup."""

from django.core.management.base import BaseCommand, CommandError

from investdesk.core.backup import restore_backup, verify_backup
from investdesk.core.exceptions import DomainError


class Command(BaseCommand):
    help = (
        "Khôi phục từ tệp sao lưu: THAY THẾ toàn bộ dữ liệu hiện có. "
        "Chạy 'investdesk migrate' trước nếu cơ sở dữ liệu mới được tạo. "
        "Tệp hỏng bị từ chối và dữ liệu hiện có được giữ nguyên."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Tệp .zip do 'investdesk backup' tạo ra")
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive")
        parser.add_argument(
            "--check",
            action="store_true",
            help="Chỉ đọc và kiểm tra toàn bộ tệp sao lưu, không thay đổi dữ liệu (dùng cho bản sao ở nơi khác).",
        )

    def handle(self, *args, **options):
        if options["check"]:
            try:
                manifest = verify_backup(options["file"])
            except DomainError as error:
                raise CommandError(str(error.message)) from error
            self.stdout.write(
                self.style.SUCCESS(
                    f"Tệp sao lưu đọc được đầy đủ: {manifest['rows']} bản ghi, "
                    f"{manifest.get('files', 0)} tệp đính kèm (sao lưu lúc {manifest['created_at']})."
                )
            )
            return
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

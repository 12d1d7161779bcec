"""``investdesk backup FILE``: a verified copy of every row and uploaded file, taken while people work."""

from django.core.management.base import BaseCommand, CommandError

from investdesk.core.backup import create_backup
from investdesk.core.exceptions import DomainError


class Command(BaseCommand):
    help = (
        "Sao lưu toàn bộ cơ sở dữ liệu và tệp đính kèm vào một tệp .zip, khi hệ thống vẫn đang chạy; "
        "tệp được đọc lại và kiểm tra trước khi báo thành công."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Đường dẫn tệp sao lưu, ví dụ /srv/backup/investdesk-2026-11-27.zip")

    def handle(self, *args, **options):
        try:
            manifest = create_backup(options["file"])
        except DomainError as error:
            # A non-zero exit status, so a timer or cron job reports the failure.
            raise CommandError(str(error.message)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã sao lưu và kiểm tra lại {manifest['rows']} bản ghi, {manifest['files']} tệp đính kèm "
                f"vào {options['file']}."
            )
        )

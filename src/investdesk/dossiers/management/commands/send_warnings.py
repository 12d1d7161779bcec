from django.core.management.base import BaseCommand

from investdesk.dossiers.early_warning import send_daily_digests


class Command(BaseCommand):
    help = "Gửi bản tin cảnh báo hằng ngày (việc sắp đến hạn, quá hạn). Chạy lại trong ngày không gửi trùng."

    def handle(self, *args, **options):
        sent = send_daily_digests()
        self.stdout.write(self.style.SUCCESS(f"Đã gửi {sent} bản tin mới."))

from django.core.management.base import BaseCommand

from investdesk.dossiers.services import recompute_at_risk


class Command(BaseCommand):
    help = (
        "Tính lại thời điểm mỗi bước đang xử lý chuyển sang “sắp đến hạn”; "
        "chạy sau khi đổi quy tắc cảnh báo (WARNING_SHARE, WARNING_DAYS, WARNING_ELAPSED)."
    )

    def handle(self, *args, **options):
        changed = recompute_at_risk()
        self.stdout.write(self.style.SUCCESS(f"Đã tính lại {changed} bước đang xử lý."))

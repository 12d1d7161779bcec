from django.core.management.base import BaseCommand

from investdesk.dossiers.daily import rebuild


class Command(BaseCommand):
    help = (
        "Tính lại toàn bộ số liệu tổng hợp theo ngày (hồ sơ đã giải quyết, bước đã xong) từ hồ sơ; "
        "dùng sau khi sửa dữ liệu trực tiếp trong cơ sở dữ liệu."
    )

    def handle(self, *args, **options):
        days = rebuild()
        self.stdout.write(self.style.SUCCESS(f"Đã tính lại {days} ngày có hồ sơ được giải quyết."))

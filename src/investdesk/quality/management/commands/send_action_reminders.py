from django.core.management.base import BaseCommand

from investdesk.quality.reminders import send_action_reminders


class Command(BaseCommand):
    help = "Nhắc người thực hiện các hành động chất lượng sắp đến hạn, quá hạn. Chạy lại trong ngày không gửi trùng."

    def handle(self, *args, **options):
        sent = send_action_reminders()
        self.stdout.write(self.style.SUCCESS(f"Đã gửi {sent} lời nhắc mới."))

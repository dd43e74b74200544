from django.core.management.base import BaseCommand

from people.geography import administrative_map_load


class Command(BaseCommand):
    help = "Load or update the 34 provinces and 3,321 communes/wards (idempotent)."

    def handle(self, *args, **options):
        result = administrative_map_load()
        self.stdout.write(
            f"{result.provinces} provinces, {result.communes} communes (data of {result.data_version})."
        )

"""``python manage.py import_officials FILE [--dry-run] [--uploader USERNAME]``

Imports officials from a CSV or XLSX file with the same checks as the import page, all or nothing,
and exits with status 1 when the file is rejected (every problem is printed first), so scripts can
rely on it. Without ``--uploader`` the import acts for the whole country and keeps no one-time
passwords: the new officials set theirs through "forgot password" (their e-mail is required). With
``--uploader`` the import is limited to that department head's province and its credential slips are
printable from the site, by that person only.
"""

from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from people.imports.files import FileProblem
from people.imports.messages import problem_message
from people.models import ImportState, User
from people.services import import_job_create, import_job_run


class Command(BaseCommand):
    help = "Import officials from a CSV or XLSX file (all or nothing); exits 1 when the file is rejected."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="Check every row; create nothing.")
        parser.add_argument(
            "--uploader",
            metavar="USERNAME",
            help="Import as this department head or administrator (scope and credential slips).",
        )

    def handle(self, *args, file: Path, dry_run: bool, uploader: str | None, **options):
        user = None
        if uploader:
            user = User.objects.filter(username=uploader).first()
            if user is None:
                raise CommandError(_("Không có tài khoản %(username)s.") % {"username": uploader})
        if not file.is_file():
            raise CommandError(_("Không có tệp %(path)s.") % {"path": file})
        try:
            with file.open("rb") as handle:
                job = import_job_create(
                    uploaded_by=user, fileobj=File(handle), name=file.name, content_type=None, dry_run=dry_run
                )
        except FileProblem as fault:
            raise CommandError(problem_message(fault.problem)) from fault
        except PermissionDenied as refusal:
            raise CommandError(
                _("Tài khoản %(username)s không có quyền nhập cán bộ.") % {"username": uploader}
            ) from refusal
        job = import_job_run(job_id=job.pk)
        for item in job.errors:
            row = "-" if item.get("row") is None else item["row"]
            self.stderr.write(
                f"{row}\t{item.get('column') or '-'}\t{item.get('value', '')}\t{problem_message(item)}"
            )
        summary = _(
            "Lần nhập %(job)s: %(state)s. Số dòng: %(rows)s; tài khoản mới: %(new)s; đã có, không "
            "thay đổi: %(unchanged)s; lỗi: %(problems)s."
        ) % {
            "job": job.pk,
            "state": job.get_state_display(),
            "rows": job.rows_total,
            "new": job.created_count,
            "unchanged": job.unchanged_count,
            "problems": len(job.errors),
        }
        if job.state not in (ImportState.DONE, ImportState.CHECKED):
            raise CommandError(summary)
        self.stdout.write(self.style.SUCCESS(summary))

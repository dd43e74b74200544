"""Dashboards, an official's progress, exports and certificates. Views parse input, ask ``scope`` and
one selector or service, and render; whatever is out of the user's scope answers 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from people.models import User
from reports.certificates import certificate_pdf
from reports.charts import trend_chart
from reports.forms import ExportRequestForm, ReportFilterForm
from reports.models import Certificate, ExportJob, ExportStatus, Notification
from reports.pages import my_progress_response
from reports.scope import is_commune_chairman, report_officials, report_subject, sees_dashboards
from reports.selectors import (
    Level,
    official_courses,
    reminder_history,
    reminder_lines,
    reminder_message,
    reminder_next_run,
    report_of,
    sort_or_default,
    sorted_rows,
)
from reports.services import (
    CertificateUnavailable,
    certificate_issue,
    export_job_create,
    notifications_mark_read,
    province_reminders_send,
)


@login_required
def dashboard(request):
    """Each user's entry to the reports: the country (administrators), their province (department
    heads), their commune (commune chairmen), their own progress (other officials)."""
    user = request.user
    if user.is_administrator:
        return _dashboard(request, Level.NATIONAL, None)
    if user.is_department_head and user.province_id:
        return redirect("reports:province", province_id=user.province_id)
    if is_commune_chairman(user):
        return redirect("reports:commune", commune_id=user.commune_id)
    if user.is_official:
        return redirect("reports:my_progress")
    raise PermissionDenied


@login_required
def province_dashboard(request, province_id: int):
    return _dashboard(request, Level.PROVINCE, report_subject(request.user, Level.PROVINCE, province_id))


@login_required
def commune_dashboard(request, commune_id: int):
    return _dashboard(request, Level.COMMUNE, report_subject(request.user, Level.COMMUNE, commune_id))


def _dashboard(request, level: str, subject):
    form = ReportFilterForm(request.GET)
    form.is_valid()  # the valid filters apply; the errors are shown next to their fields
    filters = form.filters()
    report = report_of(level=level, subject=subject, filters=filters)
    form.set_course_choices(report.course_options)
    sort = sort_or_default(request.GET.get("sort", ""))
    context = {
        "report": report,
        "subject": subject,
        "rows": sorted_rows(report.rows, sort),
        "columns": _columns(level, sort),
        "sort": sort,
        "form": form,
        "filters": filters.as_dict(),
        "chart": trend_chart(report.trend),
        "sees_dashboards": sees_dashboards(request.user),
        "unread": Notification.objects.filter(user=request.user, read_at__isnull=True).count(),
    }
    return render(request, "reports/dashboard.html", context)


def _columns(level: str, sort: str) -> list[dict]:
    """Sortable headers: clicking a column sorts by it, clicking again reverses it."""
    labels = {
        "name": {
            Level.NATIONAL: _("Tỉnh/thành phố"),
            Level.PROVINCE: _("Xã/phường"),
            Level.COMMUNE: _("Cán bộ"),
        }[level],
        "assigned": _("Được giao"),
        "completed": _("Đã hoàn thành"),
        "in_progress": _("Đang học"),
        "overdue": _("Quá hạn"),
        "rate": _("Tỷ lệ hoàn thành"),
    }
    current, descending = sort.lstrip("-"), sort.startswith("-")
    columns = []
    for key, label in labels.items():
        state = ("descending" if descending else "ascending") if key == current else "none"
        columns.append(
            {"key": key, "label": label, "state": state, "next": f"-{key}" if state == "ascending" else key}
        )
    return columns


@login_required
def official_detail(request, official_id: int):
    official = get_object_or_404(
        report_officials(request.user).select_related("commune__province"), pk=official_id
    )
    return render(
        request,
        "reports/official.html",
        {"official": official, "courses": official_courses(official=official)},
    )


@login_required
def my_progress(request):
    """The user's own courses (officials), their certificates, and their notifications: their kept
    page, until something it shows changes (``reports.pages``)."""
    user = request.user

    def render_page():
        notifications = Notification.objects.filter(user=user)[:10]
        return render(
            request,
            "reports/my_progress.html",
            {
                "courses": official_courses(official=user) if user.is_official else [],
                "notifications": notifications,
                "unread": sum(1 for notification in notifications if notification.read_at is None),
                "is_chairman": is_commune_chairman(user),
            },
        )

    return my_progress_response(request=request, render=render_page)


@login_required
@require_POST
def notifications_read(request):
    notifications_mark_read(user=request.user)
    return redirect("reports:my_progress")


@login_required
@require_POST
def export_create(request):
    form = ExportRequestForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, _("Không tạo được tệp xuất: yêu cầu không hợp lệ, hãy tải lại trang và thử lại.")
        )
        return redirect("reports:dashboard")
    data = form.cleaned_data
    job = export_job_create(
        user=request.user,
        level=data["scope"],
        scope_id=data["scope_id"],
        filters=form.filters(),
        sort=data["sort"],
        export_format=data["format"],
        detail=data["detail"],
    )
    return redirect("reports:export_detail", job_id=job.pk)


def _own_job(request, job_id) -> ExportJob:
    """Only the requester may see or download an export, and only while the view is in their scope."""
    job = get_object_or_404(ExportJob, pk=job_id, requested_by=request.user)
    report_subject(request.user, job.scope, job.scope_id)
    return job


@login_required
def export_detail(request, job_id):
    job = _own_job(request, job_id)
    return render(
        request, "reports/export_detail.html", {"job": job, "done": job.status == ExportStatus.DONE}
    )


@never_cache
@login_required
@require_GET
def export_status(request, job_id):
    job = _own_job(request, job_id)
    return JsonResponse(
        {
            "status": job.status,
            "status_label": str(job.get_status_display()),
            "progress": job.progress,
            "rows": job.rows,
            "error": job.error,
            "download_url": reverse("reports:export_download", args=[job.pk])
            if job.status == ExportStatus.DONE
            else "",
        },
        json_dumps_params={"ensure_ascii": False},
    )


@login_required
def export_download(request, job_id):
    job = _own_job(request, job_id)
    if job.status != ExportStatus.DONE or not job.file:
        raise Http404
    return FileResponse(job.file.open("rb"), as_attachment=True, filename=job.file.name.rsplit("/", 1)[-1])


@login_required
def certificate_download(request, official_id: int, course_id: int):
    official = get_object_or_404(
        report_officials(request.user).select_related("commune__province"), pk=official_id
    )
    try:
        certificate = certificate_issue(official=official, course_id=course_id)
    except CertificateUnavailable as exc:
        raise Http404 from exc
    verify_url = request.build_absolute_uri(reverse("reports:certificate_verify", args=[certificate.code]))
    response = HttpResponse(
        certificate_pdf(certificate=certificate, verify_url=verify_url), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="chung-nhan-{certificate.code}.pdf"'
    return response


@require_GET
def certificate_verify(request, code: str):
    """Public: anyone holding a certificate (or its QR code) can check it here."""
    certificate = Certificate.objects.filter(code=code).first()
    return render(
        request,
        "reports/certificate_verify.html",
        {"certificate": certificate, "code": code},
        status=200 if certificate else 404,
    )


def _reminding_head(request):
    """The reminders screen is a department head's, for their own province only."""
    user = request.user
    if not (user.is_department_head and user.province_id):
        raise PermissionDenied
    return user


@login_required
def reminders(request):
    """Who the daily overdue reminder goes to in the head's province, when it goes out next, what it
    says, and the sendings so far; "Gửi ngay" sends it now to those not reminded yet today."""
    head = _reminding_head(request)
    lines = reminder_lines(province=head.province)
    pending = [line for line in lines if line.reminded_at is None]
    sample = lines[0] if lines else None
    preview = reminder_message(
        user=User.objects.get(pk=sample.official_id) if sample else User(full_name=_("Họ và tên cán bộ")),
        count=sample.overdue if sample else 1,
        oldest=sample.oldest if sample else timezone.localdate(),
        site_url=request.build_absolute_uri(reverse("reports:my_progress")),
    )
    return render(
        request,
        "reports/reminders.html",
        {
            "province": head.province,
            "lines": lines,
            "pending": len(pending),
            "next_run": reminder_next_run(),
            "preview": preview,
            "preview_name": sample.name if sample else "",
            "history": reminder_history(province=head.province),
            "confirming": False,
        },
    )


@login_required
@require_POST
def reminders_send(request):
    """First press: a confirmation (nothing sent); the confirmed press sends and comes back to the
    reminders screen (post-redirect-get, so reloading sends nothing)."""
    head = _reminding_head(request)
    if request.POST.get("confirm") != "yes":
        pending = sum(1 for line in reminder_lines(province=head.province) if line.reminded_at is None)
        return render(
            request,
            "reports/reminders_confirm.html",
            {"province": head.province, "pending": pending},
        )
    sent = province_reminders_send(head=head)
    if sent:
        messages.success(
            request,
            ngettext("Đã gửi nhắc nhở cho %(count)d cán bộ.", "Đã gửi nhắc nhở cho %(count)d cán bộ.", sent)
            % {"count": sent},
        )
    else:
        messages.info(request, _("Không gửi thêm: mọi cán bộ quá hạn đã được nhắc hôm nay."))
    return redirect("reports:reminders")

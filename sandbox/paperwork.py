"""The paperwork of the counter: the scanned papers of a dossier's components, attached and viewed.

An upload is checked before it is kept: at most :data:`COMPONENT_MAX_BYTES`, a PDF, JPEG or PNG by
its content (not by its name or the browser's word), and an image no larger than
:data:`COMPONENT_MAX_PIXELS` (Pillow's guard against decompression bombs, raised as an error here).
Files live in the database beside the dossier and are served only to the workspace's official.
"""

import io
import re
import warnings

from django.db import transaction
from django.utils.translation import gettext as _
from PIL import Image

from sandbox.models import ComponentFile, Dossier, Workspace
from sandbox.services import Outcome, event_record, sandbox_now

COMPONENT_MAX_BYTES = 5 * 1024 * 1024
COMPONENT_MAX_PIXELS = 40_000_000
# Statuses in which the dossier is still open at the counter or in processing.
ATTACH_STATUSES = ("1", "2", "4", "5", "6")
PDF, JPEG, PNG = "application/pdf", "image/jpeg", "image/png"


class UploadRefused(ValueError):
    """The file is not one the counter keeps; the message says why, in Vietnamese."""


def _kind(head: bytes) -> str | None:
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    return None


def upload_check(data: bytes) -> str:
    """The content type of an acceptable scan, or :class:`UploadRefused`."""
    if len(data) > COMPONENT_MAX_BYTES:
        raise UploadRefused(_("Tệp quá lớn: tối đa %(limit)s MB.") % {"limit": COMPONENT_MAX_BYTES // 2**20})
    if not data:
        raise UploadRefused(_("Tệp rỗng."))
    kind = _kind(data[:8])
    if kind is None:
        raise UploadRefused(_("Chỉ nhận tệp PDF, JPEG hoặc PNG (bản chụp, bản scan giấy tờ)."))
    if kind == PDF:
        if b"%%EOF" not in data[-1024:]:
            raise UploadRefused(_("Tệp PDF bị hỏng hoặc chưa tải lên hết."))
        return kind
    try:
        with warnings.catch_warnings():
            # Pillow only warns between its limit and twice it: treat the warning as the refusal.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
                if width * height > COMPONENT_MAX_PIXELS:
                    raise UploadRefused(_("Ảnh quá lớn (quá nhiều điểm ảnh): hãy chụp hoặc quét lại."))
                image.verify()
    except UploadRefused:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise UploadRefused(_("Ảnh quá lớn (quá nhiều điểm ảnh): hãy chụp hoặc quét lại.")) from error
    except Exception as error:  # noqa: BLE001 - whatever Pillow raises, the image is not readable
        raise UploadRefused(_("Không đọc được ảnh: tệp bị hỏng hoặc không đúng định dạng.")) from error
    return kind


def _safe_name(name: str) -> str:
    base = re.split(r"[\\/]", name or "")[-1]
    base = re.sub(r"[^\w.\- ]", "_", base).strip() or "tep"
    return base[:200]


@transaction.atomic
def component_attach(
    *, workspace: Workspace, dossier: Dossier, component: str, name: str, data: bytes
) -> Outcome:
    """Attach the scan of one of the dossier's components; a refusal is logged with its reason."""
    names = [str(c.get("name", "")) for c in dossier.components]
    reason = ""
    kind = None
    if dossier.status not in ATTACH_STATUSES:
        reason = _("Hồ sơ đã kết thúc: không đính kèm thêm giấy tờ.")
    elif component not in names:
        reason = _("Hãy chọn thành phần hồ sơ của tệp.")
    else:
        try:
            kind = upload_check(data)
        except UploadRefused as refused:
            reason = str(refused)
    if reason:
        event = event_record(
            workspace=workspace,
            machine="dossier",
            action="attach_file",
            actor=workspace.role,
            obj=dossier,
            ok=False,
            reason=reason,
            data={"component": component},
        )
        return Outcome(False, reason, event, dossier)
    attached = ComponentFile.objects.create(
        dossier=dossier,
        component=component,
        name=_safe_name(name),
        content_type=kind,
        size=len(data),
        data=data,
        uploaded_at=sandbox_now(workspace),
    )
    event = event_record(
        workspace=workspace,
        machine="dossier",
        action="attach_file",
        actor=workspace.role,
        obj=dossier,
        data={"component": component, "file": attached.name, "size": attached.size},
    )
    return Outcome(True, "", event, attached)

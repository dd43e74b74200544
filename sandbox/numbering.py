"""Document numbers: the incoming number (số đến) and the outgoing number and symbol (số, ký hiệu).

Both are consecutive within a calendar year and restart at 1 on 1 January; secret outgoing documents
have their own series (Decree 30/2020, art. 15 and 22).
"""

from django.db.models import Max

from sandbox.models import DocumentKind, IncomingDocument, OutgoingDocument, Workspace

AUTHORITY = "UBND"


def incoming_number_next(*, workspace: Workspace, year: int) -> int:
    last = IncomingDocument.objects.filter(workspace=workspace, year=year).aggregate(m=Max("number"))["m"]
    return (last or 0) + 1


def outgoing_number_next(*, workspace: Workspace, year: int, secret: bool) -> int:
    last = OutgoingDocument.objects.filter(workspace=workspace, year=year, secret=secret).aggregate(
        m=Max("number")
    )["m"]
    return (last or 0) + 1


def symbol_expected(*, kind: str, unit: str) -> str:
    """``QĐ-UBND`` for a typed document; a công văn carries no type: ``UBND-VHXH`` (the drafting unit)."""
    if kind == DocumentKind.CONG_VAN:
        return f"{AUTHORITY}-{unit}" if unit else AUTHORITY
    return f"{kind}-{AUTHORITY}"

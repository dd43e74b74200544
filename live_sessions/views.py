"""Pages of live sessions: the list, scheduling, and the session page (the room while it is open).

Trainers see and change only their own sessions, officials only the sessions they are invited to;
anything else answers 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from live_sessions import events, selectors, services
from live_sessions.forms import CardForm, SessionForm
from live_sessions.models import SessionState
from progress.models import ItemKind


def _client_strings() -> dict[str, str]:
    """What the page's script says, in the reader's language; ``{name}``-style blanks are filled in
    by the script."""
    return {
        "connecting": _("Đang kết nối…"),
        "connected": _("Đã kết nối."),
        "reconnecting": _("Mất kết nối. Tự kết nối lại sau {seconds} giây…"),
        "not_connected": _("Chưa kết nối được, xin thử lại sau giây lát."),
        "closed_4401": _("Phiên đăng nhập đã hết. Hãy đăng nhập lại rồi mở lại trang này."),
        "closed_4403": _("Bạn không được mời tham gia buổi hỗ trợ này."),
        "closed_4404": _("Không tìm thấy buổi hỗ trợ."),
        "closed_4409": _("Buổi hỗ trợ chưa mở. Hãy tải lại trang vào giờ bắt đầu."),
        "closed_4410": _("Buổi hỗ trợ đã kết thúc. Cảm ơn bạn đã tham dự."),
        "closed_4413": _("Buổi hỗ trợ đã đủ số người."),
        "closed_4423": _("Giảng viên đã mời bạn ra khỏi buổi hỗ trợ này."),
        "closed_4428": _("Bạn cần đổi mật khẩu trước khi tham gia. Hãy mở trang đổi mật khẩu."),
        "trainer": _("Giảng viên"),
        "raise_hand": _("Giơ tay"),
        "lower_hand": _("Hạ tay"),
        "muted": _("Giảng viên đã tắt quyền nhắn tin của bạn."),
        "unmuted": _("Bạn đã có thể nhắn tin trở lại."),
        "help_open": _("Đã gửi yêu cầu. Xin chờ giảng viên."),
        "help_claimed": _("Giảng viên {name} đang hỗ trợ bạn."),
        "help_resolved": _("Yêu cầu trợ giúp đã được giải quyết."),
        "help_cancelled": _("Yêu cầu trợ giúp đã hủy."),
        "claim": _("Nhận hỗ trợ"),
        "resolve": _("Đã xong"),
        "waiting": _("Đang chờ"),
        "helping": _("{name} đang hỗ trợ"),
        "votes": _("{n} phiếu"),
        "close_poll": _("Đóng thăm dò"),
        "poll_closed": _("Đã đóng"),
        "minutes": _("{n} phút"),
        "present": _("Có mặt {n} phút"),
        "away": _("Đã rời"),
        "stuck_time": _("Vướng: quá {n} phút ở bước này"),
        "stuck_failures": _("Vướng: sai {n} lần liên tiếp"),
        "working": _("Đang làm"),
        "nowhere": _("Chưa mở bài nào"),
        "mute": _("Tắt tiếng"),
        "unmute": _("Bật tiếng"),
        "muted_badge": _("Đã tắt tiếng"),
        "remove": _("Mời ra"),
        "confirm_remove": _("Mời {name} ra khỏi buổi hỗ trợ? Người này sẽ không vào lại được."),
        "kind_lesson": str(ItemKind.LESSON.label),
        "kind_scenario": str(ItemKind.SCENARIO.label),
        "kind_quiz": str(ItemKind.QUIZ.label),
        "kind_other": str(ItemKind.OTHER.label),
    }


def _trainer_session(request, pk: int):
    if not request.user.is_trainer:
        raise Http404
    return get_object_or_404(
        selectors.sessions_of_trainer(trainer=request.user).select_related("meeting_room"), pk=pk
    )


@login_required
def session_list(request):
    user = request.user
    if user.is_trainer:
        return render(
            request,
            "live_sessions/list_trainer.html",
            {"sessions": selectors.sessions_for_trainer_list(trainer=user)},
        )
    if user.is_official:
        return render(
            request,
            "live_sessions/list_official.html",
            {"sessions": selectors.sessions_for_official(official=user)},
        )
    raise PermissionDenied


@login_required
def session_create(request):
    if not request.user.is_trainer:
        raise PermissionDenied
    return _session_form(request, None)


@login_required
def session_edit(request, pk: int):
    session = _trainer_session(request, pk)
    if session.state != SessionState.SCHEDULED:
        messages.warning(request, _("Chỉ sửa được buổi hỗ trợ chưa bắt đầu."))
        return redirect("live_sessions:detail", pk=session.pk)
    return _session_form(request, session)


def _session_form(request, session):
    form = SessionForm(request.POST or None, instance=session, trainer=request.user)
    if request.method == "POST" and form.is_valid():
        saved = services.session_save(trainer=request.user, data=form.cleaned_data, session=session)
        messages.success(request, _("Đã lưu buổi hỗ trợ. Người được mời sẽ nhận lời nhắc trước giờ bắt đầu."))
        return redirect("live_sessions:detail", pk=saved.pk)
    return render(request, "live_sessions/form.html", {"form": form, "session": session})


@login_required
def session_detail(request, pk: int):
    user = request.user
    if user.is_trainer:
        session = _trainer_session(request, pk)
        is_trainer = True
    else:
        session = selectors.official_session_or_none(official=user, pk=pk)
        if session is None:
            raise Http404
        is_trainer = False
    context = {"session": session, "is_trainer": is_trainer}
    if session.state == SessionState.OPEN:
        return _room(request, context, card_form=CardForm() if is_trainer else None)
    if session.state == SessionState.ENDED:
        if is_trainer:
            context["attendance"] = selectors.attendance_of(session=session)
        else:
            context["me"] = session.participants.filter(user=user).first()
    return render(request, "live_sessions/detail.html", context)


def _room(request, context: dict, *, card_form: CardForm | None):
    context |= {"strings": _client_strings(), "card_form": card_form}
    if card_form is not None:
        context["page_has_errors"] = bool(card_form.errors)
    return render(request, "live_sessions/room.html", context)


@login_required
@require_POST
def card_push(request, pk: int):
    """The "send to everyone" form without the page's script (with it, the card goes over the
    socket): checked like the socket's, sent to everyone, then back to the room (post-redirect-get);
    on a refusal the room again, with what was chosen and the error next to its field."""
    session = _trainer_session(request, pk)
    if session.state != SessionState.OPEN:
        messages.error(request, _("Buổi hỗ trợ chưa mở hoặc đã kết thúc."))
        return redirect("live_sessions:detail", pk=pk)
    form = CardForm(request.POST)
    if form.is_valid():
        try:
            broadcasts = services.card_send(session_id=session.pk, trainer=request.user, **form.card)
        except services.LiveError as refused:
            messages.error(request, refused.message)
        else:
            for group, event in broadcasts:
                events.send(group, event)
            messages.success(request, _("Đã gửi cho mọi người."))
            return redirect("live_sessions:detail", pk=pk)
    return _room(request, {"session": session, "is_trainer": True}, card_form=form)


@login_required
@require_POST
def session_transition(request, pk: int, transition: str):
    session = _trainer_session(request, pk)
    try:
        session = services.session_transition(
            session_id=session.pk, transition=transition, actor=request.user
        )
    except services.LiveError as refused:
        messages.error(request, refused.message)
        return redirect("live_sessions:detail", pk=pk)
    if session.state == SessionState.ENDED:
        events.send(events.session_group(session.pk), events.session_ended_event(session))
    return redirect("live_sessions:detail", pk=pk)

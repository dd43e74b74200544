"""The joint (liên thông) procedure's other agencies, simulated: the commune police (residence) and
social insurance (health card) answer a dossier sent to them (``dossier.interconnect_send``, which
marks the agency "sent" with the time in ``interconnect["_sent"]``) after a delay on the sandbox clock.

An answer is "done" (the result is in), "more" (the agency asks for more papers: the handler follows
up by sending again) or "refused". A dossier's ``details["interconnect_script"]`` may script the
answers an agency gives, one per sending (``{"residence": ["more", "done"]}``); otherwise it answers
"done". The statutory time of the whole procedure (3 working days, 5 with verification) keeps running.
"""

from datetime import datetime, timedelta

from django.db import transaction

from sandbox.models import Actor, Workspace

# How long each agency takes to answer, on the sandbox clock.
DELAYS = {"residence": timedelta(hours=4), "insurance": timedelta(hours=6)}
ANSWERS = ("done", "more", "refused")


@transaction.atomic
def interconnect_answers_advance(*, workspace: Workspace) -> int:
    """Let each agency answer the dossiers whose delay has passed on the sandbox clock; each answer
    is logged (``dossier.interconnect_answer``). Returns how many answers arrived."""
    from sandbox.services import event_record, sandbox_now

    now = sandbox_now(workspace)
    answered = 0
    for dossier in workspace.dossiers.select_for_update().filter(status__in=("4", "5", "6")):
        sent = dossier.interconnect.get("_sent", {})
        for agency, at in sorted(sent.items()):
            if dossier.interconnect.get(agency) != "sent":
                continue
            if now < datetime.fromisoformat(at) + DELAYS.get(agency, timedelta(hours=4)):
                continue
            script = list(dossier.details.get("interconnect_script", {}).get(agency, []))
            answer = script.pop(0) if script else "done"
            answer = answer if answer in ANSWERS else "done"
            dossier.details = {
                **dossier.details,
                "interconnect_script": {**dossier.details.get("interconnect_script", {}), agency: script},
            }
            dossier.interconnect = {**dossier.interconnect, agency: answer}
            dossier.save(update_fields=["interconnect", "details"])
            event_record(
                workspace=workspace,
                machine="dossier",
                action="interconnect_answer",
                actor=Actor.SYSTEM,
                obj=dossier,
                data={"agency": agency, "answer": answer},
            )
            answered += 1
    return answered

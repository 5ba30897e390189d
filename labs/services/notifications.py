"""How labs services send email: only after the transaction commits, with absolute links."""

from django.db import transaction

from core.emails import email_send


def email_after_commit(*, to: list[str], template: str, context: dict) -> None:
    """Send once the surrounding transaction commits, so a rolled-back change sends nothing."""
    transaction.on_commit(lambda: email_send(to=to, template=template, context=context))

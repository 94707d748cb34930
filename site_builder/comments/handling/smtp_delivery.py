"""Handing an e-mail to the board's SMTP server (standard library ``smtplib``), or saying why not.

Delivery counts as done when the server accepted the message (its answer to
DATA) for at least one recipient; anything else raises :class:`MailNotSent`
with the server's own answer, so the digest run leaves its marker where it
was. TLS certificates are checked against the system's CA store
(``ssl.create_default_context``). The password is used for ``AUTH`` only and
appears in no message.
"""

from __future__ import annotations

import smtplib
import ssl
from email.message import Message

from site_builder.comments.settings import SmtpSettings
from site_builder.model.i18n import gettext as _


class MailNotSent(Exception):
    """The SMTP server could not be reached, or did not accept the message."""


def deliver(message: Message, smtp: SmtpSettings) -> list[str]:
    """Send ``message``; the recipients the server refused while accepting it for others."""
    where = f"{smtp.host}:{smtp.effective_port} ({smtp.security})"
    try:
        server = _connected(smtp)
        try:
            if smtp.user:
                server.login(smtp.user, smtp.password or "")
            refused = server.send_message(message)
        finally:
            _quit(server)
    except smtplib.SMTPRecipientsRefused as exc:
        raise MailNotSent(_("{server} refused every recipient: {refusals}").format(
            server=where, refusals=_refusals(exc.recipients))) from exc
    except smtplib.SMTPResponseException as exc:
        raise MailNotSent(_("{server} answered {code} {answer}").format(
            server=where, code=exc.smtp_code, answer=_text(exc.smtp_error))) from exc
    except UnicodeEncodeError:  # smtplib sends AUTH as ASCII; the exception would quote the password
        raise MailNotSent(_("{server}: the SMTP user name or password holds a letter outside ASCII, which SMTP "
                            "sign-in (smtplib) cannot send").format(server=where)) from None
    except smtplib.SMTPNotSupportedError as exc:  # asked for STARTTLS, which this server does not offer
        raise MailNotSent(_("{server} does not offer STARTTLS: use --smtp-security tls (usually port 465) if the "
                            "server speaks TLS from the first byte, or --smtp-security none for a relay on this "
                            "machine").format(server=where)) from exc
    except (smtplib.SMTPException, OSError) as exc:
        raise MailNotSent(_("cannot talk to {server}: {problem}; check --smtp-host and --smtp-port").format(
            server=where, problem=str(exc).rstrip("."))) from exc
    return sorted(refused)


def _connected(smtp: SmtpSettings) -> smtplib.SMTP:
    """An open connection: TLS from the first byte, or upgraded with STARTTLS, or plain (loopback)."""
    if smtp.security == "tls":
        return smtplib.SMTP_SSL(smtp.host, smtp.effective_port, timeout=smtp.timeout,
                                context=ssl.create_default_context())
    server = smtplib.SMTP(smtp.host, smtp.effective_port, timeout=smtp.timeout)
    if smtp.security == "starttls":
        try:
            server.starttls(context=ssl.create_default_context())
        except BaseException:
            server.close()
            raise
    return server


def _quit(server: smtplib.SMTP) -> None:
    """Say goodbye; once the message is accepted, a failed QUIT changes nothing."""
    try:
        server.quit()
    except (smtplib.SMTPException, OSError):
        server.close()


def _refusals(recipients: dict[str, tuple[int, bytes]]) -> str:
    return "; ".join(f"{address}: {code} {_text(answer)}" for address, (code, answer) in sorted(recipients.items()))


def _text(answer: bytes | str) -> str:
    return answer.decode("utf-8", "replace") if isinstance(answer, bytes) else str(answer)

"""``site-builder comments digest``: e-mail the board how many comments arrived (for a timer).

The settings come as for the other commands: the register from ``--database``
(or its environment variable), the board and ``site_url`` from the site's
``mkdocs.yml``, the SMTP server from options, its password from
``--smtp-password-file`` or ``SITE_BUILDER_SMTP_PASSWORD`` (never an argument:
``ps`` shows arguments to every user). Each run prints one line saying what it
did; a digest the server did not accept is an error (exit 1) and is sent again
by the next run. See :mod:`site_builder.comments.handling.digest_round`.
"""

from __future__ import annotations

import argparse
import sys
from contextlib import closing

from site_builder.comments.batches import load_batches
from site_builder.comments.handling.digest_round import DigestOutcome, run_digest
from site_builder.comments.handling.smtp_delivery import MailNotSent
from site_builder.comments.settings import (
    SMTP_PASSWORD_VARIABLE,
    DigestSettings,
    SmtpSettings,
    console_url_setting,
    smtp_password,
)
from site_builder.comments.site_config import SiteIdentity
from site_builder.model.i18n import gettext as _
from site_builder.model.vntime import VIETNAM, now_in_vietnam

from .actions import CommandFailed, cli_actor, open_register, site_identity


def digest(arguments: argparse.Namespace) -> int:
    settings = digest_settings(arguments, site_identity(arguments))
    batches = load_batches(arguments.records) if arguments.records.is_dir() else {}
    with closing(open_register(arguments)) as store:
        try:
            outcome = run_digest(store, batches, settings, cli_actor(), now_in_vietnam())
        except MailNotSent as exc:
            print(_("error: the digest was NOT sent: {problem}. Nothing was marked as sent: the next run sends "
                    "these comments' counts again.").format(problem=str(exc).rstrip(".")), file=sys.stderr,
                  flush=True)
            return 1
    print(_said(outcome, settings), flush=True)
    return 0


def digest_settings(arguments: argparse.Namespace, identity: SiteIdentity) -> DigestSettings:
    """The options, with the board's e-mail address as the default sender and recipient."""
    if arguments.smtp_password_argument is not None:
        raise CommandFailed(_("the SMTP password is never given as an argument (the shell history and ps keep it): "
                              "use --smtp-password-file FILE or {variable}, and change that password now").format(
            variable=SMTP_PASSWORD_VARIABLE))
    board_email = identity.board.email if identity.board is not None else None
    recipients = tuple(arguments.mail_to or ([board_email] if board_email else []))
    sender = arguments.mail_from or board_email
    if not recipients or not sender:
        raise CommandFailed(_("no e-mail address for the digest: give --mail-to and --mail-from, or --site-config "
                              "with the board's e-mail (plugins.site_builder.board.email in mkdocs.yml)"))
    smtp = SmtpSettings(host=arguments.smtp_host, port=arguments.smtp_port, security=arguments.smtp_security,
                        user=arguments.smtp_user, password=smtp_password(arguments.smtp_password_file))
    return DigestSettings(smtp=smtp, sender=sender, recipients=recipients, board=identity.board,
                          console_url=console_url_setting(arguments.console_url, identity.site_url))


def _said(outcome: DigestOutcome, settings: DigestSettings) -> str:
    if outcome.verdict == "sent":
        refused = _(" (refused by the server for: {addresses})").format(
            addresses=", ".join(outcome.refused)) if outcome.refused else ""
        return _("digest sent to {addresses}: {count} new comment(s){refused}").format(
            addresses=", ".join(settings.recipients), count=outcome.new_comments, refused=refused)
    if outcome.verdict == "busy":
        return _("no digest: another run is sending one now")
    if outcome.verdict == "too-soon":
        assert outcome.not_before is not None
        return _("no digest: the last one is less than an hour old (next not before {moment})").format(
            moment=f"{outcome.not_before.astimezone(VIETNAM):%d/%m/%Y %H:%M}")
    return _("no digest: no new comments since the last one")

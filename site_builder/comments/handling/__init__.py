"""The board's work on the comments, shared by the console and the command line.

Status changes (:mod:`.status_changes`), letters and calls typed in
(:mod:`.letter_entry`), the council's report (:mod:`.council_report`, written
by :mod:`.report_word` and :mod:`.report_sheets`), the published figures
(:mod:`.figures`) and the digest e-mail (:mod:`.digest_mail`). Each change
writes its audit entry in the same transaction; ``actor`` is an account name,
or ``cli:<user>`` from a shell.
"""

"""Staff accounts: passwords, the second factor, account changes and signing in.

No HTTP and no terminal here: the console (:mod:`site_builder.comments.console`)
and the command line (:mod:`site_builder.comments.staff`) both call these, so
an account changed either way is checked and audited the same way.
"""

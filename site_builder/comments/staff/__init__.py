"""The staff commands of the comment service: ``site-builder comments ...``.

Running the service, entering comments received by letter or phone, moderation,
the council's export (CSV and Excel) and the counts file the site publishes.
"""

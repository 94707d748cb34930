"""The register of comments: one interface, SQLite (default) and PostgreSQL behind it.

:mod:`.register` defines what is stored and :func:`~.register.open_store`;
:mod:`.sqlite` and :mod:`.postgres` implement it; :mod:`.schema` defines the tables as
numbered migrations and :mod:`.migrations` applies them; :mod:`.receipts` makes the codes.
"""

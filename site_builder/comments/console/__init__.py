"""The staff console: server-rendered pages under ``/staff/`` for the board's officers.

Adding a screen takes three things: a view method whose first line is
``present = await self._guard.enforce(request, "<permission>")`` (see
:mod:`.permissions` for the table of who may do what), a template in
``templates/`` that extends ``base.html``, and a line in :func:`.routes.staff_routes`.
A view that changes anything writes the change and its audit entry in one
``store.transaction()`` (:func:`site_builder.comments.store.audit_log.append_audit`).
"""

"""The citizen-facing HTTP side of the comment service (Starlette).

The app factory with its explicit route table, the views, the intake pipeline
(body limits, spam rules, field checks, one durable write) and the small HTML
pages answering a form post without JavaScript.
"""

"""The record model: what an exemplar, a campaign and a nomination batch are.

Typed pydantic models with their field types (dates in Vietnam time, provinces
before and after the 2025 reorganisation, safe text and addresses) and what
they derive by themselves. The bottom layer: it imports nothing else of
``site_builder``; every other layer reads records through it.
"""

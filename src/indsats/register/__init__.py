"""The weekly benefit register: canonical schema, importers, validation and a synthetic generator.

Plain Python (never imports Django). See docs/register.md.
"""

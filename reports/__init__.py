"""Headless document generation (letters, field checklists); never imports Qt."""

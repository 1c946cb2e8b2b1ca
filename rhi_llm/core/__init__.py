"""The core of rhi-llm: the data types, contracts and settings every stage shares.

Nothing here imports a stage (loading, reading, extract, verify, pipeline, store, review, CLI):
the stages import from here. import-linter checks it (pyproject.toml).
"""

"""Test doubles that ship with rhi-llm: the fake OpenAI-compatible server (`rhi-llm fake-server`).

No stage of the pipeline imports this package (import-linter checks); the CLI starts the server
for users who want to try the model path offline, and the tests and benchmarks use it.
"""

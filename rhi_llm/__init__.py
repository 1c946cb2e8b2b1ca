"""rhi-llm: turn FOI reply letters about Return Home Interviews into a verified dataset."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("rhi-llm")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"

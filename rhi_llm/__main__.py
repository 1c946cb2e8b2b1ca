"""`python -m rhi_llm` runs the command line, like the `rhi-llm` script."""

from rhi_llm.cli import main

main()

"""Allow ``python -m calllog``."""

from calllog.cli.main import main

main()

"""calllog: keep, read and analyse phone and message exports for victims of
telephone harassment in Belgium."""

__version__ = "0.1.0"

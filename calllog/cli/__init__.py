"""The command line: a thin skin over the library. Only this package imports click."""

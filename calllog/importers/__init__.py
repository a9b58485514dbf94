"""Importers, one module per format family; ``registry`` lists them."""

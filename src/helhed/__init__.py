"""helhed — boligsociale helhedsplaner under one hat."""

__version__ = "0.1.0"

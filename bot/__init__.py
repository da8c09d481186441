"""Signaalbot: from signal in practice to policy change, and back to every member."""

__version__ = "0.1.0"

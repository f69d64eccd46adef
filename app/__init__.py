"""The PySide6 studio and the command-line interface."""

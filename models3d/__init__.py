"""Parametric geometry for every product family, in millimetres."""

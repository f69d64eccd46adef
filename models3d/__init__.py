"""Parametric geometry for every product family, in millimetres.

``generators.build(name, dims)`` returns a product's parts; ``solids`` fuses
and measures them. ``sizes``, ``beam`` and ``engraving`` hold the size
tables, the table-top sag formula and the engravable characters that the
catalog's derived values and rules call.
"""

"""Colours of the studio backdrop behind every product view, top to bottom.

Kept apart from :mod:`rendering.scene` so that the Qt preview paints its
backdrop before it imports VTK.
"""

BACKGROUND_TOP = "#f7f6f3"
BACKGROUND_BOTTOM = "#d4d2cd"

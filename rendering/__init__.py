"""VTK scenes for product models: the live preview and offscreen images."""

"""Catalog loading, design sessions, pricing and production export."""

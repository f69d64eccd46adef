"""Parameters, rules and the engine that computes which values remain valid."""

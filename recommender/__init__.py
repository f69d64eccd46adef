"""Customer events, cleaning, and ranked suggestions with their reasons."""

"""Step 3, toetsen: recognition polls, votes and results."""

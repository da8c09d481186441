"""Step 1, uitzetten: open and targeted calls, posted with their reason."""

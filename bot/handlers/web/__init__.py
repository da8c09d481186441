"""The staff dashboard on the web: sign-in, pages, files."""

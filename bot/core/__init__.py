"""Platform-neutral core: the seven-step pipeline. Imports no platform library."""

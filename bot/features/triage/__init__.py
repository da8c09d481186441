"""Step 2, oogsten: the triage queue with domain and similar-bottleneck suggestions."""

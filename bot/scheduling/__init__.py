"""The schedule: the database says what is due; APScheduler only wakes us up."""

"""What a member can see and control: my signals, my data (AVG/GDPR), my settings."""

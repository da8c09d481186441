"""Reports: the weekly digest, exports for staff and partners, and retention."""

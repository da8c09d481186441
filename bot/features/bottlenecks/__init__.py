"""Bottlenecks (knelpunten): creating, linking signals, merging duplicates, moving through
the stages, causes, stories and agenda steps (steps 4–6), and the timeline."""

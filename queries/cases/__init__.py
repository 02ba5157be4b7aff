"""Norm vs practice from case event logs: statistics, the working-day calendar,
small-cell suppression and the evidence they give about hand-offs."""

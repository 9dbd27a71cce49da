"""Benchmarks that print figures: page render times, query overhead, memory, naive baseline."""

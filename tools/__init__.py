"""Developer tools that are not part of the shipped app (data generators, benchmarks)."""

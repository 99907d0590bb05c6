"""Report formats. Each one renders the Assessment model and nothing else."""

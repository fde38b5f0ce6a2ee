"""pprof profiles: decoding, merging, pruning, the top table and the pprof CLI wrapper."""

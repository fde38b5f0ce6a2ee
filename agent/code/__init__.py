"""Source mapping: frames to files of the user's checkout, safe reads, git-ref checks."""

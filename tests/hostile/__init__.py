"""The hostile corpus: what users, files, servers and attackers do, and what each one sees."""

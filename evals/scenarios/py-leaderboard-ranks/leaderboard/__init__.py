"""Season leaderboard."""

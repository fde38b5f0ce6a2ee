"""The season board."""


class Board:
    def __init__(self, players):
        self.players = {p.player_id: p for p in players}

    def record_result(self, player_id, points):
        player = self.players[player_id]
        player.score = max(0, player.score + points)

    def standings(self):
        """Return the players best first (ties: who joined earlier)."""
        return sorted(self.players.values(), key=lambda p: (-p.score, p.joined))

    def rank_card(self, player_id, window=2):
        """Return the player's rank and the players just above and below."""
        ordered = self.standings()
        position = next(i for i, p in enumerate(ordered) if p.player_id == player_id)
        neighbours = ordered[max(0, position - window) : position + window + 1]
        return {
            "rank": position + 1,
            "score": ordered[position].score,
            "around": [(p.name, p.score) for p in neighbours],
        }

"""leaderboard-api: season leaderboard (simulated traffic), profiled with Pyroscope."""

import os
import time

import pyroscope

from leaderboard.board import Board
from leaderboard.players import requests, seed_players


def main():
    pyroscope.configure(
        application_name="leaderboard-api",
        server_address=os.environ.get("PYROSCOPE_SERVER_ADDRESS", "http://localhost:4040"),
        tags={
            "service_repository": os.environ.get("SERVICE_REPOSITORY", ""),
            "service_git_ref": os.environ.get("SERVICE_GIT_REF", ""),
        },
        upload_interval=5,
    )
    players = seed_players()
    board = Board(players)
    deadline = time.time() + float(os.environ.get("LOAD_SECONDS", "20"))
    served = 0
    for kind, player_id, points in requests(players):
        if kind == "result":
            board.record_result(player_id, points)
        else:
            board.rank_card(player_id)
            served += 1
            if time.time() > deadline:
                break
    pyroscope.shutdown()
    print(f"served {served} rank cards")


if __name__ == "__main__":
    main()

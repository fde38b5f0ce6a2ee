"""Simulated controller boards: they answer commands like the boards in the field do."""

import copy
import random

from lockerlink import frames
from lockerlink.banks import pack_status


class FieldBoards:
    """The boards of all banks, each with its own (physical) compartment state."""

    def __init__(self, fleet: dict, seed: int = 3):
        self._rng = random.Random(seed)
        self._boards = {bank_id: copy.deepcopy(bank) for bank_id, bank in fleet.items()}

    def exchange(self, wire: bytes) -> bytes:
        """Take a command frame, return the board's reply frame."""
        cmd = frames.decode(wire)
        board = self._boards[cmd.bank]
        self._weather(board)
        if cmd.command == frames.CMD_OPEN:
            number = int.from_bytes(cmd.payload[:2], "big")
            comp = board.compartments[number - 1]
            comp.door_open = False
            comp.occupied = not comp.occupied
        reply = frames.Frame(cmd.bank, cmd.seq, frames.CMD_STATUS if cmd.command == frames.CMD_STATUS else frames.CMD_ACK,
                             0, pack_status(board) if cmd.command == frames.CMD_STATUS else b"\x00")
        return frames.encode(reply)

    def _weather(self, board) -> None:
        """Things that happen at a bank without the back office: doors left open, faults, temperature."""
        for _ in range(2):
            c = board.compartments[self._rng.randrange(len(board.compartments))]
            roll = self._rng.random()
            if roll < 0.02:
                c.door_open = not c.door_open
            elif roll < 0.025:
                c.fault = not c.fault
            if c.chilled:
                c.temperature = 3.5 + self._rng.random() * 2

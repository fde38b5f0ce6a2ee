'use strict';

const { GATES } = require('./tickets');

const ALL_GATES = Object.entries(GATES).flatMap(([zone, gates]) => gates.map((gate) => ({ gate, zone })));

// Synthetic turnstile traffic: mostly entries by holders of that end's tickets,
// some exits, some misreads, some fans at the wrong end of the ground.
function* turnstileBatches(tickets, seed = 17) {
  let state = seed;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const everyone = [...tickets.keys()];
  const byZone = {};
  for (const ticket of tickets.values()) (byZone[ticket.zone] = byZone[ticket.zone] || []).push(ticket.barcode);
  const next = {};
  for (;;) {
    const { gate, zone } = ALL_GATES[Math.floor(random() * ALL_GATES.length)];
    const holders = byZone[zone] || everyone;
    const size = 6 + Math.floor(random() * 18);
    const scans = [];
    for (let i = 0; i < size; i += 1) {
      let barcode;
      if (random() < 0.05) barcode = everyone[Math.floor(random() * everyone.length)];
      else {
        next[zone] = ((next[zone] || 0) + 1) % holders.length; // the queue at this end, in order
        barcode = holders[next[zone]];
      }
      if (random() < 0.02) barcode = barcode.slice(0, 9) + String((Number(barcode[9]) + 1) % 10);
      scans.push({ barcode, direction: random() < 0.08 ? 'out' : 'in', at: Date.now() });
    }
    yield { gate, scans };
  }
}

module.exports = { turnstileBatches };

'use strict';

const Pyroscope = require('@pyroscope/nodejs');
const { setTimeout: sleep } = require('node:timers/promises');
const { STORES, rng, addressBook } = require('./stores');
const { RoundPlanner, MAX_DROPS } = require('./rounds');

Pyroscope.init({
  appName: 'grocery-rounds',
  serverAddress: process.env.PYROSCOPE_SERVER_ADDRESS || 'http://localhost:4040',
  tags: {
    service_repository: process.env.SERVICE_REPOSITORY || '',
    service_git_ref: process.env.SERVICE_GIT_REF || '',
  },
  flushIntervalMs: 5000,
  wall: { collectCpuTime: true },
});

const ROUNDS_PER_STORE = 24;

/** Slot bookings and cancellations as the booking site sends them. */
function* slotTraffic(planner, book, rand) {
  const roundIds = [...planner.rounds.keys()];
  let n = 0;
  for (;;) {
    const round = planner.rounds.get(roundIds[Math.floor(rand() * roundIds.length)]);
    n += 1;
    if (round.drops.length > 0 && (round.full || rand() < 0.3)) {
      const drop = round.drops[Math.floor(rand() * round.drops.length)];
      yield { kind: 'cancel', roundId: round.id, orderId: drop.orderId };
    } else {
      const addresses = book[round.store.code];
      yield {
        kind: 'book',
        roundId: round.id,
        booking: { orderId: `GO-${n}`, address: addresses[Math.floor(rand() * addresses.length)] },
      };
    }
  }
}

async function main() {
  const planner = new RoundPlanner(STORES);
  const book = addressBook(2000, 7);
  const day = Date.UTC(2026, 0, 15, 8, 0, 0);
  for (const st of STORES) {
    for (let r = 0; r < ROUNDS_PER_STORE; r += 1) {
      planner.openRound(`${st.code}-R${r + 1}`, st.code, day + Math.floor(r / 4) * 2 * 3600e3);
    }
  }
  const rand = rng(2026);
  const traffic = slotTraffic(planner, book, rand);
  Pyroscope.start();
  const deadline = Date.now() + Number(process.env.LOAD_SECONDS || 20) * 1000;
  const counts = { book: 0, cancel: 0, full: 0 };
  while (Date.now() < deadline) {
    for (let i = 0; i < 5; i += 1) {
      const req = traffic.next().value;
      const res = req.kind === 'book' ? planner.book(req.roundId, req.booking) : planner.cancel(req.roundId, req.orderId);
      counts[req.kind] += 1;
      if (res.status === 409) counts.full += 1;
    }
    await sleep(1);
  }
  for (let i = 0; i < 2; i += 1) await new Promise((resolve) => setImmediate(resolve)); // let a due profile upload start first
  await Pyroscope.stop();
  let drops = 0;
  for (const r of planner.rounds.values()) drops += r.drops.length;
  console.log(`handled ${JSON.stringify(counts)}, ${planner.replans} re-plans, ${drops} drops on ${planner.rounds.size} rounds (max ${MAX_DROPS})`);
  process.exit(0);
}

main();

'use strict';

const { distanceMatrix } = require('./geo');
const { shortestTour } = require('./routing');

const VAN_KMH = 28;
const MAX_DROPS = 9;

class Round {
  constructor(id, store, departs) {
    this.id = id;
    this.store = store;
    this.departs = departs;
    this.drops = [];
    this.plan = { order: [], km: 0, windows: [] };
    this.revision = 0;
  }

  get full() {
    return this.drops.length >= MAX_DROPS;
  }
}

class RoundPlanner {
  constructor(stores) {
    this.stores = new Map(stores.map((s) => [s.code, s]));
    this.rounds = new Map();
    this.replans = 0;
  }

  openRound(id, storeCode, departs) {
    const round = new Round(id, this.stores.get(storeCode), departs);
    this.rounds.set(id, round);
    return round;
  }

  /** A customer booked a slot on the round: add the drop and re-plan. */
  book(roundId, booking) {
    const round = this.rounds.get(roundId);
    if (!round) return { status: 404 };
    if (round.full) return { status: 409, reason: 'round full' };
    if (round.drops.some((d) => d.orderId === booking.orderId)) return { status: 200, plan: round.plan };
    round.drops.push(booking);
    this.replan(round);
    return { status: 201, plan: round.plan };
  }

  /** A customer cancelled or moved their slot: drop it and re-plan. */
  cancel(roundId, orderId) {
    const round = this.rounds.get(roundId);
    if (!round) return { status: 404 };
    const before = round.drops.length;
    round.drops = round.drops.filter((d) => d.orderId !== orderId);
    if (round.drops.length === before) return { status: 404 };
    this.replan(round);
    return { status: 200, plan: round.plan };
  }

  replan(round) {
    const points = [round.store, ...round.drops.map((d) => d.address)];
    const matrix = distanceMatrix(points);
    const tour = shortestTour(matrix);
    const windows = [];
    let t = round.departs;
    let prev = 0;
    for (const idx of tour.order) {
      t += (matrix[prev][idx] / VAN_KMH) * 3600e3;
      const drop = round.drops[idx - 1];
      windows.push({ orderId: drop.orderId, from: t - 15 * 60e3, to: t + 15 * 60e3 });
      t += drop.address.minutesAtDoor * 60e3;
      prev = idx;
    }
    round.plan = { order: tour.order.map((idx) => round.drops[idx - 1].orderId), km: tour.km, windows };
    round.revision += 1;
    this.replans += 1;
  }
}

module.exports = { RoundPlanner, MAX_DROPS };

'use strict';

const { Fifo } = require('./fifo');
const { buildTicket, bumped } = require('./tickets');

const STATIONS = [
  { code: 'GRL', name: 'grill', categories: ['steak', 'burger', 'fish'] },
  { code: 'FRY', name: 'fryer', categories: ['fries', 'fried'] },
  { code: 'CLD', name: 'cold line', categories: ['salad', 'starter', 'dessert'] },
  { code: 'SAU', name: 'sauté', categories: ['pasta', 'side'] },
  { code: 'BAR', name: 'bar', categories: ['drink'] },
];

class Kitchen {
  constructor() {
    this.stations = STATIONS.map((s) => ({ ...s, screen: new Fifo(), done: 0, totalMs: 0, slowest: 0 }));
    this.byCategory = new Map();
    for (const station of this.stations) {
      for (const category of station.categories) this.byCategory.set(category, station);
    }
    this.orders = 0;
  }

  // POST /orders: split the order's lines by station and queue one ticket on each screen.
  receiveOrder(order, now) {
    const perStation = new Map();
    for (const line of order.lines) {
      const station = this.byCategory.get(line.item.category) || this.stations[0];
      if (!perStation.has(station)) perStation.set(station, []);
      perStation.get(station).push(line);
    }
    const queued = [];
    for (const [station, lines] of perStation) {
      const ticket = buildTicket(order, station, lines, now);
      station.screen.push(ticket);
      queued.push(ticket.id);
    }
    this.orders += 1;
    return { status: 201, tickets: queued };
  }

  // POST /stations/:code/bump: the cook plated the oldest ticket on the screen.
  bump(code, now, by) {
    const station = this.stations.find((s) => s.code === code);
    if (!station) return { status: 404 };
    const ticket = station.screen.shift();
    if (!ticket) return { status: 204 };
    const ms = bumped(ticket, now, by);
    station.done += 1;
    station.totalMs += ms;
    if (ms > station.slowest) station.slowest = ms;
    return { status: 200, ticket: ticket.id, ms };
  }

  waiting(code) {
    const station = this.stations.find((s) => s.code === code);
    return station ? station.screen.length : 0;
  }

  // GET /expo: queue depth, oldest ticket and average ticket time per station.
  expo(now) {
    return this.stations.map((s) => {
      const oldest = s.screen.peek();
      return {
        station: s.name,
        waiting: s.screen.length,
        oldestMs: oldest ? now - oldest.receivedAt : 0,
        averageMs: s.done ? Math.round(s.totalMs / s.done) : 0,
        slowestMs: s.slowest,
      };
    });
  }
}

module.exports = { Kitchen, STATIONS };

'use strict';

class AlertService {
  constructor(bus) {
    this.bus = bus;
    this.delivered = 0;
  }

  poll(client, respond) {
    const request = {
      clientId: client.id,
      watchlist: client.watchlist.map((symbol) => ({ symbol, above: client.limits[symbol] * 1.02, below: client.limits[symbol] * 0.98 })),
      history: new Array(64).fill(0),
      receivedAt: Date.now(),
      answered: false,
    };
    this.bus.on('tick', (tick) => {
      if (request.answered) return;
      for (const watch of request.watchlist) {
        if (watch.symbol === tick.symbol && (tick.price > watch.above || tick.price < watch.below)) {
          request.answered = true;
          this.delivered += 1;
          respond({ clientId: request.clientId, symbol: tick.symbol, price: tick.price });
          return;
        }
      }
    });
  }
}

module.exports = { AlertService };

'use strict';

const SERVICES = ['standard', 'standard', 'standard', 'express', 'saver'];

function* quoteRequests(seed = 5) {
  let state = seed >>> 0;
  const rand = () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 4294967296;
  };
  const warehouses = ['10115', '20095', '50667', '80331'];
  while (true) {
    yield {
      fromPostcode: warehouses[Math.floor(rand() * warehouses.length)],
      toPostcode: String(1000 + Math.floor(rand() * 98999)).padStart(5, '0'),
      weightGrams: 100 + Math.floor(rand() * 30000),
      service: SERVICES[Math.floor(rand() * SERVICES.length)],
    };
  }
}

module.exports = { quoteRequests };

'use strict';

const { EventEmitter } = require('node:events');

function createMarketBus() {
  const bus = new EventEmitter();
  bus.setMaxListeners(0);
  return bus;
}

module.exports = { createMarketBus };

'use strict';

// Arrival-order queue for a station screen. Array#shift() re-indexes the whole
// array on every call, so this keeps a read position instead and dequeues in O(1).
class Fifo {
  constructor() {
    this.items = [];
    this.head = 0;
  }

  push(item) {
    this.items.push(item);
    return this.items.length - this.head;
  }

  peek() {
    return this.head < this.items.length ? this.items[this.head] : undefined;
  }

  shift() {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head];
    this.head += 1;
    return item;
  }

  get length() {
    return this.items.length - this.head;
  }

  *[Symbol.iterator]() {
    for (let i = this.head; i < this.items.length; i += 1) yield this.items[i];
  }
}

module.exports = { Fifo };

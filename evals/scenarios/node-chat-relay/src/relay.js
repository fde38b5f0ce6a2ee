'use strict';

const { encodeFrame } = require('./frames');

// Conversations and the sockets (agent consoles, customer widgets) that follow them.
class Relay {
  constructor() {
    this.conversations = new Map();
    this.framesSent = 0;
    this.bytesSent = 0;
  }

  join(conversation, socket) {
    if (!this.conversations.has(conversation)) this.conversations.set(conversation, new Set());
    this.conversations.get(conversation).add(socket);
  }

  leave(conversation, socket) {
    const sockets = this.conversations.get(conversation);
    if (sockets === undefined) return;
    sockets.delete(socket);
    if (sockets.size === 0) this.conversations.delete(conversation);
  }

  publish(conversation, message) {
    const sockets = this.conversations.get(conversation);
    if (sockets === undefined) return 0;
    const frame = encodeFrame({ type: 'message', conversation, ...message });
    for (const socket of sockets) {
      socket.send(frame);
      this.framesSent += 1;
      this.bytesSent += frame.length;
    }
    return sockets.size;
  }
}

module.exports = { Relay };

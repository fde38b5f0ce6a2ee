'use strict';

// Callbacks waiting for the broker's delivery acknowledgement, in publish order.
const awaitingAck = [];
let published = 0;
let acked = 0;

function send(topic, message) {
  published += 1;
  // the broker client writes the frame to its socket; frames are small
  return { topic, sequence: published, bytes: message.length };
}

function publish(topic, event, onDelivered) {
  const frame = send(topic, JSON.stringify({ type: event.type, orderId: event.orderId, at: event.at }));
  awaitingAck.push(() => onDelivered(event, frame));
  return frame.sequence;
}

// Called by the broker client when it receives an ack for requireAck publishes.
function onBrokerAck(sequence) {
  if (awaitingAck.length === 0) return;
  acked += 1;
  const callback = awaitingAck[sequence - acked];
  if (callback) callback();
}

function stats() {
  return { published, acked, awaiting: awaitingAck.length };
}

module.exports = { publish, onBrokerAck, stats };

'use strict';

// Synthetic support-chat traffic: sockets joining and leaving conversations, and messages.
const PHRASES = [
  'Hi, my parcel was supposed to arrive yesterday but the tracking page has not changed since Monday.',
  'Thanks for waiting, I am checking the shipment with the carrier now.',
  'Could you send me a photo of the damaged item and the label on the box?',
  'I have refunded the shipping costs, you will see them on your card within 3-5 business days.',
  'The replacement is reserved for you and leaves our warehouse today.',
  'Is there anything else I can help you with?',
];

class MemorySocket {
  constructor(id) {
    this.id = id;
    this.buffered = 0;
  }

  send(frame) {
    this.buffered = (this.buffered + frame.length) % 65536;
  }
}

function makeRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

function* chatTraffic(seed = 17) {
  const rand = makeRandom(seed);
  const open = [];
  let sockets = 0;
  let sequence = 0;
  while (true) {
    const roll = rand();
    if (open.length < 50 || roll < 0.04) {
      const conversation = `c-${Math.floor(rand() * 400)}`;
      const socket = new MemorySocket(`s-${(sockets += 1)}`);
      open.push({ conversation, socket });
      yield { type: 'join', conversation, socket };
    } else if (roll < 0.07) {
      const { conversation, socket } = open.splice(Math.floor(rand() * open.length), 1)[0];
      yield { type: 'leave', conversation, socket };
    } else {
      const { conversation } = open[Math.floor(rand() * open.length)];
      const lines = 1 + Math.floor(rand() * 3);
      yield {
        type: 'message',
        conversation,
        message: {
          id: `m-${(sequence += 1)}`,
          sentAt: new Date(1768471200000 + sequence * 750).toISOString(),
          author: { id: `u-${Math.floor(rand() * 5000)}`, role: rand() < 0.5 ? 'agent' : 'customer', displayName: 'Support' },
          text: Array.from({ length: lines }, () => PHRASES[Math.floor(rand() * PHRASES.length)]).join(' '),
          attachments: rand() < 0.1 ? [{ kind: 'image', url: `https://cdn.acme.example/chat/${sequence}.jpg`, width: 1280, height: 960 }] : [],
          readBy: [],
        },
      };
    }
  }
}

module.exports = { chatTraffic, MemorySocket };

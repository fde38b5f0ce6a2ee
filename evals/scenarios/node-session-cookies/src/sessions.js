'use strict';

const TTL_MS = 30 * 60 * 1000;

function newSession(userId, now) {
  return { uid: userId, cart: [], locale: 'de-DE', csrf: Math.random().toString(36).slice(2), exp: now + TTL_MS };
}

function touch(session, request, now) {
  if (session.exp < now) {
    return newSession(session.uid, now);
  }
  const next = { ...session, exp: now + TTL_MS };
  if (request.addToCart) {
    next.cart = [...session.cart.slice(-20), request.addToCart];
  }
  return next;
}

module.exports = { newSession, touch };

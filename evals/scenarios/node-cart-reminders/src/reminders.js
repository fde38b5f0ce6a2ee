'use strict';

// A cart nobody touched for this long gets an "you left something behind" e-mail.
const ABANDONED_AFTER_MS = 4 * 60 * 60 * 1000;
const CHECK_EVERY_MS = 15 * 60 * 1000;

let sent = 0;

function sendReminder(cart) {
  sent += 1;
  return { to: cart.customer.email, subject: `Still thinking about ${cart.items[0].title}?` };
}

// Called for every saved cart: keep checking it until it is abandoned.
function watchCart(cart) {
  setInterval(() => {
    if (!cart.checkedOut && Date.now() - cart.updatedAt > ABANDONED_AFTER_MS) {
      sendReminder(cart);
    }
  }, CHECK_EVERY_MS);
}

function remindersSent() {
  return sent;
}

module.exports = { watchCart, remindersSent };

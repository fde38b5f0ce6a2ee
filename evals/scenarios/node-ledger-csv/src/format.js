'use strict';

function formatAmount(cents) {
  const whole = Math.floor(cents / 100);
  const rest = Math.abs(cents % 100);
  return `${whole}.${rest < 10 ? '0' : ''}${rest}`;
}

function formatDate(millis) {
  const d = new Date(millis);
  const month = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  return `${d.getUTCFullYear()}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

module.exports = { formatAmount, formatDate };

'use strict';

const crypto = require('node:crypto');

const SALT = 'session-gateway/cookie/v2';

function cookieKey(secret) {
  return crypto.scryptSync(secret, SALT, 32, { N: 16384, r: 8, p: 1 });
}

function seal(payload, secret) {
  const key = cookieKey(secret);
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(payload), 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((part) => part.toString('base64url')).join('.');
}

function open(cookie, secret) {
  const [iv, tag, body] = cookie.split('.').map((part) => Buffer.from(part, 'base64url'));
  const decipher = crypto.createDecipheriv('aes-256-gcm', cookieKey(secret), iv);
  decipher.setAuthTag(tag);
  return JSON.parse(Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8'));
}

module.exports = { seal, open };

'use strict';

// Customer mail as the provider's webhook delivers it: the raw message bytes.

const SUBJECTS = [
  'Order not received', 'Refund request', 'Wrong size delivered', 'Cannot log in',
  'Invoice needed for my company', 'Damaged parcel', 'Change delivery address', 'Cancel my order',
];
const LINES = [
  'Hello, I am writing about my recent order.',
  'The tracking page has not changed for four days.',
  'Please find the photos of the parcel attached.',
  'I already tried the steps from your help page.',
  'Could you please get back to me today?',
  'My customer number is in the signature below.',
];

function lcg(seed) {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

function base64Block(random, bytes) {
  const chunk = Buffer.alloc(57);
  const lines = [];
  for (let done = 0; done < bytes; done += 57) {
    for (let i = 0; i < 57; i += 1) chunk[i] = Math.floor(random() * 256);
    lines.push(chunk.toString('base64'));
  }
  return lines.join('\r\n');
}

function* inboundMail(seed) {
  const random = lcg(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const recent = [];
  let n = 0;
  while (true) {
    n += 1;
    const customer = `customer${Math.floor(random() * 3000)}@mail.example`;
    const messageId = `<${n.toString(36)}.${Math.floor(random() * 1e9).toString(36)}@mail.example>`;
    const replyTo = recent.length > 0 && random() < 0.4 ? pick(recent) : null;
    const subject = replyTo ? `Re: ${replyTo.subject}` : pick(SUBJECTS);
    const boundary = `----=_Part_${n}`;
    const text = Array.from({ length: 4 + Math.floor(random() * 8) }, () => pick(LINES)).join('\r\n');
    const headers = [
      `Return-Path: <${customer}>`,
      `Received: from mx${n % 7}.mail.example by inbound.acme.example; ${new Date(1768471200000 + n * 1000).toUTCString()}`,
      `Message-ID: ${messageId}`,
      `Date: ${new Date(1768471200000 + n * 1000).toUTCString()}`,
      `From: ${customer.split('@')[0]} <${customer}>`,
      'To: support@acme.example',
      `Subject: ${subject}`,
      ...(replyTo ? [`In-Reply-To: ${replyTo.messageId}`, `References: ${replyTo.messageId}`] : []),
      'MIME-Version: 1.0',
      `Content-Type: multipart/mixed; boundary="${boundary}"`,
    ];
    const raw = [
      headers.join('\r\n'),
      '',
      `--${boundary}`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      text,
      `--${boundary}`,
      'Content-Type: image/jpeg; name="photo.jpg"',
      'Content-Transfer-Encoding: base64',
      '',
      base64Block(random, 12000 + Math.floor(random() * 30000)),
      `--${boundary}--`,
      '',
    ].join('\r\n');
    recent.push({ messageId, subject: subject.replace(/^Re: /, '') });
    if (recent.length > 200) recent.shift();
    yield Buffer.from(raw, 'latin1');
  }
}

module.exports = { inboundMail };

'use strict';

const { address, parseMessage } = require('./mime');
const { ThreadIndex } = require('./threads');

const SNIPPET_LENGTH = 140;

class Inbox {
  constructor({ maxSummaries }) {
    this.index = new ThreadIndex(maxSummaries);
    this.bytes = 0;
  }

  // POST /webhooks/inbound-mail: the body is the raw message.
  receive(body) {
    const message = parseMessage(body);
    const { headers } = message;
    const messageId = headers['message-id'];
    const inReplyTo = headers['in-reply-to'];
    const threadId = this.index.threadFor(messageId, inReplyTo);
    const summary = {
      messageId,
      from: address(headers.from),
      subject: headers.subject || '(no subject)',
      receivedAt: headers.date,
      snippet: message.plain.slice(0, SNIPPET_LENGTH),
      size: message.size,
    };
    this.index.add(threadId, summary);
    this.bytes += message.size;
    return { threadId, reply: threadId !== messageId };
  }

  stats() {
    return `${this.index.threads.size} conversations, ${this.index.size} summaries, ${Math.round(this.bytes / 1048576)} MiB received`;
  }
}

module.exports = { Inbox };

'use strict';

// The agents' conversation list: the latest message summaries per conversation, bounded.

class ThreadIndex {
  constructor(maxSummaries) {
    this.maxSummaries = maxSummaries;
    this.threads = new Map(); // thread id -> { id, subject, customer, summaries: [] }
    this.byMessageId = new Map(); // message id -> thread id
    this.order = []; // [thread id, message id] oldest first
  }

  threadFor(messageId, inReplyTo) {
    return (inReplyTo && this.byMessageId.get(inReplyTo)) || messageId;
  }

  add(threadId, summary) {
    let thread = this.threads.get(threadId);
    if (!thread) {
      thread = { id: threadId, subject: summary.subject, customer: summary.from, summaries: [] };
      this.threads.set(threadId, thread);
    }
    thread.summaries.push(summary);
    this.byMessageId.set(summary.messageId, threadId);
    this.order.push([threadId, summary.messageId]);
    while (this.order.length > this.maxSummaries) this.dropOldest();
    return thread;
  }

  dropOldest() {
    const [threadId, messageId] = this.order.shift();
    this.byMessageId.delete(messageId);
    const thread = this.threads.get(threadId);
    if (!thread) return;
    thread.summaries = thread.summaries.filter((s) => s.messageId !== messageId);
    if (thread.summaries.length === 0) this.threads.delete(threadId);
  }

  get size() {
    return this.order.length;
  }
}

module.exports = { ThreadIndex };

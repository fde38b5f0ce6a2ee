'use strict';

const PARAM = /\{(\w+)\}/g;

function formatMessage(template, params) {
  return template.replace(PARAM, (match, name) => (name in params ? String(params[name]) : match));
}

function renderStrings(bundle, params) {
  const out = {};
  for (const [namespace, messages] of Object.entries(bundle)) {
    for (const [key, template] of Object.entries(messages)) out[`${namespace}:${key}`] = formatMessage(template, params);
  }
  return out;
}

module.exports = { formatMessage, renderStrings };

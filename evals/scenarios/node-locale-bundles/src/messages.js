'use strict';

const fs = require('node:fs');
const path = require('node:path');

const LOCALE_DIR = process.env.LOCALE_DIR || path.join(__dirname, '..', 'locales');
const DEFAULT_LOCALE = 'en';

function fallbackChain(locale) {
  const chain = [];
  const parts = locale.split('-');
  for (let i = parts.length; i > 0; i -= 1) chain.push(parts.slice(0, i).join('-'));
  if (!chain.includes(DEFAULT_LOCALE)) chain.push(DEFAULT_LOCALE);
  return chain;
}

function loadNamespace(locale, namespace) {
  const merged = {};
  for (const candidate of fallbackChain(locale).reverse()) {
    const file = path.join(LOCALE_DIR, candidate, `${namespace}.json`);
    if (!fs.existsSync(file)) continue;
    Object.assign(merged, JSON.parse(fs.readFileSync(file, 'utf8')));
  }
  return merged;
}

function pageMessages(locale, namespaces) {
  const bundle = {};
  for (const namespace of namespaces) bundle[namespace] = loadNamespace(locale, namespace);
  return bundle;
}

module.exports = { fallbackChain, loadNamespace, pageMessages };
